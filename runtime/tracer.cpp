#include "runtime/tracer.h"

#include <mimalloc.h>

#include <cstring>

#include "runtime/fatal.h"

namespace goro::runtime {

namespace {
constexpr size_t kInitialSlots = 4096;
}

Tracer::Tracer() {
  auto* memory = static_cast<Object**>(mi_calloc(kPrefetchDistance + kInitialSlots, sizeof(Object*)));
  if (memory == nullptr) fatalOutOfMemory("cannot allocate the mark stack");
  base_ = memory + kPrefetchDistance;
  top_ = base_;
  limit_ = base_ + kInitialSlots;
}

Tracer::~Tracer() { mi_free(base_ - kPrefetchDistance); }

void Tracer::full() {
  size_t half = size() / 2;
  if (spill_ == nullptr || half == 0) {
    grow();
    return;
  }
  spill_->spill(base_, half);
  std::memmove(base_, base_ + half, (size() - half) * sizeof(Object*));
  top_ -= half;
}

void Tracer::takeOldest(Object** out, size_t n) {
  std::memcpy(out, base_, n * sizeof(Object*));
  std::memmove(base_, base_ + n, (size() - n) * sizeof(Object*));
  top_ -= n;
}

void Tracer::grow() {
  size_t n = capacity();
  auto* memory =
      static_cast<Object**>(mi_realloc(base_ - kPrefetchDistance, (kPrefetchDistance + 2 * n) * sizeof(Object*)));
  if (memory == nullptr) fatalOutOfMemory("cannot grow the mark stack");
  Object** bigger = memory + kPrefetchDistance;  // the guard moved with the rest
  base_ = bigger;
  top_ = bigger + n;
  limit_ = bigger + 2 * n;
}

}  // namespace goro::runtime

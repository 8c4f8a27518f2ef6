#include "runtime/tracer.h"

#include <mimalloc.h>

#include <cstring>

#include "runtime/fatal.h"

namespace goro::runtime {

namespace {
constexpr size_t kInitialSlots = 4096;
}

Tracer::Tracer() {
  base_ = static_cast<Object**>(mi_malloc(kInitialSlots * sizeof(Object*)));
  if (base_ == nullptr) fatalOutOfMemory("cannot allocate the mark stack");
  top_ = base_;
  limit_ = base_ + kInitialSlots;
}

Tracer::~Tracer() { mi_free(base_); }

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
  auto* bigger = static_cast<Object**>(mi_realloc(base_, 2 * n * sizeof(Object*)));
  if (bigger == nullptr) fatalOutOfMemory("cannot grow the mark stack");
  base_ = bigger;
  top_ = bigger + n;
  limit_ = bigger + 2 * n;
}

}  // namespace goro::runtime

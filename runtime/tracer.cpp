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

void Tracer::grow() {
  size_t n = capacity();
  auto* bigger = static_cast<Object**>(mi_realloc(base_, 2 * n * sizeof(Object*)));
  if (bigger == nullptr) fatalOutOfMemory("cannot grow the mark stack");
  base_ = bigger;
  top_ = bigger + n;
  limit_ = bigger + 2 * n;
}

}  // namespace goro::runtime

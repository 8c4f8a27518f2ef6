#include "gc/mark.h"

#include <cstring>

#include "alloc/arena.h"
#include "alloc/mheap.h"
#include "alloc/span.h"
#include "gc/mark_loop.h"

namespace goro::gc {

using runtime::Object;

MarkCounts drainMarkStack(runtime::Tracer& tracer, bool checkPointers) {
  return detail::markLoop<false>(tracer, checkPointers, [](const Object*, size_t) {}, [](bool) {});
}

MarkCounts drainMarkStack(runtime::Tracer& tracer, bool checkPointers, MarkObserver& observer) {
  return detail::markLoop<false>(
      tracer, checkPointers, [&observer](const Object* o, size_t bytes) { observer.marked(o, bytes); }, [](bool) {});
}

uint64_t allocatedBytes(const Object* o) {
  if (o->flags & runtime::kFlagOffHeap) return runtime::typeInfo(o).sizeOf(o);
  return alloc::spanOf(o)->elemSize;
}

MarkCounts markObjectOnly(const Object* o, MarkObserver& observer) {
  if (o->flags & runtime::kFlagOffHeap) return {};
  alloc::Span* s = alloc::spanOf(o);
  if (s->testAndSetMark(s->indexOf(reinterpret_cast<uintptr_t>(o)))) return {};
  observer.marked(o, s->elemSize);
  return {1, s->elemSize};
}

bool isMarked(const Object* o) {
  if (o->flags & runtime::kFlagOffHeap) return true;
  alloc::Span* s = alloc::spanOf(o);
  return s->isMarked(s->indexOf(reinterpret_cast<uintptr_t>(o)));
}

void clearAllMarks() {
  alloc::Heap::instance().forEachSpan([](alloc::Span* s) {
    std::memset(s->markBits, 0, alloc::Span::bitmapWords(s->nelems) * sizeof(uint64_t));
  });
}

}  // namespace goro::gc

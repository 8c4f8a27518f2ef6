#include "gc/mark.h"

#include <cstring>

#include "alloc/arena.h"
#include "alloc/mheap.h"
#include "alloc/span.h"
#include "runtime/fatal.h"
#include "runtime/objects.h"

namespace goro::gc {

using runtime::Object;

namespace {
[[noreturn]] void badPointer(const Object* o) {
  runtime::fatalf("found bad pointer in Goro heap: %p is not an allocated object", static_cast<const void*>(o));
}
}  // namespace

MarkCounts drainMarkStack(runtime::Tracer& tracer, bool checkPointers) {
  MarkCounts counts;
  while (!tracer.empty()) {
    Object* o = tracer.pop();
    if (checkPointers && !alloc::Heap::instance().isAllocatedObject(o)) {
      if (alloc::Heap::instance().isPersistentObject(o)) continue;
      badPointer(o);
    }
    if (o->flags & runtime::kFlagOffHeap) continue;
    alloc::Span* s = alloc::spanOf(o);
    if (s->testAndSetMark(s->indexOf(reinterpret_cast<uintptr_t>(o)))) continue;
    counts.objects++;
    counts.bytes += s->elemSize;
    // The common kinds are traced inline; the rest through their descriptor.
    switch (o->kind) {
      case runtime::Kind::Vector: {
        auto* v = static_cast<runtime::Vector*>(o);
        tracer.visitRange(v->slots, v->count());
        break;
      }
      case runtime::Kind::Cell:
        tracer.visit(static_cast<runtime::Cell*>(o)->value);
        break;
      default: {
        const runtime::TypeInfo& type = runtime::typeInfo(o->kind);
        if (!type.noScan) type.trace(o, tracer);
      }
    }
  }
  return counts;
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

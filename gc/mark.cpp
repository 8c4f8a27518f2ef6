#include "gc/mark.h"

#include <cstring>

#include "alloc/arena.h"
#include "alloc/mheap.h"
#include "alloc/span.h"
#include "runtime/fatal.h"
#include "runtime/object_layouts.h"

namespace goro::gc {

using runtime::Object;

namespace {
[[noreturn]] void badPointer(const Object* o) {
  runtime::fatalf("found bad pointer in Goro heap: %p is not an allocated object", static_cast<const void*>(o));
}

// The marking loop; onMark(o, bytes) is told of every object it marks (a
// no-op the compiler removes, for a cycle).
template <typename OnMark>
MarkCounts drain(runtime::Tracer& tracer, bool checkPointers, OnMark&& onMark) {
  MarkCounts counts;
  while (!tracer.empty()) {
    Object* o = tracer.pop();
    // Marks o, then goes on with its last reference directly instead of
    // through the stack (a list is then marked without a push or a pop).
    while (o != nullptr) {
      if (checkPointers && !alloc::Heap::instance().isAllocatedObject(o)) {
        if (alloc::Heap::instance().isPersistentObject(o)) break;
        badPointer(o);
      }
      if (o->flags & runtime::kFlagOffHeap) break;
      alloc::Span* s = alloc::spanOf(o);
      if (s->testAndSetMark(s->indexOf(reinterpret_cast<uintptr_t>(o)))) break;
      counts.objects++;
      counts.bytes += s->elemSize;
      onMark(o, s->elemSize);
      Object* next = nullptr;
      switch (o->kind) {
        case runtime::Kind::Vector: {
          auto* v = static_cast<runtime::Vector*>(o);
          uint32_t n = v->count();
          for (uint32_t i = 0; i < n; i++) {
            runtime::Value slot = v->slots[i];
            if (!slot.isObject()) continue;
            if (next != nullptr) tracer.push(next);
            next = slot.asObject();
          }
          break;
        }
        case runtime::Kind::Cell: {
          runtime::Value value = static_cast<runtime::Cell*>(o)->value;
          if (value.isObject()) next = value.asObject();
          break;
        }
        default: {
          const runtime::TypeInfo& type = runtime::typeInfo(o->kind);
          if (!type.noScan) type.trace(o, tracer);
        }
      }
      o = next;
    }
  }
  return counts;
}

}  // namespace

MarkCounts drainMarkStack(runtime::Tracer& tracer, bool checkPointers) {
  return drain(tracer, checkPointers, [](const Object*, size_t) {});
}

MarkCounts drainMarkStack(runtime::Tracer& tracer, bool checkPointers, MarkObserver& observer) {
  return drain(tracer, checkPointers, [&observer](const Object* o, size_t bytes) { observer.marked(o, bytes); });
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

// The marking loop, shared by the sequential mark (gc/mark.cpp) and each
// parallel marking worker (gc/parallel_mark.cpp). Internal to gc/.
//
// Pops a reference, sets the object's mark bit and, if it was clear,
// pushes the object's references through its kind's trace function; it
// goes on with an object's last reference directly instead of through the
// stack (a list is then marked without a push or a pop). No recursion,
// whatever the depth of the graph.
//
// Parameters chosen at compile time, so the sequential instantiation costs
// exactly what the loop cost before there were workers:
//   kAtomic  set mark bits with an atomic or (several workers), or with a
//            plain one (one thread);
//   onMark   onMark(o, bytes) is told of every object marked (the slot
//            reports; a no-op the compiler removes otherwise);
//   afterPop afterPop() runs once per reference popped (a parallel worker
//            counts there and now and then gives work away).
#pragma once

#include "alloc/mheap.h"
#include "alloc/span.h"
#include "gc/mark.h"
#include "runtime/fatal.h"
#include "runtime/object_layouts.h"

namespace goro::gc::detail {

[[noreturn]] inline void badPointer(const runtime::Object* o) {
  runtime::fatalf("found bad pointer in Goro heap: %p is not an allocated object", static_cast<const void*>(o));
}

template <bool kAtomic, typename OnMark, typename AfterPop>
MarkCounts markLoop(runtime::Tracer& tracer, bool checkPointers, OnMark&& onMark, AfterPop&& afterPop) {
  using runtime::Object;
  MarkCounts counts;
  while (!tracer.empty()) {
    Object* o = tracer.pop();
    afterPop();
    while (o != nullptr) {
      if (checkPointers && !alloc::Heap::instance().isAllocatedObject(o)) {
        if (alloc::Heap::instance().isPersistentObject(o)) break;
        badPointer(o);
      }
      if (o->flags & runtime::kFlagOffHeap) break;
      alloc::Span* s = alloc::spanOf(o);
      uint32_t index = s->indexOf(reinterpret_cast<uintptr_t>(o));
      if (kAtomic ? s->testAndSetMarkAtomic(index) : s->testAndSetMark(index)) break;
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

}  // namespace goro::gc::detail

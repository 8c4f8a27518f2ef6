#include "gc/verify.h"

#include <string>

#include "alloc/mheap.h"
#include "alloc/span.h"
#include "gc/mark.h"
#include "runtime/fatal.h"
#include "runtime/object_layouts.h"
#include "runtime/tracer.h"

namespace goro::gc {

using runtime::Object;

namespace {

// Calls f(object) for every allocated slot (only marked ones when
// markedOnly).
template <typename F>
void forEachObject(bool markedOnly, F&& f) {
  alloc::Heap::instance().forEachSpan([&](alloc::Span* s) {
    for (uint32_t i = 0; i < s->nelems; i++) {
      bool live = markedOnly ? s->isMarked(i) : s->isAllocated(i);
      if (live) f(reinterpret_cast<Object*>(s->slotAddress(i)));
    }
  });
}

bool validKind(const Object* o) { return static_cast<size_t>(o->kind) < runtime::kKindCount; }

}  // namespace

void verifyMarks() {
  runtime::Tracer children;
  forEachObject(true, [&](Object* o) {
    if (!validKind(o)) runtime::fatalf("gccheckmark: marked object %p has bad kind %u", static_cast<void*>(o), unsigned(o->kind));
    const runtime::TypeInfo& type = runtime::typeInfo(o);
    if (type.noScan) return;
    type.trace(o, children);
    while (!children.empty()) {
      Object* child = children.pop();
      if (!isMarked(child)) {
        std::string from = runtime::describeObject(o);
        runtime::fatalf("gccheckmark: marked object %s points to unmarked object %p", from.c_str(),
                        static_cast<void*>(child));
      }
    }
  });
}

uint64_t verifyHeap() {
  alloc::Heap& heap = alloc::Heap::instance();
  runtime::Tracer children;
  uint64_t checked = 0;
  forEachObject(false, [&](Object* o) {
    checked++;
    if (!validKind(o)) runtime::fatalf("verifyHeap: object %p has bad kind %u", static_cast<void*>(o), unsigned(o->kind));
    const runtime::TypeInfo& type = runtime::typeInfo(o);
    if (type.noScan) return;
    type.trace(o, children);
    while (!children.empty()) {
      Object* child = children.pop();
      if (!heap.isAllocatedObject(child) && !heap.isPersistentObject(child)) {
        std::string from = runtime::describeObject(o);
        runtime::fatalf("verifyHeap: object %s points to %p, which is not an allocated object", from.c_str(),
                        static_cast<void*>(child));
      }
    }
  });
  return checked;
}

}  // namespace goro::gc

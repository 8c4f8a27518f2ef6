// Marking: from the references in a Tracer's work list to every object
// they reach, with an explicit stack and no recursion (gc/collector.h).
#pragma once

#include <cstdint>

#include "runtime/object_model.h"
#include "runtime/tracer.h"

namespace goro::gc {

struct MarkCounts {
  uint64_t objects = 0;
  uint64_t bytes = 0;
  MarkCounts& operator+=(const MarkCounts& o) {
    objects += o.objects;
    bytes += o.bytes;
    return *this;
  }
};

// Pops every pending reference, marks it and traces what it points to,
// until the work list is empty. Returns what was newly marked. With
// `checkPointers`, every reference is first checked to be an allocated heap
// object (slow; GODEBUG=gccheckmark=1), and a bad one is a fatal error.
MarkCounts drainMarkStack(runtime::Tracer& tracer, bool checkPointers);

// Told of each object as it is marked (the slot reports, gc/root_slots.h).
class MarkObserver {
 public:
  virtual ~MarkObserver() = default;
  virtual void marked(const runtime::Object* o, size_t bytes) = 0;
};
// drainMarkStack, telling observer of every object it marks.
MarkCounts drainMarkStack(runtime::Tracer& tracer, bool checkPointers, MarkObserver& observer);

// Marks o alone, not what it references (a table whose entries are root
// slots of their own, gc/root_slots.h), telling observer if it was not
// marked yet.
MarkCounts markObjectOnly(const runtime::Object* o, MarkObserver& observer);

// The bytes o occupies as marking counts them (MarkCounts::bytes): its
// size class's slot in the heap (an array of 56 bytes sits in a 64-byte
// slot), or its own size for an object outside the heap (persistent mode's
// allp arrays). For the reports that show an object's size beside what it
// retains.
uint64_t allocatedBytes(const runtime::Object* o);

// Whether o is marked in the current cycle (objects outside the heap count
// as marked).
bool isMarked(const runtime::Object* o);

// Clears every mark bit (world stopped; between the extra passes of the
// root report).
void clearAllMarks();

}  // namespace goro::gc

// Tracer: the explicit work list through which objects report their
// references.
//
// A kind's trace function calls visit() for each reference; the Tracer only
// pushes non-null object pointers onto its stack. The collector owns the
// loop that pops them (gc/mark.cpp), so marking never recurses on the C++
// stack, however deep the object graph (a 10-million-node list costs one
// slot of stack at a time). Duplicates may be pushed (an object reachable by
// two edges); the consumer checks mark bits when it pops.
//
// The stack's memory comes from mimalloc, not from the collected heap, so
// tracing never allocates in the heap it traces. Not thread-safe: one Tracer
// per marking thread.
//
// Parallel marking (gc/parallel_mark.h) gives each worker a Tracer with a
// TracerSpill: when such a stack is full it does not grow, it hands its
// oldest half to the spill (the workers' shared queue) and keeps the rest. Without a spill a full stack grows, as before;
// the check happens only on the full path, so a plain push costs nothing
// more.
#pragma once

#include <cstddef>

#include "runtime/object_model.h"
#include "runtime/value.h"

namespace goro::runtime {

// Takes work off a full Tracer (see the top of the file).
class TracerSpill {
 public:
  // Takes a copy of the `count` oldest entries of a full stack, which then
  // drops them.
  virtual void spill(Object* const* oldest, size_t count) = 0;

 protected:
  ~TracerSpill() = default;
};

class Tracer {
 public:
  Tracer();
  ~Tracer();
  Tracer(const Tracer&) = delete;
  Tracer& operator=(const Tracer&) = delete;

  void visit(Value v) {
    if (v.isObject()) push(v.asObject());
  }
  void visit(const Object* o) {
    if (o != nullptr) push(const_cast<Object*>(o));
  }
  void visitRange(const Value* begin, size_t count) {
    for (size_t i = 0; i < count; i++) visit(begin[i]);
  }

  bool empty() const { return top_ == base_; }
  size_t size() const { return static_cast<size_t>(top_ - base_); }
  Object* pop() { return *--top_; }
  // Prefetches the entry kPrefetchDistance below the top: the one popped
  // that many pops from now if nothing is pushed meanwhile. The marking
  // loop calls it after each pop, so an object's line is requested about
  // 32 objects before it is read, at the rate objects are consumed. (A
  // prefetch at push time did worse: scanning a chunk of a large vector
  // pushes 1024 references in a burst, whose prefetches fill the core's
  // miss buffers, stall the scan, and are mostly evicted or dropped
  // before their objects are popped. 3M script arrays, one worker, 4
  // alternated runs of bench/gc_full.goro: 22.2-22.8 ms against
  // 26.2-27.7 ms; distances 16 and 64 were no better, 128 worse.)
  // The stack's memory starts kPrefetchDistance null entries below base_
  // (the guard), so the entry is always readable and no bounds test is
  // needed: near the bottom the prefetch is of address 0, which the
  // processor drops (a prefetch never faults).
  static constexpr ptrdiff_t kPrefetchDistance = 32;
  void prefetchAhead() const { __builtin_prefetch(top_[-kPrefetchDistance]); }
  void clear() { top_ = base_; }
  // Slots allocated: grows only when the stack was full, so it bounds the
  // deepest the stack has ever been.
  size_t capacity() const { return static_cast<size_t>(limit_ - base_); }

  // Installs (or, with nullptr, removes) the spill of a full stack.
  void setSpill(TracerSpill* spill) { spill_ = spill; }
  // Moves the n oldest entries (n <= size()) to out, in push order, and
  // keeps the others, in their order.
  void takeOldest(Object** out, size_t n);

  void push(Object* o) {
    if (top_ == limit_) full();
    *top_++ = o;
  }

 private:
  void full();
  void grow();

  Object** base_;  // kPrefetchDistance null entries (the guard) lie below it
  Object** top_;
  Object** limit_;
  TracerSpill* spill_ = nullptr;
};

}  // namespace goro::runtime

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
#pragma once

#include <cstddef>

#include "runtime/object_model.h"
#include "runtime/value.h"

namespace goro::runtime {

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
  void clear() { top_ = base_; }
  // Slots allocated: grows only when the stack was full, so it bounds the
  // deepest the stack has ever been.
  size_t capacity() const { return static_cast<size_t>(limit_ - base_); }

  void push(Object* o) {
    if (top_ == limit_) grow();
    __builtin_prefetch(o);
    *top_++ = o;
  }

 private:
  void grow();

  Object** base_;
  Object** top_;
  Object** limit_;
};

}  // namespace goro::runtime

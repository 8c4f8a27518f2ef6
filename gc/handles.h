// Scoped temporary roots for native code (Wren's wrenPushRoot, clox keeping
// operands on the VM stack), as RAII handles.
//
// Rule: no unrooted object pointer may live in a C++ local across a call
// that can allocate, since any allocation may collect. Hold it in a Handle
// instead:
//
//   gc::Handle<runtime::String> name(gc::newString(cache, "x"));
//   gc::Handle<runtime::Vector> pair(gc::newVector(cache, 2));  // may collect
//   pair->slots[0] = runtime::Value::object(name.get());
//
// Each thread has its own handle stack, registered in a global list that
// the `handles` root class scans. Handles must be destroyed in the reverse
// order of their creation (C++ scoping does that); a handle popped out of
// order is a fatal error, caught at once rather than as a lost root later.
// The collector does not move objects, so a handle only has to keep its
// object alive, never to update the pointer.
#pragma once

#include <cstddef>
#include <cstdint>

#include "runtime/object_model.h"
#include "runtime/value.h"

namespace goro::gc {

namespace detail {
// This thread's stack; returns the slot index.
size_t pushHandle(runtime::Value v);
void popHandle(size_t index);
runtime::Value& handleSlot(size_t index);
}  // namespace detail

// A rooted Value.
class Root {
 public:
  explicit Root(runtime::Value v = runtime::Value::nil()) : index_(detail::pushHandle(v)) {}
  ~Root() { detail::popHandle(index_); }
  Root(const Root&) = delete;
  Root& operator=(const Root&) = delete;

  runtime::Value get() const { return detail::handleSlot(index_); }
  void set(runtime::Value v) { detail::handleSlot(index_) = v; }

 private:
  size_t index_;
};

// A rooted pointer to an object of layout T (nullptr allowed).
template <typename T>
class Handle {
 public:
  explicit Handle(T* object = nullptr)
      : index_(detail::pushHandle(object != nullptr ? runtime::Value::object(object)
                                                    : runtime::Value::nil())) {}
  ~Handle() { detail::popHandle(index_); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  T* get() const {
    runtime::Value v = detail::handleSlot(index_);
    return v.isObject() ? static_cast<T*>(v.asObject()) : nullptr;
  }
  T* operator->() const { return get(); }
  void set(T* object) {
    detail::handleSlot(index_) = object != nullptr ? runtime::Value::object(object) : runtime::Value::nil();
  }

 private:
  size_t index_;
};

// Handles currently held by this thread (for tests and assertions).
size_t handleDepth();

}  // namespace goro::gc

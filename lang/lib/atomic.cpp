// lang/lib/atomic.cpp: the atomic module, Go's sync/atomic as objects.
//
// Go 1.19 writes `var n atomic.Int64` and calls methods on it; Goro has no
// declared types, so the object is made by a call, as sync.WaitGroup() is:
//
//   n := atomic.Int64()      (atomic.Int() is the same constructor)
//   n.Add(delta)             adds, returns the new value
//   n.Load()                 the value
//   n.Store(v)               sets it
//   n.Swap(v)                sets it, returns the old value
//   n.CompareAndSwap(o, v)   sets it to v if it is o; returns whether it did
//
// Each method is one atomic instruction on the object's int64
// (std::atomic_ref, sequentially consistent, as Go's sync/atomic is), so
// goroutines on different Ps may share one counter without a Mutex. The
// value wraps around on overflow as Go's int64 does. Go's function forms
// (atomic.AddInt64(&n, 1)) need pointers, which Goro does not have.
#include <atomic>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "lang/lib/natives.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

std::atomic_ref<int64_t> valueOf(const Value* args) {
  return std::atomic_ref<int64_t>(static_cast<runtime::AtomicInt*>(args[0].asObject())->value);
}

uint32_t newAtomicInt(NativeContext& cx, const char* name, uint32_t nargs, Value* results) {
  Args check(cx, name, nullptr, nargs);
  if (!check.count(0)) return 0;
  auto* n = gc::allocateAs<runtime::AtomicInt>(cx.cache(), runtime::Kind::AtomicInt, sizeof(runtime::AtomicInt));
  n->value = 0;
  results[0] = Value::object(n);
  return 1;
}

// A method's one int argument (after the receiver, args[0]).
bool oneInt(NativeContext& cx, const char* name, const Value* args, uint32_t nargs, int64_t* out) {
  Args check(cx, name, args + 1, nargs - 1);
  return check.count(1) && check.integer(0, out);
}

uint32_t returnInt(NativeContext& cx, Value* results, int64_t v) {
  results[0] = gc::makeInt(cx.cache(), v);
  return 1;
}

}  // namespace

uint32_t atomicInt64(NativeContext& cx, const Value*, uint32_t nargs, Value* results) {
  return newAtomicInt(cx, "atomic.Int64", nargs, results);
}

uint32_t atomicInt(NativeContext& cx, const Value*, uint32_t nargs, Value* results) {
  return newAtomicInt(cx, "atomic.Int", nargs, results);
}

uint32_t atomicIntAdd(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t delta;
  if (!oneInt(cx, "Int64.Add", args, nargs, &delta)) return 0;
  // Wrapping, as Go's: unsigned arithmetic has no overflow.
  auto old = static_cast<uint64_t>(valueOf(args).fetch_add(delta));
  return returnInt(cx, results, static_cast<int64_t>(old + static_cast<uint64_t>(delta)));
}

uint32_t atomicIntLoad(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "Int64.Load", args + 1, nargs - 1);
  if (!check.count(0)) return 0;
  return returnInt(cx, results, valueOf(args).load());
}

uint32_t atomicIntStore(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  int64_t v;
  if (!oneInt(cx, "Int64.Store", args, nargs, &v)) return 0;
  valueOf(args).store(v);
  return 0;
}

uint32_t atomicIntSwap(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t v;
  if (!oneInt(cx, "Int64.Swap", args, nargs, &v)) return 0;
  return returnInt(cx, results, valueOf(args).exchange(v));
}

uint32_t atomicIntCompareAndSwap(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "Int64.CompareAndSwap", args + 1, nargs - 1);
  int64_t old;
  int64_t v;
  if (!check.count(2) || !check.integer(0, &old) || !check.integer(1, &v)) return 0;
  results[0] = Value::boolean(valueOf(args).compare_exchange_strong(old, v));
  return 1;
}

}  // namespace goro::lang::lib

// lang/lib/scheduler_natives.cpp: the interpreter's natives
// (lang/lib/scheduler_natives.h): panic and recover as function values,
// make(chan) and close, and the runtime and time members that go through the
// scheduler. sync's are in sync.cpp.
#include "lang/lib/scheduler_natives.h"

#include <time.h>

#include <atomic>

#include "gc/allocate.h"
#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/lib/native_table.h"
#include "lang/lib/natives.h"
#include "lang/value/value_ops.h"
#include "runtime/settings.h"
#include "sched/chan.h"
#include "sched/proc.h"
#include "sched/timers.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

std::atomic<int> gGomaxprocs{1};

uint32_t nativePanic(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!lib::Args(cx, "panic", args, nargs).count(1)) return 0;
  cx.panicValue(args[0]);
  return 0;
}

// recover() called by the defer mechanism itself (`defer recover()`) is not
// called by a deferred function, so, as in Go, it recovers nothing.
uint32_t nativeRecover(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!lib::Args(cx, "recover", args, nargs).count(0)) return 0;
  results[0] = Value::nil();
  return 1;
}

// make(chan) and make(chan, n): the compiler passes only n (the chan type
// is syntax).
uint32_t nativeMakeChan(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  lib::Args a(cx, "make", args, nargs);
  int64_t n = 0;
  if (nargs > 1) {
    a.count(1);
    return 0;
  }
  if (nargs == 1 && !a.integer(0, &n)) return 0;
  if (n < 0 || n > (int64_t{1} << 31)) {
    cx.panicString("makechan: size out of range");
    return 0;
  }
  results[0] = Value::object(sched::makechan(cx.cache(), static_cast<uint32_t>(n)));
  return 1;
}

uint32_t nativeClose(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!lib::Args(cx, "close", args, nargs).count(1)) return 0;
  Value v = args[0];
  runtime::Chan* c = nullptr;
  if (!v.isNil()) {
    if (!v.isObject() || v.asObject()->kind != runtime::Kind::Chan) {
      cx.panicString("invalid operation: close of non-chan type " + std::string(value::typeName(v)));
      return 0;
    }
    c = static_cast<runtime::Chan*>(v.asObject());
  }
  switch (sched::closechan(c)) {
    case sched::ChanStatus::CloseOfNil: cx.panicString("close of nil channel"); break;
    case sched::ChanStatus::CloseOfClosed: cx.panicString("close of closed channel"); break;
    default: break;
  }
  return 0;
}

uint32_t runtimeGOMAXPROCS(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t n;
  lib::Args a(cx, "runtime.GOMAXPROCS", args, nargs);
  if (!a.count(1) || !a.integer(0, &n)) return 0;
  int previous;
  if (sched::initialized()) {
    // Stops the world when n changes it; the cache follows this M
    // (sched/procresize.cpp), so cx.cache() stays valid.
    int want = n < 1 ? 0 : static_cast<int>(std::min<int64_t>(n, runtime::kMaxGomaxprocs));
    previous = want == 0 ? sched::gomaxprocs() : sched::setGomaxprocs(want);
  } else {
    previous = gGomaxprocs.load();
    if (n >= 1) gGomaxprocs.store(static_cast<int>(std::min<int64_t>(n, runtime::kMaxGomaxprocs)));
  }
  results[0] = Value::smallInt(previous);
  return 1;
}

uint32_t runtimeNumGoroutine(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!lib::Args(cx, "runtime.NumGoroutine", args, nargs).count(0)) return 0;
  results[0] = Value::smallInt(sched::initialized() ? sched::numGoroutine() : 1);
  return 1;
}

uint32_t runtimeGC(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!lib::Args(cx, "runtime.GC", args, nargs).count(0)) return 0;
  gc::collect(gc::GcTrigger::Forced);
  return 0;
}

uint32_t runtimeGosched(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!lib::Args(cx, "runtime.Gosched", args, nargs).count(0)) return 0;
  cx.yieldAfterReturn();
  return 0;
}

// time.Sleep parks the goroutine on its P's timer heap (sched/timers.h).
// Without a scheduler (unit tests of the interpreter) the thread sleeps.
uint32_t timeSleep(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  int64_t ns;
  lib::Args a(cx, "time.Sleep", args, nargs);
  if (!a.count(1) || !a.integer(0, &ns)) return 0;
  if (ns <= 0) return 0;
  if (sched::currentG() != nullptr) {
    if (sched::sleep(ns)) cx.parkAfterReturn();
    return 0;
  }
  timespec ts{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
  while (nanosleep(&ts, &ts) != 0) {
  }
  return 0;
}

}  // namespace

void setFallbackGomaxprocs(int n) { gGomaxprocs.store(n); }

NativeFn builtinNative(syntax::Builtin b) {
  switch (b) {
    case syntax::Builtin::Panic: return nativePanic;
    case syntax::Builtin::Recover: return nativeRecover;
    case syntax::Builtin::Make: return nativeMakeChan;
    case syntax::Builtin::Close: return nativeClose;
    default: return nativeForBuiltin(b);
  }
}

NativeFn memberNative(syntax::Member m) {
  switch (m) {
    case syntax::Member::RuntimeGOMAXPROCS: return runtimeGOMAXPROCS;
    case syntax::Member::RuntimeNumGoroutine: return runtimeNumGoroutine;
    case syntax::Member::RuntimeGC: return runtimeGC;
    case syntax::Member::RuntimeGosched: return runtimeGosched;
    case syntax::Member::TimeSleep: return timeSleep;
    case syntax::Member::SyncWaitGroup: return syncNewWaitGroup;
    case syntax::Member::SyncMutex: return syncNewMutex;
    default: return nativeForMember(m);
  }
}

std::string builtinQualifiedName(syntax::Builtin b) { return std::string(syntax::builtinName(b)); }

std::string memberQualifiedName(syntax::Member m) {
  const syntax::MemberInfo& info = syntax::memberInfo(m);
  return std::string(syntax::moduleName(info.module)) + "." + std::string(info.name);
}

runtime::NativeFunc* newNativeFunc(alloc::MCache& cache, std::string_view name, NativeFn fn) {
  gc::Handle<runtime::String> s(gc::newString(cache, name));
  auto* f = gc::allocateAs<runtime::NativeFunc>(cache, runtime::Kind::NativeFunc, sizeof(runtime::NativeFunc));
  f->name = s.get();
  f->receiver = Value::nil();
  f->entry = reinterpret_cast<void*>(fn);
  return f;
}

}  // namespace goro::lang::lib

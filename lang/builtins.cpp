// lang/builtins.cpp: the interpreter's natives (lang/builtins.h): panic and
// recover as function values, and the runtime members that stand in for
// the scheduler's until issue 4 (they are correct for one goroutine).
#include "lang/builtins.h"

#include <time.h>

#include <atomic>

#include "gc/allocate.h"
#include "gc/collector.h"
#include "gc/handles.h"
#include "gc/objects.h"
#include "lang/lib.h"
#include "lang/natives.h"

namespace goro::lang {

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

uint32_t runtimeGOMAXPROCS(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t n;
  lib::Args a(cx, "runtime.GOMAXPROCS", args, nargs);
  if (!a.count(1) || !a.integer(0, &n)) return 0;
  int previous = gGomaxprocs.load();
  if (n >= 1) gGomaxprocs.store(static_cast<int>(std::min<int64_t>(n, 1024)));
  results[0] = Value::smallInt(previous);
  return 1;
}

uint32_t runtimeNumGoroutine(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!lib::Args(cx, "runtime.NumGoroutine", args, nargs).count(0)) return 0;
  results[0] = Value::smallInt(1);
  return 1;
}

uint32_t runtimeGC(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!lib::Args(cx, "runtime.GC", args, nargs).count(0)) return 0;
  gc::collect(gc::GcTrigger::Forced);
  return 0;
}

uint32_t runtimeGosched(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  lib::Args(cx, "runtime.Gosched", args, nargs).count(0);
  return 0;
}

// With one goroutine, sleeping the thread is exactly time.Sleep.
uint32_t timeSleep(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  int64_t ns;
  lib::Args a(cx, "time.Sleep", args, nargs);
  if (!a.count(1) || !a.integer(0, &ns)) return 0;
  if (ns <= 0) return 0;
  timespec ts{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
  while (nanosleep(&ts, &ts) != 0) {
  }
  return 0;
}

}  // namespace

void setFallbackGomaxprocs(int n) { gGomaxprocs.store(n); }

NativeFn builtinNative(Builtin b) {
  switch (b) {
    case Builtin::Panic: return nativePanic;
    case Builtin::Recover: return nativeRecover;
    default: return nativeForBuiltin(b);
  }
}

NativeFn memberNative(Member m) {
  switch (m) {
    case Member::RuntimeGOMAXPROCS: return runtimeGOMAXPROCS;
    case Member::RuntimeNumGoroutine: return runtimeNumGoroutine;
    case Member::RuntimeGC: return runtimeGC;
    case Member::RuntimeGosched: return runtimeGosched;
    case Member::TimeSleep: return timeSleep;
    default: return nativeForMember(m);
  }
}

std::string builtinQualifiedName(Builtin b) { return std::string(builtin_name(b)); }

std::string memberQualifiedName(Member m) {
  const MemberInfo& info = member_info(m);
  return std::string(module_name(info.module)) + "." + std::string(info.name);
}

runtime::NativeFunc* newNativeFunc(alloc::MCache& cache, std::string_view name, NativeFn fn) {
  gc::Handle<runtime::String> s(gc::newString(cache, name));
  auto* f = gc::allocateAs<runtime::NativeFunc>(cache, runtime::Kind::NativeFunc, sizeof(runtime::NativeFunc));
  f->name = s.get();
  f->receiver = Value::nil();
  f->entry = reinterpret_cast<void*>(fn);
  return f;
}

}  // namespace goro::lang

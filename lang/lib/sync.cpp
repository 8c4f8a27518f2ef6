// lang/lib/sync.cpp: the sync module: sync.WaitGroup() and sync.Mutex()
// objects and their methods, on the scheduler's implementation
// (sched/sync.h), which parks goroutines, not threads.
//
//   wg.Add(n)   n may be negative; below zero panics
//               "sync: negative WaitGroup counter"
//   wg.Done()   wg.Add(-1)
//   wg.Wait()   parks until the counter is zero
//   mu.Lock()   parks until the mutex is this goroutine's
//   mu.Unlock() "fatal error: sync: unlock of unlocked mutex" if unlocked
//
// A method value (wg.Done) is a NativeFunc bound to its receiver
// (NativeFunc::receiver), made by GETMETHOD (lang/vm/indexing.cpp); the
// receiver arrives as the first argument.
#include "lang/lib/natives.h"
#include "lang/lib/scheduler_natives.h"
#include "sched/sync.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

runtime::WaitGroup* waitGroupOf(const Value* args) { return static_cast<runtime::WaitGroup*>(args[0].asObject()); }
runtime::SyncMutex* mutexOf(const Value* args) { return static_cast<runtime::SyncMutex*>(args[0].asObject()); }

// The receiver is args[0]; the script's arguments follow.
bool methodArgs(NativeContext& cx, const char* name, uint32_t nargs, uint32_t want) {
  if (nargs - 1 == want) return true;
  cx.panicString(std::string(nargs - 1 < want ? "not enough" : "too many") + " arguments in call to " + name);
  return false;
}

uint32_t waitGroupAdd(NativeContext& cx, const Value* args, int64_t delta) {
  if (sched::waitGroupAdd(waitGroupOf(args), delta) == sched::SyncStatus::NegativeCounter) {
    cx.panicString("sync: negative WaitGroup counter");
  }
  return 0;
}

uint32_t wgAdd(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "WaitGroup.Add", nargs, 1)) return 0;
  int64_t n;
  lib::Args a(cx, "WaitGroup.Add", args + 1, nargs - 1);
  if (!a.integer(0, &n)) return 0;
  return waitGroupAdd(cx, args, n);
}

uint32_t wgDone(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "WaitGroup.Done", nargs, 0)) return 0;
  return waitGroupAdd(cx, args, -1);
}

uint32_t wgWait(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "WaitGroup.Wait", nargs, 0)) return 0;
  if (sched::waitGroupWait(waitGroupOf(args)) == sched::SyncStatus::Parked) cx.parkAfterReturn();
  return 0;
}

uint32_t muLock(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "Mutex.Lock", nargs, 0)) return 0;
  if (sched::mutexLock(mutexOf(args)) == sched::SyncStatus::Parked) cx.parkAfterReturn();
  return 0;
}

uint32_t muUnlock(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "Mutex.Unlock", nargs, 0)) return 0;
  sched::mutexUnlock(mutexOf(args));
  return 0;
}

}  // namespace

uint32_t syncNewWaitGroup(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!lib::Args(cx, "sync.WaitGroup", args, nargs).count(0)) return 0;
  results[0] = Value::object(sched::newWaitGroup(cx.cache()));
  return 1;
}

uint32_t syncNewMutex(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!lib::Args(cx, "sync.Mutex", args, nargs).count(0)) return 0;
  results[0] = Value::object(sched::newSyncMutex(cx.cache()));
  return 1;
}

NativeFn syncMethod(runtime::Kind receiver, std::string_view name) {
  if (receiver == runtime::Kind::WaitGroup) {
    if (name == "Add") return wgAdd;
    if (name == "Done") return wgDone;
    if (name == "Wait") return wgWait;
  } else if (receiver == runtime::Kind::Mutex) {
    if (name == "Lock") return muLock;
    if (name == "Unlock") return muUnlock;
  }
  return nullptr;
}

}  // namespace goro::lang::lib

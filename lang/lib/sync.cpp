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
// (NativeFunc::receiver), made by GETFIELD (lang/vm/indexing.cpp, getMethod); the
// receiver arrives as the first argument.
#include "lang/lib/natives.h"
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

uint32_t addToWaitGroup(NativeContext& cx, const Value* args, int64_t delta) {
  if (sched::waitGroupAdd(waitGroupOf(args), delta) == sched::SyncStatus::NegativeCounter) {
    cx.panicString("sync: negative WaitGroup counter");
  }
  return 0;
}

}  // namespace

uint32_t syncWaitGroup(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "sync.WaitGroup", args, nargs).count(0)) return 0;
  results[0] = Value::object(sched::newWaitGroup(cx.cache()));
  return 1;
}

uint32_t syncMutex(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "sync.Mutex", args, nargs).count(0)) return 0;
  results[0] = Value::object(sched::newSyncMutex(cx.cache()));
  return 1;
}

uint32_t waitGroupAdd(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "WaitGroup.Add", nargs, 1)) return 0;
  int64_t n;
  Args a(cx, "WaitGroup.Add", args + 1, nargs - 1);
  if (!a.integer(0, &n)) return 0;
  return addToWaitGroup(cx, args, n);
}

uint32_t waitGroupDone(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "WaitGroup.Done", nargs, 0)) return 0;
  return addToWaitGroup(cx, args, -1);
}

uint32_t waitGroupWait(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "WaitGroup.Wait", nargs, 0)) return 0;
  if (sched::waitGroupWait(waitGroupOf(args)) == sched::SyncStatus::Parked) {
    parkGoroutine<syntax::Method::WaitGroupWait>(cx);
  }
  return 0;
}

uint32_t mutexLock(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "Mutex.Lock", nargs, 0)) return 0;
  if (sched::mutexLock(mutexOf(args)) == sched::SyncStatus::Parked) parkGoroutine<syntax::Method::MutexLock>(cx);
  return 0;
}

uint32_t mutexUnlock(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  if (!methodArgs(cx, "Mutex.Unlock", nargs, 0)) return 0;
  sched::mutexUnlock(mutexOf(args));
  return 0;
}

}  // namespace goro::lang::lib

// sync.WaitGroup and sync.Mutex for goroutines (docs/language.md,
// "Concurrency"), after Go's sync/waitgroup.go, sync/mutex.go and
// runtime/sema.go, cut down to what a small interpreter needs.
//
// What blocks is the goroutine, never the thread. A G that must wait for a
// WaitGroup or a Mutex parks the way a channel operation does (chan.h): it
// records a Sudog, calls gopark with a lock still held and returns Parked;
// the runner spills its state and returns RunOutcome::Blocked, and the
// scheduler unlocks once the G is Waiting, so whoever wakes it always finds
// it fully parked. Unlike a channel operation there is nothing to collect
// when the G runs again: the waker has already done the G's part (taken its
// Sudog back, and for a Mutex, made it the owner). A parked Wait or Lock is
// simply over when the G runs again; there is no ...Resume call.
//
// Where the waiters are, and who guards them. Each WaitGroup and Mutex
// object keeps the head and tail of its own FIFO of Sudogs (the `waiters`
// field, never traced: Sudogs live outside the collected heap). That list,
// and every change of a WaitGroup counter to zero, are guarded by one of a
// fixed table of runtime::Mutex locks (rank syncSema), picked by hashing
// the object's address, as Go's semtable picks a semaRoot. The collector
// does not move objects, so an object's lock never changes. No lock is
// held across two objects, and none is ever taken with another syncSema
// lock held.
//
// GC. A waiting G's Sudog holds the object it waits on in Sudog::elem and
// hangs on G::waiting, so the allgs root class (roots.cpp) keeps the
// object alive while anyone waits on it, as a blocked Go goroutine's stack
// keeps its WaitGroup alive. The waker clears G::waiting before it readies
// the G; it always holds a P, so no collection can see the half-done state.
//
// A zeroed object is a valid WaitGroup (counter 0) or an unlocked Mutex
// with no waiters, so lang may allocate them directly; newWaitGroup and
// newSyncMutex below do exactly that.
//
// Every function here is called inside GoroutineRunner::run, by the running
// G on its own M (which holds a P). None allocates in the collected heap
// except the two constructors.
#pragma once

#include <cstdint>

#include "alloc/mcache.h"
#include "runtime/object_layouts.h"

namespace goro::sched {

enum class SyncStatus : uint8_t {
  Done,             // completed without parking
  Parked,           // the G waits: return RunOutcome::Blocked; when it runs
                    // again the Wait is over, or the Lock is held. Until
                    // run() returns, a syncSema lock is held (released by
                    // the scheduler once the G is Waiting): spill and
                    // return at once, with no allocation, lock or safe
                    // point in between
  NegativeCounter,  // waitGroupAdd only: panic "sync: negative WaitGroup counter"
};

// A new WaitGroup (counter 0) and a new unlocked Mutex. Both may collect
// (gc/allocate.h).
runtime::WaitGroup* newWaitGroup(alloc::MCache& cache);
runtime::SyncMutex* newSyncMutex(alloc::MCache& cache);

// wg.Add(delta); wg.Done() is waitGroupAdd(wg, -1). When the counter
// reaches zero every waiter is readied. NegativeCounter if the counter would
// go below zero, or would overflow an int64 (Go's 32-bit counter wraps
// negative there and panics the same way): the counter is then left
// unchanged, and the WaitGroup stays usable.
SyncStatus waitGroupAdd(runtime::WaitGroup* wg, int64_t delta);

// wg.Wait(): Done if the counter is zero, else Parked until it next reaches
// zero (reason sync.WaitGroup.Wait).
SyncStatus waitGroupWait(runtime::WaitGroup* wg);

// mu.Lock(): Done if the mutex was free and is now held, else Parked
// (reason sync.Mutex.Lock); the G owns the mutex when it runs again.
// Waiters acquire it in the order they arrived (sync.cpp).
SyncStatus mutexLock(runtime::SyncMutex* mu);

// mu.Unlock(). The mutex belongs to no goroutine: any G may unlock it.
// With waiters, ownership passes to the first of them. Unlocking an
// unlocked mutex is a fatal error, as in Go: "fatal error: sync: unlock of
// unlocked mutex", exit status 2.
void mutexUnlock(runtime::SyncMutex* mu);

}  // namespace goro::sched

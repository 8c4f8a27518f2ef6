// Channels and select on runtime::Chan objects (Go's chan.go and
// select.go), shaped for a stackless runner.
//
// Semantics (docs/language.md, "Concurrency"): an unbuffered send hands its
// value directly to a waiting receiver; a buffered channel is a FIFO ring of
// `capacity` values; waiters are served first come first served; close
// wakes every waiter (receivers get nil, false; senders panic "send on
// closed channel"); a nil channel blocks forever; select picks at random
// among the ready cases, takes default if none is ready, else blocks on all.
//
// Blocking, for a runner that cannot block a thread. An operation that must
// wait records a Sudog (Go's name: a G waiting on a channel) in the
// channel's queue and in the G's `waiting` list, calls gopark with the
// channel lock still held, and returns Parked. The runner spills its state
// and returns RunOutcome::Blocked; the scheduler moves the G to Waiting and
// only then unlocks the channel (gopark's unlock function), so a waker
// always finds the G fully parked. When the G runs again the runner calls
// the matching ...Resume function, which reads the outcome from the Sudog
// (the value received, or whether the channel was closed) and frees it.
// While a G waits, the values in its Sudogs are traced through the allgs
// root class (roots.cpp), so a value in flight is never collected.
//
// Locking. Each channel has its own lock, in the Chan object (rank chan);
// select takes the locks of all its channels in address order (the rank
// nests). No operation here allocates in the collected heap, so none can
// start a collection while holding a channel lock. Wakers unlock the
// channel before readying the G (goready takes sched.lock).
#pragma once

#include <cstdint>

#include "alloc/mcache.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"
#include "sched/g.h"

namespace goro::sched {

// A G's pending operation on one channel.
struct Sudog {
  G* g = nullptr;
  runtime::Chan* c = nullptr;  // traced via allgs while on the G's list
  // Links in c's recvq or sendq (under c's lock).
  Sudog* next = nullptr;
  Sudog* prev = nullptr;
  // The G's own list (G::waiting), in channel lock order for a select.
  Sudog* waitlink = nullptr;
  // Send: the value to send. Receive: the value received, written by the
  // sender or by close. Traced via allgs.
  runtime::Value elem;
  int32_t caseIndex = 0;  // select: which case this is
  bool isSelect = false;
  bool isSend = false;
  // Set by the waker: true if a value was passed, false if woken by close.
  bool success = false;
};

enum class ChanStatus : uint8_t {
  Done,          // completed (a receive has filled *out and *ok)
  WouldBlock,    // non-blocking and not ready: nothing happened
  Parked,        // the G waits: return Blocked, then call the ...Resume function
  SendOnClosed,  // panic "send on closed channel"
  CloseOfClosed, // panic "close of closed channel"
  CloseOfNil,    // panic "close of nil channel"
};

// A new channel (make(chan, capacity)); may collect (gc/allocate.h).
runtime::Chan* makechan(alloc::MCache& cache, uint32_t capacity);

// ch <- v. c may be null (blocks forever). block=false never parks.
ChanStatus chansend(runtime::Chan* c, runtime::Value v, bool block);
// After Parked: Done, or SendOnClosed if the channel was closed meanwhile.
ChanStatus chansendResume();

// v, ok := <-ch. c may be null (blocks forever). *ok is false when the
// channel is closed and empty (*out is then nil).
ChanStatus chanrecv(runtime::Chan* c, bool block, runtime::Value* out, bool* ok);
// After Parked: fills *out and *ok.
void chanrecvResume(runtime::Value* out, bool* ok);

// close(ch): Done, CloseOfNil or CloseOfClosed. Wakes every waiter.
ChanStatus closechan(runtime::Chan* c);

// Values buffered, and capacity (len(ch), cap(ch)); 0 for a nil channel.
uint32_t chanlen(runtime::Chan* c);

// One case of a select: a send of `value` on c, or a receive from c. A
// null c is a case that is never ready.
struct SelectCase {
  runtime::Chan* c = nullptr;
  bool isSend = false;
  runtime::Value value;
};

// Runs a select over n cases (n >= 0). With block=false (a default case)
// and nothing ready, returns WouldBlock. Otherwise Done with *chosen set
// (and, for a receive case, *out and *ok), SendOnClosed if the chosen case
// is a send on a closed channel, or Parked (then call selectResume). The
// cases are not needed again after this call returns.
ChanStatus selectgo(const SelectCase* cases, int n, bool block, int* chosen, runtime::Value* out, bool* ok);
// After Parked: which case fired (and its result), or SendOnClosed.
ChanStatus selectResume(int* chosen, runtime::Value* out, bool* ok);

namespace chan_detail {
// The channel lock (rank chan), on the Chan object's lock word.
void lock(runtime::Chan* c);
void unlock(runtime::Chan* c);
// gopark unlock function: unlocks the channel passed as `lock`.
bool parkUnlock(G* g, void* lock);
// Sudogs come from a per-P cache.
Sudog* acquireSudog();
void releaseSudog(Sudog* s);
// The wait queues (c's lock held). dequeue skips select waiters whose
// select has already been won by another case.
Sudog* dequeue(void** q);
void enqueue(void** q, Sudog* s);
void remove(void** q, Sudog* s);
}  // namespace chan_detail

}  // namespace goro::sched

// G: a goroutine, after Go's runtime2.go g and the casgstatus of proc.go.
//
// A G is a C++ structure outside the collected heap, immortal like Ps and
// Ms: once made it stays in allgs forever, and a dead G is put on a free list
// and reused by the next newproc (with its GState, if the runner kept it).
// What a G holds in the collected heap (its GState, its creation site) is
// traced through the `allgs` root class (roots.cpp).
//
// Status (GStatus, Go's numbering so schedtrace prints the same numbers).
// Every change goes through casgstatus(), which dies with "bad g
// transition" when the move is not in the table below or the G is not in
// the status the caller expects. Who owns the G in each status:
//
//   Idle      just allocated, not yet initialised; only its maker sees it.
//             -> Dead.
//   Runnable  on a run queue (a P's local queue or runnext, or the global
//             queue), or held by the M that just took it off one; not
//             running. Owned by the queue, then by the M that dequeued it.
//             -> Running.
//   Running   executing on an M that holds a P (m->curg == g, g->m == m).
//             Owned by that M. -> Runnable (yield, preempt), Waiting (park),
//             Syscall, Dead (returned).
//   Syscall   its M is in a blocking call without a P (entersyscall); the G
//             belongs to that M, which will get a P and resume it.
//             -> Running.
//   Waiting   parked (gopark): on no run queue, recorded in some wait queue
//             (a channel, a timer, a WaitGroup, ...) whose owner will
//             goready it. waitReason says why. -> Runnable.
//   Dead      finished (or never used); on a free list, or being reused by
//             newproc. -> Runnable.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "runtime/object_layouts.h"
#include "runtime/object_model.h"

namespace goro::sched {

struct G;
struct M;
struct P;
struct Sudog;

enum class GStatus : uint32_t {
  Idle = 0,
  Runnable = 1,
  Running = 2,
  Syscall = 3,
  Waiting = 4,
  Dead = 6,
};

const char* gStatusName(GStatus s);

// Why a G waits, with Go's strings (runtime2.go waitReasonStrings), which
// goroutine dumps and scheddetail print. X(Enum, "string").
#define GORO_WAIT_REASONS(X)                          \
  X(Zero, "")                                         \
  X(ChanReceiveNilChan, "chan receive (nil chan)")    \
  X(ChanSendNilChan, "chan send (nil chan)")          \
  X(Select, "select")                                 \
  X(SelectNoCases, "select (no cases)")               \
  X(ChanReceive, "chan receive")                      \
  X(ChanSend, "chan send")                            \
  X(Sleep, "sleep")                                   \
  X(SyncCondWait, "sync.Cond.Wait")                   \
  X(SyncMutexLock, "sync.Mutex.Lock")                 \
  X(SyncWaitGroupWait, "sync.WaitGroup.Wait")         \
  X(Semacquire, "semacquire")                         \
  X(PanicWait, "panicwait")                           \
  X(Preempted, "preempted")                           \
  X(StoppingTheWorld, "stopping the world")

enum class WaitReason : uint8_t {
#define GORO_WAIT_ENUM(e, s) e,
  GORO_WAIT_REASONS(GORO_WAIT_ENUM)
#undef GORO_WAIT_ENUM
      Count
};

const char* waitReasonString(WaitReason r);

// Where a G was created (Go's gopc): the runner's function object that ran
// the go statement, and its pc there. Traced through the allgs root class.
struct CreationSite {
  runtime::Object* function = nullptr;
  uint32_t pc = 0;
};

// gopark's unlock function (proc.h): called after g is Waiting; false
// abandons the park.
using UnlockFn = bool (*)(G* g, void* lock);

struct G {
  // Goroutine id: 1 for the first G made (the main goroutine of a program),
  // then increasing; a reused G gets a fresh id. Written by newproc before
  // the G is published on a run queue; an atomic because schedtrace and
  // dumps read the ids of every G in allgs, dead ones being reused included.
  std::atomic<uint64_t> goid{0};

  // See the table above; only casgstatus() writes it.
  std::atomic<GStatus> status{GStatus::Idle};

  // Non-zero: stop at the next safe point and return Preempted. Set by
  // sysmon (ran > 10 ms) and by stop-the-world, from any thread; cleared by
  // execute() when the G starts running. The interpreter reads it through
  // lang::RunContext::preempt.
  std::atomic<uint32_t> preempt{0};

  // Meaningful while Waiting; written by gopark on the G's own M before the
  // G becomes Waiting, read by dumps from any thread.
  std::atomic<WaitReason> waitReason{WaitReason::Zero};

  // The M running it (Running, Syscall), else null. Written by that M.
  std::atomic<M*> m{nullptr};

  // Link in the one list the G is on: the global run queue, a batch being
  // moved there, or a free list. Owned by whoever owns that list.
  G* schedlink = nullptr;

  // The interpreter's state (traced via allgs). Written by newproc and the
  // runner; kept when the G dies so a reused G can reuse it (as Go keeps a
  // dead G's stack); the runner clears it if it does not want that.
  runtime::GState* state = nullptr;

  // The runner's own pointer (the fake goroutine of a test, ...).
  void* user = nullptr;

  // Set by the waker before goready, read by the G when it resumes (Go's
  // g.param: for a channel operation, the Sudog that completed).
  void* param = nullptr;

  // The G's pending channel operations (chan.h): one Sudog, or one per
  // case of a select, linked through Sudog::waitlink. Set by the G before it
  // parks, cleared by the G when it resumes; the allgs scanner traces the
  // values in them. A wait on a sync.WaitGroup or sync.Mutex (sync.h) uses
  // one Sudog too, cleared by the waker before it readies the G.
  Sudog* waiting = nullptr;
  // A select's wake-up race (Go's selectDone): the first channel to move it
  // from 0 to 1 wins the G; the other channels skip its Sudogs.
  std::atomic<uint32_t> selectDone{0};

  // Where it was created: the goroutine that ran the go statement, and the
  // runner's function object (traced via allgs) and pc of that statement.
  uint64_t parentGoid = 0;
  runtime::Object* createdBy = nullptr;
  uint32_t createdPc = 0;

  // The program's main goroutine (its return ends the process).
  bool isMain = false;
};

// The one way to change a G's status (Go's casgstatus): checks that from ->
// to is a legal move and that g is in status `from`, and dies with
// "bad g transition: ..." otherwise.
void casgstatus(G* g, GStatus from, GStatus to);

// allgs: every G ever made, never shrinking. Appending takes the allg lock;
// reading is lock-free (the array is published with its length, and arrays
// outgrown are kept, never freed), so the GC, dumps on a dying thread and
// schedtrace can walk it without locks.
void allgadd(G* g);
size_t allglen();
G* allgAt(size_t i);
template <typename F>
void forEachG(F&& f) {
  size_t n = allglen();
  for (size_t i = 0; i < n; i++) f(allgAt(i));
}

// Dead-G free lists (Go's gfput/gfget): a per-P list of up to 64, spilling
// half to the global list under sched.lock. gfget returns null when both are
// empty.
void gfput(P* pp, G* g);
G* gfget(P* pp);
// Moves all of a P's free Gs to the global list (a P being destroyed).
void gfpurge(P* pp);

}  // namespace goro::sched

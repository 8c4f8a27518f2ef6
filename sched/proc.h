// The Goro scheduler: goroutines (G) run by OS threads (M) that hold
// processors (P), after Go's runtime/proc.go. This header is the design of
// sched/ and the scheduler's public face. One concept per file: g.h, m.h,
// p.h and sched.h (the structures), runq.h (run queues), findrunnable.cpp,
// procresize.cpp, stw.cpp (stopping the world, GOMAXPROCS), syscall.cpp,
// sysmon.cpp (preemption, retake, schedtrace), checkdead.cpp, roots.cpp
// (the GC roots), chan.h (channels and select), timers.h (time.Sleep on
// per-P timer heaps), sync.h (sync.WaitGroup and sync.Mutex), testhooks.h.
//
//   G  a goroutine: an id, a status, a wait reason and the interpreter's
//      state (a runtime::GState in the collected heap). Stackless: a G that
//      is not running is only data, so any M can resume it.
//   M  an OS thread. It runs Goro code only while it holds a P. Ms are made
//      on demand, never destroyed, and park on their note when idle.
//   P  the right to run Goro code: a lock-free local run queue, an
//      allocation cache (mcache), and a status. There are exactly GOMAXPROCS
//      live Ps; allp, an array in the collected heap, lists them.
//
// An M's native stack plays Go's g0 (system) stack: the scheduling loop runs
// there, calls GoroutineRunner::run for a G, and gets control back when the
// G returns, parks, yields, is preempted or ends the program. Nothing on
// that native stack is a GC root.
//
// Fairness: what can keep a G from running, and for how long at most.
// Each sentence is checked by a test in tests/sched/fairness_test.cpp
// (named in brackets).
//
//  F1. A G runs in time slices. A slice starts when a P takes a G from its
//      ring or the global queue; sysmon looks at every P at least every 10
//      ms and asks the G of a slice that has lasted 10 ms to stop, and the
//      G stops at its next safe point (a function entry, a goroutine's
//      first instruction, a loop back-edge) and goes to the global queue.
//      [SysmonEndsASliceAfter10ms]
//  F2. A G made by `go` or readied by the running G goes to runnext and
//      runs next on the same P, in the rest of the same slice: a chain of
//      Gs that hand the P on through runnext is, for fairness, one G.
//      [ARunnextChainSharesOneSlice]
//  F3. The request to end a slice is the P's (P::preempt), not only its
//      G's: if the G it was made for ends or parks before its next safe
//      point, the next G of the same slice starts with its preempt flag set
//      and stops at its first safe point. The request is dropped only when
//      a G stops for it or the P starts a new slice (a yield, or a G taken
//      from the ring or the global queue). [APreemptRequestOutlivesItsG,
//      APreemptRequestIsDroppedByANewSlice]
//  F4. So a G in a P's ring waits at most about one slice (10-20 ms) for
//      each G ahead of it, however the running Gs hand the P on; this is
//      what keeps `func f() { go f() }` from starving a P (Go's ports in
//      tests/lang: TestStopTheWorldDeadlock at GOMAXPROCS=1).
//      [ARingGoroutineRunsBesideARespawningChain]
//  F5. A P's expired timers are run every time its M looks for work, before
//      it takes a G; their Gs join the tail of the ring, in deadline order.
//      A sleeper therefore runs within the F4 bound of its deadline, also
//      while a runnext chain holds the P (with an idle P, the timer watcher
//      wakes for it at once, timers.cpp). [ATimerFiresBesideARespawningChain]
//  F6. Gs that yield or are preempted go to the global queue. A P takes
//      from it once in 61 slices even when its own queue has work, and
//      whenever its own queue is empty; an idle P's M also steals half of a
//      busy P's ring (runnext only on its last sweep, after a moment's
//      wait). [AYieldingGoroutineProgressesBesideARespawningChain; stealing:
//      tests/sched/runq_test.cpp]
//  F7. What can still starve: a G that never reaches a safe point (a native
//      call that does not return) keeps its P, and at GOMAXPROCS=1 every
//      other G with it; a stop-the-world waits for it too. Gs on other Ps
//      are not held up: idle Ps steal them.
//
// Parking and unparking worker threads (Go's "Worker thread parking/
// unparking"). Keeping enough Ms running to use every P, and no more, is
// hard because run queues are per-P (no global predicate is cheap) and
// because work that is about to appear cannot be predicted. The rules:
//
//  1. Work is submitted (runqput on the own P, the global queue, a readied
//     G), then, after a #StoreLoad fence (a seq_cst atomic operation),
//     the submitter reads nmspinning. wakep() starts an M only if there is
//     an idle P and no M is spinning.
//  2. A spinning M is one that holds a P, found nothing in its own and the
//     global queue, and is looking for work to steal. An M woken by wakep()
//     starts out spinning. At most half the busy Ps have a spinning M.
//  3. A spinning M that finds work stops spinning and, if it was the last
//     one, wakes another (resetspinning -> wakep), so the spinning duty
//     passes on while work keeps appearing.
//  4. A spinning M that finds nothing: snapshots allp, puts its P on the
//     idle list, THEN decrements nmspinning, and THEN (after a #StoreLoad
//     fence) re-checks the global queue and every P's run queue through the
//     snapshot (the "delicate dance", findrunnable.cpp). In the other order,
//     work submitted between the check and the decrement would see a
//     spinning M that is about to sleep, and nobody would run it.
//  5. If the re-check finds work but no idle P, it sets needspinning; an M
//     about to drop its P sees it and becomes the spinning M instead.
//     wakep() finding no idle P sets it too, without sched.lock: it stores
//     needspinning, then reads npidle, while an M dropping its P adds to
//     npidle, then reads needspinning (both seq_cst), so one of the two
//     always sees the other (proc.cpp, wakep; findrunnable.cpp).
//  6. stopm(): the M puts itself on the idle M list and sleeps on its note.
//     startm(p) hands an idle M a P (m->nextp) and wakes its note, or makes
//     a new M if none is idle.
//
// Rejected, as in Go: (a) one central run queue and lock (does not scale);
// (b) handing the readied G and a P directly to a new thread (thrashes
// threads and breaks locality: the readier may be idle a moment later);
// (c) waking a thread whenever a G is readied and a P is idle (threads wake
// only to find the work already taken, and park again).
//
// Stopping the world (stw.cpp) stops Ps, not Ms: a running P stops at its
// G's next safe point (the preempt flag, polled by the interpreter at calls
// and loop back-edges), an idle P is taken from the idle list, a P in a
// system call is taken by a compare-and-swap on its status. An M with no P
// (idle, in a system call, or in findRunnable's P-less tail) keeps running;
// it cannot touch the heap, but it can read the allp snapshot it took,
// which is why that snapshot must keep the array alive (docs/design.md, and the
// GODEBUG=allpsnapshot modes in findrunnable.cpp).
//
// Goroutine lifecycle for the runner (the interpreter, lang/): run(g, m) is
// called with g Running on m, which holds a P. It returns one RunOutcome.
// To block, the runner spills its state, calls gopark() (recording how to
// finish the park) and returns Blocked; the scheduler then moves g to
// Waiting on its own stack and only then calls the unlock function, so a
// waker that takes the same lock always finds g fully parked (Go's park_m).
// goready(g) makes a Waiting g Runnable again.
//
// Rules for code running inside run():
// - Any call that can block the thread (entersyscall/exitsyscall around a
//   blocking system call, gc::collect, setGomaxprocs, stopping the world)
//   may come back on a different P: re-read currentCache() afterwards.
// - The G's preempt flag (G::preempt) must be polled at safe points; when
//   set, spill and return Preempted.
#pragma once

#include <cstdint>

#include "alloc/mcache.h"
#include "runtime/object_layouts.h"
#include "sched/g.h"

namespace goro::sched {

struct M;
struct P;

// What GoroutineRunner::run reports when it gives the M back.
enum class RunOutcome : uint8_t {
  Returned,   // g's function returned: g dies and is reused; the main G's
              // return ends the program with status 0 (the exit hook)
  Blocked,    // g called gopark() and spilled its state: it parks
  Yielded,    // runtime.Gosched: g goes to the global run queue
  Preempted,  // g saw its preempt flag at a safe point: it goes to a run queue
  Exited,     // g ended the program abnormally (an unrecovered panic the
              // runner has already reported): the exit hook gets status 2
};

// The interpreter's side of the scheduler, registered by lang (MockVM-style
// fakes in the tests). Called on the M's thread.
class GoroutineRunner {
 public:
  virtual ~GoroutineRunner() = default;
  virtual RunOutcome run(G* g, M* m) = 0;
  // Writes g's frames, for a goroutine dump (deadlock, fatal error), after
  // its "goroutine N [status]:" line. Runs on a dying thread while others
  // run: it must not allocate, block or take a lock.
  virtual void writeFrames(G* g, int fd) {}
  // Writes only where g was created (Go's "created by ... in goroutine N"
  // and its file:line), for a goroutine whose frames cannot be read because
  // it is running on another thread. The same rules as writeFrames.
  virtual void writeCreatedBy(G* g, int fd) {}
};

// Installs the runner (before any G runs; it is never changed afterwards).
void setRunner(GoroutineRunner* runner);

// Starts the scheduler with n Ps (n < 1: runtime::gomaxprocsOrDefault()):
// installs its World (gc/world.h), root scanners, fatal dump hook, and
// starts sysmon. Reads the GODEBUG settings it needs (allpsnapshot,
// findrunnabledelay, schedtrace, scheddetail) once, here. Later calls do
// nothing.
void init(int n = 0);
bool initialized();

// Makes a Runnable G for the runner, reusing a dead one when it can. state
// may be null (fake goroutines); user is the runner's own pointer. From an M
// with a P the G goes to that P's runnext (as Go's newproc); from any other
// thread, to the global queue (such a thread waits for any stop of the
// world in force). Either way an M is woken if one is needed.
G* newproc(runtime::GState* state, void* user, CreationSite site = {});

// newproc in two steps, for a runner whose goroutine state must be
// prepared between taking a G and publishing it (preparing may allocate, and
// so collect). newprocAcquire returns a Dead G owned by the caller: a
// reused one still holds the state it died with (the runner may reuse it),
// a new one holds none; either way it is in allgs, so its state stays traced.
// newprocPublish then does what newproc does with it. Both need a P.
G* newprocAcquire();
void newprocPublish(G* g, runtime::GState* state, void* user, CreationSite site = {});

// The calling thread becomes M0, makes the main goroutine (state, user, as
// newproc; it is goroutine 1 unless other Gs were made before) and
// schedules until the program ends: the main G's return ends the process,
// and deadlock detection is armed. Never returns.
[[noreturn]] void runMain(runtime::GState* state, void* user);

// Park protocol (see above). Called inside run() by the G's own thread:
// records the reason and the unlock function; the runner then returns
// Blocked. unlockf(g, lock) runs after g is Waiting; if it returns false the
// park is abandoned and g runs again at once. unlockf may be null.
void gopark(UnlockFn unlockf, void* lock, WaitReason reason);

// Makes a Waiting G Runnable: onto the current P's runnext when the caller
// holds a P, else onto the global queue; wakes an M if one is needed.
void goready(G* g);

// Around a blocking system call made inside run(). entersyscall releases
// the P to the Syscall status, where sysmon may hand it to another M and a
// stop-the-world may take it. exitsyscall gets a P back (its old one if it
// is still free, else an idle one, else it waits until one is freed) and
// returns with the G Running on it. Between the two the thread must not
// touch the collected heap.
void entersyscall();
void exitsyscall();

// The M, G and P of the calling thread (null on threads that are not Ms, or
// when it has none).
M* currentM();
G* currentG();
P* currentP();
// The current P's allocation cache, or null without a P.
alloc::MCache* currentCache();

int gomaxprocs();
// runtime.GOMAXPROCS: returns the previous value; for 1 <= n != current
// (clamped to runtime::kMaxGomaxprocs) stops the world, resizes allp and
// starts the world. Callable from any thread or goroutine, concurrently.
int setGomaxprocs(int n);

// runtime.NumGoroutine: Gs that are not dead.
int numGoroutine();

// debug.SetMaxThreads: sets the most Ms the scheduler may make and returns
// the previous limit; a limit below the Ms already made is Go's fatal
// "thread exhaustion" at once, as in Go (sched/limits.cpp).
int setMaxThreads(int n);

// The end of the program: the main G returned (0) or a G ended it (2). The
// default hook flushes stdout and _exit()s; lang installs its own.
using ExitHook = void (*)(int status);
void setExitHook(ExitHook hook);

// Counters for tests, goro-stress and benchmarks.
struct Stats {
  uint64_t stopTheWorlds = 0;      // completed stops
  uint64_t procresizes = 0;        // procresize calls (GOMAXPROCS changes + start)
  uint64_t allpArrays = 0;         // allp backing arrays ever allocated
  uint64_t persistentArrays = 0;   // of which never freed (allpsnapshot=persistent)
  uint64_t persistentBytes = 0;    // their bytes (masks included)
  uint64_t preemptRequests = 0;    // sysmon's requests to Gs running > 10 ms
  uint64_t syscallRetakes = 0;     // Ps sysmon took from Ms in system calls
  uint64_t threads = 0;            // Ms ever made (sysmon included)
};
Stats stats();

}  // namespace goro::sched

// The scheduler's global state (Go's schedt and the globals beside it) and
// the internal functions the files of sched/ share. Not for other layers:
// they use proc.h.
//
// Locks (ranks in runtime/lockrank.h, outermost first):
//   world   World::stop .. World::start (stw.cpp): one stop at a time.
//   sched   sched.lock below: global run queue, idle P and M lists,
//           exitsyscall waiters, the global free G list, stopwait,
//           newprocs, mainStarted, sysmonwait, the timer watcher.
//   allp    allpLock: taken by procresize (inside sched) to replace or
//           resize allp, and by sysmon's retake to read it without a P.
//   allg    appending to allgs.
//   allm    appending to allm.
//   timers  one per P (P::timers, timers.h): its timer heap. Taken
//           holding no other lock except in procresize (sched held, two
//           timers locks in P id order); Gs are readied after release.
// Lock-free: every P's run queue, nmspinning, npidle, gcwaiting, allgs and
// allm reads, the P status words.
//
// Where allocation is forbidden: under any of these locks except through
// gc::allocateWorldStopped in procresize (the world is stopped, so the
// allocation cannot start a collection).
#pragma once

#include <atomic>
#include <cstdint>

#include "runtime/mutex.h"
#include "runtime/note.h"
#include "runtime/object_layouts.h"
#include "runtime/settings.h"
#include "runtime/trace_events.h"
#include "sched/events.h"
#include "sched/g.h"
#include "sched/m.h"
#include "sched/p.h"
#include "sched/proc.h"
#include "sched/randomorder.h"

namespace goro::sched {

// The execution trace (runtime/trace_events.h). Its call sites are one line
// each, `if (trace::on()) [[unlikely]] trace::event(...)`, so that tracing
// off costs one relaxed load and a branch; traceId gives a P's or an M's id,
// or -1 for none.
namespace trace = runtime::trace;
inline int32_t traceId(const P* pp) { return pp != nullptr ? pp->id : -1; }
inline int64_t traceId(const M* m) { return m != nullptr ? m->id : -1; }

// A FIFO of Gs linked through G::schedlink.
struct GQueue {
  G* head = nullptr;
  G* tail = nullptr;
  int32_t size = 0;
  bool empty() const { return head == nullptr; }
  void pushBack(G* g);
  void pushFront(G* g);
  G* pop();
};

struct SchedT {
  runtime::Mutex lock{runtime::LockRank::sched};

  // The global run queue (lock); runqsize mirrors runq.size for lock-free
  // "is it empty" peeks.
  GQueue runq;
  std::atomic<int32_t> runqsize{0};

  // Idle Ps (lock), linked through P::link; npidle is their number, read
  // without the lock by wakep and the spinning rule.
  P* pidle = nullptr;
  std::atomic<int32_t> npidle{0};

  // Idle Ms parked in stopm (lock), linked through M::schedlink.
  M* midle = nullptr;
  std::atomic<int32_t> nmidle{0};
  // Ms ever made, and the next id (lock). nmsys: system Ms (sysmon), which
  // checkdead does not count.
  int64_t mnext = 1;
  std::atomic<int32_t> mcount{0};
  int32_t nmsys = 0;
  // The most Ms there may be (lock; Go's sched.maxmcount), and the most
  // goroutines alive at once (read without a lock); sched/limits.cpp.
  int32_t maxmcount = runtime::kDefaultMaxThreads;
  std::atomic<int64_t> maxGoroutines{runtime::kDefaultMaxGoroutines};

  // Spinning Ms (proc.h rule 2) and the "delicate dance" flag (rule 5).
  std::atomic<int32_t> nmspinning{0};
  std::atomic<uint32_t> needspinning{0};

  // Ms parked in exitsyscall until a P is free (lock), FIFO through
  // M::schedlink. A P that would go idle is handed to the first of them.
  M* syscallWaitHead = nullptr;
  M* syscallWaitTail = nullptr;
  // How many there are, for findRunnable's lock-free peek.
  std::atomic<int32_t> nsyscallWait{0};

  // Dead Gs beyond what the Ps keep (lock).
  G* gfree = nullptr;
  std::atomic<int32_t> ngfree{0};

  // Stop-the-world (stw.cpp). gcwaiting: a stop is in progress or in force;
  // every P that notices stops. stopwait: Ps still to stop (lock); the one
  // that makes it 0 wakes stopnote. newprocs: the P count the next start
  // will resize to (0: unchanged; world lock).
  std::atomic<bool> gcwaiting{false};
  int32_t stopwait = 0;
  runtime::Note stopnote;
  int32_t newprocs = 0;

  // sysmon sleeps on sysmonnote while nothing runs (lock).
  std::atomic<bool> sysmonwait{false};
  runtime::Note sysmonnote;

  // The timer watcher (timers.cpp): the one M that sleeps without a P, on
  // its own note (M::park), until the earliest pending timer is due (Go's M
  // blocked in netpoll). timerWatcher (lock): that M, or null. Its deadline,
  // timerWatchUntil, is written under the lock and may be read without it
  // (0: nobody watches); anyone who learns of an earlier timer lowers it
  // and pokes the watcher's note, once per round (timerWatchPoked, lock).
  M* timerWatcher = nullptr;
  std::atomic<int64_t> timerWatchUntil{0};
  bool timerWatchPoked = false;

  // runMain was called: the main G's return exits, checkdead is armed.
  std::atomic<bool> mainStarted{false};

  // nanotime() at init, for schedtrace's "SCHED 12ms".
  int64_t startNanos = 0;
};

extern SchedT sched;

// GOMAXPROCS in force (written by procresize with the world stopped).
extern std::atomic<int32_t> gGomaxprocs;
// How many times procresize has changed GOMAXPROCS (setting it at start-up
// is change 1); an allp array or mask it replaces records the number of the
// change that did (PArray::replacedAt, maskReplacedAt). World stopped.
extern std::atomic<uint32_t> gGomaxprocsChanges;

// allp and its masks (procresize.cpp). The current arrays are roots of the
// `allp` class. Replaced only with the world stopped and allpLock held; read
// freely by anyone holding a P (a stop cannot happen under them), and under
// allpLock by sysmon.
extern std::atomic<runtime::PArray*> gAllp;
extern std::atomic<runtime::Bytes*> gIdlepMask;
extern std::atomic<runtime::Bytes*> gTimerpMask;
extern runtime::Mutex allpLock;
// A fresh allp array of `capacity` null slots, length 0, with a serial of
// its own (procresize.cpp). World stopped: it allocates from P0's cache.
runtime::PArray* newAllpArray(uint32_t capacity);

// Held from World::stop to World::start (stw.cpp); also by newproc on a
// thread without a P while it fills in a G, so that no collection scans the
// G meanwhile.
extern runtime::Mutex gWorldLock;

// Steal order over the live Ps (reset by procresize, read by Ms with a P).
extern RandomOrder gStealOrder;

// GODEBUG values read once by init().
struct SchedConfig {
  runtime::AllpSnapshotMode snapshotMode = runtime::AllpSnapshotMode::M;
  int64_t findrunnabledelayUs = 0;
  int schedtraceMs = 0;
  bool scheddetail = false;
};
extern SchedConfig gConfig;

// The thread and goroutine limits (limits.cpp). checkmcountLocked: with
// sched.lock held, after an M has been counted; dies with "thread
// exhaustion" past sched.maxmcount. checkGoroutineLimit: before a new G is
// made (allgs grows only when no dead G can be reused); dies with "too
// many goroutines" if the live ones are already at the limit.
void checkmcountLocked();
void checkGoroutineLimit();

extern GoroutineRunner* gRunner;

// Counters behind stats() (relaxed).
struct StatCounters {
  std::atomic<uint64_t> stopTheWorlds{0};
  std::atomic<uint64_t> procresizes{0};
  std::atomic<uint64_t> allpArrays{0};
  std::atomic<uint64_t> persistentArrays{0};
  std::atomic<uint64_t> persistentBytes{0};
  std::atomic<uint64_t> preemptRequests{0};
  std::atomic<uint64_t> syscallRetakes{0};
};
extern StatCounters gStats;

// Monotonic nanoseconds.
int64_t nanotime();

// ---- proc.cpp ----
// A fresh goroutine id.
uint64_t allocGoid();
// The scheduling loop of an M holding a P. Never returns.
[[noreturn]] void schedule(M* m);
void acquirep(M* m, P* pp);
P* releasep(M* m);
// Starts an M for pp (or for an idle P when pp is null); spinning: the
// caller has already counted it in nmspinning.
void startm(P* pp, bool spinning);
void wakep();
// Parks the M (which holds no P) until it is handed one, then acquires it.
void stopm(M* m);
void handoffp(P* pp);
void becomeSpinning(M* m);
// sched.lock held: puts a P that has nothing to do on the idle list, or
// hands it to an M waiting in exitsyscall.
void pidleputOrHandoff(P* pp);
// sched.lock held: the idle list.
void pidleput(P* pp);
P* pidleget();
P* pidlegetSpinning();
// sched.lock held: an idle M or null.
M* mget();
// Makes a new M thread that will start with pp (may be null for sysmon).
M* newm(P* pp, bool spinning, bool sysmon);

// ---- runq.cpp (see runq.h for the local queue) ----
// sched.lock held.
void globrunqput(G* g);
void globrunqputhead(G* g);
void globrunqputbatch(GQueue& batch);
// sched.lock held: takes up to max Gs (0: a fair share), returns the first
// and puts the rest on pp's local queue.
G* globrunqget(P* pp, int32_t max);

// ---- findrunnable.cpp ----
G* findRunnable(M* m, bool* inheritTime);
// Forgets m's allp snapshot (m holds a P; findrunnable.cpp).
void clearAllpSnapshot(M* m);

// ---- stw.cpp ----
// The M stops its P for a stop-the-world and parks until it is restarted.
void gcstopm(M* m);
void preemptall();
bool preemptone(P* pp);
void installWorld();
// setGomaxprocs without the initialisation check (init uses it).
int resizeProcs(int n);

// ---- procresize.cpp ----
// World stopped, sched.lock held. Returns the Ps that have work and need an
// M (linked through P::link, p->m set when an idle M was reserved). If
// stopper is not null it gets a running P.
P* procresize(int32_t nprocs, M* stopper);

// ---- checkdead.cpp ----
// sched.lock held: dies with the deadlock report if nothing can ever run.
void checkdead();
void installDumpHook();

// ---- timers.cpp (sleep itself is in timers.h) ----
// Runs pp's timers that are due: each is removed and its G readied onto
// dest, the caller's own P, in deadline order (one wakep for the batch). pp
// is dest, or another P whose expired timers the caller steals. *now is the
// time to compare with; 0 means "not read yet", and it is read (and stored
// back) only if pp may have a timer due. Returns pp's earliest remaining
// deadline (0: none); *ran (may be null) tells whether any timer fired. Takes
// pp's timers lock, then (readying) sched.lock: call it holding no lock.
int64_t checkTimers(P* pp, P* dest, int64_t* now, bool* ran);
// procresize (world stopped, sched.lock held): every timer of the dying P
// `from` moves to the live P `to` (Go's moveTimers); the watcher is woken if
// one of them is due before its deadline.
void moveTimers(P* from, P* to);
// findRunnable's P-less tail, on an M that holds no P and does not spin,
// with pollUntil the earliest timer it knows of: if another M already
// watches the timers, makes sure it wakes by pollUntil and returns false
// (the caller parks in stopm). Otherwise this M becomes the watcher: it
// sleeps until the earliest deadline it is told of, then takes an idle P,
// if there is one, and returns true holding it, spinning (the caller goes
// back to the top of findRunnable and runs or steals the expired timers);
// false if no P was idle.
bool watchTimers(M* m, int64_t pollUntil);
// The earliest deadline on any live P (0: none), read under allpLock by a
// thread without a P (sysmon).
int64_t earliestTimer();
// sysmon, every round, no lock held: if a timer has been overdue for more
// than kTimerBackstopNs while a P is idle, something failed to watch it;
// wakep() so that a spinning M runs it. Returns whether it woke one.
inline constexpr int64_t kTimerBackstopNs = 1'000'000;
bool timerBackstop(int64_t now);
// How many times timerBackstop has woken an M (for tests and debugging).
uint64_t timerBackstopWakeups();

// ---- sysmon.cpp ----
void sysmonMain(M* m);
void wakeSysmonLocked();
void schedtrace(bool detailed);

// ---- roots.cpp ----
void registerSchedRoots();
// Registers the timer heaps' weak-reference clearer with the collector
// (gc/weak_refs.h; timers.cpp, dropDeadTimers).
void registerTimerClearer();

}  // namespace goro::sched

// Stopping and starting the world: the scheduler's gc::World, and
// runtime.GOMAXPROCS on top of it (Go's stopTheWorld, stopTheWorldWithSema,
// startTheWorldWithSema, gcstopm, preemptall).
//
// The handshake, all of it under the world lock (one stop at a time):
//
//  1. stop(reason). A caller running a G on a P first gives the P up as if
//     entering a system call (the P goes to Syscall), and only then waits
//     for the world lock. This is what makes concurrent stoppers safe: a
//     stopper that holds the world and waits for every P to stop can take
//     the P of a thread queued behind it on the world lock (Syscall ->
//     Gcstop), instead of waiting forever for that thread to reach a safe
//     point it never will. (Go gets the same effect by parking the G on
//     worldsema, which frees its P.) Once it has the lock, the caller takes
//     its P back if it is still there. Until the world is stopped the G's
//     wait reason is StoppingTheWorld, which dumps print instead of its
//     status, as Go shows a G in stopTheWorld as [stopping the world].
//  2. stopTheWorldWithSema: under sched.lock, gcwaiting = true, stopwait =
//     GOMAXPROCS; the caller's own P (if it has one) goes to Gcstop; every
//     running P's G gets its preempt flag; every P in Syscall is taken
//     (Syscall -> Gcstop); every idle P is taken off the idle list
//     (-> Gcstop). Each P counts stopwait down once.
//  3. The remaining running Ps stop themselves: their G returns Preempted
//     at a safe point, the M sees gcwaiting in findRunnable and calls
//     gcstopm (Running -> Idle -> Gcstop, stopwait--, and the last one wakes
//     stopnote). The stopper waits on stopnote, every 100 us preempting
//     again and taking Syscall Ps again, in case a G started running or a
//     P entered a system call after the first round.
//  4. Ms without a P are not waited for and keep running: Ms idle in stopm,
//     in system calls, waiting in exitsyscall, or in findRunnable's P-less
//     tail. None of them can touch the heap (no P, no mcache), but the last
//     kind reads its allp snapshot (findrunnable.cpp).
//  5. start(): procresize to the new P count (newprocs, or unchanged), the
//     caller gets a running P back (its own when it still exists), Ps with
//     work get Ms, the others go idle; gcwaiting = false; Ms waiting in
//     exitsyscall get idle Ps; wakep(). Then the world lock is released.
#include <mutex>

#include "gc/world.h"
#include "runtime/fatal.h"
#include "runtime/lockrank.h"
#include "sched/runq.h"
#include "sched/sched.h"

namespace goro::sched {

runtime::Mutex gWorldLock{runtime::LockRank::world};

namespace {

// The stop in force (world lock held): who stopped it and whether it gave a
// P up that it must get back.
struct StopState {
  M* stopper = nullptr;
  bool stopperHadP = false;
};
StopState gStop;

P* allpAt(runtime::PArray* ap, int32_t i) { return static_cast<P*>(ap->ps[i]); }

void stopTheWorldWithSema(M* m) {
  bool wait;
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    int32_t procs = gGomaxprocs.load(std::memory_order_relaxed);
    runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);
    sched.stopwait = procs;
    sched.gcwaiting.store(true);
    preemptall();
    if (P* own = m != nullptr ? m->p.load(std::memory_order_relaxed) : nullptr) {
      own->transition(PStatus::Running, PStatus::Gcstop);
      sched.stopwait--;
    }
    for (int32_t i = 0; i < procs; i++) {
      if (allpAt(ap, i)->casStatus(PStatus::Syscall, PStatus::Gcstop)) sched.stopwait--;
    }
    while (P* pp = pidleget()) {
      pp->transition(PStatus::Idle, PStatus::Gcstop);
      sched.stopwait--;
    }
    wait = sched.stopwait > 0;
  }
  while (wait) {
    if (sched.stopnote.sleepFor(100'000)) {
      sched.stopnote.clear();
      break;
    }
    // A G may have started running after the first round of preemption,
    // or a P entered a system call after we looked: try again. If this
    // round stops the last P, nobody else will wake the note.
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    preemptall();
    runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);
    for (int32_t i = 0; i < gGomaxprocs.load(std::memory_order_relaxed); i++) {
      if (allpAt(ap, i)->casStatus(PStatus::Syscall, PStatus::Gcstop) && --sched.stopwait == 0) wait = false;
    }
  }
  std::lock_guard<runtime::Mutex> guard(sched.lock);
  if (sched.stopwait != 0) runtime::fatal("stopTheWorld: not stopped (stopwait != 0)");
  runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);
  for (int32_t i = 0; i < gGomaxprocs.load(std::memory_order_relaxed); i++) {
    if (allpAt(ap, i)->status.load() != PStatus::Gcstop) {
      runtime::fatal("stopTheWorld: not stopped (status != gcstop)");
    }
  }
}

void startTheWorldWithSema(M* stopper) {
  P* runnable;
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    int32_t procs = sched.newprocs != 0 ? sched.newprocs : gGomaxprocs.load(std::memory_order_relaxed);
    sched.newprocs = 0;
    runnable = procresize(procs, stopper);
    sched.gcwaiting.store(false);
    // Ms back from system calls wait for Ps: serve them before anyone else.
    while (sched.syscallWaitHead != nullptr && sched.pidle != nullptr) pidleputOrHandoff(pidleget());
    wakeSysmonLocked();
  }
  while (runnable != nullptr) {
    P* pp = runnable;
    runnable = pp->link;
    pp->link = nullptr;
    if (M* mp = pp->m.load(std::memory_order_relaxed)) {
      if (mp->nextp != nullptr) runtime::fatal("startTheWorld: inconsistent mp->nextp");
      mp->nextp = pp;
      mp->park.wakeup();
    } else {
      newm(pp, false, false);
    }
  }
  // More runnable Gs than the Ps just started, or timers that fell due
  // while the world was stopped: let a spinning M find them (timers.cpp,
  // step 4). Only when there are some: in the global queue, on the
  // stopper's P (every other live P with work was handed an M above), or
  // a due timer. Go wakes an M here unconditionally; one woken with nothing
  // to find parks again at once, and that round trip of a thread was most
  // of the cost of a GOMAXPROCS change (bench/sched).
  P* own = stopper != nullptr ? stopper->p.load(std::memory_order_relaxed) : nullptr;
  int64_t nextTimer = earliestTimer();
  if (sched.runqsize.load() != 0 || (own != nullptr && !runqempty(own)) ||
      (nextTimer != 0 && nextTimer <= nanotime())) {
    wakep();
  }
}

class SchedWorld final : public gc::World {
 public:
  void stop(gc::StwReason reason) override {
    if (runtime::heldLockCount() > 0) runtime::fatal("stopTheWorld: holding locks");
    M* m = currentM();
    bool hadP = m != nullptr && m->p.load(std::memory_order_relaxed) != nullptr;
    // Until the world is stopped, a dump shows the stopper's goroutine as
    // Go does, [stopping the world], not as the system call it is parked
    // in (goroutine_dump.h); the scheduling is not affected.
    G* stopperG = hadP ? m->curg.load(std::memory_order_relaxed) : nullptr;
    if (stopperG != nullptr) stopperG->waitReason.store(WaitReason::StoppingTheWorld, std::memory_order_relaxed);
    if (hadP) {
      if (trace::on()) [[unlikely]] trace::runEnd(trace::RunEnd::Stw);
      m->stopperCache = m->p.load(std::memory_order_relaxed)->mcache;
      entersyscall();  // step 1: let other stoppers take the P
    }
    gWorldLock.lock();
    if (trace::on()) [[unlikely]] trace::stopTheWorldBegin(gc::stwReasonName(reason));
    if (hadP) {
      P* oldp = m->oldp;
      if (oldp->casStatus(PStatus::Syscall, PStatus::Running)) {
        oldp->m.store(m, std::memory_order_release);
        m->p.store(oldp, std::memory_order_relaxed);
        m->oldp = nullptr;
        casgstatus(m->curg.load(std::memory_order_relaxed), GStatus::Syscall, GStatus::Running);
      }
      m->stopperWantsP = true;
      m->preemptoff.store(gc::stwReasonName(reason), std::memory_order_relaxed);
    }
    gStop = StopState{m, hadP};
    stopTheWorldWithSema(hadP ? m : nullptr);
    if (stopperG != nullptr) stopperG->waitReason.store(WaitReason::Zero, std::memory_order_relaxed);
    gStats.stopTheWorlds.fetch_add(1, std::memory_order_relaxed);
  }

  void start() override {
    StopState s = gStop;
    gStop = StopState{};
    startTheWorldWithSema(s.stopperHadP ? s.stopper : nullptr);
    if (s.stopperHadP) {
      M* m = s.stopper;
      m->oldp = nullptr;
      m->stopperWantsP = false;
      m->stopperCache = nullptr;
      m->preemptoff.store(nullptr, std::memory_order_relaxed);
      G* g = m->curg.load(std::memory_order_relaxed);
      if (g->status.load() == GStatus::Syscall) {
        m->p.load(std::memory_order_relaxed)->syscalltick.fetch_add(1, std::memory_order_relaxed);
        casgstatus(g, GStatus::Syscall, GStatus::Running);
      }
      if (trace::on()) [[unlikely]] trace::runBegin(traceId(m->p.load()), m->id, g->goid);
    }
    if (trace::on()) [[unlikely]] trace::stopTheWorldEnd();
    gWorldLock.unlock();
  }

  int procs() const override { return gGomaxprocs.load(std::memory_order_relaxed); }
};

}  // namespace

bool preemptone(P* pp) {
  M* mp = pp->m.load(std::memory_order_acquire);
  // Not the caller's own G (a stopper preempting everyone else, as Go's
  // preemptone skips getg().m): it would only take a pointless trip through
  // the run queues once the world starts.
  if (mp == nullptr || mp == currentM()) return false;
  // The request is the P's first (p.h, P::preempt): if the G read below
  // has already ended or parked, the G that inherits its time slice picks
  // the request up in execute(). seq_cst pairs with execute's store of
  // m->curg and load of P::preempt: either execute sees this store, or this
  // function sees the new curg.
  pp->preempt.store(true);
  G* g = mp->curg.load();
  if (g == nullptr) return false;
  // A stale read (the G just finished) only costs some other G one early
  // trip through the scheduler.
  g->preempt.store(1, std::memory_order_relaxed);
  return true;
}

void preemptall() {
  runtime::PArray* ap = gAllp.load(std::memory_order_acquire);
  if (ap == nullptr) return;
  int32_t procs = gGomaxprocs.load(std::memory_order_relaxed);
  for (int32_t i = 0; i < procs; i++) {
    P* pp = allpAt(ap, i);
    if (pp->status.load(std::memory_order_relaxed) == PStatus::Running) preemptone(pp);
  }
}

void gcstopm(M* m) {
  if (!sched.gcwaiting.load()) runtime::fatal("gcstopm: not waiting for gc");
  if (m->spinning.load(std::memory_order_relaxed)) {
    // start-the-world wakes Ms as needed; no need to pass the duty on.
    m->spinning.store(false, std::memory_order_relaxed);
    if (sched.nmspinning.fetch_sub(1) - 1 < 0) runtime::fatal("gcstopm: negative nmspinning");
  }
  P* pp = releasep(m);
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    pp->transition(PStatus::Idle, PStatus::Gcstop);
    if (--sched.stopwait == 0) sched.stopnote.wakeup();
  }
  stopm(m);
}

void installWorld() {
  static SchedWorld* world = new SchedWorld();
  gc::setWorld(world);
}

int resizeProcs(int n) {
  if (n > runtime::kMaxGomaxprocs) n = runtime::kMaxGomaxprocs;
  int prev = gGomaxprocs.load(std::memory_order_relaxed);
  if (n < 1 || n == prev) return prev;
  gc::StoppedWorld world(gc::StwReason::GOMAXPROCS);
  prev = gGomaxprocs.load(std::memory_order_relaxed);
  sched.newprocs = n;
  return prev;
}

int setGomaxprocs(int n) {
  if (!initialized()) runtime::fatal("setGomaxprocs before sched::init");
  return resizeProcs(n);
}

}  // namespace goro::sched

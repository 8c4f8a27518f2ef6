// The scheduling loop and the M/P hand-offs of proc.h: schedule, execute and
// the outcomes of a run, newproc, park/ready, starting and stopping Ms
// (startm, wakep, stopm, handoffp), M creation, init and runMain.
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <mutex>
#include <system_error>
#include <thread>

#include "gc/world.h"
#include "runtime/exit.h"
#include "runtime/fatal.h"
#include "runtime/signals.h"
#include "runtime/thread_stacks.h"
#include "sched/runq.h"
#include "sched/sched.h"

namespace goro::sched {

constinit SchedT sched;
GoroutineRunner* gRunner = nullptr;
SchedConfig gConfig;
StatCounters gStats;

namespace {

thread_local M* tM = nullptr;

std::atomic<M*> gAllm{nullptr};
runtime::Mutex gAllmLock{runtime::LockRank::allm};
std::atomic<uint64_t> gNextGoid{1};
std::atomic<bool> gInitialized{false};
std::once_flag gInitOnce;

void defaultExit(int status) {
  std::fflush(stdout);
  runtime::exitNow(status);
}
std::atomic<ExitHook> gExitHook{defaultExit};

// sched.lock held: a new M with its id counted, so that checkdead counts it
// as running from this moment (its thread does not exist yet).
M* allocmLocked(bool sysmon) {
  M* m = new M();
  m->id = sched.mnext++;
  m->isSysmon = sysmon;
  m->rand = 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(m->id + 1);
  sched.mcount.fetch_add(1);
  if (sysmon) sched.nmsys++;
  checkmcountLocked();
  return m;
}

void linkAllm(M* m) {
  std::lock_guard<runtime::Mutex> guard(gAllmLock);
  m->alllink = gAllm.load(std::memory_order_relaxed);
  gAllm.store(m, std::memory_order_release);
}

void mstart(M* m) {
  runtime::ensureSignalStack();
  m->tid.store(runtime::currentThreadId(), std::memory_order_release);
  tM = m;
  tEventCounts = &m->events;
  if (m->isSysmon) {
    sysmonMain(m);
    runtime::fatal("sysmon returned");
  }
  P* pp = m->nextp;
  m->nextp = nullptr;
  acquirep(m, pp);
  schedule(m);
}

void startThread(M* m) {
  linkAllm(m);
  try {
    std::thread(mstart, m).detach();
  } catch (const std::system_error& e) {
    runtime::fatalf("newosproc: cannot create thread: %s", e.what());
  }
}

// sched.lock held: parks-to-be M goes on the idle list.
void mput(M* m) {
  m->schedlink = sched.midle;
  sched.midle = m;
  sched.nmidle.fetch_add(1);
  checkdead();
}

void dropg(M* m, G* g) {
  g->m.store(nullptr, std::memory_order_relaxed);
  m->curg.store(nullptr, std::memory_order_relaxed);
}

void resetspinning(M* m) {
  if (!m->spinning.load(std::memory_order_relaxed)) runtime::fatal("resetspinning: not a spinning m");
  m->spinning.store(false, std::memory_order_relaxed);
  if (sched.nmspinning.fetch_sub(1) - 1 < 0) runtime::fatal("findRunnable: negative nmspinning");
  // The last spinning M found work: pass the spinning duty on (rule 3).
  wakep();
}

void exitProgram(int status) {
  if (gConfig.schedtraceMs > 0) schedtrace(gConfig.scheddetail);
  gExitHook.load()(status);
}

// The "end" of a run's trace slice: a preemption for a stop-the-world is
// told apart from one that ends a time slice.
trace::RunEnd traceRunEnd(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::Returned:
    case RunOutcome::Exited:
      return trace::RunEnd::Exit;
    case RunOutcome::Yielded:
      return trace::RunEnd::Yield;
    case RunOutcome::Preempted:
      return sched.gcwaiting.load() ? trace::RunEnd::Stw : trace::RunEnd::Preempt;
    case RunOutcome::Blocked:
      break;
  }
  return trace::RunEnd::Block;
}

// gopark's trace event, out of line so that gopark stays a leaf function
// (no registers saved) when tracing is off.
[[gnu::noinline, gnu::cold]] void traceBlock(M* m, G* g, WaitReason reason) {
  trace::goBlock(traceId(m->p.load(std::memory_order_relaxed)), m->id, g->goid, waitReasonString(reason));
}

// The G finished: it dies and is kept for reuse. Returns whether it was the
// main goroutine.
bool goexit(M* m, G* g) {
  casgstatus(g, GStatus::Running, GStatus::Dead);
  dropg(m, g);
  g->preempt.store(0, std::memory_order_relaxed);
  g->waitReason.store(WaitReason::Zero, std::memory_order_relaxed);
  g->param = nullptr;
  bool wasMain = g->isMain;
  g->isMain = false;
  gfput(m->p.load(std::memory_order_relaxed), g);
  return wasMain;
}

// Gosched or a preemption: back to a run queue.
void goschedImpl(M* m, G* g, bool preempted) {
  casgstatus(g, GStatus::Running, GStatus::Runnable);
  dropg(m, g);
  // A G that stopped at a safe point ends its slice: the request is met.
  if (preempted) m->p.load(std::memory_order_relaxed)->preempt.store(false, std::memory_order_relaxed);
  if (preempted && sched.gcwaiting.load()) {
    // Preempted for a stop-the-world: keep it on this P so it resumes here
    // as soon as the world starts.
    runqput(m->p.load(std::memory_order_relaxed), g, true);
  } else {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    globrunqput(g);
  }
  wakep();
}

// The second half of gopark, on the M's own stack: g is off the CPU, its
// state spilled. Returns false if the unlock function called the park off.
bool parkm(M* m, G* g) {
  casgstatus(g, GStatus::Running, GStatus::Waiting);
  dropg(m, g);
  UnlockFn fn = m->waitunlockf;
  void* lock = m->waitlock;
  m->waitunlockf = nullptr;
  m->waitlock = nullptr;
  if (fn != nullptr && !fn(g, lock)) {
    casgstatus(g, GStatus::Waiting, GStatus::Runnable);
    return false;
  }
  return true;
}

// Runs g on m until it gives the M back, and deals with the outcome.
void execute(M* m, G* g, bool inheritTime) {
  if (gRunner == nullptr) runtime::fatal("schedule: no goroutine runner registered");
  for (;;) {
    P* pp = m->p.load(std::memory_order_relaxed);
    // preemptall and sysmon reach g through m->curg and write to it
    // (seq_cst: see preemptone, stw.cpp).
    m->curg.store(g);
    g->m.store(m, std::memory_order_release);
    casgstatus(g, GStatus::Runnable, GStatus::Running);
    uint32_t preempt = 0;
    if (!inheritTime) {
      // A new time slice: whatever was asked of the last one is done with.
      pp->schedtick.fetch_add(1, std::memory_order_relaxed);
      pp->preempt.store(false, std::memory_order_relaxed);
    } else if (pp->preempt.load()) {
      // The slice this G inherits was asked to end, and the G it was asked
      // of ended or parked first: this G stops at its first safe point
      // (its function's entry), so a chain of Gs handing the P to each
      // other through runnext cannot keep it (the fairness rules, proc.h).
      preempt = 1;
    }
    // A stop may have begun after findRunnable looked: do not let this G
    // run a whole time slice with the stopper waiting.
    if (sched.gcwaiting.load()) preempt = 1;
    g->preempt.store(preempt, std::memory_order_relaxed);

    if (trace::on()) [[unlikely]] trace::runBegin(pp->id, m->id, g->goid);
    RunOutcome outcome = gRunner->run(g, m);
    if (trace::on()) [[unlikely]] trace::runEnd(traceRunEnd(outcome));

    switch (outcome) {
      case RunOutcome::Returned:
        if (goexit(m, g)) exitProgram(0);
        return;
      case RunOutcome::Exited:
        goexit(m, g);
        exitProgram(2);
        return;
      case RunOutcome::Yielded:
        goschedImpl(m, g, false);
        return;
      case RunOutcome::Preempted:
        goschedImpl(m, g, true);
        return;
      case RunOutcome::Blocked:
        if (parkm(m, g)) return;
        inheritTime = true;  // the park was called off: run it again at once
        continue;
    }
    runtime::fatal("execute: bad run outcome");
  }
}

}  // namespace

int64_t nanotime() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

uint32_t M::cheaprand() {
  // wyrand, as Go's cheaprand.
  rand += 0xa0761d6478bd642full;
  __uint128_t r = static_cast<__uint128_t>(rand) * (rand ^ 0xe7037ed1a0b428dbull);
  return static_cast<uint32_t>(static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64));
}

uint64_t allocGoid() { return gNextGoid.fetch_add(1, std::memory_order_relaxed); }

M* allmHead() { return gAllm.load(std::memory_order_acquire); }
M* currentM() { return tM; }
G* currentG() { return tM != nullptr ? tM->curg.load(std::memory_order_relaxed) : nullptr; }
P* currentP() { return tM != nullptr ? tM->p.load(std::memory_order_relaxed) : nullptr; }
alloc::MCache* currentCache() {
  P* pp = currentP();
  return pp != nullptr ? pp->mcache : nullptr;
}

void setRunner(GoroutineRunner* runner) { gRunner = runner; }
void setExitHook(ExitHook hook) { gExitHook.store(hook != nullptr ? hook : defaultExit); }
bool initialized() { return gInitialized.load(std::memory_order_acquire); }
int gomaxprocs() { return gGomaxprocs.load(std::memory_order_relaxed); }

void init(int n) {
  std::call_once(gInitOnce, [n] {
    const runtime::Settings& s = runtime::settings();
    gConfig.snapshotMode = s.allpsnapshot;
    gConfig.findrunnabledelayUs = s.findrunnabledelay;
    gConfig.schedtraceMs = s.schedtrace;
    gConfig.scheddetail = s.scheddetail;
    sched.maxmcount = s.maxThreads;
    sched.maxGoroutines.store(s.maxGoroutines);
    sched.startNanos = nanotime();
    registerSchedRoots();
    registerTimerClearer();
    installDumpHook();
    installWorld();
    int procs = n >= 1 ? n : runtime::gomaxprocsOrDefault(s);
    if (procs > runtime::kMaxGomaxprocs) procs = runtime::kMaxGomaxprocs;
    // From 0 Ps: nothing to stop; the start makes the Ps, all idle.
    resizeProcs(procs);
    M* sysmon;
    {
      std::lock_guard<runtime::Mutex> guard(sched.lock);
      sysmon = allocmLocked(true);
    }
    startThread(sysmon);
    gInitialized.store(true, std::memory_order_release);
  });
}

M* newm(P* pp, bool spinning, bool sysmon) {
  M* m;
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    m = allocmLocked(sysmon);
  }
  m->nextp = pp;
  if (pp != nullptr) pp->m.store(m, std::memory_order_release);
  m->spinning.store(spinning, std::memory_order_relaxed);
  countEvent(Event::MNew);
  startThread(m);
  return m;
}

void acquirep(M* m, P* pp) {
  if (m->p.load(std::memory_order_relaxed) != nullptr) runtime::fatal("acquirep: already in go");
  pp->transition(PStatus::Idle, PStatus::Running);
  pp->m.store(m, std::memory_order_release);
  m->p.store(pp, std::memory_order_relaxed);
}

P* releasep(M* m) {
  P* pp = m->p.load(std::memory_order_relaxed);
  if (pp == nullptr || pp->m.load(std::memory_order_relaxed) != m) runtime::fatal("releasep: invalid p state");
  pp->transition(PStatus::Running, PStatus::Idle);
  m->p.store(nullptr, std::memory_order_relaxed);
  pp->m.store(nullptr, std::memory_order_release);
  return pp;
}

void becomeSpinning(M* m) {
  countEvent(Event::SpinStarts);
  m->spinning.store(true, std::memory_order_relaxed);
  sched.nmspinning.fetch_add(1);
  sched.needspinning.store(0);
}

M* mget() {
  M* m = sched.midle;
  if (m != nullptr) {
    sched.midle = m->schedlink;
    m->schedlink = nullptr;
    sched.nmidle.fetch_sub(1);
  }
  return m;
}

void stopm(M* m) {
  if (m->p.load(std::memory_order_relaxed) != nullptr) runtime::fatal("stopm holding p");
  if (m->spinning.load(std::memory_order_relaxed)) runtime::fatal("stopm spinning");
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    mput(m);
  }
  countEvent(Event::Stopm);
  m->blocked.store(true, std::memory_order_relaxed);
  if (trace::on()) [[unlikely]] trace::parkBegin(m->id, "stopm");
  m->park.sleep();
  m->park.clear();
  if (trace::on()) [[unlikely]] trace::parkEnd();
  m->blocked.store(false, std::memory_order_relaxed);
  P* pp = m->nextp;
  m->nextp = nullptr;
  acquirep(m, pp);
}

void startm(P* pp, bool spinning) {
  M* nmp;
  {
    std::unique_lock<runtime::Mutex> guard(sched.lock);
    if (pp == nullptr) {
      pp = pidleget();
      if (pp == nullptr) {
        guard.unlock();
        // The caller counted a spinning M that will not exist after all.
        if (spinning && sched.nmspinning.fetch_sub(1) - 1 < 0) runtime::fatal("startm: negative nmspinning");
        return;
      }
    }
    nmp = mget();
    if (nmp == nullptr) {
      // Make the M under the lock, so that checkdead already counts it.
      nmp = allocmLocked(false);
      nmp->nextp = pp;
      pp->m.store(nmp, std::memory_order_release);
      nmp->spinning.store(spinning, std::memory_order_relaxed);
      guard.unlock();
      countEvent(Event::MNew);
      if (spinning) countEvent(Event::SpinStarts);
      startThread(nmp);
      return;
    }
    if (nmp->spinning.load(std::memory_order_relaxed)) runtime::fatal("startm: m is spinning");
    if (nmp->nextp != nullptr) runtime::fatal("startm: m has p");
    nmp->spinning.store(spinning, std::memory_order_relaxed);
    nmp->nextp = pp;
    pp->m.store(nmp, std::memory_order_release);
  }
  countEvent(Event::MWakeups);
  if (spinning) countEvent(Event::SpinStarts);
  nmp->park.wakeup();
}

void wakep() {
  // The #StoreLoad of rule 1: the caller's store of the work (a release
  // store of a run queue tail) must not pass this load of nmspinning, or
  // an M dropping its spinning state at the same moment could miss the
  // work while we see it still spinning.
  std::atomic_thread_fence(std::memory_order_seq_cst);
  countEvent(Event::WakepCalls);
  // At most one M is woken to spin, and only if none spins (rule 1).
  if (sched.nmspinning.load() != 0) {
    countEvent(Event::WakepSpinning);
    return;
  }
  // Every P busy: nobody to wake, only rule 5's request to leave. This is
  // the common case while every P runs goroutines that make or ready
  // others (a go statement, a send to a parked receiver: one wakep each),
  // so it is done without sched.lock and without writing nmspinning. Go
  // 1.19's wakep returned here (npidle == 0) with no request at all; Go
  // 1.21 takes sched.lock to ask pidlegetSpinning, which orders the
  // request against an M that is about to drop its P. Here the order comes
  // from the store-then-load on both sides instead (Dekker): this side
  // makes needspinning 1, then reads npidle; findRunnable puts its P on the
  // idle list (npidle's seq_cst increment), then reads needspinning. One of
  // the two sees the other: either npidle is no longer 0 here and we go on
  // to the locked path, or that M takes its P back and spins (rule 5). If
  // needspinning is already 1 it is not written again (that would make
  // every wakep write a line all Ps read): the request in force came before
  // our read, and whoever clears it becomes spinning after it, so it looks
  // at the work we submitted.
  if (sched.npidle.load() == 0) {
    if (sched.needspinning.load() == 0) sched.needspinning.exchange(1);
    if (sched.npidle.load() == 0) {
      countEvent(Event::WakepNoIdleP);
      return;
    }
  }
  int32_t zero = 0;
  if (!sched.nmspinning.compare_exchange_strong(zero, 1)) {
    countEvent(Event::WakepSpinning);
    return;
  }
  countEvent(Event::WakepLocked);
  P* pp;
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    pp = pidlegetSpinning();
    if (pp == nullptr) {
      if (sched.nmspinning.fetch_sub(1) - 1 < 0) runtime::fatal("wakep: negative nmspinning");
      countEvent(Event::WakepNoIdleP);
      return;
    }
  }
  startm(pp, true);
}

void handoffp(P* pp) {
  // pp is Idle and on no list; this function decides who gets it.
  {
    std::unique_lock<runtime::Mutex> guard(sched.lock);
    if (sched.syscallWaitHead != nullptr && !sched.gcwaiting.load()) {
      // An M back from a system call has a G that is ready to go on.
      bool work = !runqempty(pp);
      pidleputOrHandoff(pp);
      guard.unlock();  // wakep takes sched.lock
      if (work) wakep();
      return;
    }
  }
  if (!runqempty(pp) || sched.runqsize.load() != 0) {
    startm(pp, false);
    return;
  }
  // Nothing to run: start a spinning M only if nobody else is looking.
  int32_t zero = 0;
  if (sched.nmspinning.load() + sched.npidle.load() == 0 && sched.nmspinning.compare_exchange_strong(zero, 1)) {
    sched.needspinning.store(0);
    startm(pp, true);
    return;
  }
  std::unique_lock<runtime::Mutex> guard(sched.lock);
  if (sched.gcwaiting.load()) {
    pp->transition(PStatus::Idle, PStatus::Gcstop);
    if (--sched.stopwait == 0) sched.stopnote.wakeup();
    return;
  }
  if (sched.runqsize.load() != 0) {
    guard.unlock();
    startm(pp, false);
    return;
  }
  pidleputOrHandoff(pp);
}

[[noreturn]] void schedule(M* m) {
  for (;;) {
    P* pp = m->p.load(std::memory_order_relaxed);
    if (m->spinning.load(std::memory_order_relaxed) && !runqempty(pp)) {
      runtime::fatal("schedule: spinning with local work");
    }
    bool inheritTime = false;
    G* g = findRunnable(m, &inheritTime);
    // The snapshot is only needed inside findRunnable; Go clears it here,
    // once the M has a P and a G (findrunnable.cpp).
    clearAllpSnapshot(m);
    if (m->spinning.load(std::memory_order_relaxed)) resetspinning(m);
    execute(m, g, inheritTime);
  }
}

namespace {

// Takes a Dead G for newproc: from the P's free list, the global one, or a
// new G (published in allgs, so its state is traced from here on).
G* takeDeadG(P* pp) {
  G* g = nullptr;
  if (pp != nullptr) {
    g = gfget(pp);
  } else if (sched.ngfree.load(std::memory_order_relaxed) > 0) {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    if ((g = sched.gfree) != nullptr) {
      sched.gfree = g->schedlink;
      g->schedlink = nullptr;
      sched.ngfree.fetch_sub(1, std::memory_order_relaxed);
    }
  }
  if (g == nullptr) {
    checkGoroutineLimit();
    countEvent(Event::NewGs);
    g = new G();
    casgstatus(g, GStatus::Idle, GStatus::Dead);
    allgadd(g);
  }
  return g;
}

// Fills in a Dead G and makes it Runnable: onto pp's runnext, or the global
// queue without a P. isMain is set before the G is published, so that it
// holds whichever M runs the G first.
void publishG(P* pp, G* g, runtime::GState* state, void* user, CreationSite site, bool isMain) {
  M* m = tM;
  G* parent = m != nullptr ? m->curg.load(std::memory_order_relaxed) : nullptr;
  g->goid = allocGoid();
  if (state != nullptr) g->state = state;
  g->user = user;
  g->param = nullptr;
  g->parentGoid = parent != nullptr ? parent->goid.load() : 0;
  g->createdBy = site.function;
  g->createdPc = site.pc;
  g->isMain = isMain;
  g->waitReason.store(WaitReason::Zero, std::memory_order_relaxed);
  if (trace::on()) [[unlikely]] trace::goCreate(traceId(pp), traceId(m), g->goid, g->parentGoid);
  casgstatus(g, GStatus::Dead, GStatus::Runnable);
  if (pp != nullptr) {
    runqput(pp, g, true);
  } else {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    globrunqput(g);
  }
}

G* newprocImpl(runtime::GState* state, void* user, CreationSite site, bool isMain) {
  M* m = tM;
  P* pp = m != nullptr ? m->p.load(std::memory_order_relaxed) : nullptr;
  // With a P, no collection can run until this M reaches a safe point. A
  // thread without one keeps collections out with the world lock while it
  // writes the fields the allgs scanner reads.
  std::unique_lock<runtime::Mutex> world(gWorldLock, std::defer_lock);
  if (pp == nullptr) world.lock();
  G* g = takeDeadG(pp);
  publishG(pp, g, state, user, site, isMain);
  if (world.owns_lock()) world.unlock();
  wakep();
  return g;
}

}  // namespace

G* newprocAcquire() {
  P* pp = currentP();
  if (pp == nullptr) runtime::fatal("newprocAcquire: no P");
  return takeDeadG(pp);
}

void newprocPublish(G* g, runtime::GState* state, void* user, CreationSite site) {
  P* pp = currentP();
  if (pp == nullptr) runtime::fatal("newprocPublish: no P");
  publishG(pp, g, state, user, site, false);
  wakep();
}

G* newproc(runtime::GState* state, void* user, CreationSite site) { return newprocImpl(state, user, site, false); }

void gopark(UnlockFn unlockf, void* lock, WaitReason reason) {
  M* m = tM;
  G* g = m != nullptr ? m->curg.load(std::memory_order_relaxed) : nullptr;
  if (g == nullptr || g->status.load() != GStatus::Running) runtime::fatal("gopark: bad g status");
  m->waitunlockf = unlockf;
  m->waitlock = lock;
  g->waitReason.store(reason, std::memory_order_relaxed);
  if (trace::on()) [[unlikely]] traceBlock(m, g, reason);
}

void goready(G* g) {
  casgstatus(g, GStatus::Waiting, GStatus::Runnable);
  P* pp = currentP();
  if (trace::on()) [[unlikely]] trace::goReady(traceId(pp), traceId(tM), g->goid);
  if (pp != nullptr && pp->status.load(std::memory_order_relaxed) == PStatus::Running) {
    runqput(pp, g, true);
  } else {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    globrunqput(g);
  }
  wakep();
}

[[noreturn]] void runMain(runtime::GState* state, void* user) {
  if (!initialized()) init(0);
  if (tM != nullptr) runtime::fatal("runMain: already an M");
  M* m = new M();
  m->id = 0;
  m->rand = 0x2545F4914F6CDD1Dull;
  runtime::ensureSignalStack();
  m->tid.store(runtime::currentThreadId(), std::memory_order_release);
  tM = m;
  tEventCounts = &m->events;
  P* pp;
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    sched.mcount.fetch_add(1);
    sched.mainStarted.store(true);
    pp = pidleget();
  }
  linkAllm(m);
  if (pp != nullptr) {
    acquirep(m, pp);
    newprocImpl(state, user, CreationSite{}, true);  // onto M0's runnext
  } else {
    newprocImpl(state, user, CreationSite{}, true);  // onto the global queue
    stopm(m);
  }
  schedule(m);
}

int numGoroutine() {
  int n = 0;
  forEachG([&n](G* g) {
    GStatus s = g->status.load(std::memory_order_relaxed);
    if (s != GStatus::Dead && s != GStatus::Idle) n++;
  });
  return n;
}

Stats stats() {
  Stats s;
  s.stopTheWorlds = gStats.stopTheWorlds.load();
  s.procresizes = gStats.procresizes.load();
  s.allpArrays = gStats.allpArrays.load();
  s.persistentArrays = gStats.persistentArrays.load();
  s.persistentBytes = gStats.persistentBytes.load();
  s.preemptRequests = gStats.preemptRequests.load();
  s.syscallRetakes = gStats.syscallRetakes.load();
  s.threads = static_cast<uint64_t>(sched.mcount.load());
  return s;
}

}  // namespace goro::sched

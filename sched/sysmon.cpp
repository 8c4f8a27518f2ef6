// sysmon: the system monitor, an M that never holds a P (Go's sysmon,
// retake, schedtrace).
//
// It wakes every 20 us while it finds something to do, backing off (after
// 50 idle rounds, doubling up to 10 ms) while it does not, and sleeps on
// sched.sysmonnote while the world is stopped or every P is idle (unless
// schedtrace is on); pidleget, entersyscall and start-the-world wake it.
// Each round it:
//   - preempts: a P whose schedtick has not moved for 10 ms runs one G all
//     that time; the G's preempt flag is set;
//   - retakes: a P in Syscall whose syscalltick has not moved since the last
//     round (at least 20 us) is taken (Syscall -> Idle) and handed off
//     (handoffp), unless it has no work, someone else is spinning or idle,
//     and the call has lasted less than 10 ms;
//   - backs up the timer watcher (timers.cpp): if a timer is overdue by
//     more than kTimerBackstopNs while a P is idle, it wakes an M to run it.
//     Its deep sleep ends by then too;
//   - prints the schedtrace, every GODEBUG=schedtrace=MS milliseconds, with
//     the event counters (events.h) on a SCHEDCOUNT line after the SCHED
//     one; the program's end prints a last report (exitProgram, proc.cpp).
// Without a P it reads allp under allpLock, which procresize takes to
// replace it; the current array is a root, so it cannot be freed meanwhile.
#include <unistd.h>

#include <mutex>

#include "runtime/fatal.h"
#include "runtime/fdwriter.h"
#include "sched/runq.h"
#include "sched/sched.h"

namespace goro::sched {

namespace {

constexpr int64_t kForcePreemptNs = 10'000'000;  // 10 ms, as Go
constexpr int64_t kMaxSysmonSleepNs = 30'000'000'000;  // a deep sleep is bounded anyway

// The earliest timer deadline on any live P (0: none), sched.lock held.
int64_t earliestTimerLocked() {
  int64_t next = 0;
  runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);
  for (uint32_t i = 0; i < ap->length(); i++) {
    int64_t w = static_cast<P*>(ap->ps[i])->timerWhen.load(std::memory_order_relaxed);
    if (w != 0 && (next == 0 || w < next)) next = w;
  }
  return next;
}

uint32_t retake(int64_t now) {
  uint32_t n = 0;
  std::unique_lock<runtime::Mutex> guard(allpLock);
  // allp may be replaced while the lock is dropped: read it every time.
  for (uint32_t i = 0; i < gAllp.load(std::memory_order_relaxed)->length(); i++) {
    auto* pp = static_cast<P*>(gAllp.load(std::memory_order_relaxed)->ps[i]);
    SysmonTick& pd = pp->sysmontick;
    PStatus s = pp->status.load();
    bool sysretake = false;
    if (s == PStatus::Running || s == PStatus::Syscall) {
      uint32_t t = pp->schedtick.load(std::memory_order_relaxed);
      if (pd.schedtick != t || pd.schedwhen == 0) {  // moved, or first sight
        pd.schedtick = t;
        pd.schedwhen = now;
      } else if (pd.schedwhen + kForcePreemptNs <= now) {
        if (preemptone(pp)) gStats.preemptRequests.fetch_add(1, std::memory_order_relaxed);
        // In a system call, a preempt request does nothing: retake instead.
        sysretake = true;
      }
    }
    if (s != PStatus::Syscall) continue;
    uint32_t t = pp->syscalltick.load(std::memory_order_relaxed);
    if (!sysretake && (pd.syscalltick != t || pd.syscallwhen == 0)) {
      pd.syscalltick = t;
      pd.syscallwhen = now;
      continue;
    }
    if (runqempty(pp) && sched.nmspinning.load() + sched.npidle.load() > 0 &&
        pd.syscallwhen + kForcePreemptNs > now) {
      continue;
    }
    guard.unlock();  // handoffp takes sched.lock, which ranks before allp
    if (pp->casStatus(PStatus::Syscall, PStatus::Idle)) {
      n++;
      pp->syscalltick.fetch_add(1, std::memory_order_relaxed);
      gStats.syscallRetakes.fetch_add(1, std::memory_order_relaxed);
      handoffp(pp);
    }
    guard.lock();
  }
  return n;
}

const char* boolName(bool b) { return b ? "true" : "false"; }

}  // namespace

void wakeSysmonLocked() {
  if (sched.sysmonwait.load(std::memory_order_relaxed)) {
    sched.sysmonwait.store(false, std::memory_order_relaxed);
    sched.sysmonnote.wakeup();
  }
}

void sysmonMain(M* m) {
  int idle = 0;
  int64_t delayUs = 20;
  int64_t lasttrace = 0;
  for (;;) {
    if (idle == 0) {
      delayUs = 20;
    } else if (idle > 50) {
      delayUs *= 2;
    }
    if (delayUs > 10'000) delayUs = 10'000;
    usleep(static_cast<useconds_t>(delayUs));
    int64_t now = nanotime();
    if (gConfig.schedtraceMs <= 0 &&
        (sched.gcwaiting.load() || sched.npidle.load() == gGomaxprocs.load(std::memory_order_relaxed))) {
      std::unique_lock<runtime::Mutex> guard(sched.lock);
      if (sched.gcwaiting.load() || sched.npidle.load() == gGomaxprocs.load(std::memory_order_relaxed)) {
        // The timer watcher wakes at the earliest deadline; sysmon looks a
        // little later, in case nobody did (the backstop below).
        int64_t next = earliestTimerLocked();
        int64_t sleep = kMaxSysmonSleepNs;
        if (next != 0 && next - now < sleep - kTimerBackstopNs) sleep = next - now + kTimerBackstopNs;
        if (sleep > 0) {
          sched.sysmonwait.store(true, std::memory_order_relaxed);
          guard.unlock();
          bool woken = sched.sysmonnote.sleepFor(sleep);
          guard.lock();
          sched.sysmonwait.store(false, std::memory_order_relaxed);
          sched.sysmonnote.clear();
          if (woken) {
            idle = 0;
            delayUs = 20;
          }
        }
      }
      guard.unlock();
      now = nanotime();
    }
    if (retake(now) != 0) {
      idle = 0;
    } else {
      idle++;
    }
    if (timerBackstop(now)) idle = 0;
    if (gConfig.schedtraceMs > 0 && lasttrace + static_cast<int64_t>(gConfig.schedtraceMs) * 1'000'000 <= now) {
      lasttrace = now;
      schedtrace(gConfig.scheddetail);
    }
  }
}

void schedtrace(bool detailed) {
  std::lock_guard<runtime::Mutex> guard(sched.lock);
  runtime::FdWriter w(2);
  int64_t now = nanotime();
  w.str("SCHED ").dec((now - sched.startNanos) / 1'000'000).str("ms: gomaxprocs=");
  w.dec(gGomaxprocs.load()).str(" idleprocs=").dec(sched.npidle.load());
  w.str(" threads=").dec(sched.mcount.load()).str(" spinningthreads=").dec(sched.nmspinning.load());
  w.str(" idlethreads=").dec(sched.nmidle.load()).str(" runqueue=").dec(sched.runqsize.load());
  if (detailed) {
    w.str(" gcwaiting=").str(boolName(sched.gcwaiting.load())).str(" nmidlelocked=0 stopwait=");
    w.dec(sched.stopwait).str(" sysmonwait=").str(boolName(sched.sysmonwait.load())).str("\n");
  }
  runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);
  uint32_t n = ap->length();
  for (uint32_t i = 0; i < n; i++) {
    auto* pp = static_cast<P*>(ap->ps[i]);
    if (detailed) {
      M* mp = pp->m.load(std::memory_order_acquire);
      w.str("  P").dec(i).str(": status=").dec(static_cast<int64_t>(pp->status.load()));
      w.str(" schedtick=").dec(pp->schedtick.load()).str(" syscalltick=").dec(pp->syscalltick.load());
      w.str(" m=").dec(mp != nullptr ? mp->id : -1).str(" runqsize=").dec(runqsize(pp));
      w.str(" gfreecnt=").dec(pp->gfreecnt.load()).str(" timerslen=").dec(pp->timerCount.load()).str("\n");
    } else {
      w.str(i == 0 ? " [" : " ").dec(runqsize(pp));
      if (i == n - 1) w.str("]\n");
    }
  }
  // The event counters so far (events.h), after the P part of the report.
  w.flush();
  printEventTotals();
  if (!detailed) return;
  forEachM([&w](M* mp) {
    P* pp = mp->p.load(std::memory_order_relaxed);
    G* g = mp->curg.load(std::memory_order_acquire);
    const char* preemptoff = mp->preemptoff.load(std::memory_order_relaxed);
    w.str("  M").dec(mp->id).str(": p=").dec(pp != nullptr ? pp->id : -1);
    w.str(" curg=").dec(g != nullptr ? static_cast<int64_t>(g->goid) : -1);
    w.str(" mallocing=0 throwing=0 preemptoff=").str(preemptoff != nullptr ? preemptoff : "");
    w.str(" locks=0 dying=0 spinning=").str(boolName(mp->spinning.load(std::memory_order_relaxed)));
    w.str(" blocked=").str(boolName(mp->blocked.load(std::memory_order_relaxed))).str(" lockedg=-1\n");
  });
  forEachG([&w](G* g) {
    M* mp = g->m.load(std::memory_order_acquire);
    w.str("  G").dec(static_cast<int64_t>(g->goid)).str(": status=");
    w.dec(static_cast<int64_t>(g->status.load(std::memory_order_relaxed))).str("(");
    w.str(waitReasonString(g->waitReason.load(std::memory_order_relaxed))).str(") m=");
    w.dec(mp != nullptr ? mp->id : -1).str(" lockedm=-1\n");
  });
}

}  // namespace goro::sched

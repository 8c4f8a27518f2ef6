// System calls (Go's entersyscall/exitsyscall): a G about to block its
// thread lets go of its P so that the P keeps working without it.
//
// entersyscall leaves the P in status Syscall with no M; from then on
// three parties may take it, each with one compare-and-swap on the status:
//   - the M itself, when the call returns quickly (exitsyscall's fast path:
//     Syscall -> Running, the common case, no lock);
//   - sysmon's retake, when the call lasts (Syscall -> Idle, handoffp);
//   - a stop-the-world (Syscall -> Gcstop).
// exitsyscall's slow path takes an idle P, or else waits on the M's note
// in sched's FIFO of syscall waiters until some P is freed
// (pidleputOrHandoff). Unlike Go, it never gives the G up: the runner is
// in the middle of a native call on this thread's stack and must continue
// on it. What Go gets by putting that G on the global queue (it runs as
// soon as some P schedules), Goro gets by having an M that is about to
// pick its next G hand its P to the first waiter instead (findRunnable),
// so a waiter gets a P within a time slice even when no P ever idles.
#include <mutex>

#include "runtime/fatal.h"
#include "sched/sched.h"

namespace goro::sched {

namespace {

// The P went to Syscall while a stop was pending: the stopper may already
// have looked for Syscall Ps, so stop this one here (Go's
// entersyscall_gcwait).
void entersyscallGcwait(P* pp) {
  std::lock_guard<runtime::Mutex> guard(sched.lock);
  if (sched.stopwait > 0 && pp->casStatus(PStatus::Syscall, PStatus::Gcstop)) {
    if (--sched.stopwait == 0) sched.stopnote.wakeup();
  }
}

}  // namespace

void entersyscall() {
  M* m = currentM();
  G* g = m != nullptr ? m->curg.load(std::memory_order_relaxed) : nullptr;
  P* pp = m != nullptr ? m->p.load(std::memory_order_relaxed) : nullptr;
  if (g == nullptr || pp == nullptr) runtime::fatal("entersyscall: not running a goroutine");
  if (trace::on()) [[unlikely]] trace::runEnd(trace::RunEnd::Syscall);
  casgstatus(g, GStatus::Running, GStatus::Syscall);
  m->oldp = pp;
  m->p.store(nullptr, std::memory_order_relaxed);
  pp->m.store(nullptr, std::memory_order_release);
  pp->transition(PStatus::Running, PStatus::Syscall);
  if (sched.gcwaiting.load()) entersyscallGcwait(pp);
  if (sched.sysmonwait.load()) {
    // sysmon sleeps while every P is idle; it must watch this P now.
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    wakeSysmonLocked();
  }
}

void exitsyscall() {
  M* m = currentM();
  G* g = m != nullptr ? m->curg.load(std::memory_order_relaxed) : nullptr;
  if (g == nullptr || g->status.load() != GStatus::Syscall) runtime::fatal("exitsyscall: not in a system call");
  P* oldp = m->oldp;
  m->oldp = nullptr;
  if (oldp != nullptr && oldp->casStatus(PStatus::Syscall, PStatus::Running)) {
    // Fast path: nobody took the P.
    oldp->m.store(m, std::memory_order_release);
    m->p.store(oldp, std::memory_order_relaxed);
  } else {
    P* pp;
    {
      std::lock_guard<runtime::Mutex> guard(sched.lock);
      pp = pidleget();
      if (pp == nullptr) {
        m->schedlink = nullptr;
        if (sched.syscallWaitTail != nullptr) {
          sched.syscallWaitTail->schedlink = m;
        } else {
          sched.syscallWaitHead = m;
        }
        sched.syscallWaitTail = m;
        sched.nsyscallWait.fetch_add(1, std::memory_order_relaxed);
      }
    }
    if (pp == nullptr) {
      m->blocked.store(true, std::memory_order_relaxed);
      if (trace::on()) [[unlikely]] trace::parkBegin(m->id, "exitsyscall");
      m->park.sleep();
      m->park.clear();
      if (trace::on()) [[unlikely]] trace::parkEnd();
      m->blocked.store(false, std::memory_order_relaxed);
      pp = m->nextp;
      m->nextp = nullptr;
    }
    acquirep(m, pp);
  }
  P* pp = m->p.load(std::memory_order_relaxed);
  pp->syscalltick.fetch_add(1, std::memory_order_relaxed);
  casgstatus(g, GStatus::Syscall, GStatus::Running);
  if (trace::on()) [[unlikely]] trace::runBegin(pp->id, m->id, g->goid);
  // A stop that began while we were away must not wait a time slice for us.
  if (sched.gcwaiting.load()) g->preempt.store(1, std::memory_order_relaxed);
}

}  // namespace goro::sched

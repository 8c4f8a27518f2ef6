// Deadlock detection (Go's checkdead).
//
// checkdead runs under sched.lock every time an M goes idle (mput). Once
// runMain has started the program, nothing can ever run again when:
//   - every M is idle, except system Ms (sysmon): none is running a G,
//     spinning, in a system call, waiting in exitsyscall for a P or
//     sleeping as the timer watcher (timers.cpp), and
//   - no live P has a pending timer (a sleeping G will wake; procresize
//     moves a dying P's timers to a live one).
// Then every G that is not dead must be Waiting (a Runnable or Running G
// with every M idle is a scheduler bug, reported as such), and the process
// dies with
//
//     fatal error: all goroutines are asleep - deadlock!
//
//     goroutine 1 [chan receive]:
//     <frames, from the runner: the goroutine dump, goroutine_dump.h>
//
// and exit status 2. Without runMain (the unit tests drive the scheduler
// from threads that are not Ms) nothing is checked.
#include "runtime/fatal.h"
#include "sched/sched.h"

namespace goro::sched {

void checkdead() {
  if (!sched.mainStarted.load()) return;
  int32_t run = sched.mcount.load() - sched.nmidle.load() - sched.nmsys;
  if (run > 0) return;
  if (run < 0) {
    runtime::fatalf("checkdead: inconsistent counts: mcount=%d nmidle=%d nmsys=%d", sched.mcount.load(),
                    sched.nmidle.load(), sched.nmsys);
  }
  int waiting = 0;
  forEachG([&waiting](G* g) {
    switch (g->status.load(std::memory_order_relaxed)) {
      case GStatus::Waiting:
        waiting++;
        break;
      case GStatus::Runnable:
      case GStatus::Running:
      case GStatus::Syscall:
        runtime::fatalf("checkdead: runnable g (goroutine %llu is %s)", static_cast<unsigned long long>(g->goid),
                        gStatusName(g->status.load()));
      case GStatus::Idle:
      case GStatus::Dead:
        break;
    }
  });
  if (waiting == 0) runtime::fatalUser("no goroutines (main called runtime.Goexit) - deadlock!");
  // A pending timer will ready some G.
  runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);
  for (uint32_t i = 0; i < ap->length(); i++) {
    if (static_cast<P*>(ap->ps[i])->timerCount.load(std::memory_order_relaxed) != 0) return;
  }
  runtime::fatalUser("all goroutines are asleep - deadlock!");
}

}  // namespace goro::sched

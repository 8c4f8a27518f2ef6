// Goroutine dumps and each M's native stack: see goroutine_dump.h.
#include "sched/goroutine_dump.h"

#include "runtime/fatal.h"
#include "runtime/fdwriter.h"
#include "runtime/thread_stacks.h"
#include "sched/sched.h"

namespace goro::sched {

namespace {

runtime::FatalDumpHook gPreviousHook = nullptr;

// "\ngoroutine N [status]:\n", then its frames, or for a goroutine running
// on another thread (whose interpreter state is changing under us) Go's
// line saying so and where it was created.
void printGoroutine(int fd, G* g, const M* self) {
  runtime::FdWriter(fd)
      .str("\ngoroutine ")
      .dec(static_cast<int64_t>(g->goid.load(std::memory_order_relaxed)))
      .str(" [")
      .str(goroutineStatus(g))
      .str("]:\n");
  if (gRunner == nullptr) return;
  bool elsewhere = g->status.load(std::memory_order_relaxed) == GStatus::Running &&
                   g->m.load(std::memory_order_relaxed) != self;
  if (elsewhere) {
    runtime::FdWriter(fd).str("\tgoroutine running on other thread; stack unavailable\n");
    gRunner->writeCreatedBy(g, fd);
    return;
  }
  gRunner->writeFrames(g, fd);
}

// "\nM3 (thread 12345, P1, curg goroutine 7):\n" and the M's native stack.
void printM(int fd, M* m) {
  int32_t tid = m->tid.load(std::memory_order_acquire);
  {
    runtime::FdWriter w(fd);
    w.str("\nM").dec(m->id).str(" (thread ").dec(tid);
    if (m->isSysmon) {
      w.str(", sysmon");
    } else {
      P* pp = m->p.load(std::memory_order_relaxed);
      G* g = m->curg.load(std::memory_order_relaxed);
      if (pp != nullptr) {
        w.str(", P").dec(pp->id);
      } else {
        w.str(", no P");
      }
      if (g != nullptr) w.str(", curg goroutine ").dec(static_cast<int64_t>(g->goid.load()));
    }
    w.str("):\n");
  }
  runtime::printThreadStack(fd, tid);
}

void dumpHook(int fd, const runtime::TracebackPolicy& policy) {
  dumpForFailure(fd, policy, nullptr);
  if (gPreviousHook != nullptr) gPreviousHook(fd, policy);
}

}  // namespace

const char* goroutineStatus(const G* g) {
  GStatus s = g->status.load(std::memory_order_relaxed);
  WaitReason r = g->waitReason.load(std::memory_order_relaxed);
  if (s == GStatus::Waiting && r != WaitReason::Zero) return waitReasonString(r);
  if ((s == GStatus::Syscall || s == GStatus::Running) && r == WaitReason::StoppingTheWorld) {
    return waitReasonString(r);
  }
  return gStatusName(s);
}

void dumpGoroutines(int fd, const runtime::TracebackPolicy& policy, const G* skip) {
  if (policy.level <= 0) return;
  M* self = currentM();
  G* own = self != nullptr ? self->curg.load(std::memory_order_relaxed) : nullptr;
  if (own != nullptr && own != skip) printGoroutine(fd, own, self);
  if (!policy.all) return;
  forEachG([&](G* g) {
    if (g == own || g == skip) return;
    GStatus s = g->status.load(std::memory_order_relaxed);
    if (s == GStatus::Idle || s == GStatus::Dead) return;
    printGoroutine(fd, g, self);
  });
}

void dumpMStacks(int fd) {
  // allm is newest first; print in order of id, M0 first, without
  // allocating: one pass over the list per id.
  int64_t maxId = -1;
  forEachM([&maxId](M* m) { maxId = m->id > maxId ? m->id : maxId; });
  for (int64_t id = 0; id <= maxId; id++) {
    forEachM([fd, id](M* m) {
      if (m->id == id) printM(fd, m);
    });
  }
}

void dumpForFailure(int fd, const runtime::TracebackPolicy& policy, const G* skip) {
  dumpGoroutines(fd, policy, skip);
  if (policy.mStacks) dumpMStacks(fd);
}

void installDumpHook() { gPreviousHook = runtime::setFatalDumpHook(dumpHook); }

}  // namespace goro::sched

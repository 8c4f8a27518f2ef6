// The scheduler's two resource limits, each ending the program with a clear
// fatal error instead of letting it exhaust the machine:
//
//   threads     Go's sched.maxmcount (10000 unless debug.SetMaxThreads or
//               `goro --max-threads` says otherwise). Every M counts,
//               sysmon's and the ones parked idle included, as in Go's
//               checkmcount; Ms never exit, so the count only grows. Past
//               the limit: "runtime: program exceeds N-thread limit" and
//               "fatal error: thread exhaustion", Go's words.
//   goroutines  `goro --max-goroutines` (Go has no such limit). Counted as
//               Go's gcount does: every G in allgs less the dead ones
//               waiting for reuse on the free lists. Checked only when a
//               new G must be made, because allgs grows only when no dead
//               G can be reused: the common path pays nothing.
#include <cstdio>

#include "runtime/fatal.h"
#include "sched/proc.h"
#include "sched/sched.h"

namespace goro::sched {

void checkmcountLocked() {
  int32_t count = sched.mcount.load(std::memory_order_relaxed);
  if (count <= sched.maxmcount) return;
  char preface[80];
  std::snprintf(preface, sizeof preface, "program exceeds %d-thread limit", sched.maxmcount);
  runtime::fatalUser("thread exhaustion", preface);
}

int setMaxThreads(int n) {
  std::lock_guard<runtime::Mutex> guard(sched.lock);
  int old = sched.maxmcount;
  sched.maxmcount = n;
  checkmcountLocked();
  return old;
}

namespace {

// Gs not dead: allgs less the free lists. The caller holds a P or the world
// lock, so allp is not being replaced; the per-P counts are read as they
// stand (a G being freed meanwhile may be counted as alive).
int64_t gcount() {
  auto n = static_cast<int64_t>(allglen()) - sched.ngfree.load(std::memory_order_relaxed);
  runtime::PArray* ap = gAllp.load(std::memory_order_acquire);
  for (uint32_t i = 0; i < ap->length(); i++) {
    n -= static_cast<P*>(ap->ps[i])->gfreecnt.load(std::memory_order_relaxed);
  }
  return n;
}

}  // namespace

void checkGoroutineLimit() {
  int64_t limit = sched.maxGoroutines.load(std::memory_order_relaxed);
  if (static_cast<int64_t>(allglen()) < limit) return;
  int64_t alive = gcount();
  if (alive < limit) return;
  char msg[128];
  std::snprintf(msg, sizeof msg, "too many goroutines: %lld alive, the limit is %lld (--max-goroutines)",
                static_cast<long long>(alive), static_cast<long long>(limit));
  runtime::fatalUser(msg);
}

}  // namespace goro::sched

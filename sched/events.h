// Scheduler event counters: how often the scheduler did each of the things
// that cost a system call, a lock or a cache miss shared between threads
// (waking a parked M, parking one, spinning, stealing, the global queue,
// the channel lock, growing allgs). Counts, not times, so they mean the same
// on a loaded machine as on a quiet one; they are what issue 13's study of
// scaling with Ps was made with (docs/scheduler.md, "Counters").
//
// Each M counts its own events in its own EventCounts (M::events): only
// that M's thread writes them, with a relaxed load and store (no read-
// modify-write, no cache line shared with another writer), so counting
// costs about as much as an increment of a local. A thread that is not an M
// (a test's thread, or the process before runMain) counts into one shared
// fallback set with atomic adds. A total sums every M's set and the
// fallback; Ms are never destroyed, so no count is ever lost. Readers on
// other threads may see a count a few events late, never a torn one.
//
// Reading them: sched::eventTotals() (tests, goro-stress); with
// GODEBUG=schedtrace=MS every SCHED line is followed by a SCHEDCOUNT line
// with the totals so far, and the program's end prints a last pair.
#pragma once

#include <atomic>
#include <cstdint>

namespace goro::sched {

// X(enumerator, name printed by schedtrace)
#define GORO_SCHED_EVENTS(X)                                                                        \
  X(WakepCalls, "wakep")                  /* wakep() entered (work was just made runnable) */       \
  X(WakepSpinning, "wakepspinning")       /* ... and returned: an M already spins */                \
  X(WakepNoIdleP, "wakepnoidlep")         /* ... and returned: no idle P */                         \
  X(WakepLocked, "wakeplocked")           /* ... took sched.lock to look for an idle P */           \
  X(MWakeups, "mwakeups")                 /* startm woke a parked M (a futex wake, Go's notewakeup) */ \
  X(MNew, "mnew")                         /* startm or newm made a thread */                        \
  X(Stopm, "stopm")                       /* an M parked in stopm (a futex sleep) */                \
  X(SpinStarts, "spinstarts")             /* an M became spinning (woken spinning, or itself) */   \
  X(SpinFails, "spinfails")               /* a spinning M gave its P up having found nothing */    \
  X(Steals, "steals")                     /* runqsteal took Gs from another P */                    \
  X(StolenGs, "stolengs")                 /* ... how many Gs in all */                              \
  X(GlobalPuts, "globalputs")             /* Gs put on the global run queue */                      \
  X(GlobalTakes, "globaltakes")           /* globrunqget calls that returned a G */                 \
  X(RunqOverflows, "runqoverflows")       /* a full local ring spilled half into the global queue */ \
  X(ChanLockContended, "chanlockcontended") /* a channel lock's first try failed */                 \
  X(ChanLockSleeps, "chanlocksleeps")     /* ... and the taker slept on the futex */                \
  X(NewGs, "newgs")                       /* G structures made (no dead G to reuse) */              \
  X(AllgsGrowths, "allgsgrowths")         /* allgs' array outgrown and copied */                    \
  X(GfreeGlobal, "gfreeglobal")           /* batches of dead Gs moved between a P and the global list */

enum class Event : uint8_t {
#define GORO_SCHED_EVENT_ENUM(e, name) e,
  GORO_SCHED_EVENTS(GORO_SCHED_EVENT_ENUM)
#undef GORO_SCHED_EVENT_ENUM
      Count
};

inline constexpr int kEventCount = static_cast<int>(Event::Count);

// The printed name of an event ("mwakeups").
const char* eventName(Event e);

// One thread's counts (see the top of the file for who writes them).
struct EventCounts {
  std::atomic<uint64_t> n[kEventCount] = {};

  // By the owning thread only: no read-modify-write needed.
  void addOwn(Event e, uint64_t k) {
    auto& c = n[static_cast<int>(e)];
    c.store(c.load(std::memory_order_relaxed) + k, std::memory_order_relaxed);
  }
};

// The calling thread's own counts: its M's (set by the M's thread when it
// starts), null on a thread that is not an M. constinit keeps the access a
// plain TLS load, with no initialisation check.
extern constinit thread_local EventCounts* tEventCounts;

// Counts on a thread that is not an M (out of line: rare).
void countEventShared(Event e, uint64_t k);

// Counts k events of kind e for the calling thread. Inline: it is on the
// paths every goroutine takes (wakep, goready), where a call would cost
// more than the count.
inline void countEvent(Event e, uint64_t k = 1) {
  if (EventCounts* c = tEventCounts) [[likely]] {
    c->addOwn(e, k);
  } else {
    countEventShared(e, k);
  }
}

// Totals over every M and the fallback, plus the runtime's futex system
// calls (runtime/futex.h), which every lock and note makes, and its
// contended Mutex acquisitions (sched.lock among them; runtime/mutex.h).
struct EventTotals {
  uint64_t n[kEventCount] = {};
  uint64_t futexWaits = 0;
  uint64_t futexWakes = 0;
  uint64_t mutexContended = 0;  // runtime::mutexContendedAcquires()
  uint64_t operator[](Event e) const { return n[static_cast<int>(e)]; }
};
EventTotals eventTotals();

// Writes "SCHEDCOUNT name=value ..." and a newline on stderr.
void printEventTotals();

}  // namespace goro::sched

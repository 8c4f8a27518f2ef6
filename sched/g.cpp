// G: status names, the checked transition, allgs and the free lists (g.h).
#include "sched/g.h"

#include <cstdlib>
#include <iterator>
#include <mutex>

#include "runtime/fatal.h"
#include "runtime/mutex.h"
#include "sched/sched.h"

namespace goro::sched {

namespace {

#define GORO_WAIT_STRING(e, s) s,
const char* const kWaitReasonStrings[] = {GORO_WAIT_REASONS(GORO_WAIT_STRING)};
#undef GORO_WAIT_STRING
static_assert(std::size(kWaitReasonStrings) == static_cast<size_t>(WaitReason::Count));

// Whether `from -> to` is a move g.h allows.
bool legalMove(GStatus from, GStatus to) {
  switch (from) {
    case GStatus::Idle: return to == GStatus::Dead;
    case GStatus::Dead: return to == GStatus::Runnable;
    case GStatus::Runnable: return to == GStatus::Running;
    case GStatus::Running:
      return to == GStatus::Runnable || to == GStatus::Waiting || to == GStatus::Syscall || to == GStatus::Dead;
    case GStatus::Syscall: return to == GStatus::Running;
    case GStatus::Waiting: return to == GStatus::Runnable;
  }
  return false;
}

// allgs: a growing array published with its length. Outgrown arrays stay
// allocated (a lock-free reader may still be walking one) and are kept on a
// list so that leak checkers see them as reachable.
struct AllGs {
  runtime::Mutex lock{runtime::LockRank::allg};
  std::atomic<G**> array{nullptr};
  std::atomic<size_t> length{0};
  size_t capacity = 0;
  struct Retired {
    G** array;
    Retired* next;
  };
  Retired* retired = nullptr;
};
constinit AllGs gAllgs;

constexpr int32_t kLocalFreeMax = 64;

}  // namespace

const char* gStatusName(GStatus s) {
  switch (s) {
    case GStatus::Idle: return "idle";
    case GStatus::Runnable: return "runnable";
    case GStatus::Running: return "running";
    case GStatus::Syscall: return "syscall";
    case GStatus::Waiting: return "waiting";
    case GStatus::Dead: return "dead";
  }
  return "???";
}

const char* waitReasonString(WaitReason r) {
  auto i = static_cast<size_t>(r);
  return i < std::size(kWaitReasonStrings) ? kWaitReasonStrings[i] : "???";
}

void casgstatus(G* g, GStatus from, GStatus to) {
  if (!legalMove(from, to)) {
    runtime::fatalf("bad g transition: goroutine %llu from %s to %s", static_cast<unsigned long long>(g->goid),
                    gStatusName(from), gStatusName(to));
  }
  GStatus seen = from;
  if (!g->status.compare_exchange_strong(seen, to)) {
    runtime::fatalf("bad g transition: goroutine %llu is %s, not %s (moving to %s)",
                    static_cast<unsigned long long>(g->goid), gStatusName(seen), gStatusName(from),
                    gStatusName(to));
  }
}

void allgadd(G* g) {
  std::lock_guard<runtime::Mutex> guard(gAllgs.lock);
  size_t n = gAllgs.length.load(std::memory_order_relaxed);
  G** array = gAllgs.array.load(std::memory_order_relaxed);
  if (n == gAllgs.capacity) {
    countEvent(Event::AllgsGrowths);
    size_t cap = gAllgs.capacity == 0 ? 64 : gAllgs.capacity * 2;
    auto** grown = static_cast<G**>(std::malloc(cap * sizeof(G*)));
    if (grown == nullptr) runtime::fatalOutOfMemory("cannot grow allgs");
    for (size_t i = 0; i < n; i++) grown[i] = array[i];
    if (array != nullptr) {
      gAllgs.retired = new AllGs::Retired{array, gAllgs.retired};
    }
    gAllgs.array.store(grown, std::memory_order_release);
    gAllgs.capacity = cap;
    array = grown;
  }
  array[n] = g;
  // The array (and slot n in it) is published before the new length; a
  // reader loads the length first, then the array, and every array it can
  // see holds at least that many valid slots.
  gAllgs.length.store(n + 1, std::memory_order_release);
}

size_t allglen() { return gAllgs.length.load(std::memory_order_acquire); }

G* allgAt(size_t i) { return gAllgs.array.load(std::memory_order_acquire)[i]; }

void gfput(P* pp, G* g) {
  g->schedlink = pp->gfree;
  pp->gfree = g;
  int32_t n = pp->gfreecnt.load(std::memory_order_relaxed) + 1;
  if (n >= kLocalFreeMax) {
    countEvent(Event::GfreeGlobal);
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    while (n >= kLocalFreeMax / 2) {
      G* x = pp->gfree;
      pp->gfree = x->schedlink;
      x->schedlink = sched.gfree;
      sched.gfree = x;
      sched.ngfree++;
      n--;
    }
  }
  pp->gfreecnt.store(n, std::memory_order_relaxed);
}

G* gfget(P* pp) {
  if (pp->gfree == nullptr && sched.ngfree.load(std::memory_order_relaxed) > 0) {
    countEvent(Event::GfreeGlobal);
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    int32_t n = pp->gfreecnt.load(std::memory_order_relaxed);
    while (n < kLocalFreeMax / 2 && sched.gfree != nullptr) {
      G* x = sched.gfree;
      sched.gfree = x->schedlink;
      sched.ngfree--;
      x->schedlink = pp->gfree;
      pp->gfree = x;
      n++;
    }
    pp->gfreecnt.store(n, std::memory_order_relaxed);
  }
  G* g = pp->gfree;
  if (g == nullptr) return nullptr;
  pp->gfree = g->schedlink;
  g->schedlink = nullptr;
  pp->gfreecnt.store(pp->gfreecnt.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
  return g;
}

void gfpurge(P* pp) {
  while (G* g = pp->gfree) {
    pp->gfree = g->schedlink;
    g->schedlink = sched.gfree;
    sched.gfree = g;
    sched.ngfree++;
  }
  pp->gfreecnt.store(0, std::memory_order_relaxed);
}

}  // namespace goro::sched

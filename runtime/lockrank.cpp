// The lock-rank checker: see lockrank.h for the order and its rules.
//
// Each thread keeps the locks it holds in a small fixed array, in acquisition
// order. Because every checked acquire is of a rank at least as high as all
// held ones, the array is sorted by rank except for entries added by
// try_lock; the check therefore compares against the maximum held rank.
#include "runtime/lockrank.h"

#include <cstddef>
#include <cstdio>
#include <iterator>

#include "runtime/fatal.h"

namespace goro::runtime {

namespace lockrank_detail {
std::atomic<bool> gCheckingEnabled{false};
}

namespace {

struct RankInfo {
  LockRank rank;
  const char* name;
  bool mayNest;
};

// Indexed by rank; the static_assert below keeps it in step with the enum.
constexpr RankInfo kRanks[] = {
    {LockRank::world, "world", false},
    {LockRank::gcRoots, "gcRoots", false},
    {LockRank::chan, "chan", true},
    {LockRank::syncSema, "syncSema", false},
    {LockRank::timer, "timer", false},
    {LockRank::sched, "sched", false},
    {LockRank::allp, "allp", false},
    {LockRank::allg, "allg", false},
    {LockRank::allm, "allm", false},
    {LockRank::timers, "timers", true},
    {LockRank::handles, "handles", false},
    {LockRank::mcaches, "mcaches", false},
    {LockRank::mcentral, "mcentral", false},
    {LockRank::mheap, "mheap", false},
    {LockRank::arenas, "arenas", false},
    {LockRank::fatal, "fatal", false},
    {LockRank::leaf, "leaf", false},
};
static_assert(std::size(kRanks) == kLockRankCount, "every LockRank needs a row in kRanks");

constexpr bool ranksInOrder() {
  for (int i = 0; i < kLockRankCount; i++) {
    if (static_cast<int>(kRanks[i].rank) != i) return false;
  }
  return true;
}
static_assert(ranksInOrder(), "kRanks rows must be in LockRank order");

constexpr int kMaxHeld = 32;

struct HeldLock {
  LockRank rank;
  const void* lock;
};

// Trivially constructible, so no TLS initialisation runs on first use.
thread_local HeldLock tHeld[kMaxHeld];
thread_local int tHeldCount = 0;

// The held locks, outermost first, for a fatal message: "chan(0x...) sched".
void describeHeld(char* buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < tHeldCount && used < size; i++) {
    int n = std::snprintf(buf + used, size - used, "%s%s", i == 0 ? "" : " ", lockRankName(tHeld[i].rank));
    if (n < 0) break;
    used += static_cast<size_t>(n);
  }
}

void push(LockRank rank, const void* lock) {
  if (tHeldCount == kMaxHeld) fatalf("lock ranking: more than %d locks held by one thread", kMaxHeld);
  tHeld[tHeldCount++] = HeldLock{rank, lock};
}

}  // namespace

const char* lockRankName(LockRank rank) {
  int i = static_cast<int>(rank);
  return i >= 0 && i < kLockRankCount ? kRanks[i].name : "?";
}

bool lockRankMayNest(LockRank rank) {
  int i = static_cast<int>(rank);
  return i >= 0 && i < kLockRankCount && kRanks[i].mayNest;
}

void setLockRankChecking(bool on) { lockrank_detail::gCheckingEnabled.store(on, std::memory_order_relaxed); }

void acquireLockRank(LockRank rank, const void* lock) {
  // Find the highest held rank; it is the one a violation conflicts with.
  int worst = -1;
  for (int i = 0; i < tHeldCount; i++) {
    if (worst < 0 || tHeld[i].rank > tHeld[worst].rank) worst = i;
  }
  if (worst >= 0) {
    LockRank held = tHeld[worst].rank;
    bool ok = rank > held || (rank == held && lockRankMayNest(rank));
    for (int i = 0; ok && i < tHeldCount; i++) {
      if (tHeld[i].lock == lock) {
        fatalf("lock ordering problem: acquiring %s while holding %s (the same lock: self-deadlock)",
               lockRankName(rank), lockRankName(rank));
      }
    }
    if (!ok) {
      char list[256];
      describeHeld(list, sizeof list);
      fatalf("lock ordering problem: acquiring %s while holding %s (held, outermost first: %s)",
             lockRankName(rank), lockRankName(held), list);
    }
  }
  push(rank, lock);
}

void recordTryLockRank(LockRank rank, const void* lock) { push(rank, lock); }

void releaseLockRank(LockRank rank, const void* lock) {
  // Usually the last one; search from the top so LIFO release is O(1).
  for (int i = tHeldCount - 1; i >= 0; i--) {
    if (tHeld[i].lock == lock) {
      for (int j = i; j + 1 < tHeldCount; j++) tHeld[j] = tHeld[j + 1];
      tHeldCount--;
      return;
    }
  }
  fatalf("lock ranking: releasing a %s lock that this thread does not hold", lockRankName(rank));
}

int heldLockCount() { return tHeldCount; }

}  // namespace goro::runtime

// procresize: changing the number of Ps, with the world stopped (Go's
// procresize, p.init, p.destroy), and the allp array it maintains.
//
// allp is a PArray in the collected heap (aux: length, `capacity` slots),
// reported by the `allp` root class together with the idle and timer masks.
// Growing:
//   - within the capacity, the length grows in place;
//   - beyond it, a new array of exactly the new length is allocated and
//     every slot up to the OLD CAPACITY is copied (slots past the old
//     length hold dead Ps, which must not be lost), and the old array is
//     dropped: from here on only an M's allp snapshot can keep it alive.
// Shrinking keeps the array and its capacity and marks the Ps past the new
// length Dead: their run queues go to the global queue, their free Gs to
// the global free list, their timers to a live P, their mcaches are
// flushed. Ps are never freed: an M in a system call may still remember one
// (m->oldp), and allPsEver must stay exact for the snapshot check.
//
// Under GODEBUG=allpsnapshot=persistent the arrays and masks come from
// gc::allocatePersistent and are never freed; stats() counts them.
//
// Every array and mask gets a serial when it is made, from one 64-bit
// counter that starts at 1 and only counts up: no two ever share one, and a
// zeroed slot (serial 0) matches none. findRunnable's P-less tail compares
// it with the serial its snapshot recorded, which tells the snapshot's
// object from a later one made in the same freed slot.
#include <mutex>

#include "gc/allocate.h"
#include "runtime/fatal.h"
#include "sched/runq.h"
#include "sched/sched.h"

namespace goro::sched {

std::atomic<int32_t> gGomaxprocs{0};
std::atomic<uint32_t> gGomaxprocsChanges{0};
std::atomic<runtime::PArray*> gAllp{nullptr};
std::atomic<runtime::Bytes*> gIdlepMask{nullptr};
std::atomic<runtime::Bytes*> gTimerpMask{nullptr};
runtime::Mutex allpLock{runtime::LockRank::allp};
RandomOrder gStealOrder;

namespace {

// The serial counter (see the top of the file). Objects are made with the
// world stopped, one stopper at a time, but the counter is atomic anyway:
// it costs nothing next to a stop-the-world.
constinit std::atomic<uint64_t> gLastAllpSerial{0};

uint64_t nextAllpSerial() { return gLastAllpSerial.fetch_add(1, std::memory_order_relaxed) + 1; }

// An array or mask for allp, from the collected heap or, in persistent
// mode, from memory that is never freed. The world is stopped: no P uses
// P0's cache now, and the allocation cannot start a collection.
runtime::Object* allocAllpObject(runtime::Kind kind, size_t bytes) {
  if (gConfig.snapshotMode == runtime::AllpSnapshotMode::Persistent) {
    gStats.persistentBytes.fetch_add(bytes, std::memory_order_relaxed);
    return gc::allocatePersistent(kind, bytes);
  }
  return gc::allocateWorldStopped(*pEver(0)->mcache, kind, bytes);
}

// A mask of `words` 32-bit words holding a copy of `old`'s words (old may
// be null), with a serial of its own.
runtime::Bytes* newMask(uint32_t words, const runtime::Bytes* old) {
  size_t size = maskDataBytes(words);
  auto* b = static_cast<runtime::Bytes*>(allocAllpObject(runtime::Kind::Bytes, sizeof(runtime::Bytes) + size));
  b->size = size;
  maskInit(b, nextAllpSerial(), old);
  return b;
}

// Makes allp at least nprocs long (allpLock held). Every slot below the
// new length holds its P (still Dead if new) before the length or the
// array is published, so a reader under allpLock never meets a null slot.
// Every array is filled up to its capacity when it is made, and a slot
// never changes afterwards: growing in place writes nothing (an M may
// still be reading those very slots through a snapshot taken when the
// array was longer).
void growAllp(uint32_t nprocs) {
  runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);
  if (ap != nullptr && nprocs <= ap->capacity) {
    for (uint32_t i = ap->length(); i < nprocs; i++) {
      if (ap->ps[i] != pEver(i)) runtime::fatalf("procresize: allp[%u] is not P%u", i, i);
    }
    ap->aux = nprocs;
  } else {
    runtime::PArray* grown = newAllpArray(nprocs);
    uint32_t copied = 0;
    if (ap != nullptr) {
      for (; copied < ap->capacity; copied++) grown->ps[copied] = ap->ps[copied];
    }
    for (uint32_t i = copied; i < nprocs; i++) grown->ps[i] = pEver(i);
    grown->aux = nprocs;
    if (trace::on()) [[unlikely]] trace::newAllpArray(grown->capacity, nprocs, grown->serial);
    gAllp.store(grown, std::memory_order_release);
    if (ap != nullptr) ap->replacedAt = gGomaxprocsChanges.load(std::memory_order_relaxed);
  }
  uint32_t words = maskWords(nprocs);
  runtime::Bytes* idle = gIdlepMask.load(std::memory_order_relaxed);
  if (idle == nullptr || words > maskWordCount(idle)) {
    runtime::Bytes* timer = gTimerpMask.load(std::memory_order_relaxed);
    gIdlepMask.store(newMask(words, idle), std::memory_order_release);
    gTimerpMask.store(newMask(words, timer), std::memory_order_release);
    uint32_t change = gGomaxprocsChanges.load(std::memory_order_relaxed);
    if (idle != nullptr) maskSetReplacedAt(idle, change);
    if (timer != nullptr) maskSetReplacedAt(timer, change);
  }
}

// A P leaves: its work goes to the global queues, its cache is flushed.
void destroyP(P* pp) {
  runqDrainToGlobal(pp);
  gfpurge(pp);
  pp->mcache->releaseAll();
  pp->mcache->collectionDue = false;
  pp->m.store(nullptr, std::memory_order_release);
  pp->transition(PStatus::Gcstop, PStatus::Dead);
}

// The cache follows the stopper. An M that stops the world from inside an
// allocation (a collection falls due) or a native (runtime.GC,
// runtime.GOMAXPROCS) returns to code that still holds a reference to the
// cache of the P it had. It usually gets that P back, but not always: while
// it waited for the world lock its P sat in Syscall, where another stopper
// could take it and a shrink kill it. Rather than make every allocation
// site re-read its cache (Go's mallocgc does, at the price of a getg() on
// every allocation), the two stopped Ps swap cache objects so that the
// stopper's P owns the cache it is using. Nobody else can be using either
// object now: every other P is stopped at a safe point (its G holds no
// cache) or dead, and an M waiting to stop the world holds its own P's
// cache, which is a third object.
void keepStopperCache(M* stopper, P* mine) {
  alloc::MCache* want = stopper->stopperCache;
  if (want == nullptr || mine->mcache == want) return;
  for (uint32_t id = 0; id < pEverCount(); id++) {
    P* holder = pEver(id);
    if (holder != nullptr && holder->mcache == want) {
      std::swap(holder->mcache, mine->mcache);
      return;
    }
  }
  runtime::fatal("procresize: the stopper's cache belongs to no P");
}

}  // namespace

runtime::PArray* newAllpArray(uint32_t capacity) {
  auto* a = static_cast<runtime::PArray*>(
      allocAllpObject(runtime::Kind::PArray, sizeof(runtime::PArray) + capacity * sizeof(void*)));
  a->capacity = capacity;
  a->replacedAt = 0;
  a->aux = 0;
  a->serial = nextAllpSerial();
  for (uint32_t i = 0; i < capacity; i++) a->ps[i] = nullptr;
  gStats.allpArrays.fetch_add(1, std::memory_order_relaxed);
  if (gConfig.snapshotMode == runtime::AllpSnapshotMode::Persistent) {
    gStats.persistentArrays.fetch_add(1, std::memory_order_relaxed);
  }
  return a;
}

P* procresize(int32_t nprocs, M* stopper) {
  int32_t old = gGomaxprocs.load(std::memory_order_relaxed);
  if (nprocs <= 0 || nprocs > runtime::kMaxGomaxprocs) runtime::fatalf("procresize: invalid arg %d", nprocs);
  gStats.procresizes.fetch_add(1, std::memory_order_relaxed);
  if (nprocs != old) gGomaxprocsChanges.fetch_add(1, std::memory_order_relaxed);

  // The C++ Ps first: the allocations below use P0's cache.
  for (int32_t i = 0; i < nprocs; i++) pEnsure(static_cast<uint32_t>(i));

  runtime::PArray* cur = gAllp.load(std::memory_order_relaxed);
  if (cur == nullptr || static_cast<uint32_t>(nprocs) > cur->length()) {
    // sysmon reads allp without a P, under allpLock.
    std::lock_guard<runtime::Mutex> guard(allpLock);
    growAllp(static_cast<uint32_t>(nprocs));
  }
  runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);

  // Bring the new Ps to life (made now, or dead since a shrink); growAllp
  // has put each in its slot.
  for (int32_t i = old; i < nprocs; i++) {
    P* pp = pEver(static_cast<uint32_t>(i));
    if (ap->ps[i] != pp) runtime::fatalf("procresize: allp[%d] is not P%d", i, i);
    pp->transition(PStatus::Dead, PStatus::Gcstop);
  }

  // The stopping M continues on its own P when it survives, else on the P
  // it gave up while waiting for the world (still its cache's owner, if it
  // survives), else on P0.
  P* mine = nullptr;
  if (stopper != nullptr) {
    P* own = stopper->p.load(std::memory_order_relaxed);
    if (own != nullptr && own->id < nprocs) {
      own->transition(PStatus::Gcstop, PStatus::Running);
      mine = own;
    } else {
      if (own != nullptr) {
        own->m.store(nullptr, std::memory_order_relaxed);
        stopper->p.store(nullptr, std::memory_order_relaxed);
      }
      P* want = stopper->oldp != nullptr && stopper->oldp->id < nprocs ? stopper->oldp : pEver(0);
      want->transition(PStatus::Gcstop, PStatus::Running);
      want->m.store(stopper, std::memory_order_release);
      stopper->p.store(want, std::memory_order_relaxed);
      mine = want;
    }
  }

  if (mine != nullptr) keepStopperCache(stopper, mine);

  // A dying P's timers go to a live P first (Go's moveTimers): the
  // stopper's, or P0. Their Gs sleep on; no timer is lost.
  P* heir = mine != nullptr ? mine : pEver(0);
  for (int32_t i = nprocs; i < old; i++) {
    P* dying = pEver(static_cast<uint32_t>(i));
    moveTimers(dying, heir);
    destroyP(dying);
  }

  if (ap->length() != static_cast<uint32_t>(nprocs)) {
    std::lock_guard<runtime::Mutex> guard(allpLock);
    ap->aux = static_cast<uint32_t>(nprocs);
  }

  // Every other live P: idle, or, if it has work, to be started with an M.
  P* runnable = nullptr;
  for (int32_t i = nprocs - 1; i >= 0; i--) {
    P* pp = pEver(static_cast<uint32_t>(i));
    if (pp == mine) continue;
    pp->transition(PStatus::Gcstop, PStatus::Idle);
    if (runqempty(pp)) {
      pidleput(pp);
    } else {
      pp->m.store(mget(), std::memory_order_release);
      pp->link = runnable;
      runnable = pp;
    }
  }
  gStealOrder.reset(static_cast<uint32_t>(nprocs));
  gGomaxprocs.store(nprocs, std::memory_order_relaxed);
  if (trace::on() && old != nprocs) [[unlikely]] trace::procresize(old, nprocs);
  return runnable;
}

}  // namespace goro::sched

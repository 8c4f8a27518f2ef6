// Run queues: see runq.h. The global queue functions are declared in
// sched.h; all of them need sched.lock.
#include "sched/runq.h"

#include <unistd.h>

#include <mutex>

#include "runtime/fatal.h"
#include "sched/sched.h"

namespace goro::sched {

namespace {

constexpr uint32_t kMask = kRunqSize - 1;
static_assert((kRunqSize & kMask) == 0, "the ring size is a power of two");

// Moves half of a full ring plus g to the global queue. False if a stealer
// took some Gs meanwhile (the caller retries the fast path).
bool runqputslow(P* pp, G* g, uint32_t h, uint32_t t) {
  G* batch[kRunqSize / 2 + 1];
  uint32_t n = (t - h) / 2;
  if (n != kRunqSize / 2) runtime::fatal("runqputslow: queue is not full");
  for (uint32_t i = 0; i < n; i++) batch[i] = pp->runq[(h + i) & kMask].load(std::memory_order_relaxed);
  if (!pp->runqhead.compare_exchange_strong(h, h + n, std::memory_order_release, std::memory_order_relaxed)) {
    return false;
  }
  batch[n] = g;
  countEvent(Event::RunqOverflows);
  GQueue q;
  for (uint32_t i = 0; i <= n; i++) q.pushBack(batch[i]);
  std::lock_guard<runtime::Mutex> guard(sched.lock);
  globrunqputbatch(q);
  return true;
}

// Copies about half of pp's Gs into batch[batchHead...] (the thief's ring)
// and claims them. Returns how many.
uint32_t runqgrab(P* pp, std::atomic<G*>* batch, uint32_t batchHead, bool stealRunNextG) {
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_acquire);
    uint32_t n = t - h;
    n = n - n / 2;
    if (n == 0) {
      if (stealRunNextG) {
        G* next = pp->runnext.load(std::memory_order_acquire);
        if (next != nullptr) {
          if (pp->status.load(std::memory_order_relaxed) == PStatus::Running) {
            // pp's holder is running a G that is likely about to park and
            // switch to its runnext: give it a moment rather than steal the
            // G from under it (thrashing two goroutines between Ps).
            usleep(3);
          }
          if (!pp->runnext.compare_exchange_strong(next, nullptr)) continue;
          batch[batchHead & kMask].store(next, std::memory_order_relaxed);
          return 1;
        }
      }
      return 0;
    }
    if (n > kRunqSize / 2) continue;  // read h and t inconsistently: retry
    for (uint32_t i = 0; i < n; i++) {
      G* g = pp->runq[(h + i) & kMask].load(std::memory_order_relaxed);
      batch[(batchHead + i) & kMask].store(g, std::memory_order_relaxed);
    }
    if (pp->runqhead.compare_exchange_strong(h, h + n, std::memory_order_release, std::memory_order_relaxed)) {
      return n;
    }
  }
}

}  // namespace

void runqput(P* pp, G* g, bool next) {
  if (next) {
    G* old = pp->runnext.load(std::memory_order_relaxed);
    while (!pp->runnext.compare_exchange_weak(old, g)) {
    }
    if (old == nullptr) return;
    g = old;  // the old runnext goes to the ring
  }
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    if (t - h < kRunqSize) {
      pp->runq[t & kMask].store(g, std::memory_order_relaxed);
      pp->runqtail.store(t + 1, std::memory_order_release);
      return;
    }
    if (runqputslow(pp, g, h, t)) return;
  }
}

G* runqget(P* pp, bool* inheritTime) {
  G* next = pp->runnext.load(std::memory_order_relaxed);
  // Only the holder clears runnext to null by taking it; a stealer may
  // race us for it, hence the compare-and-swap.
  if (next != nullptr && pp->runnext.compare_exchange_strong(next, nullptr)) {
    *inheritTime = true;
    return next;
  }
  *inheritTime = false;
  for (;;) {
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    if (t == h) return nullptr;
    G* g = pp->runq[h & kMask].load(std::memory_order_relaxed);
    if (pp->runqhead.compare_exchange_strong(h, h + 1, std::memory_order_release, std::memory_order_relaxed)) {
      return g;
    }
  }
}

G* runqsteal(P* pp, P* p2, bool stealRunNextG) {
  uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
  uint32_t n = runqgrab(p2, pp->runq, t, stealRunNextG);
  if (n == 0) return nullptr;
  countEvent(Event::Steals);
  countEvent(Event::StolenGs, n);
  n--;
  G* g = pp->runq[(t + n) & kMask].load(std::memory_order_relaxed);
  if (n == 0) return g;
  uint32_t h = pp->runqhead.load(std::memory_order_acquire);
  if (t - h + n >= kRunqSize) runtime::fatal("runqsteal: runq overflow");
  pp->runqtail.store(t + n, std::memory_order_release);
  return g;
}

bool runqempty(P* pp) {
  // A G may move from runnext to the ring (runqput with next kicks the old
  // runnext out) between our reads; reading tail again after runnext makes
  // sure we saw a consistent moment: had the tail moved, we retry.
  for (;;) {
    uint32_t head = pp->runqhead.load(std::memory_order_acquire);
    uint32_t tail = pp->runqtail.load(std::memory_order_acquire);
    G* next = pp->runnext.load(std::memory_order_acquire);
    if (tail == pp->runqtail.load(std::memory_order_acquire)) return head == tail && next == nullptr;
  }
}

uint32_t runqsize(P* pp) {
  uint32_t h = pp->runqhead.load(std::memory_order_relaxed);
  uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
  uint32_t n = t - h;
  return n > kRunqSize ? 0 : n;  // a torn read: report nothing
}

void runqDrainToGlobal(P* pp) {
  // From the tail backwards onto the head of the global queue keeps the
  // ring's order; runnext ends up first, as it would have run first.
  uint32_t h = pp->runqhead.load(std::memory_order_relaxed);
  uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
  while (t != h) {
    t--;
    globrunqputhead(pp->runq[t & kMask].load(std::memory_order_relaxed));
  }
  pp->runqtail.store(t, std::memory_order_relaxed);
  if (G* next = pp->runnext.exchange(nullptr)) globrunqputhead(next);
}

// ---- the global run queue (sched.lock held) ----

void GQueue::pushBack(G* g) {
  g->schedlink = nullptr;
  if (tail != nullptr) {
    tail->schedlink = g;
  } else {
    head = g;
  }
  tail = g;
  size++;
}

void GQueue::pushFront(G* g) {
  g->schedlink = head;
  head = g;
  if (tail == nullptr) tail = g;
  size++;
}

G* GQueue::pop() {
  G* g = head;
  if (g == nullptr) return nullptr;
  head = g->schedlink;
  if (head == nullptr) tail = nullptr;
  g->schedlink = nullptr;
  size--;
  return g;
}

void globrunqput(G* g) {
  countEvent(Event::GlobalPuts);
  sched.runq.pushBack(g);
  sched.runqsize.store(sched.runq.size, std::memory_order_relaxed);
}

void globrunqputhead(G* g) {
  countEvent(Event::GlobalPuts);
  sched.runq.pushFront(g);
  sched.runqsize.store(sched.runq.size, std::memory_order_relaxed);
}

void globrunqputbatch(GQueue& batch) {
  if (batch.empty()) return;
  countEvent(Event::GlobalPuts, static_cast<uint64_t>(batch.size));
  if (sched.runq.tail != nullptr) {
    sched.runq.tail->schedlink = batch.head;
  } else {
    sched.runq.head = batch.head;
  }
  sched.runq.tail = batch.tail;
  sched.runq.size += batch.size;
  sched.runqsize.store(sched.runq.size, std::memory_order_relaxed);
  batch = GQueue{};
}

G* globrunqget(P* pp, int32_t max) {
  int32_t size = sched.runq.size;
  if (size == 0) return nullptr;
  int32_t procs = gGomaxprocs.load(std::memory_order_relaxed);
  int32_t n = size / (procs > 0 ? procs : 1) + 1;
  if (n > size) n = size;
  if (max > 0 && n > max) n = max;
  if (n > static_cast<int32_t>(kRunqSize / 2)) n = kRunqSize / 2;
  countEvent(Event::GlobalTakes);
  G* g = sched.runq.pop();
  for (n--; n > 0; n--) {
    // The caller's ring is empty (it looked before coming here and only
    // its holder adds to it), so half of it always fits and runqput never
    // spills back into the queue whose lock we hold.
    G* g1 = sched.runq.pop();
    uint32_t h = pp->runqhead.load(std::memory_order_acquire);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    if (t - h >= kRunqSize) runtime::fatal("globrunqget: local run queue full");
    pp->runq[t & kMask].store(g1, std::memory_order_relaxed);
    pp->runqtail.store(t + 1, std::memory_order_release);
  }
  sched.runqsize.store(sched.runq.size, std::memory_order_relaxed);
  return g;
}

}  // namespace goro::sched

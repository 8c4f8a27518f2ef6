// Channels: send, receive, close, the channel lock, the wait queues and the
// Sudog cache (chan.h; select is in select.cpp).
//
// Invariants, under the channel's lock:
//   - buffered values are buffer->slots[(head + i) % capacity] for
//     i < count; every other slot is nil (no stale value kept alive);
//   - recvq is non-empty only if count == 0 (a waiting receiver would have
//     taken a buffered value), sendq only if count == capacity;
//   - once closed, both queues are empty and stay empty.
#include "sched/chan.h"

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "runtime/fatal.h"
#include "runtime/lockrank.h"
#include "runtime/mutex.h"
#include "sched/proc.h"
#include "sched/sched.h"

namespace goro::sched {

using runtime::Chan;
using runtime::Value;

namespace chan_detail {

namespace {

constexpr uint32_t kUnlocked = 0;
constexpr uint32_t kLocked = 1;
constexpr int32_t kSudogCacheMax = 128;

// The Chan's lock word, laid out as a plain uint32_t in the object.
std::atomic<uint32_t>* word(Chan* c) { return reinterpret_cast<std::atomic<uint32_t>*>(&c->lock); }

Sudog*& head(void** q) { return *reinterpret_cast<Sudog**>(&q[0]); }
Sudog*& tail(void** q) { return *reinterpret_cast<Sudog**>(&q[1]); }

}  // namespace

// The three-state futex lock of runtime::Mutex (mutex.h), on the object's
// word, with the same rank checking (rank chan, which nests). Contended, it
// spins as runtime::Mutex does (Go's lock2: a few short pause loops, one
// yield, then the futex). It used to yield the CPU at once, up to four
// times: a system call each, for a lock whose holder, on another CPU,
// releases it within a few hundred nanoseconds (issue 13).
void lock(Chan* c) {
  if (runtime::lockRankCheckingEnabled()) runtime::acquireLockRank(runtime::LockRank::chan, c);
  std::atomic<uint32_t>* w = word(c);
  uint32_t seen = kUnlocked;
  if (w->compare_exchange_strong(seen, kLocked, std::memory_order_acquire, std::memory_order_relaxed)) return;
  countEvent(Event::ChanLockContended);
  if (runtime::lockWordSlow(w)) countEvent(Event::ChanLockSleeps);
}

void unlock(Chan* c) {
  std::atomic<uint32_t>* w = word(c);
  uint32_t prev = w->exchange(kUnlocked, std::memory_order_release);
  if (prev != kLocked) runtime::unlockWordSlow(w, prev);
  if (runtime::lockRankCheckingEnabled()) runtime::releaseLockRank(runtime::LockRank::chan, c);
}

bool parkUnlock(G*, void* lock) {
  unlock(static_cast<Chan*>(lock));
  return true;
}

Sudog* acquireSudog() {
  P* pp = currentP();
  if (pp != nullptr && pp->sudogcache != nullptr) {
    Sudog* s = pp->sudogcache;
    pp->sudogcache = s->next;
    pp->nsudogcache--;
    s->next = nullptr;
    return s;
  }
  return new Sudog();
}

void releaseSudog(Sudog* s) {
  *s = Sudog{};
  P* pp = currentP();
  if (pp == nullptr || pp->nsudogcache >= kSudogCacheMax) {
    delete s;
    return;
  }
  s->next = pp->sudogcache;
  pp->sudogcache = s;
  pp->nsudogcache++;
}

void enqueue(void** q, Sudog* s) {
  s->next = nullptr;
  s->prev = tail(q);
  if (tail(q) != nullptr) {
    tail(q)->next = s;
  } else {
    head(q) = s;
  }
  tail(q) = s;
}

Sudog* dequeue(void** q) {
  for (;;) {
    Sudog* s = head(q);
    if (s == nullptr) return nullptr;
    Sudog* y = s->next;
    if (y == nullptr) {
      head(q) = nullptr;
      tail(q) = nullptr;
    } else {
      y->prev = nullptr;
      head(q) = y;
    }
    s->next = nullptr;
    s->prev = nullptr;
    // A select waits on several channels: between another channel winning
    // its G and the G taking itself off this queue, its Sudog is still
    // here. The G's selectDone tells: skip it if someone else won.
    if (s->isSelect) {
      uint32_t zero = 0;
      if (!s->g->selectDone.compare_exchange_strong(zero, 1)) continue;
    }
    return s;
  }
}

void remove(void** q, Sudog* s) {
  Sudog* x = s->prev;
  Sudog* y = s->next;
  if (x != nullptr) {
    x->next = y;
    if (y != nullptr) {
      y->prev = x;
    } else {
      tail(q) = x;
    }
  } else if (y != nullptr) {
    y->prev = nullptr;
    head(q) = y;
  } else if (head(q) == s) {
    head(q) = nullptr;
    tail(q) = nullptr;
  }
  s->next = nullptr;
  s->prev = nullptr;
}

}  // namespace chan_detail

namespace {

using namespace chan_detail;

// A waiting receiver sg takes v directly. Unlocks c, then readies it.
void sendDirect(Chan* c, Sudog* sg, Value v) {
  sg->elem = v;
  sg->success = true;
  G* gp = sg->g;
  gp->param = sg;
  unlock(c);
  goready(gp);
}

// Takes a value from a waiting sender sg: directly when unbuffered; from
// the head of the (full) buffer otherwise, the sender's value going to the
// tail. Unlocks c, then readies the sender.
Value recvFrom(Chan* c, Sudog* sg) {
  Value v;
  if (c->capacity == 0) {
    v = sg->elem;
  } else {
    v = c->buffer->slots[c->head];
    c->buffer->slots[c->head] = sg->elem;
    c->head = (c->head + 1) % c->capacity;
  }
  sg->elem = Value::nil();
  sg->success = true;
  G* gp = sg->g;
  gp->param = sg;
  unlock(c);
  goready(gp);
  return v;
}

// Parks the current G on one of c's queues with c locked.
ChanStatus parkOn(Chan* c, bool isSend, Value v, WaitReason reason) {
  G* g = currentG();
  if (g == nullptr) runtime::fatal("chan: blocking operation outside a goroutine");
  Sudog* s = acquireSudog();
  s->g = g;
  s->c = c;
  s->elem = v;
  s->isSend = isSend;
  g->waiting = s;
  g->param = nullptr;
  enqueue(isSend ? c->sendq : c->recvq, s);
  gopark(parkUnlock, c, reason);
  return ChanStatus::Parked;
}

// Takes the G's completed Sudog back (after a park on one channel).
Sudog* takeWaiting(const char* what) {
  G* g = currentG();
  Sudog* s = g != nullptr ? g->waiting : nullptr;
  if (s == nullptr || g->param != s) runtime::fatalf("%s: no completed channel operation", what);
  g->waiting = nullptr;
  g->param = nullptr;
  return s;
}

}  // namespace

Chan* makechan(alloc::MCache& cache, uint32_t capacity) {
  gc::Handle<runtime::Vector> buffer(capacity > 0 ? gc::newVector(cache, capacity) : nullptr);
  auto* c = gc::allocateAs<Chan>(cache, runtime::Kind::Chan, sizeof(Chan));
  c->buffer = buffer.get();
  c->capacity = capacity;
  return c;  // everything else is zero: empty, open, unlocked, no waiters
}

uint32_t chanlen(Chan* c) {
  if (c == nullptr) return 0;
  lock(c);
  uint32_t n = c->count;
  unlock(c);
  return n;
}

ChanStatus chansend(Chan* c, Value v, bool block) {
  if (c == nullptr) {
    if (!block) return ChanStatus::WouldBlock;
    gopark(nullptr, nullptr, WaitReason::ChanSendNilChan);
    return ChanStatus::Parked;
  }
  lock(c);
  if (c->closed != 0) {
    unlock(c);
    return ChanStatus::SendOnClosed;
  }
  if (Sudog* sg = dequeue(c->recvq)) {
    sendDirect(c, sg, v);
    return ChanStatus::Done;
  }
  if (c->count < c->capacity) {
    c->buffer->slots[(c->head + c->count) % c->capacity] = v;
    c->count++;
    unlock(c);
    return ChanStatus::Done;
  }
  if (!block) {
    unlock(c);
    return ChanStatus::WouldBlock;
  }
  return parkOn(c, true, v, WaitReason::ChanSend);
}

ChanStatus chansendResume() {
  Sudog* s = takeWaiting("chansendResume");
  bool sent = s->success;
  releaseSudog(s);
  return sent ? ChanStatus::Done : ChanStatus::SendOnClosed;
}

ChanStatus chanrecv(Chan* c, bool block, Value* out, bool* ok) {
  if (c == nullptr) {
    if (!block) return ChanStatus::WouldBlock;
    gopark(nullptr, nullptr, WaitReason::ChanReceiveNilChan);
    return ChanStatus::Parked;
  }
  lock(c);
  if (c->closed != 0 && c->count == 0) {
    unlock(c);
    *out = Value::nil();
    *ok = false;
    return ChanStatus::Done;
  }
  if (Sudog* sg = dequeue(c->sendq)) {
    *out = recvFrom(c, sg);
    *ok = true;
    return ChanStatus::Done;
  }
  if (c->count > 0) {
    *out = c->buffer->slots[c->head];
    c->buffer->slots[c->head] = Value::nil();
    c->head = (c->head + 1) % c->capacity;
    c->count--;
    unlock(c);
    *ok = true;
    return ChanStatus::Done;
  }
  if (!block) {
    unlock(c);
    return ChanStatus::WouldBlock;
  }
  return parkOn(c, false, Value::nil(), WaitReason::ChanReceive);
}

void chanrecvResume(Value* out, bool* ok) {
  Sudog* s = takeWaiting("chanrecvResume");
  *out = s->elem;
  *ok = s->success;
  releaseSudog(s);
}

ChanStatus closechan(Chan* c) {
  if (c == nullptr) return ChanStatus::CloseOfNil;
  lock(c);
  if (c->closed != 0) {
    unlock(c);
    return ChanStatus::CloseOfClosed;
  }
  c->closed = 1;
  // Every waiter wakes, in queue order: receivers with nil, false; senders
  // to panic. A Waiting G is on no list, so its schedlink can chain them.
  GQueue woken;
  for (void** q : {c->recvq, c->sendq}) {
    while (Sudog* sg = dequeue(q)) {
      sg->elem = Value::nil();
      sg->success = false;
      G* gp = sg->g;
      gp->param = sg;
      woken.pushBack(gp);
    }
  }
  unlock(c);
  while (G* gp = woken.pop()) goready(gp);
  return ChanStatus::Done;
}

}  // namespace goro::sched

// select (Go's selectgo), in three passes over the cases:
//
//  1. With every channel locked (in address order, each once), visit the
//     cases in a random order and take the first that can proceed: a
//     waiting partner, room or a value in the buffer, or a closed channel.
//     With none and a default case, return WouldBlock.
//  2. Otherwise enqueue one Sudog per case, in lock order, on the G's
//     `waiting` list and on each channel's queue, and park; the unlock
//     function releases the channels once the G is Waiting.
//  3. On resume (selectResume) lock them all again, find the Sudog that
//     fired (G::param), take every other Sudog off its queue, and report.
//
// The wake-up race between channels (two partners, or a partner and a
// close, each dequeuing one of this G's Sudogs) is settled by
// G::selectDone: dequeue only returns a select Sudog after moving
// selectDone from 0 to 1 (chan.cpp).
#include <algorithm>
#include <cstdint>
#include <vector>

#include "runtime/fatal.h"
#include "sched/chan.h"
#include "sched/proc.h"
#include "sched/sched.h"

namespace goro::sched {

using runtime::Chan;
using runtime::Value;
using namespace chan_detail;

namespace {

// Locks the distinct channels of `order` (sorted by address).
void sellock(const SelectCase* cases, const std::vector<int>& order) {
  Chan* last = nullptr;
  for (int i : order) {
    if (cases[i].c != last) lock(last = cases[i].c);
  }
}

// Unlocks them, in reverse order.
void selunlock(const SelectCase* cases, const std::vector<int>& order) {
  for (size_t k = order.size(); k-- > 0;) {
    Chan* c = cases[order[k]].c;
    if (k == 0 || cases[order[k - 1]].c != c) unlock(c);
  }
}

// gopark's unlock function: unlocks the channels of the G's Sudogs (which
// are in lock order). Once a channel is unlocked, a waker may change the
// Sudogs on it and even resume the G, but the G cannot get past the lock
// of a channel this function still holds, and this function reads a Sudog
// only while its channel is still locked.
bool selparkUnlock(G* g, void*) {
  Chan* last = nullptr;
  for (Sudog* s = g->waiting; s != nullptr; s = s->waitlink) {
    if (s->c != last && last != nullptr) unlock(last);
    last = s->c;
  }
  if (last != nullptr) unlock(last);
  return true;
}

}  // namespace

ChanStatus selectgo(const SelectCase* cases, int n, bool block, int* chosen, Value* out, bool* ok) {
  M* m = currentM();
  G* g = currentG();
  // Poll order: a random permutation of the cases with a channel (an
  // inside-out shuffle). Lock order: the same, sorted by channel address.
  std::vector<int> pollorder;
  pollorder.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; i++) {
    if (cases[i].c == nullptr) continue;
    uint32_t r = m != nullptr ? m->cheaprand() : static_cast<uint32_t>(nanotime());
    size_t j = r % (pollorder.size() + 1);
    pollorder.push_back(i);
    std::swap(pollorder[j], pollorder.back());
  }
  std::vector<int> lockorder = pollorder;
  std::sort(lockorder.begin(), lockorder.end(), [cases](int a, int b) {
    return reinterpret_cast<uintptr_t>(cases[a].c) < reinterpret_cast<uintptr_t>(cases[b].c);
  });

  sellock(cases, lockorder);

  // Pass 1.
  for (int i : pollorder) {
    Chan* c = cases[i].c;
    if (cases[i].isSend) {
      if (c->closed != 0) {
        selunlock(cases, lockorder);
        *chosen = i;
        return ChanStatus::SendOnClosed;
      }
      if (Sudog* sg = dequeue(c->recvq)) {
        sg->elem = cases[i].value;
        sg->success = true;
        sg->g->param = sg;
        selunlock(cases, lockorder);
        goready(sg->g);
        *chosen = i;
        return ChanStatus::Done;
      }
      if (c->count < c->capacity) {
        c->buffer->slots[(c->head + c->count) % c->capacity] = cases[i].value;
        c->count++;
        selunlock(cases, lockorder);
        *chosen = i;
        return ChanStatus::Done;
      }
    } else {
      if (Sudog* sg = dequeue(c->sendq)) {
        if (c->capacity == 0) {
          *out = sg->elem;
        } else {
          *out = c->buffer->slots[c->head];
          c->buffer->slots[c->head] = sg->elem;
          c->head = (c->head + 1) % c->capacity;
        }
        sg->elem = Value::nil();
        sg->success = true;
        sg->g->param = sg;
        selunlock(cases, lockorder);
        goready(sg->g);
        *ok = true;
        *chosen = i;
        return ChanStatus::Done;
      }
      if (c->count > 0) {
        *out = c->buffer->slots[c->head];
        c->buffer->slots[c->head] = Value::nil();
        c->head = (c->head + 1) % c->capacity;
        c->count--;
        selunlock(cases, lockorder);
        *ok = true;
        *chosen = i;
        return ChanStatus::Done;
      }
      if (c->closed != 0) {
        selunlock(cases, lockorder);
        *out = Value::nil();
        *ok = false;
        *chosen = i;
        return ChanStatus::Done;
      }
    }
  }
  if (!block) {
    selunlock(cases, lockorder);
    return ChanStatus::WouldBlock;
  }
  if (g == nullptr) runtime::fatal("select: blocking outside a goroutine");

  // Pass 2.
  g->selectDone.store(0);
  g->param = nullptr;
  Sudog** link = &g->waiting;
  for (int i : lockorder) {
    Chan* c = cases[i].c;
    Sudog* s = acquireSudog();
    s->g = g;
    s->c = c;
    s->isSelect = true;
    s->isSend = cases[i].isSend;
    s->elem = cases[i].isSend ? cases[i].value : Value::nil();
    s->caseIndex = i;
    *link = s;
    link = &s->waitlink;
    enqueue(s->isSend ? c->sendq : c->recvq, s);
  }
  gopark(selparkUnlock, nullptr, n == 0 ? WaitReason::SelectNoCases : WaitReason::Select);
  return ChanStatus::Parked;
}

ChanStatus selectResume(int* chosen, Value* out, bool* ok) {
  G* g = currentG();
  if (g == nullptr || g->waiting == nullptr) runtime::fatal("selectResume: not waiting in a select");
  // Pass 3. The Sudogs are in lock order, so lock through them.
  std::vector<Chan*> locked;
  for (Sudog* s = g->waiting; s != nullptr; s = s->waitlink) {
    if (locked.empty() || locked.back() != s->c) {
      lock(s->c);
      locked.push_back(s->c);
    }
  }
  auto* won = static_cast<Sudog*>(g->param);
  g->param = nullptr;
  g->selectDone.store(0);
  int casei = -1;
  bool isSend = false;
  bool success = false;
  Value value;
  Sudog* s = g->waiting;
  g->waiting = nullptr;
  while (s != nullptr) {
    Sudog* next = s->waitlink;
    if (s == won) {
      casei = s->caseIndex;
      isSend = s->isSend;
      success = s->success;
      value = s->elem;
    } else {
      remove(s->isSend ? s->c->sendq : s->c->recvq, s);
    }
    releaseSudog(s);
    s = next;
  }
  for (size_t k = locked.size(); k-- > 0;) unlock(locked[k]);
  if (casei < 0) runtime::fatal("selectgo: bad wakeup");
  *chosen = casei;
  if (isSend) return success ? ChanStatus::Done : ChanStatus::SendOnClosed;
  *out = value;
  *ok = success;
  return ChanStatus::Done;
}

}  // namespace goro::sched

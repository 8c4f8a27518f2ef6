// Test hooks: see testhooks.h. The hold is a small state machine driven by
// three one-shot notes:
//   Off -> Armed (armTailHold) -> Held (an M claimed it: heldNote)
//       -> Released (releaseTailHold: releaseNote) -> Done (the M finished
//       its snapshot reads: doneNote) -> Off (the next armTailHold).
#include "sched/testhooks.h"

#include "alloc/mheap.h"
#include "gc/world.h"
#include "runtime/fatal.h"
#include "runtime/note.h"
#include "sched/sched.h"

namespace goro::sched::testhooks {

namespace {

enum State : uint32_t { kOff, kArmed, kHeld, kReleased, kDone };

struct Hold {
  std::atomic<uint32_t> state{kOff};
  std::atomic<M*> m{nullptr};
  std::atomic<runtime::PArray*> array{nullptr};
  std::atomic<uint32_t> length{0};
  runtime::Note heldNote;
  runtime::Note releaseNote;
  runtime::Note doneNote;
};
constinit Hold gHold;

}  // namespace

namespace detail {

constinit std::atomic<bool> gTailHoldArmed{false};
constinit std::atomic<bool> gAllmScanSkipsSnapshot{false};

void tailHoldPoint(M* m, runtime::PArray* array, uint32_t length) {
  uint32_t armed = kArmed;
  if (!gHold.state.compare_exchange_strong(armed, kHeld)) return;  // another M has it
  gTailHoldArmed.store(false, std::memory_order_relaxed);
  gHold.m.store(m);
  gHold.array.store(array);
  gHold.length.store(length);
  gHold.heldNote.wakeup();
  gHold.releaseNote.sleep();
}

void tailDonePoint(M* m) {
  if (gHold.m.load() != m) return;
  uint32_t released = kReleased;
  if (gHold.state.compare_exchange_strong(released, kDone)) gHold.doneNote.wakeup();
}

}  // namespace detail

void armTailHold() {
  uint32_t s = gHold.state.load();
  if (s != kOff && s != kDone) runtime::fatal("testhooks: tail hold armed twice");
  gHold.heldNote.clear();
  gHold.releaseNote.clear();
  gHold.doneNote.clear();
  gHold.m.store(nullptr);
  gHold.state.store(kArmed);
  detail::gTailHoldArmed.store(true);
}

M* waitTailHeld(int timeoutMs) {
  if (!gHold.heldNote.sleepFor(static_cast<int64_t>(timeoutMs) * 1'000'000)) return nullptr;
  return gHold.m.load();
}

runtime::PArray* heldSnapshotArray() { return gHold.array.load(); }
uint32_t heldSnapshotLength() { return gHold.length.load(); }

void releaseTailHold() {
  uint32_t held = kHeld;
  if (!gHold.state.compare_exchange_strong(held, kReleased)) runtime::fatal("testhooks: no M is held");
  gHold.releaseNote.wakeup();
}

bool waitTailDone(int timeoutMs) {
  return gHold.doneNote.sleepFor(static_cast<int64_t>(timeoutMs) * 1'000'000);
}

runtime::PArray* currentAllp() { return gAllp.load(std::memory_order_acquire); }
runtime::Bytes* currentIdlepMask() { return gIdlepMask.load(std::memory_order_acquire); }
runtime::Bytes* currentTimerpMask() { return gTimerpMask.load(std::memory_order_acquire); }

runtime::PArray* newAllpArrayAsProcresize(uint32_t capacity) {
  gc::StoppedWorld world(gc::StwReason::TestOnly);
  runtime::PArray* a = newAllpArray(capacity);
  for (uint32_t i = 0; i < capacity && i < pEverCount(); i++) a->ps[i] = pEver(i);
  a->aux = capacity;
  return a;
}

void releaseEmptyArenas() { alloc::Heap::instance().releaseFreeArenas(0); }

G* newRunnableG(void* user) {
  G* g = new G();
  casgstatus(g, GStatus::Idle, GStatus::Dead);
  allgadd(g);
  g->goid = allocGoid();
  g->user = user;
  casgstatus(g, GStatus::Dead, GStatus::Runnable);
  return g;
}

void setNextProcs(int n) { sched.newprocs = n; }

void setAllmScanSkipsSnapshot(bool skip) { detail::gAllmScanSkipsSnapshot.store(skip); }

void requestPreempt(P* pp) {
  pp->preempt.store(true);
  M* mp = pp->m.load(std::memory_order_acquire);
  if (G* g = mp != nullptr ? mp->curg.load() : nullptr) g->preempt.store(1, std::memory_order_relaxed);
}

}  // namespace goro::sched::testhooks

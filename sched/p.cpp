// P: construction, the checked status transition, allPsEver, the P masks
// and the idle P list (p.h, sched.h).
#include "sched/p.h"

#include "runtime/fatal.h"
#include "sched/runq.h"
#include "sched/sched.h"

namespace goro::sched {

namespace {

// allPsEver (p.h). Slot i is written once, before P i is published in allp.
constinit std::atomic<P*> gPsEver[runtime::kMaxGomaxprocs] = {};
constinit std::atomic<uint32_t> gPsEverCount{0};

bool legalMove(PStatus from, PStatus to) {
  switch (from) {
    case PStatus::Idle: return to == PStatus::Running || to == PStatus::Gcstop;
    case PStatus::Running: return to == PStatus::Idle || to == PStatus::Syscall || to == PStatus::Gcstop;
    case PStatus::Syscall: return to == PStatus::Running || to == PStatus::Idle || to == PStatus::Gcstop;
    case PStatus::Gcstop: return to == PStatus::Idle || to == PStatus::Running || to == PStatus::Dead;
    case PStatus::Dead: return to == PStatus::Gcstop;
  }
  return false;
}

[[noreturn]] void badMove(const P* pp, PStatus from, PStatus to) {
  runtime::fatalf("bad p transition: P%d from %s to %s", pp->id, pStatusName(from), pStatusName(to));
}

uint32_t* maskWordsOf(const runtime::Bytes* mask) {
  return reinterpret_cast<uint32_t*>(const_cast<uint8_t*>(mask->data + kMaskHeaderBytes));
}

uint64_t* maskSerialOf(const runtime::Bytes* mask) {
  return reinterpret_cast<uint64_t*>(const_cast<uint8_t*>(mask->data));
}

}  // namespace

const char* pStatusName(PStatus s) {
  switch (s) {
    case PStatus::Idle: return "idle";
    case PStatus::Running: return "running";
    case PStatus::Syscall: return "syscall";
    case PStatus::Gcstop: return "gcstop";
    case PStatus::Dead: return "dead";
  }
  return "???";
}

P::P(int32_t pid) : id(pid) {}

void P::transition(PStatus from, PStatus to) {
  if (!legalMove(from, to)) badMove(this, from, to);
  PStatus seen = from;
  if (!status.compare_exchange_strong(seen, to)) {
    runtime::fatalf("bad p transition: P%d is %s, not %s (moving to %s)", id, pStatusName(seen),
                    pStatusName(from), pStatusName(to));
  }
}

bool P::casStatus(PStatus from, PStatus to) {
  if (!legalMove(from, to)) badMove(this, from, to);
  // seq_cst: entersyscall publishes Syscall and then reads gcwaiting, while a
  // stopper publishes gcwaiting and then reads the status (stw.cpp); one of
  // them must see the other.
  return status.compare_exchange_strong(from, to);
}

P* pEver(uint32_t id) {
  return id < runtime::kMaxGomaxprocs ? gPsEver[id].load(std::memory_order_acquire) : nullptr;
}

uint32_t pEverCount() { return gPsEverCount.load(std::memory_order_acquire); }

P* pEnsure(uint32_t id) {
  if (id >= runtime::kMaxGomaxprocs) runtime::fatalf("procresize: P id %u out of range", id);
  P* pp = gPsEver[id].load(std::memory_order_acquire);
  if (pp != nullptr) return pp;
  pp = new P(static_cast<int32_t>(id));
  gPsEver[id].store(pp, std::memory_order_release);
  if (gPsEverCount.load(std::memory_order_relaxed) <= id) gPsEverCount.store(id + 1, std::memory_order_release);
  return pp;
}

uint32_t maskWordCount(const runtime::Bytes* mask) {
  return mask->size < kMaskHeaderBytes ? 0 : static_cast<uint32_t>((mask->size - kMaskHeaderBytes) / 4);
}

uint64_t maskSerial(const runtime::Bytes* mask) { return __atomic_load_n(maskSerialOf(mask), __ATOMIC_RELAXED); }

uint64_t maskReplacedAt(const runtime::Bytes* mask) {
  return __atomic_load_n(maskSerialOf(mask) + 1, __ATOMIC_RELAXED);
}

void maskSetReplacedAt(runtime::Bytes* mask, uint64_t change) {
  __atomic_store_n(maskSerialOf(mask) + 1, change, __ATOMIC_RELAXED);
}

void maskInit(runtime::Bytes* mask, uint64_t serial, const runtime::Bytes* old) {
  *maskSerialOf(mask) = serial;
  maskSerialOf(mask)[1] = 0;
  uint32_t oldWords = old == nullptr ? 0 : maskWordCount(old);
  for (uint32_t w = 0; w < maskWordCount(mask); w++) maskWordsOf(mask)[w] = w < oldWords ? maskLoadWord(old, w) : 0;
}

uint32_t maskLoadWord(const runtime::Bytes* mask, uint32_t w) {
  return __atomic_load_n(&maskWordsOf(mask)[w], __ATOMIC_RELAXED);
}

bool maskRead(const runtime::Bytes* mask, uint32_t id) {
  if (mask == nullptr || id / 32 >= maskWordCount(mask)) return false;
  return (maskLoadWord(mask, id / 32) & (1u << (id % 32))) != 0;
}

void maskSet(runtime::Bytes* mask, uint32_t id) {
  if (mask == nullptr || id / 32 >= maskWordCount(mask)) return;
  __atomic_fetch_or(&maskWordsOf(mask)[id / 32], 1u << (id % 32), __ATOMIC_RELAXED);
}

void maskClear(runtime::Bytes* mask, uint32_t id) {
  if (mask == nullptr || id / 32 >= maskWordCount(mask)) return;
  __atomic_fetch_and(&maskWordsOf(mask)[id / 32], ~(1u << (id % 32)), __ATOMIC_RELAXED);
}

// ---- the idle P list (sched.lock held) ----

void pidleput(P* pp) {
  if (pp->status.load(std::memory_order_relaxed) != PStatus::Idle) {
    runtime::fatalf("pidleput: P%d is %s, not idle", pp->id, pStatusName(pp->status.load()));
  }
  if (!runqempty(pp)) runtime::fatal("pidleput: P has non-empty run queue");
  maskSet(gIdlepMask.load(std::memory_order_relaxed), pp->id);
  if (pp->timerCount.load(std::memory_order_relaxed) == 0) {
    maskClear(gTimerpMask.load(std::memory_order_relaxed), pp->id);
  }
  pp->m.store(nullptr, std::memory_order_release);
  pp->link = sched.pidle;
  sched.pidle = pp;
  sched.npidle.fetch_add(1);
}

P* pidleget() {
  P* pp = sched.pidle;
  if (pp == nullptr) return nullptr;
  sched.pidle = pp->link;
  pp->link = nullptr;
  sched.npidle.fetch_sub(1);
  // A P that may run may get timers; one that runs is not idle.
  maskSet(gTimerpMask.load(std::memory_order_relaxed), pp->id);
  maskClear(gIdlepMask.load(std::memory_order_relaxed), pp->id);
  wakeSysmonLocked();
  return pp;
}

P* pidlegetSpinning() {
  P* pp = pidleget();
  if (pp == nullptr) {
    // Work was found that no idle P can take: make sure an M about to drop
    // its P becomes the spinning M instead (proc.h rule 5).
    sched.needspinning.store(1);
  }
  return pp;
}

void pidleputOrHandoff(P* pp) {
  if (M* mp = sched.syscallWaitHead) {
    sched.syscallWaitHead = mp->schedlink;
    if (sched.syscallWaitHead == nullptr) sched.syscallWaitTail = nullptr;
    sched.nsyscallWait.fetch_sub(1, std::memory_order_relaxed);
    mp->schedlink = nullptr;
    pp->m.store(mp, std::memory_order_release);
    mp->nextp = pp;
    mp->park.wakeup();
    return;
  }
  pidleput(pp);
}

}  // namespace goro::sched

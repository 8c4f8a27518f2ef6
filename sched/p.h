// P: a processor, the right to run Goro code (Go's p).
//
// Ps are immortal C++ structures: procresize makes P i the first time
// GOMAXPROCS reaches i+1, and from then on allp[i] is always that same P
// (it goes Dead when GOMAXPROCS drops below i+1 and comes back on regrowth).
// Every P ever made is also recorded, by id, in a small append-only table
// (allPsEver) that never changes once written: findRunnable checks every P
// pointer it reads through an allp snapshot against it (findrunnable.cpp).
//
// Status (Go's numbering). Every change goes through transition() or
// casStatus(), which die with "bad p transition" on an illegal move:
//
//   Idle     on sched.pidle (or being handed to an M that will acquire it);
//            no M holds it. Its run queue is empty when it goes idle.
//            -> Running (acquirep), Gcstop (a stop-the-world takes it).
//   Running  held by an M (p->m, m->p) that runs Goro code or schedules.
//            Only that M changes its status. -> Idle (dropped with no work),
//            Syscall, Gcstop (stopping for, or by, a stop-the-world).
//   Syscall  its last M entered a system call and let go of it; p->m is
//            null and m->oldp remembers it. Up for grabs, by compare-and-
//            swap: the returning M (-> Running), sysmon's retake (-> Idle,
//            then handoffp), a stop-the-world (-> Gcstop).
//   Gcstop   stopped by a stop-the-world; the stopper owns it (the
//            stopper's own P is in this status too, as in Go, only for
//            show). -> Idle, Running (start-the-world), Dead (shrunk).
//   Dead     beyond GOMAXPROCS, or just made; its run queue is empty and its
//            mcache flushed. -> Gcstop (procresize brings it back).
#pragma once

#include <atomic>
#include <cstdint>

#include "alloc/mcache.h"
#include "runtime/object_layouts.h"
#include "runtime/settings.h"
#include "sched/g.h"
#include "sched/timers.h"

namespace goro::sched {

struct M;
struct Sudog;

enum class PStatus : uint32_t {
  Idle = 0,
  Running = 1,
  Syscall = 2,
  Gcstop = 3,
  Dead = 4,
};

const char* pStatusName(PStatus s);

// The local run queue's size, as Go's.
inline constexpr uint32_t kRunqSize = 256;

// What sysmon saw of a P at its last look (Go's sysmontick). Only sysmon
// reads or writes it.
struct SysmonTick {
  uint32_t schedtick = 0;
  int64_t schedwhen = 0;
  uint32_t syscalltick = 0;
  int64_t syscallwhen = 0;
};

struct P {
  explicit P(int32_t id);
  P(const P&) = delete;
  P& operator=(const P&) = delete;

  // Index in allp and allPsEver. Immutable.
  const int32_t id;

  // See the table above.
  std::atomic<PStatus> status{PStatus::Dead};

  // Link in sched.pidle, or in the list of Ps start-the-world hands out
  // (under sched.lock, or with the world stopped).
  P* link = nullptr;
  // The M holding it (Running), or the M it is being handed to; null when
  // Idle on the list, Syscall, Gcstop, Dead. Written under the same rules as
  // the status; read by preemptall and schedtrace.
  std::atomic<M*> m{nullptr};

  // Incremented on every new time slice (execute without inheritTime) and on
  // every exit from a system call; sysmon compares them between its looks.
  std::atomic<uint32_t> schedtick{0};
  std::atomic<uint32_t> syscalltick{0};
  SysmonTick sysmontick;

  // The time slice running on this P has been asked to end (preemptone:
  // sysmon after 10 ms of one slice, or a stop-the-world). The request is
  // the P's, not only the running G's, because one slice is shared by every
  // G that inherits it through runnext (a G created or readied by the
  // running G): if the G it was made for ends or parks before its next safe
  // point, the next G of the same slice starts with its preempt flag set
  // and stops at its first safe point (execute, proc.cpp). Cleared when the
  // P starts a new slice or a G honours the request (returns Preempted).
  // Set by any thread; read and cleared by the P's holder.
  std::atomic<bool> preempt{false};

  // The local run queue (runq.h): a ring written only by the P's owner at
  // runqtail and consumed at runqhead by the owner and by stealers with a
  // compare-and-swap. runnext, if set, runs before the ring (a G just
  // readied by the running G, so a pair of communicating Gs keeps the P).
  std::atomic<uint32_t> runqhead{0};
  std::atomic<uint32_t> runqtail{0};
  std::atomic<G*> runq[kRunqSize] = {};
  std::atomic<G*> runnext{nullptr};

  // Dead Gs for reuse (g.h gfput/gfget); owned by the P's holder.
  G* gfree = nullptr;
  std::atomic<int32_t> gfreecnt{0};
  // Free Sudogs (chan.h), linked through Sudog::next; owned by the holder.
  Sudog* sudogcache = nullptr;
  int32_t nsudogcache = 0;

  // The P's allocation cache: only its holder allocates from it; the
  // collector flushes it with the world stopped; procresize flushes it when
  // the P dies. Code running on the P reaches it through `mcache`, which
  // points at `ownCache` until procresize swaps the cache objects of two
  // stopped Ps so that a stopping M keeps the cache it was using (see
  // procresize.cpp, "the cache follows the stopper"). Written only with the
  // world stopped; read by the P's holder.
  alloc::MCache ownCache;
  alloc::MCache* mcache = &ownCache;

  // The P's timers (sleeping goroutines, timers.h): the heap and its lock,
  // and, as findRunnable's P-less tail, sysmon and checkdead see them
  // without the lock, the earliest deadline (nanotime, 0: none) and how
  // many there are. The two atomics are written only under timers.lock,
  // whenever the heap changes. A P that has timers keeps its bit in the
  // timer mask (gTimerpMask) set.
  TimerHeap timers;
  std::atomic<int64_t> timerWhen{0};
  std::atomic<uint32_t> timerCount{0};

  // Moves the status from `from` to `to`; dies if the move is illegal or the
  // status is not `from`.
  void transition(PStatus from, PStatus to);
  // The same as a compare-and-swap: returns false, changing nothing, when
  // the status is not `from`; dies only if the move is illegal.
  bool casStatus(PStatus from, PStatus to);
};

// allPsEver: P i, once made, forever. Written by procresize (world stopped)
// before the P is published in allp; lock-free to read.
P* pEver(uint32_t id);
uint32_t pEverCount();
// Makes P id if it does not exist yet (procresize).
P* pEnsure(uint32_t id);

// A P mask (Go's pMask): one bit per P id, in a collected Bytes object (or
// a persistent one), replaced by procresize like allp. Its data is a
// header: the mask's serial (a uint64_t, unique among every allp array and
// mask ever made, as PArray::serial, never 0) and the number of the
// GOMAXPROCS change that replaced it (a uint64_t, as PArray::replacedAt, 0
// while current); then the 32-bit words. The serial is written once, when
// procresize makes the mask; the change number once, when it replaces it. Bits are set and cleared
// atomically; a reader without a P may read stale bits, never a torn word.
inline constexpr size_t kMaskHeaderBytes = 2 * sizeof(uint64_t);
inline uint32_t maskWords(uint32_t nprocs) { return (nprocs + 31) / 32; }
// The most words a mask needs (GOMAXPROCS at its maximum).
inline constexpr uint32_t kMaxMaskWords = (runtime::kMaxGomaxprocs + 31) / 32;
// Bytes of data for a mask of `words` words.
inline size_t maskDataBytes(uint32_t words) { return kMaskHeaderBytes + size_t{words} * 4; }
// The words a mask holds, its serial, and word w (< maskWordCount).
uint32_t maskWordCount(const runtime::Bytes* mask);
uint64_t maskSerial(const runtime::Bytes* mask);
// The GOMAXPROCS change that replaced the mask, 0 while it is current.
uint64_t maskReplacedAt(const runtime::Bytes* mask);
void maskSetReplacedAt(runtime::Bytes* mask, uint64_t change);
uint32_t maskLoadWord(const runtime::Bytes* mask, uint32_t w);
// Fills a fresh mask whose size is set (procresize, before publishing it):
// its serial, then old's words (old may be null), zero past them.
void maskInit(runtime::Bytes* mask, uint64_t serial, const runtime::Bytes* old);
bool maskRead(const runtime::Bytes* mask, uint32_t id);
void maskSet(runtime::Bytes* mask, uint32_t id);
void maskClear(runtime::Bytes* mask, uint32_t id);

}  // namespace goro::sched

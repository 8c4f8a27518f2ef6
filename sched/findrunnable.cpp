// findRunnable: where an M holding a P finds its next G, and where, finding
// none, it gives the P up and parks (Go's findRunnable, stealWork,
// checkRunqsNoP, checkTimersNoP).
//
// Order of the search: first, an M waiting in exitsyscall for a P gets this
// M's P (syscall.cpp); then this P's expired timers are run (their sleeping
// Gs join its queue, timers.cpp); then the global queue once in 61 time
// slices (so two Gs readying each other on one P cannot starve it), the
// local queue (runnext first), the global queue, then, if this M may spin
// (proc.h rule 2), stealing: four sweeps over the other Ps in a random
// coprime-stride order, the last one also running the victims' expired
// timers and taking a victim's runnext.
//
// Finding nothing, the M drops its P knowing pollUntil, the earliest pending
// timer it saw (its own P's, its victims', and, if it spun, every P's
// through the snapshot). If that is not 0 the M either becomes the timer
// watcher, sleeping until the deadline, or makes sure the watcher wakes by
// then, before it parks (watchTimers, timers.cpp).
//
// The P-less tail and the allp snapshot. Before it drops its P the M copies
// what the tail will read: allp (array and length) and the idle and timer
// masks. Once the P is dropped a stop-the-world no longer waits for this M,
// so procresize may replace all three; what keeps the old ones valid is the
// GODEBUG=allpsnapshot mode (read once at init):
//
//   m           the copy is stored in the M (m->allpSnapshot, ...), which the
//               allm root class reports: the old array outlives the resize
//               until the M clears the copy. This is Go's fix for issue
//               74414. As in Go, the M clears it only while it holds a P
//               (at the top of this function's loop, and in schedule()
//               once a G is found): Go must, since clearing a heap pointer
//               needs a write barrier and so a P. Goro's collector has no
//               barrier and could clear it earlier, but does as Go does,
//               because that is what a study of the bug must see: an M
//               parked in stopm keeps its snapshot, and the replaced array
//               stays alive, reached only through allm, for as long as
//               that M sleeps.
//   stack       the copy is a local on this native stack, which no root
//               class covers (Go before the fix): a collection can free
//               the old array and the allocator reuse it under the M.
//   persistent  the copy is a local, but every allp array and mask came from
//               gc::allocatePersistent and is never freed.
//
// Telling a stale read from a good one. Every allp array and mask carries a
// serial of its own (procresize.cpp), which the snapshot records. Before
// the tail reads anything through the snapshot, readSnapshot takes the heap
// lock and asks the heap what each of the three objects is now
// (alloc::Heap::objectStateLocked, which looks only at the heap's records,
// never at the object); each must still be allocated (or persistent), of
// its kind, and carry the recorded serial. Only then does it read them:
// it checks that slot i of the array holds P i (allPsEver, p.h) for every
// i below the snapshot's length, copies the words of both masks, reads the
// serials once more and releases the lock. The tail then works from the
// copy alone (P i is pEver(i), and Ps are immortal): nothing is read
// through the snapshot after that, so the window of the bug closes there.
// The heap lock is what makes these reads safe: sweeping, freeing a span
// and giving an arena back to mimalloc all hold it, so an object found
// allocated stays allocated, and an arena the heap holds stays mapped,
// until the copy is done. The lock is released before the tail takes
// sched.lock (checkRunqsNoP), which ranks before it (runtime/lockrank.h).
// It is taken once each time a spinning M has given up its P and is about
// to park, never while an M holds a P. Anything else ends the process with
//     fatal error: findRunnable: allpSnapshot use-after-free (FINDINGS)
// FINDINGS naming, for each object that is not the snapshot's (and `idle
// mask`, `timer mask` for the masks):
//     array 0x... no longer allocated                  its slot is free
//     array 0x... no longer allocated: its span was freed
//     array 0x... no longer allocated: its arena was given back to mimalloc
//     array 0x... reused: now a bytes object           by an object of another kind
//     array 0x... reused: serial 7, snapshot had 3     by another array or mask
// or `index I read 0x...` when slot I of an array that passed those checks
// does not hold P I. In an address-sanitizer build readSnapshot first reads
// each object's header plainly, unless its arena was given back (where the
// read itself could fault): a freed slot or span is poisoned as freed heap
// memory (alloc/poison.h), so the sanitizer reports that read as a
// heap-use-after-free before the runtime's check can; a slot that was
// reused is allocated again, unpoisoned, and the runtime's check reports.
//
// What cannot be told from a good read, and why:
//   - a read after the resize but before any collection: the old objects
//     are alive and intact, so it is no use-after-free, and it is not
//     reported. The P pointers it yields are right; the old masks are no
//     longer updated, so their bits are stale (as in Go). A stale snapshot
//     is caught only once a collection has freed what it points to.
//   - a slot freed and then claimed by a new owner that has not yet written
//     it (mcaches hand out slots without the heap lock): it still holds the
//     old bytes, serial and all, which are exactly what the snapshot's
//     object held, so the copy is right. Reading the serials again after
//     the copy catches a new owner that writes during it.
//   - a slot reused by an object with the snapshot's serial cannot happen:
//     the counter is 64 bits wide and only counts up, so every array and
//     mask has a serial no other ever had, and a zeroed slot (0) matches
//     none.
//
// GODEBUG=findrunnabledelay=US sleeps between dropping the P and reading the
// snapshot, standing in for the kernel descheduling the M there; the test
// hooks (testhooks.h) can hold one M at that same point.
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include <algorithm>
#include <mutex>

#include "alloc/mheap.h"
#include "alloc/poison.h"
#include "runtime/fatal.h"
#include "sched/runq.h"
#include "sched/sched.h"
#include "sched/testhooks.h"

namespace goro::sched {

namespace {

using runtime::AllpSnapshotMode;

struct AllpSnapshot {
  runtime::PArray* array = nullptr;
  uint32_t length = 0;
  runtime::Bytes* idlepMask = nullptr;
  runtime::Bytes* timerpMask = nullptr;
  // The three objects' serials when the snapshot was taken.
  uint64_t arraySerial = 0;
  uint64_t idlepSerial = 0;
  uint64_t timerpSerial = 0;
};

// Called with the P still held, so allp cannot change under it.
AllpSnapshot takeSnapshot(M* m) {
  AllpSnapshot s;
  s.array = gAllp.load(std::memory_order_acquire);
  s.length = s.array->length();
  s.idlepMask = gIdlepMask.load(std::memory_order_acquire);
  s.timerpMask = gTimerpMask.load(std::memory_order_acquire);
  s.arraySerial = s.array->serial;
  s.idlepSerial = maskSerial(s.idlepMask);
  s.timerpSerial = maskSerial(s.timerpMask);
  if (gConfig.snapshotMode == AllpSnapshotMode::M) {
    m->allpSnapshot.store(s.array, std::memory_order_relaxed);
    m->allpSnapshotLen.store(s.length, std::memory_order_relaxed);
    m->idlepMaskSnapshot.store(s.idlepMask, std::memory_order_relaxed);
    m->timerpMaskSnapshot.store(s.timerpMask, std::memory_order_relaxed);
    // The tail reads it back from the M: the M is where it lives.
    s.array = m->allpSnapshot.load(std::memory_order_relaxed);
    s.length = m->allpSnapshotLen.load(std::memory_order_relaxed);
    s.idlepMask = m->idlepMaskSnapshot.load(std::memory_order_relaxed);
    s.timerpMask = m->timerpMaskSnapshot.load(std::memory_order_relaxed);
  }
  return s;
}

// What the P-less tail reads, copied out of the snapshot's objects by
// readSnapshot once they proved to be the snapshot's own. P i is pEver(i);
// words past a mask's own are zero, as maskRead answers past its end.
struct SnapshotCopy {
  uint32_t length = 0;
  uint32_t idlepWords[kMaxMaskWords] = {};
  uint32_t timerpWords[kMaxMaskWords] = {};

  bool idle(uint32_t id) const { return (idlepWords[id / 32] >> (id % 32)) & 1; }
  bool hasTimers(uint32_t id) const { return (timerpWords[id / 32] >> (id % 32)) & 1; }
};

// What readSnapshot found wrong, as the text of the fatal error. A fixed
// buffer: it is filled under the heap lock, where nothing may allocate.
class Findings {
 public:
  __attribute__((format(printf, 2, 3))) void add(const char* fmt, ...) {
    if (used_ != 0) advance(snprintf(text_ + used_, sizeof(text_) - used_, "; "));
    va_list ap;
    va_start(ap, fmt);
    advance(vsnprintf(text_ + used_, sizeof(text_) - used_, fmt, ap));
    va_end(ap);
  }
  bool any() const { return used_ != 0; }
  const char* text() const { return text_; }

 private:
  // After a write of n characters (or n wanted, when the buffer ran out).
  void advance(int n) {
    if (n > 0) used_ = std::min(used_ + static_cast<size_t>(n), sizeof(text_) - 1);
  }
  char text_[512] = {};
  size_t used_ = 0;
};

uint64_t serialOfArray(const runtime::Object* o) {
  return __atomic_load_n(&static_cast<const runtime::PArray*>(o)->serial, __ATOMIC_RELAXED);
}
uint64_t serialOfMask(const runtime::Object* o) { return maskSerial(static_cast<const runtime::Bytes*>(o)); }

// One object read through the snapshot (`what`: "array", "idle mask",
// "timer mask"): whether it is still the object of `kind` and `serial` the
// snapshot recorded. Adds what it found otherwise. Heap lock held, so
// nothing found allocated can be freed meanwhile, and o is dereferenced
// only once the heap says it lies in memory the heap holds.
bool checkSnapshotObject(alloc::Heap& heap, const char* what, const runtime::Object* o, runtime::Kind kind,
                         uint64_t serial, uint64_t (*serialOf)(const runtime::Object*), Findings& found) {
  alloc::ObjectState state = heap.objectStateLocked(o);
  if (alloc::kAsan && state != alloc::ObjectState::NoArena) {
    // A plain read, which the sanitizer checks: a freed slot or span is
    // reported by the sanitizer itself, as a heap-use-after-free.
    (void)*reinterpret_cast<const volatile uint64_t*>(o);
  }
  switch (state) {
    case alloc::ObjectState::Allocated:
    case alloc::ObjectState::Persistent:
      break;
    case alloc::ObjectState::FreeSlot:
      found.add("%s %p no longer allocated", what, static_cast<const void*>(o));
      return false;
    case alloc::ObjectState::FreePages:
      found.add("%s %p no longer allocated: its span was freed", what, static_cast<const void*>(o));
      return false;
    case alloc::ObjectState::NoArena:
      found.add("%s %p no longer allocated: its arena was given back to mimalloc", what,
                static_cast<const void*>(o));
      return false;
  }
  auto nowKind =
      static_cast<runtime::Kind>(__atomic_load_n(reinterpret_cast<const uint8_t*>(&o->kind), __ATOMIC_RELAXED));
  if (nowKind != kind) {
    if (nowKind < runtime::Kind::Count) {
      found.add("%s %p reused: now a %s object", what, static_cast<const void*>(o), runtime::typeInfo(nowKind).name);
    } else {
      found.add("%s %p reused: kind byte %u", what, static_cast<const void*>(o), static_cast<unsigned>(nowKind));
    }
    return false;
  }
  uint64_t nowSerial = serialOf(o);
  if (nowSerial != serial) {
    found.add("%s %p reused: serial %llu, snapshot had %llu", what, static_cast<const void*>(o),
              static_cast<unsigned long long>(nowSerial), static_cast<unsigned long long>(serial));
    return false;
  }
  return true;
}

// Checks the snapshot's three objects (see the top of the file) and copies
// out what the tail reads; dies with the findings if any is not the
// snapshot's. noinline keeps the check and its fatal error in one
// recognisable frame.
__attribute__((noinline)) void readSnapshot(const AllpSnapshot& s, SnapshotCopy& copy) {
  alloc::Heap& heap = alloc::Heap::instance();
  Findings found;
  heap.withLock([&] {
    auto checkAll = [&] {
      using runtime::Kind;
      bool ok = checkSnapshotObject(heap, "array", s.array, Kind::PArray, s.arraySerial, serialOfArray, found);
      ok &= checkSnapshotObject(heap, "idle mask", s.idlepMask, Kind::Bytes, s.idlepSerial, serialOfMask, found);
      ok &= checkSnapshotObject(heap, "timer mask", s.timerpMask, Kind::Bytes, s.timerpSerial, serialOfMask, found);
      return ok;
    };
    if (!checkAll()) return;
    if (s.length > s.array->capacity || s.length > runtime::kMaxGomaxprocs) {
      found.add("array %p length %u, capacity %u", static_cast<void*>(s.array), s.length, s.array->capacity);
      return;
    }
    copy.length = s.length;
    for (uint32_t i = 0; i < s.length; i++) {
      void* raw = __atomic_load_n(&s.array->ps[i], __ATOMIC_RELAXED);
      if (raw != pEver(i)) {
        found.add("index %u read %p", i, raw);
        return;
      }
    }
    for (uint32_t w = 0; w < maskWordCount(s.idlepMask) && w < kMaxMaskWords; w++) {
      copy.idlepWords[w] = maskLoadWord(s.idlepMask, w);
    }
    for (uint32_t w = 0; w < maskWordCount(s.timerpMask) && w < kMaxMaskWords; w++) {
      copy.timerpWords[w] = maskLoadWord(s.timerpMask, w);
    }
    // A slot claimed by a new owner during the copy shows a new serial now.
    std::atomic_thread_fence(std::memory_order_acquire);
    checkAll();
  });
  if (found.any()) runtime::fatalf("findRunnable: allpSnapshot use-after-free (%s)", found.text());
}

// Without a P: is there a P whose run queue has work, and an idle P to run
// it with? Returns the idle P (not yet acquired).
P* checkRunqsNoP(const SnapshotCopy& c) {
  for (uint32_t id = 0; id < c.length; id++) {
    if (!c.idle(id) && !runqempty(pEver(id))) {
      std::lock_guard<runtime::Mutex> guard(sched.lock);
      // No idle P means the work has Ms already; stop looking.
      return pidlegetSpinning();
    }
  }
  return nullptr;
}

// Without a P: the earliest timer on any P that may have timers (0: none).
int64_t checkTimersNoP(const SnapshotCopy& c) {
  int64_t pollUntil = 0;
  for (uint32_t id = 0; id < c.length; id++) {
    if (c.hasTimers(id)) {
      int64_t w = pEver(id)->timerWhen.load(std::memory_order_acquire);
      if (w != 0 && (pollUntil == 0 || w < pollUntil)) pollUntil = w;
    }
  }
  return pollUntil;
}

// The earlier of two deadlines, 0 meaning none.
int64_t earlier(int64_t a, int64_t b) { return a == 0 || (b != 0 && b < a) ? b : a; }

// Four sweeps over the other Ps in random order, stealing half a queue; the
// last sweep also runs the victims' expired timers (their Gs come to pp)
// and takes a victim's runnext. Sets *newWork when a stop-the-world is
// pending (the caller starts over); lowers *pollUntil to the earliest
// timer still pending on a P it looked at.
G* stealWork(M* m, P* pp, bool* newWork, int64_t* pollUntil) {
  constexpr int kStealTries = 4;
  *newWork = false;
  runtime::PArray* ap = gAllp.load(std::memory_order_acquire);
  runtime::Bytes* idle = gIdlepMask.load(std::memory_order_acquire);
  runtime::Bytes* timerp = gTimerpMask.load(std::memory_order_acquire);
  int64_t now = 0;
  for (int i = 0; i < kStealTries; i++) {
    bool stealTimersOrRunNextG = i == kStealTries - 1;
    for (RandomEnum e = gStealOrder.start(m->cheaprand()); !e.done(); e.next()) {
      if (sched.gcwaiting.load()) {
        *newWork = true;
        return nullptr;
      }
      auto* p2 = static_cast<P*>(ap->ps[e.position()]);
      if (p2 == pp) continue;
      // Timers first: running them may put Gs on our queue (Go does the
      // same, so that a P busy with one long G does not hold up its
      // sleepers).
      if (stealTimersOrRunNextG && maskRead(timerp, e.position())) {
        bool ran = false;
        *pollUntil = earlier(*pollUntil, checkTimers(p2, pp, &now, &ran));
        if (ran) {
          bool inheritTime = false;
          if (G* g = runqget(pp, &inheritTime)) return g;
        }
      }
      // An idle P has an empty queue: skip it.
      if (!maskRead(idle, e.position())) {
        if (G* g = runqsteal(pp, p2, stealTimersOrRunNextG)) return g;
      }
    }
  }
  return nullptr;
}

// An M back from a system call waits for a P, and its G is as ready to run
// as any on a queue: give it this M's P, and park this M (syscall.cpp).
// Returns false (keeping the P) if nobody waits any more or a stop is
// pending.
bool handPToSyscallWaiter(M* m) {
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    if (sched.syscallWaitHead == nullptr || sched.gcwaiting.load()) return false;
    if (m->spinning.load(std::memory_order_relaxed)) {
      m->spinning.store(false, std::memory_order_relaxed);
      if (sched.nmspinning.fetch_sub(1) - 1 < 0) runtime::fatal("findRunnable: negative nmspinning");
    }
    pidleputOrHandoff(releasep(m));
  }
  // The P may carry queued Gs: let a spinning M look for them.
  wakep();
  stopm(m);
  return true;
}

}  // namespace

// Release: the allm scanner loads these with acquire, so a collection that
// sees them cleared (and may then free the arrays) comes after every read
// this M made through them. Called only while m holds a P.
void clearAllpSnapshot(M* m) {
  m->allpSnapshot.store(nullptr, std::memory_order_release);
  m->allpSnapshotLen.store(0, std::memory_order_relaxed);
  m->idlepMaskSnapshot.store(nullptr, std::memory_order_release);
  m->timerpMaskSnapshot.store(nullptr, std::memory_order_release);
}

G* findRunnable(M* m, bool* inheritTime) {
  for (;;) {
    // top:
    clearAllpSnapshot(m);
    P* pp = m->p.load(std::memory_order_relaxed);
    if (sched.gcwaiting.load()) {
      gcstopm(m);
      continue;
    }
    if (sched.nsyscallWait.load(std::memory_order_relaxed) != 0 && handPToSyscallWaiter(m)) continue;
    *inheritTime = false;

    // This P's expired timers: their Gs join its run queue (timers.cpp).
    // pollUntil: the earliest timer this M knows is still pending (0: none).
    int64_t now = 0;
    int64_t pollUntil = checkTimers(pp, pp, &now, nullptr);

    // Fairness: look at the global queue once in a while.
    if (pp->schedtick.load(std::memory_order_relaxed) % 61 == 0 && sched.runqsize.load() > 0) {
      std::lock_guard<runtime::Mutex> guard(sched.lock);
      if (G* g = globrunqget(pp, 1)) return g;
    }
    if (G* g = runqget(pp, inheritTime)) return g;
    if (sched.runqsize.load() != 0) {
      std::lock_guard<runtime::Mutex> guard(sched.lock);
      if (G* g = globrunqget(pp, 0)) return g;
    }

    // Spinning: steal, but with at most half as many spinning Ms as busy Ps.
    int32_t procs = gGomaxprocs.load(std::memory_order_relaxed);
    if (m->spinning.load(std::memory_order_relaxed) ||
        2 * sched.nmspinning.load() < procs - sched.npidle.load()) {
      if (!m->spinning.load(std::memory_order_relaxed)) becomeSpinning(m);
      bool newWork = false;
      if (G* g = stealWork(m, pp, &newWork, &pollUntil)) return g;
      if (newWork) continue;
    }

    // Nothing to do. Snapshot what the P-less tail reads, then drop the P.
    AllpSnapshot snap = takeSnapshot(m);
    {
      std::unique_lock<runtime::Mutex> guard(sched.lock);
      if (sched.gcwaiting.load()) continue;
      if (sched.runqsize.load() != 0) {
        if (G* g = globrunqget(pp, 0)) return g;
        runtime::fatal("global runq empty with non-zero runqsize");
      }
      if (!m->spinning.load(std::memory_order_relaxed) && sched.needspinning.load() == 1) {
        // A spinning M found work it could not take (rule 5): be the
        // spinning M instead of going idle.
        becomeSpinning(m);
        continue;
      }
      if (releasep(m) != pp) runtime::fatal("findRunnable: wrong p");
      pidleputOrHandoff(pp);
      // wakep asks for a spinning M without sched.lock (proc.cpp): it sets
      // needspinning, then reads npidle. Its request may have come after
      // the check above; now that npidle counts our P (a seq_cst
      // increment), read needspinning once more. Either wakep saw our P
      // idle and takes the locked path, or we see its request here and take
      // a P back to spin (rule 5).
      if (!m->spinning.load(std::memory_order_relaxed) && sched.needspinning.load() == 1) {
        if (P* p2 = pidleget()) {
          acquirep(m, p2);
          becomeSpinning(m);
          continue;
        }
      }
    }

    // The delicate dance (proc.h rule 4): stop spinning first, then look
    // again at every source of work. The seq_cst decrement is the #StoreLoad
    // fence between the two.
    if (m->spinning.load(std::memory_order_relaxed)) {
      countEvent(Event::SpinFails);
      m->spinning.store(false, std::memory_order_relaxed);
      if (sched.nmspinning.fetch_sub(1) - 1 < 0) runtime::fatal("findRunnable: negative nmspinning");
      if (trace::on()) [[unlikely]] trace::plessTailBegin(m->id, snap.arraySerial, gConfig.snapshotMode);

      {
        std::unique_lock<runtime::Mutex> guard(sched.lock);
        if (sched.runqsize.load() != 0) {
          if (P* p2 = pidlegetSpinning()) {
            G* g = globrunqget(p2, 0);
            if (g == nullptr) runtime::fatal("global runq empty with non-zero runqsize");
            guard.unlock();
            if (trace::on()) [[unlikely]] trace::plessTailEnd();
            acquirep(m, p2);
            becomeSpinning(m);
            return g;
          }
        }
      }

      // Here the M holds no P and is invisible to stop-the-world; the
      // snapshot is all it has.
      if (gConfig.findrunnabledelayUs > 0) {
        // settings.h bounds the delay, so it fits a timespec as it is.
        timespec delay{static_cast<time_t>(gConfig.findrunnabledelayUs / 1'000'000),
                       static_cast<long>(gConfig.findrunnabledelayUs % 1'000'000) * 1000};
        while (nanosleep(&delay, &delay) != 0) {
        }
      }
      if (testhooks::detail::gTailHoldArmed.load(std::memory_order_relaxed)) [[unlikely]] {
        testhooks::detail::tailHoldPoint(m, snap.array, snap.length);
      }

      SnapshotCopy copy;
      readSnapshot(snap, copy);
      if (P* p2 = checkRunqsNoP(copy)) {
        if (trace::on()) [[unlikely]] trace::plessTailEnd();
        acquirep(m, p2);
        becomeSpinning(m);
        continue;
      }
      pollUntil = earlier(pollUntil, checkTimersNoP(copy));
      testhooks::detail::tailDonePoint(m);
      if (trace::on()) [[unlikely]] trace::plessTailEnd();
    }
    // The snapshot stays set while the M sleeps (see the top of the file).
    // A timer is pending: make sure one M wakes for it. Unless another M
    // already does, this one sleeps until it is due and comes back with a
    // P (timers.cpp, "who wakes up when nothing runs").
    if (pollUntil != 0 && watchTimers(m, pollUntil)) continue;
    stopm(m);
  }
}

}  // namespace goro::sched

// Timers (timers.h): per-P heaps of sleeping goroutines, who runs them, and
// who wakes up for them when no M has anything else to do. After Go's
// runtime/time.go and the timer parts of proc.go (checkTimers, stealWork,
// findRunnable's pollUntil, wakeNetPoller, moveTimers), at Goro's scale.
//
// Where timers live and who runs them:
//  1. sleep(ns) parks the G; gopark's unlock function (the G is Waiting by
//     then) pushes {when, g} on the heap of the P the G ran on, under that
//     P's timers lock, and publishes the earliest deadline and the size in
//     P::timerWhen and P::timerCount for lock-free readers.
//  2. The M holding a P runs that P's expired timers at the top of
//     findRunnable (checkTimers): each G goes Waiting -> Runnable onto the
//     tail of the P's run queue, in deadline order, so on one P sleepers
//     run in the order of their deadlines.
//  3. A spinning M, on its last steal sweep, runs the expired timers of every
//     other P whose timer-mask bit is set and readies their Gs onto its own
//     P (Go's stealWork). A timer on an idle P, on a P in a system call or
//     on a P busy with a long-running G is run by whoever comes by.
//  4. procresize moves a dying P's timers to a live P (moveTimers), so no
//     timer is lost when GOMAXPROCS shrinks. A stop of the world leaves the
//     heaps alone: timers that fall due while it lasts fire after it, when
//     start-the-world, seeing one due, wakes a spinning M (wakep) that goes
//     through step 3.
//
// Who wakes up when nothing runs. Goro has no netpoll; the choice is Go's
// other half all the same: ONE M blocks until the earliest deadline, the
// "timer watcher", on a timed sleep on its own note (M::park):
//  a. An M in findRunnable that finds no work and drops its P knows
//     pollUntil, the earliest deadline on its own P (step 2), on the Ps it
//     tried to steal from (step 3) and, if it spun, on every P of its allp
//     snapshot (checkTimersNoP). If pollUntil != 0 and nobody watches, it
//     becomes the watcher (sched.timerWatcher, sched.timerWatchUntil) and
//     sleeps on its note until then. If some M already watches and would
//     sleep past pollUntil, it lowers that M's deadline and pokes its note;
//     then it parks in stopm like any idle M.
//  b. A G going to sleep does the same for its own deadline (Go's
//     wakeNetPoller -> netpollBreak), and if nobody watches it calls
//     wakep(): the spinning M it starts, finding nothing to run, becomes the
//     watcher in step a. (The sleeper's own M usually gets there first.)
//  c. At its deadline the watcher gives the role up, takes an idle P and
//     goes back to the top of findRunnable as a spinning M: steps 2 and 3
//     ready the expired timers' Gs on its P and it runs one; on taking it,
//     resetspinning's wakep() starts another M, which takes up the watch if
//     timers remain. If no P is idle, every P is running Gs and their Ms run
//     the timers when they next schedule (sysmon preempts any G after 10
//     ms), or a stop of the world is on (then see step 4).
//  d. Backstop: sysmon sleeps no longer than the earliest deadline plus
//     kTimerBackstopNs, and if a timer is overdue by more than that while a
//     P is idle, it calls wakep() (timerBackstop; Go keeps such a check in
//     sysmon on NetBSD, where netpoll wake-ups can be lost). It is not part
//     of the normal path: it fires when the watcher's thread itself runs
//     late (on an overloaded machine a futex timeout can return
//     milliseconds late), or if some path left a timer unwatched.
//     timerBackstopWakeups() counts its uses.
//
// Why not let sysmon start an M whenever a timer is due (the other design
// the issue allows): sysmon sleeps in steps of up to 10 ms while any P is
// busy, and does so with usleep, so meeting a 1-2 ms latency would mean
// making all its sleeps interruptible and bounded by every new deadline,
// i.e. turning sysmon into the watcher anyway; and every wake-up would cost
// two thread wake-ups (sysmon, then the M it starts) instead of one. The
// watcher wakes exactly at the deadline and runs the timer itself; it is
// an M that would otherwise sit idle in stopm, and it is one M for all the
// sleepers there are. It keeps the findRunnable code in step with Go's.
//
// Script timers (runtime::Timer: time.After, NewTimer, NewTicker, Tick) live
// on the same heaps, as entries {when, t}:
//  - resetTimer pushes the timer on the heap of the P the calling goroutine
//    runs on, with the timer's lock (rank timer) and then that P's timers
//    lock held, after taking it out of the heap it was in (if pending); it
//    then wakes a watcher as a sleep does (wakeForTimer). stopTimer only
//    takes it out. t->pp and t->index say where it is, so both are O(log n)
//    and leave no dead entry behind. Stopping a heap's earliest timer pokes
//    the watcher (rewatchTimers), whose deadline may have been that one.
//  - checkTimers fires it under the P's timers lock: a one-shot timer leaves
//    the heap (t->pp = null: from then on Stop returns false), a ticker's
//    entry moves on by whole periods past now. The sends happen after the
//    lock is released, without blocking (chansend block=false) into the
//    timer's channel of capacity 1: a full channel drops the value, as Go's
//    sendTime does. A send may ready a receiver: goready puts it on the
//    firing M's own P. The value is clockSinceStart(), a small int for the
//    first 6.5 days of a program's life, saturated after that: the firer
//    runs on no goroutine and must not allocate a boxed int.
//  - Once committed (taken out of the heap under the lock), a fire happens
//    even if Stop runs before the send; Stop then returns false, and Go
//    1.19's idiom `if !t.Stop() { <-t.C }` finds the value.
//
// The collector and a pending timer (Go 1.23's rule): the heaps hold timers
// weakly, so an abandoned pending timer (the time.After of a select that
// took another case, a forgotten NewTimer(time.Hour)) does not keep itself
// alive for its duration. After marking, dropDeadTimers (registered with
// gc/weak_refs.h) removes every entry whose Timer is unmarked, and the
// sweep frees it and its channel. What keeps a pending timer alive is a
// reference to the Timer or to its channel (Chan::timer points back): a
// goroutine blocked receiving from t.C, alone or in a select, holds the
// channel in its Sudog, traced through allgs, so the timer it waits for is
// never dropped and the goroutine wakes. A channel nobody can receive from
// is a timer nobody can observe, so dropping it changes nothing a script can
// see (except that a deadlock is reported sooner, below).
//
// Deadlock detection (checkdead.cpp): the watcher is not on the idle M list,
// so while it sleeps nothing is a deadlock; checkdead also returns while any
// live P has a timer. Once the last timer has fired and every G is blocked
// for good, the last M to go idle has no pollUntil, parks in stopm, and the
// deadlock is reported. A pending script timer counts like a sleeper (Go's
// rule): a goroutine blocked on t.C waits for it; a pending ticker never
// lets a program deadlock; an unreferenced pending timer delays the report
// until a collection drops it (or it fires).
//
// Invariants:
//  - A G is in at most one heap, at most once, and is Waiting (Sleep) while
//    it is there. Only checkTimers takes it out, and readies it.
//  - A Timer is in at most one heap, at most once: t->pp is that heap's P
//    (null when in none) and heap[t->index].t == t. t->pp changes only
//    under the timer's lock and the heap's lock, except that a firing
//    one-shot timer clears it under the heap's lock alone.
//  - A P with timers has its bit in the current timer mask set: addTimer
//    and moveTimers set it before they publish a heap; pidleput clears it
//    only when timerCount is 0. A dead P has no timers.
//  - sched.timerWatchUntil != 0 exactly when sched.timerWatcher != null.
//  - The watcher's note is woken at most once per round: only a poker wakes
//    it, under sched.lock, and only if timerWatchPoked was false; the
//    watcher clears the note and the flag together, under sched.lock. No one
//    else wakes that note: the watcher is on no idle list.
#include "sched/timers.h"

#include <limits>
#include <mutex>

#include "gc/allocate.h"
#include "gc/handles.h"
#include "gc/mark.h"
#include "gc/weak_refs.h"
#include "runtime/fatal.h"
#include "sched/chan.h"
#include "sched/runq.h"
#include "sched/sched.h"

namespace goro::sched {

namespace {

constexpr size_t kArity = 4;

std::atomic<uint64_t> gBackstopWakeups{0};

// ---- the heap (P's timers lock held) ----

// ---- a script timer's fields (runtime::Timer) ----

std::atomic_ref<void*> timerP(runtime::Timer* t) { return std::atomic_ref<void*>(t->pp); }

// Puts e at h[i], keeping a script timer's index in step.
void place(std::vector<TimerEntry>& h, size_t i, const TimerEntry& e) {
  h[i] = e;
  if (e.t != nullptr) e.t->index = static_cast<uint32_t>(i);
}

void siftUp(std::vector<TimerEntry>& h, size_t i) {
  TimerEntry e = h[i];
  while (i > 0) {
    size_t parent = (i - 1) / kArity;
    if (h[parent].when <= e.when) break;
    place(h, i, h[parent]);
    i = parent;
  }
  place(h, i, e);
}

void siftDown(std::vector<TimerEntry>& h, size_t i) {
  const size_t n = h.size();
  TimerEntry e = h[i];
  for (;;) {
    size_t first = i * kArity + 1;
    if (first >= n) break;
    size_t least = first;
    for (size_t c = first + 1; c < first + kArity && c < n; c++) {
      if (h[c].when < h[least].when) least = c;
    }
    if (e.when <= h[least].when) break;
    place(h, i, h[least]);
    i = least;
  }
  place(h, i, e);
}

// Publishes the heap's earliest deadline and size to lock-free readers.
// seq_cst: a G adding a timer stores timerWhen and then reads
// timerWatchUntil (and wakep reads nmspinning), while an M going idle
// stores those and then reads timerWhen; one side must see the other.
void publish(P* pp) {
  const std::vector<TimerEntry>& h = pp->timers.heap;
  pp->timerCount.store(static_cast<uint32_t>(h.size()));
  pp->timerWhen.store(h.empty() ? 0 : h[0].when);
}

void push(P* pp, TimerEntry e) {
  std::vector<TimerEntry>& h = pp->timers.heap;
  h.push_back(e);
  siftUp(h, h.size() - 1);
}

// Removes h[i] and returns it.
TimerEntry removeAt(P* pp, size_t i) {
  std::vector<TimerEntry>& h = pp->timers.heap;
  TimerEntry e = h[i];
  TimerEntry last = h.back();
  h.pop_back();
  if (i < h.size()) {
    place(h, i, last);
    if (i > 0 && h[(i - 1) / kArity].when > last.when) {
      siftUp(h, i);
    } else {
      siftDown(h, i);
    }
  }
  return e;
}

TimerEntry popMin(P* pp) { return removeAt(pp, 0); }

// ---- the watcher (sched.lock held) ----

// Whether an M watches the timers. If it does and would sleep past `when`,
// its deadline moves to `when` and its note is poked (once per round).
bool lowerWatchLocked(int64_t when) {
  M* w = sched.timerWatcher;
  if (w == nullptr) return false;
  if (when < sched.timerWatchUntil.load()) {
    sched.timerWatchUntil.store(when);
    if (!sched.timerWatchPoked) {
      sched.timerWatchPoked = true;
      w->park.wakeup();
    }
  }
  return true;
}

// A timer due at `when` was just added, no lock held: make sure someone
// wakes for it (Go's wakeNetPoller).
void wakeForTimer(int64_t when) {
  int64_t until = sched.timerWatchUntil.load();
  if (until != 0 && until <= when) return;  // the watcher wakes first anyway
  {
    std::lock_guard<runtime::Mutex> guard(sched.lock);
    if (lowerWatchLocked(when)) return;
  }
  // Nobody watches: a spinning M, finding nothing else, will.
  wakep();
}

// ---- sleep ----

// gopark's `lock` word carries the deadline (sleep and the unlock function
// run on the same M, back to back, so nothing else needs to hold it).
static_assert(sizeof(void*) == sizeof(int64_t), "the deadline travels in a pointer");

// gopark's unlock function for sleep (Go's resetForSleep): g is Waiting and
// off its M, which still holds the P g ran on. The timer goes on that P.
bool addSleepTimer(G* g, void* lock) {
  auto when = static_cast<int64_t>(reinterpret_cast<uintptr_t>(lock));
  P* pp = currentP();
  if (pp == nullptr) runtime::fatal("sleep: parking without a P");
  // The mask bit first: a reader that sees the deadline sees the bit.
  maskSet(gTimerpMask.load(std::memory_order_acquire), static_cast<uint32_t>(pp->id));
  {
    std::lock_guard<runtime::Mutex> guard(pp->timers.lock);
    push(pp, TimerEntry{when, g});
    publish(pp);
  }
  wakeForTimer(when);
  return true;
}

}  // namespace

bool sleep(int64_t ns) {
  if (ns <= 0) return false;
  int64_t now = nanotime();
  int64_t when = ns > std::numeric_limits<int64_t>::max() - now ? std::numeric_limits<int64_t>::max() : now + ns;
  gopark(addSleepTimer, reinterpret_cast<void*>(static_cast<uintptr_t>(when)), WaitReason::Sleep);
  return true;
}

// The next deadline of a ticker that was due at `when` (<= now): whole
// periods on, past now (Go's ticker catch-up: missed ticks are skipped).
int64_t nextTick(int64_t when, int64_t period, int64_t now) {
  int64_t periods = (now - when) / period + 1;
  if (periods > (std::numeric_limits<int64_t>::max() - when) / period) return std::numeric_limits<int64_t>::max();
  return when + periods * period;
}

// The value a firing timer sends: a small int, so that no box is allocated
// on a path that runs on no goroutine (saturated after 2^49 ns).
runtime::Value timeValue() {
  int64_t t = clockSinceStart();
  return runtime::Value::smallInt(t > runtime::Value::kSmallIntMax ? runtime::Value::kSmallIntMax : t);
}

int64_t checkTimers(P* pp, P* dest, int64_t* now, bool* ran) {
  if (ran != nullptr) *ran = false;
  // Lock-free first: most calls find nothing due.
  int64_t next = pp->timerWhen.load(std::memory_order_acquire);
  if (next == 0) return 0;
  if (*now == 0) *now = nanotime();
  if (*now < next) return next;

  // Take the expired ones out under the lock, ready and send after it
  // (timers ranks after sched and chan, which readying and sending take).
  // The Gs are Waiting and on no other list, so their schedlink is free for
  // the batch; the channels of fired script timers go in a small array, in
  // rounds if more than fit. The world cannot stop while this M holds its
  // P, so a fired timer's channel stays allocated until it is sent on.
  constexpr int kSendBatch = 32;
  bool any = false;
  for (;;) {
    GQueue expired;
    runtime::Chan* sends[kSendBatch];
    int nsends = 0;
    {
      std::lock_guard<runtime::Mutex> guard(pp->timers.lock);
      std::vector<TimerEntry>& h = pp->timers.heap;
      while (!h.empty() && h[0].when <= *now && nsends < kSendBatch) {
        runtime::Timer* t = h[0].t;
        if (t == nullptr) {
          expired.pushBack(popMin(pp).g);
          continue;
        }
        sends[nsends++] = t->c;
        int64_t period = std::atomic_ref<int64_t>(t->period).load(std::memory_order_relaxed);
        if (period > 0) {
          h[0].when = nextTick(h[0].when, period, *now);
          siftDown(h, 0);
        } else {
          popMin(pp);
          timerP(t).store(nullptr, std::memory_order_relaxed);
        }
      }
      publish(pp);
      next = h.empty() ? 0 : h[0].when;
    }
    if (expired.empty() && nsends == 0) break;
    any = true;
    while (G* g = expired.pop()) {
      casgstatus(g, GStatus::Waiting, GStatus::Runnable);
      if (trace::on()) [[unlikely]] trace::goReady(dest->id, traceId(currentM()), g->goid);
      runqput(dest, g, false);
    }
    // A full channel drops the value; a closed one (close(t.C)) ignores it.
    for (int i = 0; i < nsends; i++) chansend(sends[i], timeValue(), false);
    if (nsends < kSendBatch) break;
  }
  if (!any) return next;
  if (ran != nullptr) *ran = true;
  // More than one may be ready, and other Ps idle (Go's ready() wakes one
  // per G; one for the batch is enough: a woken M that finds work wakes
  // the next, proc.h rule 3).
  wakep();
  return next;
}

void moveTimers(P* from, P* to) {
  if (from == to) runtime::fatal("moveTimers: same P");
  int64_t earliest = 0;
  {
    // Two timers locks (the rank nests): the lower P id first.
    P* first = from->id < to->id ? from : to;
    P* second = first == from ? to : from;
    std::lock_guard<runtime::Mutex> g1(first->timers.lock);
    std::lock_guard<runtime::Mutex> g2(second->timers.lock);
    std::vector<TimerEntry>& src = from->timers.heap;
    if (src.empty()) return;
    maskSet(gTimerpMask.load(std::memory_order_relaxed), static_cast<uint32_t>(to->id));
    earliest = src[0].when;
    for (const TimerEntry& e : src) {
      if (e.t != nullptr) timerP(e.t).store(to, std::memory_order_relaxed);
      push(to, e);
    }
    src.clear();
    src.shrink_to_fit();
    publish(from);
    publish(to);
  }
  // The watcher (if any) last computed its deadline over the old Ps; the
  // times are unchanged, but be sure. With no watcher, start-the-world's
  // wakep() sends a spinning M that will take the watch.
  lowerWatchLocked(earliest);
}

bool watchTimers(M* m, int64_t pollUntil) {
  if (m->p.load(std::memory_order_relaxed) != nullptr) runtime::fatal("watchTimers: holding a p");
  if (m->spinning.load(std::memory_order_relaxed)) runtime::fatal("watchTimers: spinning");
  std::unique_lock<runtime::Mutex> guard(sched.lock);
  if (lowerWatchLocked(pollUntil)) return false;
  // pollUntil was read before this M held sched.lock. A timer stopped or
  // dropped in between poked no watcher (there was none), so this M would
  // sleep until a deadline that no longer exists, and a program left with
  // nothing pending would be reported deadlocked only then. Read the heaps
  // again: from here on, any stop finds this M watching and pokes it
  // (rewatchTimers takes sched.lock), and any earlier one has published
  // its heap already. (allp is inner to sched in the lock order.)
  pollUntil = earliestTimer();
  if (pollUntil == 0) return false;  // nothing pending: park like any idle M
  sched.timerWatcher = m;
  sched.timerWatchUntil.store(pollUntil);
  sched.timerWatchPoked = false;
  m->blocked.store(true, std::memory_order_relaxed);
  if (trace::on()) [[unlikely]] trace::parkBegin(m->id, "timers");
  for (;;) {
    int64_t until = sched.timerWatchUntil.load();
    int64_t now = nanotime();
    if (now >= until) break;
    guard.unlock();
    m->park.sleepFor(until - now);
    guard.lock();
    // A poke wakes the note under this lock: if the flag is set the wakeup
    // has happened, whether or not our sleep saw it.
    if (sched.timerWatchPoked) {
      m->park.clear();
      sched.timerWatchPoked = false;
    }
  }
  if (trace::on()) [[unlikely]] trace::parkEnd();
  m->blocked.store(false, std::memory_order_relaxed);
  sched.timerWatcher = nullptr;
  sched.timerWatchUntil.store(0);
  P* pp = pidleget();
  guard.unlock();
  if (pp == nullptr) return false;
  acquirep(m, pp);
  // Spinning, so that it steals the expired timers of the other Ps too
  // (Go: the M back from netpoll spins again if it spun before).
  becomeSpinning(m);
  return true;
}

int64_t earliestTimer() {
  std::lock_guard<runtime::Mutex> guard(allpLock);
  runtime::PArray* ap = gAllp.load(std::memory_order_relaxed);
  if (ap == nullptr) return 0;
  int64_t next = 0;
  for (uint32_t i = 0; i < ap->length(); i++) {
    int64_t w = static_cast<P*>(ap->ps[i])->timerWhen.load(std::memory_order_acquire);
    if (w != 0 && (next == 0 || w < next)) next = w;
  }
  return next;
}

bool timerBackstop(int64_t now) {
  if (sched.npidle.load() == 0 || sched.gcwaiting.load()) return false;
  int64_t next = earliestTimer();
  if (next == 0 || now - next <= kTimerBackstopNs) return false;
  gBackstopWakeups.fetch_add(1, std::memory_order_relaxed);
  wakep();
  return true;
}

uint64_t timerBackstopWakeups() { return gBackstopWakeups.load(std::memory_order_relaxed); }

// ---- script timers ----

namespace {

// The timer's lock (rank timer), on its lock word, as a channel's.
void lockTimer(runtime::Timer* t) {
  if (runtime::lockRankCheckingEnabled()) runtime::acquireLockRank(runtime::LockRank::timer, t);
  auto* w = reinterpret_cast<std::atomic<uint32_t>*>(&t->lock);
  uint32_t seen = 0;
  if (w->compare_exchange_strong(seen, 1, std::memory_order_acquire, std::memory_order_relaxed)) return;
  runtime::lockWordSlow(w);
}

void unlockTimer(runtime::Timer* t) {
  auto* w = reinterpret_cast<std::atomic<uint32_t>*>(&t->lock);
  uint32_t prev = w->exchange(0, std::memory_order_release);
  if (prev != 1) runtime::unlockWordSlow(w, prev);
  if (runtime::lockRankCheckingEnabled()) runtime::releaseLockRank(runtime::LockRank::timer, t);
}

// Takes t out of the heap it is in, if any (t's lock held). Returns whether
// it was pending, and in *wasEarliest (may be null) whether it was its
// heap's earliest deadline. A firing one-shot timer may clear t->pp
// meanwhile, and only procresize (world stopped, so not while a goroutine
// runs this) moves it to another P: re-check under the heap's lock.
bool unlinkTimer(runtime::Timer* t, bool* wasEarliest = nullptr) {
  for (;;) {
    auto* pp = static_cast<P*>(timerP(t).load(std::memory_order_relaxed));
    if (pp == nullptr) return false;
    std::lock_guard<runtime::Mutex> guard(pp->timers.lock);
    if (timerP(t).load(std::memory_order_relaxed) != pp) continue;
    if (wasEarliest != nullptr) *wasEarliest = t->index == 0;
    removeAt(pp, t->index);
    timerP(t).store(nullptr, std::memory_order_relaxed);
    publish(pp);
    return true;
  }
}

// The timer watcher (if any) may be sleeping until a deadline that no
// longer exists (a stopped or collected timer's): poke it, so that it gives
// the role up and, finding no timer due, goes back through findRunnable,
// where it watches again if timers remain or goes idle like any M. Without
// this, a program whose goroutines all block after stopping its last timer
// would be reported deadlocked only at the stopped timer's deadline (the
// watcher is never idle while it watches).
void rewatchTimers() {
  std::lock_guard<runtime::Mutex> guard(sched.lock);
  lowerWatchLocked(nanotime());
}

// The weak-reference clearer (gc/weak_refs.h): with the world stopped after
// marking, drops every entry of an unmarked Timer and rebuilds the heap.
// Then the watcher is poked (rewatchTimers), as its deadline may be a
// dropped timer's: else a program left with only a dropped
// time.After(time.Hour) would not be reported deadlocked for an hour.
void dropDeadTimers(void*) {
  runtime::PArray* ap = gAllp.load(std::memory_order_acquire);
  if (ap == nullptr) return;
  bool dropped = false;
  for (uint32_t i = 0; i < ap->length(); i++) {
    auto* pp = static_cast<P*>(ap->ps[i]);
    std::lock_guard<runtime::Mutex> guard(pp->timers.lock);
    std::vector<TimerEntry>& h = pp->timers.heap;
    size_t kept = 0;
    for (const TimerEntry& e : h) {
      if (e.t != nullptr && !gc::isMarked(e.t)) continue;
      h[kept++] = e;
    }
    if (kept == h.size()) continue;
    dropped = true;
    h.resize(kept);
    for (size_t j = 0; j < h.size(); j++) place(h, j, h[j]);
    for (size_t j = h.size(); j-- > 0;) siftDown(h, j);
    publish(pp);
  }
  if (dropped) rewatchTimers();
}

}  // namespace

void registerTimerClearer() { gc::registerWeakClearer(dropDeadTimers, nullptr); }

int64_t clockSinceStart() { return nanotime() - sched.startNanos; }

runtime::Timer* newTimer(alloc::MCache& cache, int64_t period) {
  gc::Handle<runtime::Chan> c(makechan(cache, 1));
  auto* t = gc::allocateAs<runtime::Timer>(cache, runtime::Kind::Timer, sizeof(runtime::Timer));
  t->c = c.get();
  t->period = period;
  c.get()->timer = t;
  return t;  // pp null, lock 0: stopped and unlocked
}

bool resetTimer(runtime::Timer* t, int64_t d, int64_t period) {
  P* pp = currentP();
  if (pp == nullptr) runtime::fatal("resetTimer: no P");
  int64_t now = nanotime();
  int64_t when = d > std::numeric_limits<int64_t>::max() - now ? std::numeric_limits<int64_t>::max() : now + (d > 0 ? d : 0);
  lockTimer(t);
  bool pending = unlinkTimer(t);
  // Atomic: isTicker reads the period without the lock.
  if (period > 0) std::atomic_ref<int64_t>(t->period).store(period, std::memory_order_relaxed);
  maskSet(gTimerpMask.load(std::memory_order_acquire), static_cast<uint32_t>(pp->id));
  {
    std::lock_guard<runtime::Mutex> guard(pp->timers.lock);
    timerP(t).store(pp, std::memory_order_relaxed);
    push(pp, TimerEntry{when, nullptr, t});
    publish(pp);
  }
  unlockTimer(t);
  wakeForTimer(when);
  return pending;
}

bool isTicker(runtime::Timer* t) { return std::atomic_ref<int64_t>(t->period).load(std::memory_order_relaxed) > 0; }

bool stopTimer(runtime::Timer* t) {
  lockTimer(t);
  bool wasEarliest = false;
  bool pending = unlinkTimer(t, &wasEarliest);
  unlockTimer(t);
  if (wasEarliest) rewatchTimers();
  return pending;
}

}  // namespace goro::sched

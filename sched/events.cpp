// Scheduler event counters (events.h).
#include "sched/events.h"

#include <iterator>

#include "runtime/fdwriter.h"
#include "runtime/futex.h"
#include "runtime/mutex.h"
#include "sched/m.h"

namespace goro::sched {

namespace {

#define GORO_SCHED_EVENT_NAME(e, name) name,
const char* const kEventNames[] = {GORO_SCHED_EVENTS(GORO_SCHED_EVENT_NAME)};
#undef GORO_SCHED_EVENT_NAME
static_assert(std::size(kEventNames) == static_cast<size_t>(kEventCount));

// Threads that are not Ms (shared, so atomic adds).
constinit EventCounts gFallback;

}  // namespace

const char* eventName(Event e) {
  auto i = static_cast<size_t>(e);
  return i < std::size(kEventNames) ? kEventNames[i] : "???";
}

constinit thread_local EventCounts* tEventCounts = nullptr;

void countEventShared(Event e, uint64_t k) { gFallback.n[static_cast<int>(e)].fetch_add(k, std::memory_order_relaxed); }

EventTotals eventTotals() {
  EventTotals t;
  auto add = [&t](const EventCounts& c) {
    for (int i = 0; i < kEventCount; i++) t.n[i] += c.n[i].load(std::memory_order_relaxed);
  };
  add(gFallback);
  forEachM([&add](M* m) { add(m->events); });
  runtime::FutexCounts f = runtime::futexCounts();
  t.futexWaits = f.waits;
  t.futexWakes = f.wakes;
  t.mutexContended = runtime::mutexContendedAcquires();
  return t;
}

void printEventTotals() {
  EventTotals t = eventTotals();
  runtime::FdWriter w(2);
  w.str("SCHEDCOUNT");
  for (int i = 0; i < kEventCount; i++) {
    w.ch(' ').str(kEventNames[i]).ch('=').dec(static_cast<int64_t>(t.n[i]));
  }
  w.str(" futexwaits=").dec(static_cast<int64_t>(t.futexWaits));
  w.str(" futexwakes=").dec(static_cast<int64_t>(t.futexWakes));
  w.str(" mutexcontended=").dec(static_cast<int64_t>(t.mutexContended)).ch('\n');
}

}  // namespace goro::sched

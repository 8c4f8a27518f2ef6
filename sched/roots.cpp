// The scheduler's GC roots (gc/root_classes.h). Each scanner runs with the
// world stopped and walks lock-free structures (allgs, allm, the run queues),
// so it takes no lock (but sched's); Ms without a P may still be running, which is why
// the allm scanner reads each M's snapshot fields atomically.
//
//   allgs  every G's interpreter state and creation site, dead Gs included
//          (a dead G keeps its state for reuse), and the channels and values
//          of its pending channel operations (a value in flight between two
//          goroutines is in a Sudog, nowhere else); for a G parked on a
//          sync.WaitGroup or sync.Mutex, the object it waits on (in the
//          Sudog's elem, sync.h)
//   allm   each M's current G's state, and the allp array and masks the M
//          snapshotted (allpsnapshot=m; the fields are null in the other
//          modes): this is what keeps a replaced allp alive while an M
//          without a P may still read it
//   allp   the current allp array and masks; the states of the Gs in every
//          live P's run queue and runnext
//   sched  the states of the Gs in the global run queue
//
// A G's state is reported with visitParts: a slot report names its frames
// and locals through the interpreter's part namer (gc/report_hooks.h), so
// this file knows nothing of the state's layout. The reports describe the
// allp arrays and masks through the describers below, which say whether
// one is current or how many GOMAXPROCS changes ago it was replaced:
//   allm[3].allpSnapshot -> allp array cap=8 (replaced 2 GOMAXPROCS changes ago), 96 B
#include <cstdio>
#include <mutex>
#include <string>

#include "gc/mark.h"
#include "gc/report_hooks.h"
#include "gc/roots.h"
#include "sched/chan.h"
#include "sched/runq.h"
#include "sched/sched.h"
#include "sched/testhooks.h"

namespace goro::sched {

namespace {

// Slot names (gc/roots.h): "allm[2].allpSnapshot", "allgs: goroutine 5".
void appendf(std::string& out, const char* fmt, int64_t a, int64_t b = 0) {
  char buf[96];
  std::snprintf(buf, sizeof buf, fmt, static_cast<long long>(a), static_cast<long long>(b));
  out += buf;
}
int64_t goidOf(const G* g) { return static_cast<int64_t>(g->goid.load(std::memory_order_relaxed)); }

// A queued or running G's state; `where` names the slot, with %lld for the
// owner's index and then the G's id. The same state is a slot of allgs,
// where a slot report names what it holds: here it is reported as a table
// (gc/roots.h), marked alone in a slot report, so that what the state
// holds is credited to the allgs slots that name it (`allgs: goroutine 5
// frame main.worker local "buf"`) rather than to no slot at all. A cycle
// marks it whole, as always.
void visitG(gc::RootVisitor& v, const G* g, const char* where, int64_t index) {
  if (g != nullptr) v.visitTable(g->state, [&](std::string& n) { appendf(n, where, index, goidOf(g)); });
}

void scanAllgs(gc::RootVisitor& v, void*) {
  forEachG([&v](G* g) {
    int64_t id = goidOf(g);
    // Named part by part in a slot report (frames, locals: gc/report_hooks.h).
    v.visitParts(g->state, [&](std::string& n) { appendf(n, "allgs: goroutine %lld", id); });
    v.visit(g->createdBy, [&](std::string& n) { appendf(n, "allgs: goroutine %lld created by", id); });
    for (const Sudog* s = g->waiting; s != nullptr; s = s->waitlink) {
      v.visit(s->elem, [&](std::string& n) { appendf(n, "allgs: goroutine %lld waiting with", id); });
      v.visit(s->c, [&](std::string& n) { appendf(n, "allgs: goroutine %lld waiting on", id); });
    }
  });
}

void scanAllm(gc::RootVisitor& v, void*) {
  forEachM([&v](M* m) {
    visitG(v, m->curg.load(std::memory_order_acquire), "allm[%lld].curg (goroutine %lld)", m->id);
    if (testhooks::detail::gAllmScanSkipsSnapshot.load(std::memory_order_relaxed)) [[unlikely]] return;
    v.visit(m->allpSnapshot.load(std::memory_order_acquire),
            [&](std::string& n) { appendf(n, "allm[%lld].allpSnapshot", m->id); });
    v.visit(m->idlepMaskSnapshot.load(std::memory_order_acquire),
            [&](std::string& n) { appendf(n, "allm[%lld].idlepMaskSnapshot", m->id); });
    v.visit(m->timerpMaskSnapshot.load(std::memory_order_acquire),
            [&](std::string& n) { appendf(n, "allm[%lld].timerpMaskSnapshot", m->id); });
  });
}

void scanAllp(gc::RootVisitor& v, void*) {
  runtime::PArray* ap = gAllp.load(std::memory_order_acquire);
  if (ap == nullptr) return;
  v.visit(ap, [](std::string& n) { n += "allp"; });
  v.visit(gIdlepMask.load(std::memory_order_acquire), [](std::string& n) { n += "allp: idlepMask"; });
  v.visit(gTimerpMask.load(std::memory_order_acquire), [](std::string& n) { n += "allp: timerpMask"; });
  for (uint32_t i = 0; i < ap->length(); i++) {
    auto* pp = static_cast<P*>(ap->ps[i]);
    visitG(v, pp->runnext.load(std::memory_order_relaxed), "allp[%lld].runnext (goroutine %lld)", i);
    uint32_t h = pp->runqhead.load(std::memory_order_relaxed);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    for (uint32_t j = h; j != t && j - h < kRunqSize; j++) {
      visitG(v, pp->runq[j % kRunqSize].load(std::memory_order_relaxed), "allp[%lld].runq (goroutine %lld)", i);
    }
  }
}

void scanSched(gc::RootVisitor& v, void*) {
  // Threads that are not Ms (tests, sysmon readying Gs) may queue Gs during
  // the stop, so this one takes the lock (sched ranks after gcRoots).
  std::lock_guard<runtime::Mutex> guard(sched.lock);
  for (G* g = sched.runq.head; g != nullptr; g = g->schedlink) {
    v.visitTable(g->state, [&](std::string& n) { appendf(n, "sched.runq (goroutine %lld)", goidOf(g)); });
  }
}

// " (current)", " (replaced by the last GOMAXPROCS change)", " (replaced 2
// GOMAXPROCS changes ago)"; replacedAt 0: current.
void appendAge(std::string& out, uint64_t replacedAt) {
  if (replacedAt == 0) {
    out += " (current)";
    return;
  }
  uint64_t ago = gGomaxprocsChanges.load(std::memory_order_relaxed) - replacedAt + 1;
  if (ago == 1) {
    out += " (replaced by the last GOMAXPROCS change)";
  } else {
    appendf(out, " (replaced %lld GOMAXPROCS changes ago)", static_cast<int64_t>(ago));
  }
}

bool describeAllpArray(const runtime::Object* o, std::string& out) {
  const auto* a = static_cast<const runtime::PArray*>(o);
  appendf(out, "allp array cap=%lld", a->capacity);
  appendAge(out, a->replacedAt);
  appendf(out, ", %lld B", static_cast<int64_t>(gc::allocatedBytes(o)));
  return true;
}

// A Bytes object is a mask if allp or an M's snapshot holds it as one.
bool describeMask(const runtime::Object* o, std::string& out) {
  const char* which = nullptr;
  if (o == gIdlepMask.load(std::memory_order_acquire)) which = "idlepMask";
  if (o == gTimerpMask.load(std::memory_order_acquire)) which = "timerpMask";
  forEachM([&](M* m) {
    if (o == m->idlepMaskSnapshot.load(std::memory_order_acquire)) which = "idlepMask";
    if (o == m->timerpMaskSnapshot.load(std::memory_order_acquire)) which = "timerpMask";
  });
  if (which == nullptr) return false;
  const auto* mask = static_cast<const runtime::Bytes*>(o);
  out += which;
  appendf(out, " words=%lld", maskWordCount(mask));
  appendAge(out, maskReplacedAt(mask));
  appendf(out, ", %lld B", static_cast<int64_t>(gc::allocatedBytes(o)));
  return true;
}

}  // namespace

void registerSchedRoots() {
  gc::setDescriber(runtime::Kind::PArray, describeAllpArray);
  gc::setDescriber(runtime::Kind::Bytes, describeMask);
  gc::registerRoots(gc::RootClass::allgs, scanAllgs, nullptr);
  gc::registerRoots(gc::RootClass::allm, scanAllm, nullptr);
  gc::registerRoots(gc::RootClass::allp, scanAllp, nullptr);
  gc::registerRoots(gc::RootClass::sched, scanSched, nullptr);
}

}  // namespace goro::sched

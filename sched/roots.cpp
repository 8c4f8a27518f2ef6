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
#include <mutex>

#include "gc/roots.h"
#include "sched/chan.h"
#include "sched/runq.h"
#include "sched/sched.h"

namespace goro::sched {

namespace {

void visitG(gc::RootVisitor& v, const G* g) {
  if (g != nullptr) v.visit(g->state);
}

void scanAllgs(gc::RootVisitor& v, void*) {
  forEachG([&v](G* g) {
    v.visit(g->state);
    v.visit(g->createdBy);
    for (const Sudog* s = g->waiting; s != nullptr; s = s->waitlink) {
      v.visit(s->elem);
      v.visit(s->c);
    }
  });
}

void scanAllm(gc::RootVisitor& v, void*) {
  forEachM([&v](M* m) {
    visitG(v, m->curg.load(std::memory_order_acquire));
    v.visit(m->allpSnapshot.load(std::memory_order_acquire));
    v.visit(m->idlepMaskSnapshot.load(std::memory_order_acquire));
    v.visit(m->timerpMaskSnapshot.load(std::memory_order_acquire));
  });
}

void scanAllp(gc::RootVisitor& v, void*) {
  runtime::PArray* ap = gAllp.load(std::memory_order_acquire);
  if (ap == nullptr) return;
  v.visit(ap);
  v.visit(gIdlepMask.load(std::memory_order_acquire));
  v.visit(gTimerpMask.load(std::memory_order_acquire));
  for (uint32_t i = 0; i < ap->length(); i++) {
    auto* pp = static_cast<P*>(ap->ps[i]);
    visitG(v, pp->runnext.load(std::memory_order_relaxed));
    uint32_t h = pp->runqhead.load(std::memory_order_relaxed);
    uint32_t t = pp->runqtail.load(std::memory_order_relaxed);
    for (uint32_t j = h; j != t && j - h < kRunqSize; j++) {
      visitG(v, pp->runq[j % kRunqSize].load(std::memory_order_relaxed));
    }
  }
}

void scanSched(gc::RootVisitor& v, void*) {
  // Threads that are not Ms (tests, sysmon readying Gs) may queue Gs during
  // the stop, so this one takes the lock (sched ranks after gcRoots).
  std::lock_guard<runtime::Mutex> guard(sched.lock);
  for (G* g = sched.runq.head; g != nullptr; g = g->schedlink) visitG(v, g);
}

}  // namespace

void registerSchedRoots() {
  gc::registerRoots(gc::RootClass::allgs, scanAllgs, nullptr);
  gc::registerRoots(gc::RootClass::allm, scanAllm, nullptr);
  gc::registerRoots(gc::RootClass::allp, scanAllp, nullptr);
  gc::registerRoots(gc::RootClass::sched, scanSched, nullptr);
}

}  // namespace goro::sched

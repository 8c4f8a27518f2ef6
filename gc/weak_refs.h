// Weak references: structures outside the collected heap that point at heap
// objects without keeping them alive (the scheduler's timer heaps, which
// hold script timers weakly: sched/timers.h). Their owner registers a
// clearer; every collection calls the clearers after marking is complete and
// before sweeping, with the world stopped, and each drops its references to
// objects that are not marked (gc::isMarked), which the sweep then frees.
//
// Rules for a clearer: it runs with the world stopped, on the collecting
// thread, after the mark (and its gccheckmark verification); it must not
// allocate, mark, or resurrect anything (an unmarked object is already
// garbage: anything it references may be unmarked too). It may take locks
// ranked after gcRoots. reportRoots and the root report's extra passes do
// not call clearers: they free nothing.
#pragma once

namespace goro::gc {

using WeakClearer = void (*)(void* context);

// Registers a clearer (once, at start-up; there is no unregistering).
void registerWeakClearer(WeakClearer clear, void* context);

// Calls every registered clearer (the collector, between mark and sweep).
void clearWeakRefs();

}  // namespace goro::gc

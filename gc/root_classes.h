// Every class of GC root, in one place.
//
// The collector knows roots only by these names; the layers above register
// scanners for them (gc/roots.h) and the collector never looks inside their
// structures. The per-class counts in gctrace and the GODEBUG=gcroots=1
// report are keyed by these names.
//
// Not a class: timers (a sleeping G's state is reached through allgs; a
// timer holds no heap object) and anything the runtime interns (nothing is).
//
// Adding a class: add a line here (keep the comment), register its scanner
// from the layer that owns the structures, and extend tests/gc/roots_test.cpp
// (it checks that every class is named and reported).
#pragma once

#include <cstddef>
#include <cstdint>

namespace goro::gc {

#define GORO_ROOT_CLASSES(X)                                                          \
  X(globals, "globals")   /* the interpreter's globals, top-level closure, os.Args */ \
  X(allgs, "allgs")       /* every G's interpreter state and pending channel value */ \
  X(allm, "allm")         /* each M's curg and allpSnapshot                        */ \
  X(allp, "allp")         /* the allp array; each P's run queue and runnext        */ \
  X(sched, "sched")       /* the Gs in the global run queue                        */ \
  X(handles, "handles")   /* native code's scoped temporary roots (gc/handles.h)   */ \
  X(test, "test")         /* roots registered by unit tests and benchmarks         */

enum class RootClass : uint8_t {
#define GORO_ROOT_ENUM(e, name) e,
  GORO_ROOT_CLASSES(GORO_ROOT_ENUM)
#undef GORO_ROOT_ENUM
      Count
};

constexpr size_t kRootClassCount = static_cast<size_t>(RootClass::Count);

const char* rootClassName(RootClass c);

}  // namespace goro::gc

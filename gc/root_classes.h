// Every class of GC root, in one place (STYLE.md point 3).
//
// The collector knows roots only by these names; the layers above register
// scanners for them (gc/roots.h) and the collector never looks inside their
// structures. The per-class counts in gctrace and the GODEBUG=gcroots=1
// report are keyed by these names.
//
// Adding a class: add a line here (keep the comment), register its scanner
// from the layer that owns the structures, and extend tests/gc/roots_test.cpp
// (it checks that every class is named and reported).
#pragma once

#include <cstddef>
#include <cstdint>

namespace goro::gc {

#define GORO_ROOT_CLASSES(X)                                                         \
  X(globals, "globals")   /* the interpreter's global variables and module tables */ \
  X(allgs, "allgs")       /* every live G's interpreter state (frames, stack)     */ \
  X(allm, "allm")         /* each M's curg and allpSnapshot                       */ \
  X(allp, "allp")         /* the allp array; each P's run queue and runnext       */ \
  X(sched, "sched")       /* the global run queue, timers, idle lists             */ \
  X(handles, "handles")   /* native code's scoped temporary roots (gc/handles.h)  */ \
  X(runtime, "runtime")   /* interned strings and other runtime-held objects      */ \
  X(test, "test")         /* roots registered by unit tests and benchmarks        */

enum class RootClass : uint8_t {
#define GORO_ROOT_ENUM(e, name) e,
  GORO_ROOT_CLASSES(GORO_ROOT_ENUM)
#undef GORO_ROOT_ENUM
      Count
};

constexpr size_t kRootClassCount = static_cast<size_t>(RootClass::Count);

const char* rootClassName(RootClass c);

}  // namespace goro::gc

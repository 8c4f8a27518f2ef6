// The one allocation path: every object in the collected heap is made by
// allocate(), which is where a collection can start.
//
// Contract for callers: any call to allocate() (and so to every newX()
// below) may run a full collection before it allocates. Every object the
// caller still needs must be reachable from a root at that moment: from a
// Handle (gc/handles.h), a G's stack, a global... A pointer held only in a
// C++ local is not a root. The returned object is safe until the caller's
// next allocation; it is zeroed except for its header.
#pragma once

#include <cstddef>

#include "alloc/mcache.h"
#include "runtime/object_model.h"

namespace goro::gc {

namespace detail {
extern bool gStress;
// Runs the collection the cache has been told is due (or stress mode's),
// and for a large object the heap limit's check (gc/memory_limit.h).
void beforeSlowAllocation(alloc::MCache& cache, size_t bytes);
// After a span refill: marks the cache if the heap is past its goal.
void noteHeapGrowth(alloc::MCache& cache);
}  // namespace detail

inline runtime::Object* allocate(alloc::MCache& cache, runtime::Kind kind, size_t bytes) {
  if (cache.collectionDue || detail::gStress || bytes > alloc::kMaxSmallSize) [[unlikely]] {
    detail::beforeSlowAllocation(cache, bytes);
  }
  bool grew = false;
  auto* o = static_cast<runtime::Object*>(cache.alloc(bytes, &grew));
  o->kind = kind;
  if (grew) [[unlikely]] {
    detail::noteHeapGrowth(cache);
  }
  return o;
}

// allocate() for code that runs with the world already stopped by its
// caller (the scheduler's procresize growing allp, Go's allocation under
// STW): a collection cannot start then, so this one never collects; a
// collection that falls due is left to the cache's next allocate().
inline runtime::Object* allocateWorldStopped(alloc::MCache& cache, runtime::Kind kind, size_t bytes) {
  bool grew = false;
  auto* o = static_cast<runtime::Object*>(cache.alloc(bytes, &grew));
  o->kind = kind;
  if (grew) detail::noteHeapGrowth(cache);
  return o;
}

template <typename T>
T* allocateAs(alloc::MCache& cache, runtime::Kind kind, size_t bytes) {
  return static_cast<T*>(allocate(cache, kind, bytes));
}

// An object outside the collected heap that is never freed, counted in the
// heap statistics (GODEBUG=allpsnapshot=persistent). Marked kFlagOffHeap:
// the collector neither marks nor traces it.
runtime::Object* allocatePersistent(runtime::Kind kind, size_t bytes);

}  // namespace goro::gc

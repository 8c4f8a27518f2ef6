// The heap limit (GOMEMLIMIT, `goro --max-heap`, debug.SetMemoryLimit): the
// most the live heap may hold.
//
// How it works, three rules:
//  1. Pacing (gc/pacer.h): the next collection is due at the smaller of
//     GOGC's goal and the limit, so the collector runs more often as the
//     heap nears the limit (with GOGC=off, only there). So that a live heap
//     just under the limit does not make every span refill a full
//     collection, the goal never comes closer to the live heap than
//     kLimitHeadroom of the limit: between collections the heap may pass the
//     limit by that much; the live heap may not.
//  2. After every collection collect() runs, the live heap (the bytes it
//     marked) must be at most the limit; if it is not, the program ends with
//     Go's report: "runtime: out of memory: ..." then "fatal error: out of
//     memory", status 2 (runtime/fatal.h), not later by the kernel's OOM
//     killer.
//  3. A large object (above alloc::kMaxSmallSize) that would take the heap
//     past the limit runs a collection first (GcTrigger::Limit); if the live
//     heap plus the object is still past the limit, the program ends the
//     same way, naming the object's size. Small objects are caught by
//     rules 1 and 2 within one span per P.
//
// Go's limit is soft: past it Go keeps running and caps the collector's
// share of the CPU. Goro's holds, so that a run under a limit either fits
// or says so.
#pragma once

#include <cstddef>
#include <cstdint>

namespace goro::gc {

// The goal keeps at least limit/kLimitHeadroomDivisor (and at least
// kMinLimitHeadroom) above the live heap (rule 1).
constexpr uint64_t kLimitHeadroomDivisor = 32;
constexpr uint64_t kMinLimitHeadroom = 64 << 10;

// The limit in force, in bytes; 0 is none. Initialised from
// runtime::settings().memoryLimit.
uint64_t memoryLimit();
// Sets the limit (0: none) and returns the previous one; the heap goal
// follows at once (debug.SetMemoryLimit). Does not collect: a live heap
// already past the new limit is caught by the next collection.
uint64_t setMemoryLimit(uint64_t bytes);

// Rule 2: called by collect() with the world running again.
void checkLiveHeapAfterCollection(uint64_t liveBytes);

namespace detail {
// Rule 3: before a large allocation of `bytes`, with nothing the caller
// needs held only in C++ locals (gc/allocate.h's contract).
void beforeLargeAllocation(size_t bytes);
}  // namespace detail

}  // namespace goro::gc

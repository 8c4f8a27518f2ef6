// lang/value/map_ops.h: the insertion-ordered hash map behind Goro's map values
// (layout in runtime/object_layouts.h: entries in insertion order, an
// open-addressing index of entry numbers).
//
// Keys are normalised so that equal keys are one key: a float with an
// integral value in int range is stored as that int (m[1] and m[1.0] are
// the same entry). A NaN key never matches anything, as in Go.
//
// Rooting: the map and any key or value passed in must be reachable from a
// root (normally the goroutine's stack) across these calls, which may
// allocate. Iteration is by cursor so that it survives collections and
// tolerates insertion and deletion during a range loop, as Go's does:
// deleted entries are skipped, entries added during iteration may or may not
// be visited (here: they are, in order).
//
// Goroutines on different threads may call these on one map at once
// (map_ops.cpp, "Races"): nothing ever reads or writes outside the map's
// tables, and a race that is caught is Go's fatal error: a mutation during
// another one dies with "concurrent map writes", mapGet during a mutation
// with "concurrent map read and map write", mapNext during a mutation with
// "concurrent map iteration and map write".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "alloc/mcache.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::value {

runtime::Map* newMap(alloc::MCache& cache, uint32_t capacityHint);

// m[key]: the value, or nullopt-like: *found false and nil.
runtime::Value mapGet(const runtime::Map* m, runtime::Value key, bool* found);
// m[key] = value. Returns false (and does nothing) if key is not a valid
// map key; the interpreter panics then.
bool mapSet(alloc::MCache& cache, runtime::Map* m, runtime::Value key, runtime::Value value);
// delete(m, key); deleting a missing key does nothing.
void mapDelete(runtime::Map* m, runtime::Value key);
// clear(m): deletes every entry.
void mapClear(runtime::Map* m);
size_t mapLen(const runtime::Map* m);

// Iteration: start with cursor 0; each call yields the next live entry and
// advances the cursor; returns false at the end. The cursor is opaque but
// always below 2^48, so the interpreter can keep it in a stack slot as a
// small int.
bool mapNext(const runtime::Map* m, size_t* cursor, runtime::Value* key, runtime::Value* value);

// Test only: turns the detector's fatal errors off (on by default), so that
// a test can drive the races it would stop and check that they stay within
// the map's tables. The checks that guard memory (map_ops.cpp) stay on.
// Costs nothing when on: it is read only after the flag was found set.
void setMapRaceDetectionForTesting(bool on);

// Go's panic message for a key that cannot be a map key:
// "runtime error: hash of unhashable type array".
std::string unhashableKeyError(runtime::Value key);

}  // namespace goro::lang::value

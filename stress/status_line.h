// The status line the runner prints every few seconds and at the end, in
// the words of Go's stress tool, with a progress bar when -count or
// -duration bounds the session:
//
//   1m5s: 420 runs so far, 1 failures (0.24%), 2 active [#####...............] 25%
//   2m0s: 1000 runs total, 0 failures [####################] 100%
//
// The time is the session's, truncated to whole seconds and written as
// Go's time.Duration prints itself; the failure rate appears once there is
// a failure, the active count while runs are going.
#pragma once

#include <cstdint>
#include <string>

#include "stress/duration.h"

namespace goro::stress {

struct SessionProgress {
  Duration elapsed{0};
  uint64_t runs = 0;      // runs finished
  uint64_t failures = 0;  // of those, the ones that counted as failures
  uint64_t active = 0;    // runs going now
  bool final = false;     // "total" instead of "so far"
  uint64_t countLimit = 0;      // -count, 0 = unbounded
  Duration durationLimit{0};    // -duration, 0 = unbounded
};

std::string statusLine(const SessionProgress& progress);

// How far a bounded session is, 0..1: the larger of runs/-count and
// elapsed/-duration, since whichever bound is reached first ends it.
// Negative for an unbounded session.
double sessionFraction(const SessionProgress& progress);

// "[#####...............] 25%" for fraction 0.25 and width 20.
std::string progressBar(double fraction, int width = 20);

}  // namespace goro::stress

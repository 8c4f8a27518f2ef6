// lang/value/duration.h: time.Duration values (docs/language.md, "Timers
// and durations").
//
// Representation: a Duration is a heap object of its own kind
// (runtime::Duration: an int64 of nanoseconds), not a tagged Value. The
// NaN-boxed word has no free tag left for it (0x7FFA is the interpreter's
// wide-int marker), and a boxed kind keeps every small-int fast path of the
// interpreter exactly as it was: an operator meets an object, leaves its
// fast path, and the slow path (lang/vm/arith.cpp) deals with Durations.
// The cost, an allocation per Duration made, falls only on scripts that
// compute with durations, which they do rarely and never in inner loops.
//
// Meaning: a Duration is an int (isInt is true, intOf gives its
// nanoseconds), so everything that takes an int takes it (time.Sleep,
// comparisons with ints, map keys equal to the same int, %d); what differs
// is its type name, "time.Duration", and that fmt's %v and %s print it as
// Go's Duration.String does ("1.5s"). Arithmetic follows Go's rules for a
// typed int64 mixed with untyped constants: an int operator (+ - * / % and
// the bitwise ones) with a Duration operand and an int or Duration operand
// gives a Duration (so 2 * time.Second is 2s and d / time.Millisecond is a
// Duration, as in Go); with a float operand it gives a float, as int
// arithmetic does in Goro; comparisons give bools. int(d) is its int.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "alloc/mcache.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::value {

// Inline: every slow path of arithmetic and comparison (string
// concatenation included) asks first.
inline bool isDuration(runtime::Value v) { return v.isObject() && v.asObject()->kind == runtime::Kind::Duration; }
// v must be a Duration.
inline int64_t durationOf(runtime::Value v) { return static_cast<const runtime::Duration*>(v.asObject())->ns; }
// A new Duration (allocates; may collect).
runtime::Value makeDuration(alloc::MCache& cache, int64_t ns);

// Go's Duration.String: "1h2m3.5s", "1.5ms", "250µs", "0s", "-1.5µs".
std::string formatDuration(int64_t ns);

// Go's time.ParseDuration: a possibly signed sequence of decimal numbers,
// each with an optional fraction and a unit (ns, us or µs, ms, s, m, h):
// "1h10m10s", "-1.5h", "300ms". On failure returns false and sets *error to
// Go's message (`time: invalid duration "x"`, `time: missing unit in
// duration "1"`, `time: unknown unit "d" in duration "1d"`).
bool parseDuration(std::string_view s, int64_t* out, std::string* error);

}  // namespace goro::lang::value

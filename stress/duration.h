// Durations written as Go writes them: "300ms", "1.5s", "1m5s", "2h".
//
// parseDuration accepts what Go's time.ParseDuration accepts: an optional
// sign, then one or more decimal numbers (a fraction allowed), each with a
// unit among ns, us, µs (U+00B5 or U+03BC), ms, s, m, h; "0" alone needs no
// unit. formatDuration prints what Go's Duration.String prints: "0s",
// "1.5µs", "300ms", "1m5s", "2h0m0s". Both work in nanoseconds held in a
// signed 64-bit count, so the range is about +-292 years, as in Go.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace goro::stress {

using Duration = std::chrono::nanoseconds;

struct DurationParse {
  std::optional<Duration> value;  // set when the text was a valid duration
  std::string error;              // otherwise why not, e.g. `missing unit in duration "5"`
};

DurationParse parseDuration(std::string_view text);

std::string formatDuration(Duration d);

// d cut down to a whole number of seconds, towards zero (Go's d.Truncate(time.Second)).
Duration truncateToSeconds(Duration d);

}  // namespace goro::stress

// OutputFilter: -failure and -ignore, the regular expressions that decide
// whether a failed run counts, as in Go's stress tool.
//
// A run that failed (exited non-zero, was killed, or timed out) counts as a
// failure unless -failure is set and its output does not match it, or
// -ignore is set and its output matches it. A run that succeeded never
// counts. The expressions use RE2's syntax, which is Go's regexp syntax, and
// match anywhere in the output (Go's regexp.Match): `^` and `$` are the
// ends of the whole output unless the pattern says (?m).
#pragma once

#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>

namespace goro::stress {

class OutputFilter {
 public:
  // Compiles the two expressions ("" = not set). nullopt on a bad one, with
  // *error naming the flag: `-failure: bad regexp "a(": missing ): a(`.
  static std::optional<OutputFilter> compile(const std::string& failure, const std::string& ignore,
                                             std::string* error);

  // Checks one expression, for validating a flag: "" when it compiles,
  // else why not (`bad regexp "a(": missing ): a(`).
  static std::string check(const std::string& pattern);

  bool countsAsFailure(bool runFailed, const std::string& output) const;

 private:
  std::shared_ptr<const RE2> failure_;  // null when -failure is not set
  std::shared_ptr<const RE2> ignore_;   // null when -ignore is not set
};

}  // namespace goro::stress

// The built-in scenarios of `goro-stress scenario NAME [flags]`.
//
// A scenario is a function that takes its arguments (everything after
// NAME: its flags, in Go's syntax, parsed with CLI11 through
// stress/flags.h's parseGoFlags) and returns the process's exit status:
// 0 when it passed, non-zero on any failure, 2 for a usage error. It
// prints what it does as it goes. Each lives in its own file in
// stress/scenarios/, and plugs in with one line in the table of
// registry.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace goro::stress::scenarios {

using ScenarioMain = int (*)(const std::vector<std::string>& args);

struct Scenario {
  std::string_view name;     // as typed after `scenario`: lower case, words joined by '-'
  std::string_view summary;  // one line, for the list
  ScenarioMain run;
};

// Every scenario, in the order the list shows them. Invariant: names are unique.
const std::vector<Scenario>& all();

// The scenario called name, or null.
const Scenario* find(std::string_view name);

}  // namespace goro::stress::scenarios

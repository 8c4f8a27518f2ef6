// `goro-stress scenario NAME [flags]`: runs one of the built-in scenarios
// (stress/scenarios/registry.h) in this process.
//
//   goro-stress scenario NAME [flags]   run it; its exit status is the scenario's
//   goro-stress scenario -help          list the scenarios (exit status 0)
//   goro-stress scenario                the same list, as a usage error (2)
//   goro-stress scenario UNKNOWN        says so, with the list (2)
//
// `scenario` is recognised only as the first argument; to stress a command
// that happens to be called `scenario`, write `goro-stress -- scenario`.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace goro::stress {

// args: what follows `scenario`.
int runScenarioCommand(const std::vector<std::string>& args, std::FILE* out = stdout, std::FILE* err = stderr);

}  // namespace goro::stress

// goro-stress's own command line: the runner's flags, declared once for
// CLI11 and read in Go's flag syntax (flags.h).
//
//   goro-stress [flags] [--] COMMAND [ARGS...]
//
// The flags stop at the first argument that is not one, so the command's
// own flags need no `--` in front of them unless the command's name itself
// starts with a dash. (`goro-stress scenario ...` is dispatched before any
// of this; see scenario_command.h.)
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "stress/runner.h"

namespace goro::stress {

struct RunnerCommandLine {
  std::optional<RunnerOptions> options;  // set when the session should run
  int exitStatus = 0;                    // otherwise: 0 after -help, 2 after a usage error
};

// args: the arguments after the program name. Help goes to `out`, usage errors to `err`.
RunnerCommandLine parseRunnerCommandLine(const std::vector<std::string>& args, std::FILE* out = stdout,
                                         std::FILE* err = stderr);

// The number of CPUs this process may run on (Go's runtime.NumCPU): -p's default.
int availableCpus();

}  // namespace goro::stress

// goro-stress: the stress runner (runner.h) and the built-in scenarios
// (scenario_command.h).
//
//   goro-stress [flags] [--] COMMAND [ARGS...]
//   goro-stress scenario NAME [flags]
#include <string>
#include <vector>

#include "stress/command_line.h"
#include "stress/runner.h"
#include "stress/scenario_command.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args.front() == "scenario") {
    return goro::stress::runScenarioCommand(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  goro::stress::RunnerCommandLine commandLine = goro::stress::parseRunnerCommandLine(args);
  if (!commandLine.options) return commandLine.exitStatus;
  return goro::stress::runStress(*commandLine.options);
}

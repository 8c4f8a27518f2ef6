#include "stress/scenario_command.h"

#include <algorithm>

#include "stress/scenarios/registry.h"

namespace goro::stress {

namespace {

void printScenarioList(std::FILE* to) {
  std::fprintf(to, "Usage: goro-stress scenario NAME [flags]   (NAME -help lists a scenario's flags)\n\n");
  const std::vector<scenarios::Scenario>& table = scenarios::all();
  if (table.empty()) {
    std::fprintf(to, "No scenarios are built in yet.\n");
    return;
  }
  size_t width = 0;
  for (const scenarios::Scenario& s : table) width = std::max(width, s.name.size());
  std::fprintf(to, "Scenarios:\n");
  for (const scenarios::Scenario& s : table) {
    std::fprintf(to, "  %-*.*s  %.*s\n", static_cast<int>(width), static_cast<int>(s.name.size()), s.name.data(),
                 static_cast<int>(s.summary.size()), s.summary.data());
  }
}

}  // namespace

int runScenarioCommand(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  if (args.empty()) {
    std::fprintf(err, "goro-stress scenario: no scenario named\n");
    printScenarioList(err);
    return 2;
  }
  const std::string& name = args.front();
  if (name == "-h" || name == "-help" || name == "--help" || name == "help") {
    printScenarioList(out);
    return 0;
  }
  const scenarios::Scenario* scenario = scenarios::find(name);
  if (scenario == nullptr) {
    std::fprintf(err, "goro-stress scenario: unknown scenario \"%s\"\n", name.c_str());
    printScenarioList(err);
    return 2;
  }
  return scenario->run(std::vector<std::string>(args.begin() + 1, args.end()));
}

}  // namespace goro::stress

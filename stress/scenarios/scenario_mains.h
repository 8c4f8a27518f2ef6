// The scenarios' command lines (scenario_mains.cpp), as registry.h's
// ScenarioMain: each parses its flags and runs its scenario.
#pragma once

#include <string>
#include <vector>

namespace goro::stress::scenarios {

int allpRaceMain(const std::vector<std::string>& args);
int churnMain(const std::vector<std::string>& args);
int stwDeadlockMain(const std::vector<std::string>& args);
int issue47304Main(const std::vector<std::string>& args);

}  // namespace goro::stress::scenarios

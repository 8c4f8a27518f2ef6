#include "stress/scenarios/registry.h"

namespace goro::stress::scenarios {

const std::vector<Scenario>& all() {
  // One line per scenario, for example:
  //   {"allp-race", "Go issue 74414's steps, driven through the scheduler's test hooks", allpRaceMain},
  static const std::vector<Scenario> table = {};
  return table;
}

const Scenario* find(std::string_view name) {
  for (const Scenario& scenario : all()) {
    if (scenario.name == name) return &scenario;
  }
  return nullptr;
}

}  // namespace goro::stress::scenarios

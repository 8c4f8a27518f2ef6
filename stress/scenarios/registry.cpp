#include "stress/scenarios/registry.h"

#include "stress/scenarios/scenario_mains.h"

namespace goro::stress::scenarios {

const std::vector<Scenario>& all() {
  static const std::vector<Scenario> table = {
      {"allp-race", "Go issue 74414's steps, driven through the scheduler's test hooks, in one allpsnapshot mode",
       allpRaceMain},
      {"churn", "allocating goroutines while GOMAXPROCS grows past allp's capacity and moves, with collections",
       churnMain},
      {"stw-deadlock", "Go's TestStopTheWorldDeadlock: collections and GOMAXPROCS changes beside a goroutine chain",
       stwDeadlockMain},
      {"issue47304", "Go issue 47304: allocators while GOMAXPROCS moves 100 -> 4 -> 6", issue47304Main},
  };
  return table;
}

const Scenario* find(std::string_view name) {
  for (const Scenario& scenario : all()) {
    if (scenario.name == name) return &scenario;
  }
  return nullptr;
}

}  // namespace goro::stress::scenarios

// Flags the scenarios share: see scenario_flags.h.
#include "stress/scenarios/scenario_flags.h"

namespace goro::stress::scenarios {

void addModeFlag(CLI::App& app, runtime::AllpSnapshotMode* mode) {
  app.add_option_function<std::string>(
         "--mode",
         [mode](const std::string& text) {
           for (auto m : {runtime::AllpSnapshotMode::M, runtime::AllpSnapshotMode::Stack,
                          runtime::AllpSnapshotMode::Persistent}) {
             if (text == runtime::allpSnapshotModeName(m)) {
               *mode = m;
               return;
             }
           }
           throw CLI::ValidationError("-mode", "must be m, stack or persistent, not " + text);
         },
         "where findRunnable keeps its allp snapshot: m (Go's fix), stack (the bug) or persistent")
      ->type_name("m|stack|persistent")
      ->default_str(runtime::allpSnapshotModeName(*mode));
}

void addDelayFlag(CLI::App& app, int64_t* us) {
  app.add_option("--findrunnabledelay", *us,
                 "microseconds an M sleeps between dropping its P and reading its snapshot (GODEBUG)")
      ->type_name("US")
      ->check(CLI::Range(int64_t{0}, runtime::kMaxFindrunnableDelayUs));
}

}  // namespace goro::stress::scenarios

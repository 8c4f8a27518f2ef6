// Flags the scenarios share (Go syntax through stress/flags.h), so that
// each spells -mode, -seed and the GODEBUG knobs the same way.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

#include "runtime/settings.h"

namespace goro::stress::scenarios {

// -mode m|stack|persistent (GODEBUG=allpsnapshot).
void addModeFlag(CLI::App& app, runtime::AllpSnapshotMode* mode);
// -findrunnabledelay US, 0 to runtime::kMaxFindrunnableDelayUs.
void addDelayFlag(CLI::App& app, int64_t* us);

}  // namespace goro::stress::scenarios

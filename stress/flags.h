// Command lines in the syntax of Go's flag package, parsed by CLI11.
//
// Go programs take `-name value`, `-name=value`, `--name value` and
// `--name=value` alike, a boolean flag as `-name` or `-name=false`, and stop
// at the first argument that is not a flag (or after `--`): everything from
// there on is left to the program (for goro-stress, the command to run).
// CLI11 knows only `--name` for names longer than one letter, so before it
// sees the arguments, translateGoFlags rewrites each flag of the leading
// flag part into CLI11's spelling, asking the CLI11 app which flags take a
// value:
//
//   -name value, --name value, -name=value  ->  --name=value
//   -flag, -flag=false (boolean)             ->  --flag, --flag=false
//   -unknown                                 ->  --unknown (CLI11 rejects it)
//
// A value always travels glued to its name, so a value that starts with a
// dash (`-failure -x`) stays a value, as in Go. The parsing itself (types,
// checks, help, unknown names) is CLI11's.
//
// Options are declared with their long names only, one-letter ones
// included ("--p"), so that `-p=4` works too; goFlagApp() makes an app set
// up that way: a later repetition of a flag overrides an earlier one (as in
// Go), the help shows single-dash names, and -h, -help and --help ask for it.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace goro::stress {

struct TranslatedArgs {
  std::vector<std::string> flags;  // in CLI11's spelling, without a program name
  std::vector<std::string> rest;   // from the first non-flag argument on (`--` dropped)
};

TranslatedArgs translateGoFlags(const CLI::App& app, const std::vector<std::string>& args);

// A CLI11 app for Go-style flags, as described at the top of this file.
// usage: the help's usage line(s) after "Usage: " ("" for CLI11's own).
std::unique_ptr<CLI::App> goFlagApp(const std::string& description, const std::string& name,
                                    const std::string& usage = "");

// Call after declaring every option: each one takes the last of repeated uses.
void takeLastOfRepeatedFlags(CLI::App& app);

// A CLI11 message with the flag names written Go's way: "--count: ..." -> "-count: ...".
std::string goFlagMessage(const std::string& cli11Message);

struct FlagParse {
  bool ok = false;                // parsed; rest is the non-flag arguments
  int exitStatus = 0;             // when !ok: 0 after printing help, 2 after a usage error
  std::vector<std::string> rest;
};

// Translates args (without the program name) and parses them into app.
// Help goes to `out`; a usage error is printed to `err` as
// "PROGRAM: MESSAGE" with a pointer to -help.
FlagParse parseGoFlags(CLI::App& app, const std::vector<std::string>& args, std::FILE* out = stdout,
                       std::FILE* err = stderr);

// A flag holding a Go duration (stress/duration.h), `-name 1m5s`; with
// `allowZero`, 0 is accepted (it means "no limit" for such flags).
CLI::Option* addDurationFlag(CLI::App& app, const std::string& name, std::chrono::nanoseconds* target, bool allowZero,
                             const std::string& description);

}  // namespace goro::stress

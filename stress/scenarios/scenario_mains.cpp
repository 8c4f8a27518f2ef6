// The command lines of the scenarios: `goro-stress scenario NAME [flags]`
// parses NAME's flags (Go syntax, stress/flags.h) into its options and runs
// it. One function per scenario, registered in registry.cpp.
#include "stress/scenarios/scenario_mains.h"

#include <memory>

#include "alloc/poison.h"
#include "stress/duration.h"
#include "stress/flags.h"
#include "stress/scenarios/allp_race.h"
#include "stress/scenarios/churn.h"
#include "stress/scenarios/go_ports.h"
#include "stress/scenarios/scenario_flags.h"

namespace goro::stress::scenarios {

namespace {

std::unique_ptr<CLI::App> scenarioApp(const std::string& name, const std::string& description) {
  return goFlagApp(description, "goro-stress scenario " + name, "goro-stress scenario " + name + " [flags]");
}

// Parses; returns -1 when the scenario should run, else the exit status.
int parse(CLI::App& app, const std::vector<std::string>& args) {
  takeLastOfRepeatedFlags(app);
  FlagParse parsed = parseGoFlags(app, args);
  if (!parsed.ok) return parsed.exitStatus;
  if (!parsed.rest.empty()) {
    std::fprintf(stderr, "%s: unexpected argument %s\n", app.get_name().c_str(), parsed.rest[0].c_str());
    return 2;
  }
  return -1;
}

}  // namespace

int allpRaceMain(const std::vector<std::string>& args) {
  AllpRaceOptions o;
  o.reuse = !alloc::kAsan;
  auto app = scenarioApp("allp-race",
                         "Go issue 74414's steps, driven one by one through the scheduler's test hooks; stack mode\n"
                         "must be detected, m and persistent must survive (m naming the roots that kept the array).");
  addModeFlag(*app, &o.mode);
  app->add_flag("--skip-root", o.skipRoot, "the allm scanner skips the Ms' snapshots (m mode must then be detected)");
  app->add_flag("--reuse", o.reuse,
                "allocate over the freed memory before M1 reads (default true; false in an address-sanitizer build,\n"
                "so that the sanitizer sees the read of freed memory)");
  app->add_option("--gcroots", o.gcroots,
                  "print the collector's root report at each collection, as GODEBUG=gcroots does (1: ten slots\n"
                  "per class, 2: every slot)")
      ->check(CLI::Range(0, 2));
  app->add_option("--trace", o.traceFile, "record the child's execution trace into FILE (docs/trace.md)");
  if (int status = parse(*app, args); status >= 0) return status;
  return runAllpRace(o);
}

int churnMain(const std::vector<std::string>& args) {
  ChurnOptions o;
  Duration duration{0};
  Duration reportEvery{0};
  auto app = scenarioApp("churn",
                         "Goroutines allocating and taking turns in pairs while changers grow GOMAXPROCS past allp's\n"
                         "capacity one P at a time, then move it within capacity, forcing collections.");
  addModeFlag(*app, &o.mode);
  addDelayFlag(*app, &o.findrunnableDelayUs);
  app->add_option("--procs", o.startProcs, "GOMAXPROCS at the start")->check(CLI::Range(1, 1024));
  app->add_option("--grow-to", o.growTo, "growth phase: GOMAXPROCS one P at a time up to this")
      ->check(CLI::Range(1, 1024));
  app->add_option("--max-procs", o.maxProcs, "moves: random GOMAXPROCS in 1..this (within the capacity reached)")
      ->check(CLI::Range(1, 1024));
  app->add_option("--workers", o.workers, "allocating goroutines (in pairs)")->check(CLI::Range(2, 100000));
  app->add_option("--changers", o.changers, "goroutines moving GOMAXPROCS")->check(CLI::Range(1, 64));
  app->add_option("--changes", o.changes, "stop after this many GOMAXPROCS changes (0: -duration decides)")
      ->check(CLI::NonNegativeNumber);
  addDurationFlag(*app, "duration", &duration, true, "stop after this long (0: -changes decides)");
  addDurationFlag(*app, "report", &reportEvery, true,
                  "print a progress line (counters and heap figures) every this long (0: never)");
  app->add_option("--gc-every", o.gcEvery, "force a collection every this many changes (0: never)")
      ->check(CLI::NonNegativeNumber);
  app->add_option("--clobberfree", o.clobberfree, "overwrite freed objects with 0xdeadbeef (GODEBUG)");
  app->add_flag("--checkmark", o.checkmark, "check every pointer each collection marks (GODEBUG=gccheckmark=1)");
  app->add_option("--seed", o.seed, "seed of the values set and the sizes allocated");
  if (int status = parse(*app, args); status >= 0) return status;
  o.durationNs = duration.count();
  o.reportEveryNs = reportEvery.count();
  if (o.changes == 0 && o.durationNs == 0) {
    std::fprintf(stderr, "goro-stress scenario churn: set -changes or -duration\n");
    return 2;
  }
  return runChurn(o);
}

namespace {
int goPortMain(const std::vector<std::string>& args, const std::string& name, const std::string& description,
               int (*run)(const GoPortOptions&), int rounds) {
  GoPortOptions o;
  o.rounds = rounds;
  auto app = scenarioApp(name, description);
  addModeFlag(*app, &o.mode);
  addDelayFlag(*app, &o.findrunnableDelayUs);
  app->add_option("--rounds", o.rounds, "how many times the test's loop runs")->check(CLI::Range(1, 100000000));
  app->add_option("--procs", o.startProcs, "GOMAXPROCS at the start")->check(CLI::Range(1, 1024));
  app->add_option("--clobberfree", o.clobberfree, "overwrite freed objects with 0xdeadbeef (GODEBUG)");
  if (int status = parse(*app, args); status >= 0) return status;
  return run(o);
}
}  // namespace

int stwDeadlockMain(const std::vector<std::string>& args) {
  return goPortMain(args, "stw-deadlock",
                    "Go's TestStopTheWorldDeadlock: collections and GOMAXPROCS changes (through 1..7) beside a chain of\n"
                    "goroutines each starting the next. A hang is the failure (use goro-stress -timeout).",
                    runStwDeadlock, 300);
}

int issue47304Main(const std::vector<std::string>& args) {
  return goPortMain(args, "issue47304",
                    "Go issue 47304's program: two goroutines allocating without pause while GOMAXPROCS moves\n"
                    "100 -> 4 -> 6.",
                    runIssue47304, 5);
}

}  // namespace goro::stress::scenarios

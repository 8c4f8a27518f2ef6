#include "stress/command_line.h"

#include <sched.h>

#include <algorithm>
#include <charconv>

#include "stress/flags.h"
#include "stress/output_filter.h"

namespace goro::stress {

namespace {

// Checks that an integer flag is at least min; text that is not a number
// passes here, for CLI11's conversion to report.
CLI::Validator atLeast(int64_t min) {
  return CLI::Validator(
      [min](std::string& text) {
        int64_t n = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        bool isNumber = ec == std::errc() && end == text.data() + text.size();
        return !isNumber || n >= min ? std::string() : "must be at least " + std::to_string(min) + ", not " + text;
      },
      "");
}

CLI::Option* addRegexFlag(CLI::App& app, const std::string& name, std::string* target, const std::string& description) {
  CLI::Option* option = app.add_option("--" + name, *target, description);
  option->type_name("REGEXP");
  option->check(CLI::Validator([](std::string& pattern) { return OutputFilter::check(pattern); }, ""));
  return option;
}

}  // namespace

int availableCpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return 1;
}

RunnerCommandLine parseRunnerCommandLine(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  RunnerOptions options;
  options.parallel = availableCpus();
  std::unique_ptr<CLI::App> app = goFlagApp(
      "goro-stress runs a command over and over, several copies at a time, and collects the runs that fail,\n"
      "as Go's stress tool does. It works for any command.",
      "goro-stress", "goro-stress [flags] [--] COMMAND [ARGS...]\n       goro-stress scenario NAME [flags]");
  app->add_option("--p", options.parallel, "run N copies of the command at a time (default: the number of CPUs)")
      ->type_name("N")
      ->check(atLeast(1));
  addDurationFlag(*app, "timeout", &options.timeout, true,
                  "send SIGABRT to a run that lasts longer, SIGKILL 10s later; 0 for no timeout");
  app->add_flag("--kill", options.killOnTimeout,
                "stop timed-out runs; -kill=false only reports them (to attach a debugger)")
      ->default_str("true");
  int64_t count = 0;
  app->add_option("--count", count, "stop after N runs (default 0: no limit)")->type_name("N")->check(atLeast(0));
  addDurationFlag(*app, "duration", &options.duration, true,
                  "stop after this long, stopping the runs then going (default 0: no limit)");
  addRegexFlag(*app, "failure", &options.failureRegex, "a failed run counts only if its output matches");
  addRegexFlag(*app, "ignore", &options.ignoreRegex, "a failed run whose output matches does not count");
  app->add_flag("--failfast", options.failfast, "stop at the first failure, stopping the runs then going");
  app->add_option("--o", options.outputDir,
                  "write failure logs to DIR (default: a new directory in $TMPDIR, made at the first failure)")
      ->type_name("DIR");
  // For tests; hidden from the help.
  addDurationFlag(*app, "kill-after", &options.killAfter, false, "time from SIGABRT to SIGKILL")->group("");
  addDurationFlag(*app, "status-interval", &options.statusInterval, false, "time between status lines")->group("");
  takeLastOfRepeatedFlags(*app);
  app->footer(
      "Each failure's output goes to its own file, and the console shows its first lines. A status\n"
      "line comes every 5 seconds and at the end, with a progress bar when -count or -duration bounds\n"
      "the session. A run fails if it exits non-zero, dies of a signal or outlives -timeout.\n"
      "Flags may be written -name value, -name=value or --name value.\n"
      "Exit status: 0 if no run failed, 1 if any did, 2 for a usage error or a command that cannot start.\n"
      "Built-in scenarios: goro-stress scenario -help.");

  RunnerCommandLine result;
  FlagParse parsed = parseGoFlags(*app, args, out, err);
  if (!parsed.ok) {
    result.exitStatus = parsed.exitStatus;
    return result;
  }
  if (parsed.rest.empty()) {
    std::fprintf(err, "goro-stress: no command given\nRun 'goro-stress -help' for usage.\n");
    result.exitStatus = 2;
    return result;
  }
  options.count = static_cast<uint64_t>(count);
  options.command = std::move(parsed.rest);
  result.options = std::move(options);
  return result;
}

}  // namespace goro::stress

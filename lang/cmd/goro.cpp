// lang/cmd/goro.cpp: the goro command.
//
//   goro run [FLAGS] FILE [ARGS...]   run a program (os.Args = ARGS)
//   goro [FLAGS] FILE [ARGS...]       the same
//   goro [FLAGS] -e CODE [ARGS...]    run CODE as a program
//   goro [FLAGS] - [ARGS...]          run the program read from standard input
//   goro [FLAGS]                      an interactive session (lang/cmd/repl.h)
//                                     when standard input is a terminal, else
//                                     as `goro -`
//   goro disasm FILE|-                list the compiled bytecode
//   goro trace view FILE [-o OUT.svg] draw a trace as an SVG timeline
//                                     (lang/cmd/trace_command.h)
//   goro version | goro help
//
// A program read from standard input is named "<stdin>" in diagnostics and
// tracebacks.
// FLAGS: --gomaxprocs N, --godebug LIST, --max-stack BYTES, --max-heap SIZE,
// --max-goroutines N, --max-threads N; they override GOMAXPROCS, GODEBUG and
// GOMEMLIMIT from the environment (runtime/settings.h).
// --trace FILE records the execution trace into FILE (runtime/trace_events.h,
// docs/trace.md), as GODEBUG=tracefile=FILE does; a FILE that cannot be
// written is a usage error (status 2) and the program does not run. The
// interactive session records no trace.
// GORO_GC_STRESS=1 in the environment collects at every allocation (the
// golden tests' gcstress run). Usage errors and missing files: a message
// and status 2.
//
// The flags go through CLI11. Everything from FILE on belongs to the
// script, flags included, so the command line is split first: the leading
// tokens that are flags (and their values) and the command word go to
// CLI11, the rest is FILE and ARGS.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "gc/collector.h"
#include "gc/memory_limit.h"
#include "lang/cmd/repl.h"
#include "lang/cmd/trace_command.h"
#include "lang/driver.h"
#include "lang/lib/natives.h"
#include "runtime/exit.h"
#include "runtime/byte_size.h"
#include "runtime/lockrank.h"
#include "runtime/settings.h"
#include "runtime/signals.h"
#include "runtime/trace_events.h"
#include "runtime/whole_file.h"

namespace {

constexpr const char* kVersion = "goro version 0.1.0 (the Goro language, version 1)";

bool takesValue(const std::string& flag) {
  return flag == "-e" || flag == "--gomaxprocs" || flag == "--godebug" || flag == "--max-stack" || flag == "--trace" ||
         flag == "--max-heap" || flag == "--max-goroutines" || flag == "--max-threads";
}

bool isCommand(const std::string& word) {
  return word == "run" || word == "disasm" || word == "trace" || word == "version" || word == "help";
}

int usageError(const std::string& msg) {
  std::fprintf(stderr, "goro: %s\nRun 'goro help' for usage.\n", msg.c_str());
  return 2;
}

std::string readAll(std::istream& in) {
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}


}  // namespace

int main(int argc, char** argv) {
  goro::runtime::installCrashHandlers();
  goro::runtime::Settings& settings = goro::runtime::settings();
  goro::runtime::loadFromEnvironment(settings);
  auto envOn = [](const char* name) {
    const char* s = std::getenv(name);
    return s != nullptr && *s != 0 && std::strcmp(s, "0") != 0;
  };
  if (envOn("GORO_GC_STRESS")) goro::gc::setStressMode(true);
  // Check the runtime's lock order on every acquire (runtime/lockrank.h).
  if (envOn("GORO_LOCKRANK")) goro::runtime::setLockRankChecking(true);
  // `goro trace ...` has a command line of its own (flags after the
  // subcommand, none of the runtime's).
  if (argc > 1 && std::strcmp(argv[1], "trace") == 0) return goro::lang::cmd::runTraceCommand(argc - 1, argv + 1);

  // Split: flags and the command word for CLI11; FILE and ARGS after.
  std::vector<std::string> cli = {argv[0]};
  std::vector<std::string> rest;
  std::string command;
  bool sawCode = false;
  for (int i = 1; i < argc; i++) {
    std::string t = argv[i];
    if (!rest.empty() || (sawCode && t.rfind('-', 0) != 0)) {
      rest.push_back(t);
      continue;
    }
    if (t == "--") {
      for (int j = i + 1; j < argc; j++) rest.emplace_back(argv[j]);
      break;
    }
    if (t.size() > 1 && t[0] == '-') {
      cli.push_back(t);
      if (t == "-e") sawCode = true;
      if (takesValue(t) && i + 1 < argc) cli.emplace_back(argv[++i]);
      continue;
    }
    if (command.empty() && !sawCode && isCommand(t)) {
      command = t;
      continue;
    }
    rest.push_back(t);
  }
  if (command.empty()) command = "run";

  CLI::App app{"goro runs programs written in Goro, Go's syntax without the static types.", "goro"};
  std::string code, godebug, traceFile;
  int gomaxprocs = 0;
  uint64_t maxStack = 1000000000;
  app.add_option("-e", code, "run CODE as the program");
  app.add_option("--gomaxprocs", gomaxprocs, "the number of Ps (overrides GOMAXPROCS)")
      ->check(CLI::Range(1, goro::runtime::kMaxGomaxprocs));
  app.add_option("--godebug", godebug, "runtime debug switches, name=value,... (overrides GODEBUG)");
  app.add_option("--trace", traceFile,
                 "record the execution trace into FILE, Chrome trace-event JSON (overrides GODEBUG=tracefile)")
      ->type_name("FILE");
  app.add_option("--max-stack", maxStack, "the goroutine stack limit in bytes (default 1 GB)")
      ->check(CLI::Range(uint64_t{4096}, uint64_t{1} << 40));
  std::string maxHeap;
  app.add_option("--max-heap", maxHeap,
                 "the most the live heap may hold, e.g. 512MiB or 2GB; past it, fatal error: out of memory "
                 "(overrides GOMEMLIMIT; default: no limit)")
      ->type_name("SIZE");
  int64_t maxGoroutines = goro::runtime::kDefaultMaxGoroutines;
  app.add_option("--max-goroutines", maxGoroutines, "the most goroutines alive at once (default 10000000)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40));
  int maxThreads = goro::runtime::kDefaultMaxThreads;
  app.add_option("--max-threads", maxThreads, "the most OS threads, as debug.SetMaxThreads (default 10000)")
      ->check(CLI::Range(2, 1 << 30));
  app.footer(
      "Usage:\n"
      "  goro run [FLAGS] FILE [ARGS...]   run a program\n"
      "  goro [FLAGS] FILE [ARGS...]       the same\n"
      "  goro [FLAGS] -e CODE [ARGS...]    run CODE\n"
      "  goro [FLAGS] - [ARGS...]          run the program read from standard input\n"
      "  goro [FLAGS]                      an interactive session (standard input a terminal)\n"
      "  goro disasm FILE|-                list the compiled bytecode\n"
      "  goro trace view FILE [-o OUT.svg] draw a trace as an SVG timeline (standard output without -o)\n"
      "  goro version                      print the version\n"
      "  goro help                         print this help\n"
      "Environment: GOMAXPROCS, GODEBUG, GOGC, GOMEMLIMIT, GOTRACEBACK; GORO_GC_STRESS=1 collects at every allocation;\n"
      "GORO_LOCKRANK=1 checks the runtime's lock order on every acquire.");
  try {
    std::vector<char*> cargv;
    for (std::string& s : cli) cargv.push_back(s.data());
    app.parse(static_cast<int>(cargv.size()), cargv.data());
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    return usageError(e.what());
  }

  if (command == "help") {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  }
  if (command == "trace") return usageError("trace takes no runtime flags: goro trace view FILE [-o OUT.svg]");
  if (command == "version") {
    std::puts(kVersion);
    return 0;
  }
  for (const std::string& w : goro::runtime::parseGodebug(settings, godebug)) {
    std::fprintf(stderr, "goro: --godebug %s\n", w.c_str());
  }
  if (gomaxprocs > 0) settings.gomaxprocs = gomaxprocs;  // CLI11 checked the range
  if (app.count("--max-heap") > 0 && !goro::runtime::parseMemoryLimit(settings, maxHeap)) {
    return usageError("--max-heap " + maxHeap + " not understood (accepted: " + goro::runtime::kByteSizeForms +
                      ", or off)");
  }
  settings.maxGoroutines = maxGoroutines;
  settings.maxThreads = maxThreads;
  goro::gc::setGcPercent(settings.gogc);
  goro::gc::setMemoryLimit(settings.memoryLimit);
  goro::lang::lib::setFallbackGomaxprocs(goro::runtime::gomaxprocsOrDefault(settings));

  goro::lang::RunOptions options;
  options.maxStackBytes = maxStack;
  std::string name, text;
  if (!code.empty() || app.count("-e") > 0) {
    if (command != "run") return usageError("-e cannot be used with " + command);
    name = "-e";
    text = code;
  } else if (rest.empty() && command != "disasm" && isatty(STDIN_FILENO)) {
    goro::lang::cmd::runRepl(options, kVersion);
  } else {
    if (rest.empty() && command == "disasm") return usageError("disasm needs a FILE (or - for standard input)");
    name = rest.empty() ? "-" : rest.front();
    if (!rest.empty()) rest.erase(rest.begin());
    if (name == "-") {
      name = "<stdin>";
      text = readAll(std::cin);
    } else if (std::string error; !goro::runtime::readWholeFile(name, &text, &error)) {
      // Go's wording: "open x.goro: no such file or directory", "read dir:
      // is a directory".
      std::fprintf(stderr, "goro: %s\n", error.c_str());
      return 2;
    }
  }
  if (command == "disasm") return goro::lang::disassembleProgram(name, std::move(text));
  if (traceFile.empty()) traceFile = settings.tracefile;
  if (!traceFile.empty()) {
    std::string error;
    if (!goro::runtime::trace::start(traceFile, kVersion, &error)) {
      std::fprintf(stderr, "goro: cannot write the trace: %s\n", error.c_str());
      return 2;
    }
  }
  static char stdoutBuffer[1 << 16];  // a program's output is buffered, flushed at exit
  std::setvbuf(stdout, stdoutBuffer, _IOFBF, sizeof stdoutBuffer);
  options.args = std::move(rest);
  int status = goro::lang::runProgram(name, std::move(text), options);
  std::fflush(stdout);
  goro::runtime::exitNow(status);
}

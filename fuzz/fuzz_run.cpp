// fuzz/fuzz_run.cpp: the interpreter running fuzzed programs on the
// scheduler, with the address and undefined sanitizers on.
//
// Each input is parsed, resolved and compiled here, in libFuzzer's process
// (one that does not compile is rejected: returning -1 keeps it out of the
// corpus). A program that compiles runs in a forked child (child_runner.h)
// under a step budget, a wall-clock limit, a stack limit and a memory limit;
// its coverage comes back to libFuzzer through shared memory. A crash, a
// sanitizer report, a runtime throw (runtime::fatal: a broken invariant,
// not the program's own fatal errors such as a deadlock) or a hang (no
// progress at the wall-clock limit, yet using CPU) makes this process abort with the child's report on stderr, so
// libFuzzer saves the input. Panics, os.Exit, deadlocks, running out of
// steps and the limits are normal ends; the counts of each are printed when
// the fuzzer exits.
//
// Mutation is structure-aware (statement_splicer.h): half of the mutations
// move whole statements within a program or between programs, the other
// half are libFuzzer's own byte mutations; cross-over splices statements
// of one program into another.
//
// Environment (for reproducing a finding):
//   FUZZ_RUN_VERBOSE=1       the child's stdout and stderr go to this stderr
//   FUZZ_RUN_STEPS=N         the step budget (default 200000)
//   FUZZ_RUN_WALL_SECONDS=S  the wall-clock limit (default 10)
//   FUZZ_RUN_NO_SANDBOX=1   the child's file system is not made read-only
//                            (where mount namespaces are not allowed)
//   FUZZ_RUN_GC_STRESS=0|1   no input, or every input, runs with a
//                            collection at every allocation (default: one
//                            input in eight, chosen by a hash of its bytes,
//                            so that a replay runs the same way)
//
// This process must have one thread when it forks. A fork copies the
// memory of every thread but runs only the forking one, so a lock another
// thread holds at that instant stays held in the child forever. libFuzzer's
// one thread of its own is the one that checks the resident memory once a
// second (-rss_limit_mb); when it had just started, its start-up in the
// address sanitizer held the allocator's lock, and the child's watchdog and
// scheduler threads, which take that lock as they start, all waited on it
// until the backstop alarm (about 1 run in 300 of a program that ends at
// once). So LLVMFuzzerInitialize adds -rss_limit_mb=0 after the command
// line's flags: no such thread, and the children's memory is limited by
// their own watchdog (child_runner.h) instead.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "child_runner.h"
#include "lang/compiler/compiler.h"
#include "lang/syntax/frontend.h"
#include "statement_splicer.h"

using namespace goro;

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

namespace {

fuzz::ChildRunner* gRunner = nullptr;
// FUZZ_RUN_GC_STRESS: -1 (unset), 0 or 1.
int gGcStress = -1;
fuzz::StatementSplicer gSplicer;

// How the runs ended, printed every 1000 runs and when the process exits.
struct Counts {
  uint64_t notCompiled = 0, finished = 0, outOfSteps = 0, limit = 0, slow = 0, timeout = 0;
} gCounts;
uint64_t gRuns = 0;  // programs run (the inputs that compiled)

uint64_t envNumber(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == 0) return fallback;
  char* end = nullptr;
  unsigned long long n = std::strtoull(v, &end, 10);
  return *end == 0 ? n : fallback;
}

void printCounts() {
  std::fprintf(stderr,
               "fuzz_run: runs that did not compile %llu; finished %llu; out of steps %llu; hit a limit %llu; "
               "timed out (slow) %llu; timed out (idle) %llu\n",
               static_cast<unsigned long long>(gCounts.notCompiled), static_cast<unsigned long long>(gCounts.finished),
               static_cast<unsigned long long>(gCounts.outOfSteps), static_cast<unsigned long long>(gCounts.limit),
               static_cast<unsigned long long>(gCounts.slow), static_cast<unsigned long long>(gCounts.timeout));
}

size_t store(const std::string& text, uint8_t* out) {
  std::memcpy(out, text.data(), text.size());
  return text.size();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  // libFuzzer reads its flags after this returns, the last of a name
  // winning (see the top of the file).
  static std::vector<char*> args;
  static char noRssThread[] = "-rss_limit_mb=0";
  args.assign(*argv, *argv + *argc);
  args.push_back(noRssThread);
  args.push_back(nullptr);
  *argc = static_cast<int>(args.size() - 1);
  *argv = args.data();

  fuzz::ChildLimits limits;
  limits.steps = envNumber("FUZZ_RUN_STEPS", limits.steps);
  limits.wallSeconds = static_cast<unsigned>(envNumber("FUZZ_RUN_WALL_SECONDS", limits.wallSeconds));
  limits.verbose = envNumber("FUZZ_RUN_VERBOSE", 0) != 0;
  limits.noSandbox = envNumber("FUZZ_RUN_NO_SANDBOX", 0) != 0;
  if (std::getenv("FUZZ_RUN_GC_STRESS") != nullptr) gGcStress = envNumber("FUZZ_RUN_GC_STRESS", 0) != 0 ? 1 : 0;
  gRunner = new fuzz::ChildRunner(limits);
  std::atexit(printCounts);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  lang::syntax::Source src("fuzz.goro", std::string(reinterpret_cast<const char*>(data), size));
  lang::syntax::Diagnostics diags(src);
  std::unique_ptr<lang::syntax::File> file = lang::syntax::parseAndResolve(src, diags);
  lang::compiler::Program program;
  if (file == nullptr || !lang::compiler::compileProgram(*file, diags, program)) {
    gCounts.notCompiled++;
    return -1;
  }
  bool gcStress = gGcStress >= 0 ? gGcStress == 1 : std::hash<std::string_view>{}(src.text()) % 8 == 0;
  fuzz::ChildOutcome outcome = gRunner->run(program, gcStress);
  if (++gRuns % 1000 == 0) printCounts();  // in the log as it goes: an interrupted run prints no final counts
  switch (outcome.kind) {
    case fuzz::ChildOutcome::Kind::Finished: gCounts.finished++; break;
    case fuzz::ChildOutcome::Kind::OutOfSteps: gCounts.outOfSteps++; break;
    case fuzz::ChildOutcome::Kind::Limit: gCounts.limit++; break;
    case fuzz::ChildOutcome::Kind::Slow: gCounts.slow++; break;
    case fuzz::ChildOutcome::Kind::Timeout: gCounts.timeout++; break;
    case fuzz::ChildOutcome::Kind::Bug:
      std::fwrite(outcome.stderrText.data(), 1, outcome.stderrText.size(), stderr);
      std::fprintf(stderr, "\nfuzz_run: BUG: %s\n", outcome.description.c_str());
      std::fflush(stderr);
      std::abort();
  }
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned seed) {
  std::minstd_rand rng(seed);
  if (rng() % 2 == 0) {
    std::string text(reinterpret_cast<const char*>(data), size);
    if (gSplicer.mutate(text, "", maxSize, rng)) return store(text, data);
  }
  return LLVMFuzzerMutate(data, size, maxSize);
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t* data1, size_t size1, const uint8_t* data2, size_t size2,
                                            uint8_t* out, size_t maxOutSize, unsigned seed) {
  std::minstd_rand rng(seed);
  std::string text(reinterpret_cast<const char*>(data1), size1);
  std::string other(reinterpret_cast<const char*>(data2), size2);
  if (gSplicer.crossOver(text, other, maxOutSize, rng)) return store(text, out);
  // Not statements (one of them does not parse): the first program's
  // leading lines, then the second's trailing lines.
  size_t cut1 = size1 == 0 ? 0 : std::uniform_int_distribution<size_t>(0, size1)(rng);
  size_t cut2 = size2 == 0 ? 0 : std::uniform_int_distribution<size_t>(0, size2)(rng);
  cut1 = text.rfind('\n', cut1) == std::string::npos ? 0 : text.rfind('\n', cut1) + 1;
  cut2 = other.rfind('\n', cut2) == std::string::npos ? 0 : other.rfind('\n', cut2) + 1;
  std::string mixed = text.substr(0, cut1) + other.substr(cut2);
  if (mixed.size() > maxOutSize) mixed.resize(maxOutSize);
  return store(mixed, out);
}

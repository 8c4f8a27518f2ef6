// fuzz/child_runner.h: running one compiled program in a child process, for
// fuzz_run. The interpreter's entry (lang::runCompiled) never returns: the
// process ends through runtime::exitNow or the fatal path, and the
// scheduler starts only once per process. So each input runs in a forked
// child, and the parent (libFuzzer's process) stays single-threaded and
// never starts the scheduler.
//
// The child:
//   - works in a fresh temporary directory, the only place it can write:
//     every other mount is read-only in its own mount namespace; stdin and
//     stdout are on /dev/null, stderr is captured (a memfd, at most
//     kMaxStderrBytes);
//   - runs with a step budget (lang/vm/step_budget.h; a tenth of it under
//     GC stress), a stack limit, a heap limit, limits on goroutines and
//     threads, two Ps, optionally a collection at every allocation;
//   - has a watchdog thread that ends it when its resident memory passes
//     the limit, or at the wall-clock limit (an alarm is the backstop),
//     telling a slow child (still taking steps or collecting in its last
//     seconds) from an idle one (asleep or blocked) and a stuck one
//     (neither, yet using CPU: a hang, made to dump its goroutines first);
//   - on its way out (runtime::setExitHook, or the sanitizers' death
//     callback) copies its coverage counters, and why it ended, into
//     memory it shares with the parent.
// The parent merges those counters into its own after waitpid, so
// libFuzzer sees the coverage of the run as if it had happened in-process,
// and classifies the end (ChildOutcome).
#pragma once

#include <cstdint>
#include <string>

namespace goro::lang::compiler {
struct Program;
}

namespace goro::fuzz {

struct ChildLimits {
  uint64_t steps = 200000;          // the interpreter's step budget
  unsigned wallSeconds = 10;        // killed by SIGALRM after this long
  uint64_t rssBytes = 1ull << 30;   // the watchdog's resident-memory limit
  uint64_t maxStackBytes = 8ull << 20;
  uint64_t heapBytes = 64ull << 20;   // runtime::Settings::memoryLimit, the live heap's limit
  int64_t maxGoroutines = 10000;      // runtime::Settings::maxGoroutines
  int maxThreads = 200;               // runtime::Settings::maxThreads
  int gomaxprocs = 2;
  bool gcStress = false;            // collect at every allocation (gc::setStressMode)
  bool noSandbox = false;           // let the child write outside its directory
  bool verbose = false;             // copy the child's stderr and stdout to the parent's
};

struct ChildOutcome {
  enum class Kind : uint8_t {
    Finished,    // exit status, panic, os.Exit, deadlock or another fatal error of the program's own
    OutOfSteps,  // the step budget ran out
    Limit,       // a resource limit of the runtime (heap, goroutines) or of the watchdog (memory, output)
    Slow,        // the wall-clock limit, with the child still taking steps or collecting
    Timeout,     // the wall-clock limit, with the child idle (sleeping, blocked)
    Bug,         // a crash, a sanitizer report, a runtime throw, or a hang (stuck, using CPU)
  };
  Kind kind = Kind::Finished;
  std::string description;  // for Bug and Limit: what happened
  std::string stderrText;   // the child's standard error (at most kMaxStderrBytes)
};

inline constexpr size_t kMaxStderrBytes = 1 << 20;

class ChildRunner {
 public:
  explicit ChildRunner(const ChildLimits& limits);
  ~ChildRunner();
  ChildRunner(const ChildRunner&) = delete;
  ChildRunner& operator=(const ChildRunner&) = delete;

  // Runs program to its end in a child process and says how it ended;
  // gcStress: with a collection at every allocation.
  ChildOutcome run(const lang::compiler::Program& program, bool gcStress);

 private:
  [[noreturn]] void childMain(const lang::compiler::Program& program, const std::string& dir, bool gcStress);
  ChildOutcome classify(int status);
  std::string readStderr() const;

  ChildLimits limits_;
  int stderrFd_ = -1;  // the memfd the child's stderr goes to
  int devNull_ = -1;
};

}  // namespace goro::fuzz

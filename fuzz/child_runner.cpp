// fuzz/child_runner.cpp: see child_runner.h.
#include "child_runner.h"

#include <fcntl.h>
#include <mntent.h>
#include <sched.h>
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "gc/collector.h"
#include "lang/compiler/compiler.h"
#include "lang/driver.h"
#include "lang/vm/step_budget.h"
#include "runtime/exit.h"
#include "runtime/settings.h"

// The inline 8-bit counters of -fsanitize=fuzzer(-no-link): the linker
// gives the section's bounds. libFuzzer registers the same range.
extern "C" {
extern uint8_t __start___sancov_cntrs[] __attribute__((weak, visibility("hidden")));
extern uint8_t __stop___sancov_cntrs[] __attribute__((weak, visibility("hidden")));
}

namespace goro::fuzz {

namespace {

// How the child ended, as it wrote it down on its way out. The first end
// recorded wins (a wall-clock stop that raises SIGQUIT for a dump then
// passes the runtime's exit path too).
enum class EndedBy : uint32_t {
  Nothing = 0,      // it never reached an exit path the runtime or this file knows
  ExitHook = 1,     // runtime::exitNow or the fatal path (cause says which)
  Sanitizer = 2,    // a sanitizer's report
  MemoryLimit = 3,  // the watchdog: resident memory over the limit
  WallClock = 4,    // the watchdog: still running at the wall-clock limit (stall says how)
};

// What a child stopped at the wall-clock limit did in its last
// kStallWindowSeconds.
enum class Stall : uint32_t {
  Progressing = 0,  // it took steps or collected: slow, not stuck
  Idle = 1,         // neither, and used almost no CPU: asleep or blocked
  Stuck = 2,        // neither, yet it used CPU: spinning in the runtime or a native
};
constexpr unsigned kStallWindowSeconds = 2;
constexpr double kStuckCpuSeconds = 0.2;  // CPU in the window above which "neither" is stuck

// The memory the parent and the child share: one header, then a copy of
// the counters.
struct SharedReport {
  std::atomic<uint32_t> endedBy;
  std::atomic<uint32_t> cause;  // a runtime::ExitCause, with ExitHook
  std::atomic<int32_t> status;
  std::atomic<uint32_t> stall;  // a Stall, with WallClock
  std::atomic<uint32_t> windowCpuMillis;  // with WallClock: CPU used in the window
  uint8_t counters[];
};

SharedReport* gShared = nullptr;
size_t gCounterBytes = 0;

uint8_t* countersBegin() { return __start___sancov_cntrs; }

// Records the end (if none is recorded yet) after copying the counters, so
// that the parent reads complete counters once endedBy is set.
bool recordEnd(EndedBy how) {
  if (gShared->endedBy.load(std::memory_order_acquire) != 0) return false;
  if (gCounterBytes != 0) std::memcpy(gShared->counters, countersBegin(), gCounterBytes);
  uint32_t expected = 0;
  return gShared->endedBy.compare_exchange_strong(expected, static_cast<uint32_t>(how), std::memory_order_acq_rel);
}

// The child's ways out.
void onRuntimeExit(runtime::ExitCause cause, int status) {
  gShared->cause.store(static_cast<uint32_t>(cause), std::memory_order_relaxed);
  gShared->status.store(status, std::memory_order_relaxed);
  recordEnd(EndedBy::ExitHook);
}

void onSanitizerDeath() { recordEnd(EndedBy::Sanitizer); }

constexpr int kWatchdogStatus = 97;
constexpr unsigned kBackstopSeconds = 10;

uint64_t residentBytes() {
  int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[128];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  unsigned long long size = 0, resident = 0;
  if (std::sscanf(buf, "%llu %llu", &size, &resident) != 2) return 0;
  return resident * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

double seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// What the child has done so far.
struct Progress {
  int64_t stepsLeft = 0;
  uint64_t collections = 0;
  double cpu = 0;
};

Progress progressNow() {
  return {lang::vm::detail::gStepsLeft.load(std::memory_order_relaxed), gc::numGC(),
          seconds(CLOCK_PROCESS_CPUTIME_ID)};
}

struct WatchdogLimits {
  uint64_t rssBytes = 0;
  unsigned wallSeconds = 0;
} gWatch;

// The child's watchdog thread: every 20 ms it checks resident memory;
// once a second it keeps a progress sample; at the wall-clock limit it
// compares with the sample of kStallWindowSeconds before and ends the child,
// a stuck one by SIGQUIT first, so that its stderr holds the runtime's
// goroutine dump (runtime/signals.h).
void* watchdog(void*) {
  double start = seconds(CLOCK_MONOTONIC);
  Progress samples[kStallWindowSeconds + 1];
  for (Progress& p : samples) p = progressNow();
  unsigned lastSecond = 0;
  for (;;) {
    timespec ts{0, 20 * 1000 * 1000};
    nanosleep(&ts, nullptr);
    if (residentBytes() > gWatch.rssBytes) {
      recordEnd(EndedBy::MemoryLimit);
      _exit(kWatchdogStatus);
    }
    double elapsed = seconds(CLOCK_MONOTONIC) - start;
    auto second = static_cast<unsigned>(elapsed);
    if (second != lastSecond) {
      for (unsigned n = kStallWindowSeconds; n > 0; n--) samples[n] = samples[n - 1];
      samples[0] = progressNow();
      lastSecond = second;
    }
    if (elapsed < gWatch.wallSeconds) continue;
    Progress now = progressNow();
    const Progress& then = samples[kStallWindowSeconds];
    double cpu = now.cpu - then.cpu;
    Stall stall = now.stepsLeft != then.stepsLeft || now.collections != then.collections ? Stall::Progressing
                  : cpu >= kStuckCpuSeconds                                              ? Stall::Stuck
                                                                                          : Stall::Idle;
    gShared->stall.store(static_cast<uint32_t>(stall), std::memory_order_relaxed);
    gShared->windowCpuMillis.store(static_cast<uint32_t>(cpu * 1000), std::memory_order_relaxed);
    recordEnd(EndedBy::WallClock);
    if (stall == Stall::Stuck) {
      raise(SIGQUIT);
      timespec grace{3, 0};
      nanosleep(&grace, nullptr);  // the dump handler exits; if it cannot, end here
    }
    _exit(kWatchdogStatus);
  }
}

// Makes every mount read-only for the child, except its directory, in a
// mount namespace of its own: a program cannot write a file anywhere else
// (runtime.HeapDump writes where the program says). Needs root, or
// unprivileged user namespaces. False if it could not.
bool sandboxFileSystem(const std::string& dir) {
  if (unshare(CLONE_NEWNS) != 0 && unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return false;
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
  if (mount(dir.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) return false;
  FILE* mounts = setmntent("/proc/self/mounts", "r");
  if (mounts == nullptr) return false;
  bool rootDone = false;
  while (mntent* m = getmntent(mounts)) {
    if (dir == m->mnt_dir) continue;
    bool ok = mount(nullptr, m->mnt_dir, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
    if (std::strcmp(m->mnt_dir, "/") == 0) rootDone = ok;
  }
  endmntent(mounts);
  return rootDone;
}

constexpr int kNoSandboxStatus = 95;

void writeAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return;
    }
    done += static_cast<size_t>(n);
  }
}

bool contains(const std::string& text, const char* what) { return text.find(what) != std::string::npos; }

// The threads of this process (/proc/self/status), or 0 if unknown.
int threadCount() {
  FILE* status = std::fopen("/proc/self/status", "r");
  if (status == nullptr) return 0;
  char line[256];
  int threads = 0;
  while (std::fgets(line, sizeof line, status) != nullptr) {
    if (std::sscanf(line, "Threads: %d", &threads) == 1) break;
  }
  std::fclose(status);
  return threads;
}

}  // namespace

ChildRunner::ChildRunner(const ChildLimits& limits) : limits_(limits) {
  gCounterBytes = countersBegin() != nullptr ? static_cast<size_t>(__stop___sancov_cntrs - __start___sancov_cntrs) : 0;
  void* shared = mmap(nullptr, sizeof(SharedReport) + gCounterBytes, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) {
    std::perror("fuzz_run: mmap");
    std::abort();
  }
  gShared = static_cast<SharedReport*>(shared);
  stderrFd_ = memfd_create("fuzz_run-child-stderr", MFD_CLOEXEC);
  devNull_ = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (stderrFd_ < 0 || devNull_ < 0) {
    std::perror("fuzz_run: memfd_create or /dev/null");
    std::abort();
  }
}

ChildRunner::~ChildRunner() {
  close(stderrFd_);
  close(devNull_);
}

void ChildRunner::childMain(const lang::compiler::Program& program, const std::string& dir, bool gcStress) {
  // libFuzzer's handlers (timeouts, interrupts) belong to the parent.
  for (int sig : {SIGALRM, SIGINT, SIGTERM, SIGUSR1, SIGUSR2, SIGXFSZ, SIGPIPE}) signal(sig, SIG_DFL);
  sigset_t all;
  sigemptyset(&all);
  sigprocmask(SIG_SETMASK, &all, nullptr);
  if (!limits_.noSandbox && !sandboxFileSystem(dir)) _exit(kNoSandboxStatus);
  if (chdir(dir.c_str()) != 0) _exit(96);
  dup2(devNull_, 0);
  dup2(limits_.verbose ? 2 : devNull_, 1);
  dup2(stderrFd_, 2);
  rlimit fsize{kMaxStderrBytes, kMaxStderrBytes};
  setrlimit(RLIMIT_FSIZE, &fsize);  // a chatty program dies by SIGXFSZ: a Limit

  __sanitizer_set_death_callback(onSanitizerDeath);
  runtime::setExitHook(onRuntimeExit);
  // The stall check compares with a sample kStallWindowSeconds old, taken
  // after the program started: the limit must be longer than the window.
  gWatch = {limits_.rssBytes, std::max(limits_.wallSeconds, kStallWindowSeconds + 1)};
  pthread_t thread;
  pthread_create(&thread, nullptr, watchdog, nullptr);
  // A backstop: SIGALRM kills the child if even the watchdog cannot end it.
  alarm(limits_.wallSeconds + kBackstopSeconds);

  runtime::Settings& settings = runtime::settings();
  settings.gomaxprocs = limits_.gomaxprocs;
  settings.memoryLimit = limits_.heapBytes;
  settings.maxGoroutines = limits_.maxGoroutines;
  settings.maxThreads = limits_.maxThreads;
  gc::setStressMode(gcStress);
  // A collection at every allocation makes each step dearer.
  lang::vm::setStepBudget(gcStress ? limits_.steps / 10 : limits_.steps);
  lang::RunOptions options;
  options.maxStackBytes = limits_.maxStackBytes;
  lang::runCompiled("fuzz.goro", program, options, nullptr);
}

ChildOutcome ChildRunner::run(const lang::compiler::Program& program, bool gcStress) {
  char dirTemplate[] = "/tmp/goro-fuzz-run-XXXXXX";
  if (mkdtemp(dirTemplate) == nullptr) {
    std::perror("fuzz_run: mkdtemp");
    std::abort();
  }
  std::string dir = dirTemplate;
  if (ftruncate(stderrFd_, 0) != 0 || lseek(stderrFd_, 0, SEEK_SET) != 0) std::abort();
  gShared->endedBy.store(0);
  gShared->cause.store(0);
  gShared->status.store(0);
  gShared->stall.store(0);
  gShared->windowCpuMillis.store(0);

  // A fork from a process with other threads can copy a lock one of them
  // holds, held for good, and the child then hangs (fuzz_run.cpp explains
  // how libFuzzer's RSS thread did). Say so instead of hanging now and then.
  if (int threads = threadCount(); threads > 1) {
    std::fprintf(stderr,
                 "fuzz_run: %d threads at the fork of a child; the parent must have one (is -rss_limit_mb "
                 "overridden? see fuzz/fuzz_run.cpp)\n",
                 threads);
    std::abort();
  }
  pid_t pid = fork();
  if (pid < 0) {
    std::perror("fuzz_run: fork");
    std::abort();
  }
  if (pid == 0) childMain(program, dir, gcStress);

  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      std::perror("fuzz_run: waitpid");
      std::abort();
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);  // with whatever the program wrote there (runtime.HeapDump)

  EndedBy ended = static_cast<EndedBy>(gShared->endedBy.load(std::memory_order_acquire));
  if (ended != EndedBy::Nothing && gCounterBytes != 0) {
    uint8_t* mine = countersBegin();
    for (size_t n = 0; n < gCounterBytes; n++) {
      if (gShared->counters[n] > mine[n]) mine[n] = gShared->counters[n];
    }
  }
  ChildOutcome outcome = classify(status);
  if (limits_.verbose && !outcome.stderrText.empty()) writeAll(2, outcome.stderrText);
  return outcome;
}

std::string ChildRunner::readStderr() const {
  struct stat st{};
  if (fstat(stderrFd_, &st) != 0 || st.st_size <= 0) return {};
  std::string text(std::min(static_cast<size_t>(st.st_size), kMaxStderrBytes), '\0');
  ssize_t n = pread(stderrFd_, text.data(), text.size(), 0);
  text.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return text;
}

ChildOutcome ChildRunner::classify(int status) {
  using Kind = ChildOutcome::Kind;
  ChildOutcome out;
  out.stderrText = readStderr();
  EndedBy ended = static_cast<EndedBy>(gShared->endedBy.load(std::memory_order_acquire));
  auto bug = [&](std::string why) {
    out.kind = Kind::Bug;
    out.description = std::move(why);
    return out;
  };
  auto limit = [&](std::string why) {
    out.kind = Kind::Limit;
    out.description = std::move(why);
    return out;
  };
  if (ended == EndedBy::WallClock) {
    // Over the wall-clock limit: the watchdog looked at the last seconds.
    double cpu = gShared->windowCpuMillis.load() / 1000.0;
    switch (static_cast<Stall>(gShared->stall.load())) {
      case Stall::Progressing: out.kind = Kind::Slow; return out;
      case Stall::Idle: out.kind = Kind::Timeout; return out;
      case Stall::Stuck:
        return bug("hang: still running after " + std::to_string(limits_.wallSeconds) + " s, with no step and no " +
                   "collection in its last " + std::to_string(kStallWindowSeconds) + " s, in which it used " +
                   std::to_string(cpu) + " s of CPU");
    }
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGALRM) return bug("killed by the backstop alarm: even the watchdog thread could not end it");
    if (sig == SIGXFSZ) return limit("more than 1 MiB written to stderr");
    if (sig == SIGKILL) return limit("killed by SIGKILL (the kernel's OOM killer?)");
    return bug(std::string("killed by signal ") + strsignal(sig));
  }
  int code = WEXITSTATUS(status);
  if (ended == EndedBy::Nothing && code == kNoSandboxStatus) {
    std::fprintf(stderr,
                 "fuzz_run: cannot make the file system read-only for the child (unshare(CLONE_NEWNS) needs root "
                 "or user namespaces); FUZZ_RUN_NO_SANDBOX=1 runs programs without it\n");
    std::exit(2);
  }
  switch (ended) {
    case EndedBy::Sanitizer: return bug("a sanitizer report");
    case EndedBy::MemoryLimit: return limit("resident memory over the limit");
    case EndedBy::Nothing:
      return bug("exited with status " + std::to_string(code) + " without passing runtime::exitNow or the fatal path");
    case EndedBy::ExitHook:
    case EndedBy::WallClock: break;
  }
  auto cause = static_cast<runtime::ExitCause>(gShared->cause.load());
  switch (cause) {
    case runtime::ExitCause::Normal:
      out.kind = code == lang::vm::kStepBudgetExitStatus && contains(out.stderrText, "step budget exhausted")
                     ? Kind::OutOfSteps
                     : Kind::Finished;
      return out;
    case runtime::ExitCause::UserThrow:
      // The program's own fatal error, or one of the limits set above
      // (heap, goroutines, threads), which end a program by fatalUser.
      for (const char* limitError : {"fatal error: out of memory", "fatal error: too many goroutines",
                                     "fatal error: thread exhaustion"}) {
        if (contains(out.stderrText, limitError)) return limit(limitError);
      }
      return out;
    case runtime::ExitCause::RuntimeThrow: return bug("a runtime throw (runtime::fatal)");
    case runtime::ExitCause::CrashSignal: return bug("a crash signal caught by the runtime");
    case runtime::ExitCause::DumpSignal: return bug("SIGABRT or SIGQUIT (an abort() in the process?)");
  }
  return bug("an unknown exit cause");
}

}  // namespace goro::fuzz

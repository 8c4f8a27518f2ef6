// fuzz/child_runner.cpp: see child_runner.h.
#include "child_runner.h"

#include <fcntl.h>
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>
#include <signal.h>
#include <sys/mman.h>
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

// How the child ended, as it wrote it down on its way out.
enum class EndedBy : uint32_t {
  Nothing = 0,    // it never reached an exit path the runtime or this file knows
  ExitHook = 1,   // runtime::exitNow or the fatal path (cause says which)
  Sanitizer = 2,  // a sanitizer's report
  Watchdog = 3,   // the resident-memory limit
};

// The memory the parent and the child share: one header, then a copy of
// the counters.
struct SharedReport {
  std::atomic<uint32_t> endedBy;
  std::atomic<uint32_t> cause;  // a runtime::ExitCause, with ExitHook
  std::atomic<int32_t> status;
  uint8_t counters[];
};

SharedReport* gShared = nullptr;
size_t gCounterBytes = 0;

uint8_t* countersBegin() { return __start___sancov_cntrs; }

void copyCounters() {
  if (gCounterBytes != 0) std::memcpy(gShared->counters, countersBegin(), gCounterBytes);
}

// The child's ways out. Each copies the counters before it records the end,
// so that the parent reads complete counters when endedBy is set.
void onRuntimeExit(runtime::ExitCause cause, int status) {
  copyCounters();
  gShared->cause.store(static_cast<uint32_t>(cause), std::memory_order_relaxed);
  gShared->status.store(status, std::memory_order_relaxed);
  gShared->endedBy.store(static_cast<uint32_t>(EndedBy::ExitHook), std::memory_order_release);
}

void onSanitizerDeath() {
  copyCounters();
  gShared->endedBy.store(static_cast<uint32_t>(EndedBy::Sanitizer), std::memory_order_release);
}

constexpr int kWatchdogStatus = 97;

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

uint64_t gRssLimit = 0;

void* watchdog(void*) {
  for (;;) {
    timespec ts{0, 20 * 1000 * 1000};
    nanosleep(&ts, nullptr);
    if (residentBytes() > gRssLimit) {
      gShared->endedBy.store(static_cast<uint32_t>(EndedBy::Watchdog), std::memory_order_release);
      _exit(kWatchdogStatus);
    }
  }
}

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
  if (chdir(dir.c_str()) != 0) _exit(96);
  dup2(devNull_, 0);
  dup2(limits_.verbose ? 2 : devNull_, 1);
  dup2(stderrFd_, 2);
  rlimit fsize{kMaxStderrBytes, kMaxStderrBytes};
  setrlimit(RLIMIT_FSIZE, &fsize);  // a chatty program dies by SIGXFSZ: a Limit

  __sanitizer_set_death_callback(onSanitizerDeath);
  runtime::setExitHook(onRuntimeExit);
  gRssLimit = limits_.rssBytes;
  pthread_t thread;
  pthread_create(&thread, nullptr, watchdog, nullptr);
  alarm(limits_.wallSeconds);

  runtime::Settings& settings = runtime::settings();
  settings.gomaxprocs = limits_.gomaxprocs;
  settings.memoryLimit = limits_.heapBytes;
  settings.maxGoroutines = limits_.maxGoroutines;
  settings.maxThreads = limits_.maxThreads;
  gc::setStressMode(gcStress);
  lang::vm::setStepBudget(limits_.steps);
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

  timespec start{};
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t pid = fork();
  if (pid < 0) {
    std::perror("fuzz_run: fork");
    std::abort();
  }
  if (pid == 0) childMain(program, dir, gcStress);

  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::perror("fuzz_run: wait4");
      std::abort();
    }
  }
  double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
               static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  if (rmdir(dir.c_str()) != 0) {
    std::fprintf(stderr, "fuzz_run: the child left files in %s\n", dir.c_str());
    std::abort();
  }

  EndedBy ended = static_cast<EndedBy>(gShared->endedBy.load(std::memory_order_acquire));
  if ((ended == EndedBy::ExitHook || ended == EndedBy::Sanitizer) && gCounterBytes != 0) {
    uint8_t* mine = countersBegin();
    for (size_t n = 0; n < gCounterBytes; n++) {
      if (gShared->counters[n] > mine[n]) mine[n] = gShared->counters[n];
    }
  }
  ChildOutcome outcome = classify(status, cpu);
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

ChildOutcome ChildRunner::classify(int status, double cpuSeconds) {
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
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGALRM) {
      // Over the wall-clock limit. A program that sleeps or waits on a
      // timer uses little CPU; one that spent most of the time running,
      // when the step budget bounds the interpreter's work, is stuck in
      // the runtime or in a native.
      if (cpuSeconds >= 0.5 * limits_.wallSeconds) {
        return bug("hang: still running after " + std::to_string(limits_.wallSeconds) + " s, having used " +
                   std::to_string(cpuSeconds) + " s of CPU");
      }
      out.kind = Kind::Timeout;
      return out;
    }
    if (sig == SIGXFSZ) return limit("more than 1 MiB written to stderr");
    if (sig == SIGKILL) return limit("killed by SIGKILL (the kernel's OOM killer?)");
    return bug(std::string("killed by signal ") + strsignal(sig));
  }
  int code = WEXITSTATUS(status);
  switch (ended) {
    case EndedBy::Sanitizer: return bug("a sanitizer report");
    case EndedBy::Watchdog: return limit("resident memory over the limit");
    case EndedBy::Nothing:
      return bug("exited with status " + std::to_string(code) + " without passing runtime::exitNow or the fatal path");
    case EndedBy::ExitHook: break;
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

#include "stress/runner.h"

#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <climits>
#include <list>
#include <optional>

#include "stress/child_process.h"
#include "stress/failure_log.h"
#include "stress/output_buffer.h"
#include "stress/output_filter.h"
#include "stress/signal_pipe.h"
#include "stress/status_line.h"
#include "stress/wait_status.h"

namespace goro::stress {

namespace {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;

// Why a session ended before its runs were done; None while it goes on.
enum class StopReason { None, Interrupted, Failfast, DurationReached, StartFailed, ConsoleClosed };

// One run in progress.
struct ActiveRun {
  // How far the timeout has gone with this run. Running -> Aborted (SIGABRT
  // sent) -> Killed (SIGKILL sent); Running -> Reported with -kill=false.
  enum class Stage { Running, Aborted, Killed, Reported };

  ActiveRun(ChildProcess c, TimePoint t) : child(std::move(c)), started(t) {}

  ChildProcess child;
  OutputBuffer output;
  TimePoint started;
  Stage stage = Stage::Running;
  TimePoint killAt{};              // when Aborted: the moment SIGKILL is due
  bool timedOut = false;           // outlived -timeout: a failure however it ends
  std::vector<std::string> notes;  // the runner's lines for the failure log
};

class Session {
 public:
  Session(const RunnerOptions& options, OutputFilter filter, std::FILE* console, std::FILE* errors)
      : options_(options),
        filter_(std::move(filter)),
        log_(options.outputDir, compactTimestamp()),
        console_(console),
        errors_(errors) {}

  int run();

 private:
  bool mayStartMore() const { return stop_ == StopReason::None && (options_.count == 0 || started_ < options_.count); }
  void startRuns(TimePoint now);
  TimePoint nextDeadline() const;
  void waitForEvents();
  void finishExitedRuns();
  void finish(ActiveRun& run, int waitStatus);
  void applyTimeouts(TimePoint now);
  void stopActiveRuns();
  void printStatus(bool final);
  void say(const std::string& text);

  const RunnerOptions& options_;
  OutputFilter filter_;
  FailureLog log_;
  std::FILE* console_;
  std::FILE* errors_;
  SignalPipe signals_;
  std::list<ActiveRun> active_;  // invariant: every run started and not yet reaped or killed
  uint64_t started_ = 0;         // runs started, including the active ones
  uint64_t runs_ = 0;            // runs finished and judged
  uint64_t failures_ = 0;        // of runs_, those that counted as failures
  TimePoint start_{};
  TimePoint nextStatus_{};
  StopReason stop_ = StopReason::None;
  std::string startError_;       // when stop_ == StartFailed
};

int Session::run() {
  if (signals_.fd() < 0) {
    std::fprintf(errors_, "goro-stress: cannot set up signal handling\n");
    return 2;
  }
  if (std::string problem = log_.prepare(); !problem.empty()) {
    std::fprintf(errors_, "goro-stress: %s\n", problem.c_str());
    return 2;
  }
  start_ = Clock::now();
  nextStatus_ = start_ + options_.statusInterval;
  for (;;) {
    startRuns(Clock::now());
    if (stop_ != StopReason::None || active_.empty()) break;
    waitForEvents();
    finishExitedRuns();
    TimePoint now = Clock::now();
    applyTimeouts(now);
    if (stop_ == StopReason::None && options_.duration.count() > 0 && now >= start_ + options_.duration) {
      stop_ = StopReason::DurationReached;
    }
    if (now >= nextStatus_) {
      printStatus(false);
      while (nextStatus_ <= now) nextStatus_ += options_.statusInterval;
    }
  }
  size_t stopped = active_.size();
  stopActiveRuns();
  std::string runsStopped = stopped == 1 ? "1 active run stopped" : std::to_string(stopped) + " active runs stopped";
  switch (stop_) {
    case StopReason::Interrupted: say("interrupted; " + runsStopped + "\n"); break;
    case StopReason::Failfast: say("-failfast: stopping at the first failure; " + runsStopped + "\n"); break;
    case StopReason::DurationReached:
      if (stopped > 0) say("-duration " + formatDuration(options_.duration) + " is over; " + runsStopped + "\n");
      break;
    case StopReason::StartFailed:
      std::fprintf(errors_, "goro-stress: %s\n", startError_.c_str());
      break;
    case StopReason::ConsoleClosed:
    case StopReason::None: break;
  }
  printStatus(true);
  if (failures_ > 0) say("failure logs are in " + log_.directory() + "\n");
  if (stop_ == StopReason::StartFailed) return 2;
  return failures_ > 0 ? 1 : 0;
}

void Session::startRuns(TimePoint now) {
  while (mayStartMore() && active_.size() < static_cast<size_t>(options_.parallel)) {
    std::optional<ChildProcess> child = ChildProcess::start(options_.command, &startError_);
    if (!child) {
      stop_ = StopReason::StartFailed;
      return;
    }
    active_.emplace_back(std::move(*child), now);
    started_++;
  }
}

TimePoint Session::nextDeadline() const {
  TimePoint next = nextStatus_;
  if (options_.duration.count() > 0) next = std::min(next, start_ + options_.duration);
  for (const ActiveRun& run : active_) {
    if (run.stage == ActiveRun::Stage::Running && options_.timeout.count() > 0) {
      next = std::min(next, run.started + options_.timeout);
    } else if (run.stage == ActiveRun::Stage::Aborted) {
      next = std::min(next, run.killAt);
    }
  }
  return next;
}

void Session::waitForEvents() {
  std::vector<pollfd> fds;
  std::vector<ActiveRun*> owners;  // owners[i] reads fds[i + 1]
  fds.push_back({signals_.fd(), POLLIN, 0});
  for (ActiveRun& run : active_) {
    if (run.child.outputFd() < 0) continue;
    fds.push_back({run.child.outputFd(), POLLIN, 0});
    owners.push_back(&run);
  }
  // Round up, so that a wake-up never comes before what it waits for.
  auto wait = std::chrono::ceil<std::chrono::milliseconds>(nextDeadline() - Clock::now()).count();
  int timeoutMs = static_cast<int>(std::clamp<decltype(wait)>(wait, 0, INT_MAX));
  int ready = poll(fds.data(), fds.size(), timeoutMs);
  if (ready <= 0) return;  // timed out, or interrupted by a signal (its byte is in the pipe)
  for (size_t i = 1; i < fds.size(); i++) {
    if (fds[i].revents != 0) owners[i - 1]->child.readAvailable(&owners[i - 1]->output);
  }
  if (fds[0].revents != 0 && signals_.drain().interrupt && stop_ == StopReason::None) {
    stop_ = StopReason::Interrupted;
  }
}

void Session::finishExitedRuns() {
  for (auto it = active_.begin(); it != active_.end();) {
    std::optional<int> status = it->child.reapIfExited(&it->output);
    if (!status) {
      ++it;
      continue;
    }
    finish(*it, *status);
    it = active_.erase(it);
  }
}

void Session::finish(ActiveRun& run, int waitStatus) {
  runs_++;
  bool failed = !exitedSuccessfully(waitStatus) || run.timedOut;
  std::string output = run.output.text();
  if (!filter_.countsAsFailure(failed, output)) return;
  failures_++;
  std::string ending = describeWaitStatus(waitStatus);
  std::string error;
  std::string path = log_.write(failureLogText(output, run.notes, ending), &error);
  std::string excerpt = consoleExcerpt(output, run.notes, ending, options_.excerptLines);
  say("\n" + (path.empty() ? "goro-stress: " + error : path) + "\n" + excerpt + "\n");
  if (options_.failfast && stop_ == StopReason::None) stop_ = StopReason::Failfast;
}

void Session::applyTimeouts(TimePoint now) {
  if (options_.timeout.count() <= 0) return;
  std::string timeout = formatDuration(options_.timeout);
  for (ActiveRun& run : active_) {
    if (run.stage == ActiveRun::Stage::Running && now >= run.started + options_.timeout) {
      run.timedOut = true;
      if (!options_.killOnTimeout) {
        run.stage = ActiveRun::Stage::Reported;
        run.notes.push_back("timed out after " + timeout + "; left running (-kill=false)");
        say("process " + std::to_string(run.child.pid()) + " timed out after " + timeout + "\n");
        continue;
      }
      run.child.signalGroup(SIGABRT);
      run.stage = ActiveRun::Stage::Aborted;
      run.killAt = now + options_.killAfter;
      run.notes.push_back("timed out after " + timeout + "; sent SIGABRT");
    } else if (run.stage == ActiveRun::Stage::Aborted && now >= run.killAt) {
      run.child.signalGroup(SIGKILL);
      run.stage = ActiveRun::Stage::Killed;
      run.notes.push_back("still running " + formatDuration(options_.killAfter) + " after SIGABRT; sent SIGKILL");
    }
  }
}

void Session::stopActiveRuns() {
  for (ActiveRun& run : active_) run.child.killAndReap();
  active_.clear();
}

void Session::printStatus(bool final) {
  SessionProgress progress;
  progress.elapsed = Clock::now() - start_;
  progress.runs = runs_;
  progress.failures = failures_;
  progress.active = active_.size();
  progress.final = final;
  progress.countLimit = options_.count;
  progress.durationLimit = options_.duration;
  say(statusLine(progress) + "\n");
}

void Session::say(const std::string& text) {
  std::fputs(text.c_str(), console_);
  std::fflush(console_);
  // With SIGPIPE ignored, a console that went away shows up here.
  if (std::ferror(console_) && stop_ == StopReason::None) stop_ = StopReason::ConsoleClosed;
}

}  // namespace

int runStress(const RunnerOptions& options, std::FILE* console, std::FILE* errors) {
  std::string error;
  std::optional<OutputFilter> filter = OutputFilter::compile(options.failureRegex, options.ignoreRegex, &error);
  if (!filter) {
    std::fprintf(errors, "goro-stress: %s\n", error.c_str());
    return 2;
  }
  if (options.command.empty() || options.parallel < 1) {
    std::fprintf(errors, "goro-stress: %s\n", options.command.empty() ? "no command to run" : "-p must be at least 1");
    return 2;
  }
  Session session(options, std::move(*filter), console, errors);
  return session.run();
}

}  // namespace goro::stress

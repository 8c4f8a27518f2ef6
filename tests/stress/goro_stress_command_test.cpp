// goro-stress end to end: the binary run on small shell commands, checking
// its exit status, its console and its failure logs. Every session here is
// bounded by -count or -duration, and the slow paths (timeouts, the grace
// period before SIGKILL) are shortened with the flags meant for that, so
// the whole file takes a few seconds. Nothing depends on timing beyond
// "a run that sleeps 30 s is still running after a second": which run
// fails is decided by a counter file under flock, not by the clock.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Args = std::vector<std::string>;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t countOf(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) n++;
  return n;
}

struct Result {
  int exitStatus = -1;
  std::string out;  // the console
  std::string err;
};

class GoroStressCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "goro-stress-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Starts goro-stress with args, its stdout and stderr into files, and
  // TMPDIR pointing into the test's directory.
  pid_t start(const Args& args) {
    Args argv = {GORO_STRESS_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (std::string& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; e++) {
      if (std::string(*e).rfind("TMPDIR=", 0) != 0) env.emplace_back(*e);
    }
    env.push_back("TMPDIR=" + dir_.string());
    std::vector<char*> cenv;
    for (std::string& e : env) cenv.push_back(e.data());
    cenv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    std::string out = (dir_ / "console.out").string(), err = (dir_ / "console.err").string();
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), cenv.data());
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot start " << GORO_STRESS_BINARY;
    return pid;
  }

  Result finish(pid_t pid) {
    Result r;
    int status = 0;
    if (pid > 0 && waitpid(pid, &status, 0) == pid) r.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(dir_ / "console.out");
    r.err = slurp(dir_ / "console.err");
    return r;
  }

  Result run(const Args& args) { return finish(start(args)); }

  // The failure logs written into dir.
  std::vector<fs::path> logsIn(const fs::path& dir) {
    std::vector<fs::path> logs;
    if (!fs::is_directory(dir)) return logs;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".log") logs.push_back(entry.path());
    }
    std::sort(logs.begin(), logs.end());
    return logs;
  }

  // A shell command that counts its runs in dir_/count under flock, prints
  // "run N", and exits 1 on run number `failing` (0 for never).
  Args countedRun(int failing, const std::string& extra = "") {
    return {"sh", "-c",
            "exec 9>>\"$1/lock\"; flock 9; n=$(( $(cat \"$1/count\" 2>/dev/null || echo 0) + 1 )); "
            "echo $n > \"$1/count\"; flock -u 9; echo \"run $n\"; " + extra +
                " test $n -ne " + std::to_string(failing),
            "sh", dir_.string()};
  }

  int runsCounted() { return std::stoi("0" + slurp(dir_ / "count")); }

  fs::path dir_;
};

Args operator+(Args a, const Args& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(GoroStressCommand, TrueTwentyTimes) {
  Result r = run({"-count", "20", "true"});
  EXPECT_EQ(r.exitStatus, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("20 runs total, 0 failures [####################] 100%"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
  // A clean session makes no log directory.
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().rfind("goro-stress-", 0), std::string::npos) << entry.path();
  }
}

TEST_F(GoroStressCommand, FalseFailsEveryRunWithALogEach) {
  Result r = run({"-p", "1", "-count", "2", "-o", (dir_ / "logs").string(), "false"});
  EXPECT_EQ(r.exitStatus, 1) << r.out << r.err;
  std::vector<fs::path> logs = logsIn(dir_ / "logs");
  ASSERT_EQ(logs.size(), 2u) << r.out;
  for (const fs::path& log : logs) {
    EXPECT_EQ(slurp(log), "\n\nERROR: exit status 1\n");
    EXPECT_NE(r.out.find("\n" + log.string() + "\nERROR: exit status 1\n"), std::string::npos) << r.out;
  }
  EXPECT_NE(r.out.find("2 runs total, 2 failures (100.00%)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("failure logs are in " + (dir_ / "logs").string()), std::string::npos) << r.out;
}

TEST_F(GoroStressCommand, TheConsoleShowsTheFirstTenLinesAndTheLogHasAll) {
  Result r = run({"-count", "1", "-o", dir_.string(), "sh", "-c", "for i in $(seq 1 15); do echo line$i; done; exit 7"});
  EXPECT_EQ(r.exitStatus, 1);
  std::vector<fs::path> logs = logsIn(dir_);
  ASSERT_EQ(logs.size(), 1u);
  std::string log = slurp(logs[0]);
  EXPECT_NE(log.find("line1\n"), std::string::npos);
  EXPECT_NE(log.find("line15\n\n\nERROR: exit status 7\n"), std::string::npos) << log;
  EXPECT_NE(r.out.find(logs[0].string() + "\nline1\nline2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line10\n...\nERROR: exit status 7\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("line11"), std::string::npos) << r.out;
}

TEST_F(GoroStressCommand, WithoutDashOTheLogsGoToAFreshTemporaryDirectory) {
  Result r = run({"-count", "1", "sh", "-c", "echo oops; exit 1"});
  EXPECT_EQ(r.exitStatus, 1);
  std::smatch m;
  std::regex logLine("\n(" + dir_.string() + "/goro-stress-[0-9T]+-[A-Za-z0-9]{6})/(goro-stress-[0-9T]+-1\\.log)\n");
  ASSERT_TRUE(std::regex_search(r.out, m, logLine)) << r.out;
  EXPECT_EQ(slurp(m[1].str() + "/" + m[2].str()), "oops\n\n\nERROR: exit status 1\n");
}

TEST_F(GoroStressCommand, ExactlyTheThirdRunFails) {
  Result r = run(Args{"-p", "2", "-count", "10", "-o", (dir_ / "logs").string()} + countedRun(3));
  EXPECT_EQ(r.exitStatus, 1) << r.out << r.err;
  EXPECT_EQ(runsCounted(), 10);
  EXPECT_NE(r.out.find("10 runs total, 1 failures (10.00%)"), std::string::npos) << r.out;
  std::vector<fs::path> logs = logsIn(dir_ / "logs");
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_EQ(slurp(logs[0]), "run 3\n\n\nERROR: exit status 1\n");
}

TEST_F(GoroStressCommand, FailureCountsOnlyFailedRunsWhoseOutputMatches) {
  // Fails for another reason: not counted.
  Result r = run({"-count", "3", "-failure", "panic: ", "-o", dir_.string(), "sh", "-c", "echo disk full; exit 1"});
  EXPECT_EQ(r.exitStatus, 0) << r.out;
  EXPECT_NE(r.out.find("3 runs total, 0 failures"), std::string::npos) << r.out;
  // Matches but succeeded: not counted either.
  r = run({"-count", "3", "-failure", "panic: ", "-o", dir_.string(), "sh", "-c", "echo panic: recovered"});
  EXPECT_EQ(r.exitStatus, 0) << r.out;
  // Fails and matches: counted.
  r = run({"-count", "3", "-failure", "panic: ", "-o", dir_.string(), "sh", "-c", "echo panic: boom; exit 2"});
  EXPECT_EQ(r.exitStatus, 1) << r.out;
  EXPECT_NE(r.out.find("3 runs total, 3 failures"), std::string::npos) << r.out;
  EXPECT_EQ(logsIn(dir_).size(), 3u);
}

TEST_F(GoroStressCommand, IgnoreDropsFailuresWhoseOutputMatches) {
  Result r = run(Args{"-p", "2", "-count", "6", "-ignore", "^run [1-4]\\n", "-o", dir_.string()} +
                 countedRun(0, "test $n -gt 2 && exit 1;"));
  // Runs 3..6 fail; 3 and 4 are ignored, 5 and 6 count.
  EXPECT_EQ(r.exitStatus, 1) << r.out;
  EXPECT_NE(r.out.find("6 runs total, 2 failures (33.33%)"), std::string::npos) << r.out;
  std::vector<fs::path> logs = logsIn(dir_);
  ASSERT_EQ(logs.size(), 2u);
  std::string both = slurp(logs[0]) + slurp(logs[1]);
  EXPECT_NE(both.find("run 5\n"), std::string::npos) << both;
  EXPECT_NE(both.find("run 6\n"), std::string::npos) << both;
}

TEST_F(GoroStressCommand, ARunPastItsTimeoutGetsSigabrt) {
  Result r = run({"-count", "1", "-timeout", "500ms", "-o", dir_.string(), "sh", "-c", "echo started; sleep 30"});
  EXPECT_EQ(r.exitStatus, 1) << r.out << r.err;
  std::vector<fs::path> logs = logsIn(dir_);
  ASSERT_EQ(logs.size(), 1u) << r.out;
  std::string log = slurp(logs[0]);
  EXPECT_NE(log.find("started\n\n\ntimed out after 500ms; sent SIGABRT\nERROR: signal: aborted"), std::string::npos)
      << log;
  EXPECT_EQ(log.find("SIGKILL"), std::string::npos) << log;
  EXPECT_NE(r.out.find("timed out after 500ms; sent SIGABRT"), std::string::npos) << r.out;
}

TEST_F(GoroStressCommand, ATimedOutRunFailsEvenIfItThenExitsZero) {
  Result r = run({"-count", "1", "-timeout", "300ms", "-o", dir_.string(), "sh", "-c",
                  "trap 'echo got SIGABRT; exit 0' ABRT; sleep 30 & wait"});
  EXPECT_EQ(r.exitStatus, 1) << r.out << r.err;
  std::vector<fs::path> logs = logsIn(dir_);
  ASSERT_EQ(logs.size(), 1u) << r.out;
  EXPECT_NE(slurp(logs[0]).find("got SIGABRT\n\n\ntimed out after 300ms; sent SIGABRT\nERROR: exit status 0\n"),
            std::string::npos)
      << slurp(logs[0]);
}

TEST_F(GoroStressCommand, ARunThatIgnoresSigabrtGetsSigkillAfterTheGracePeriod) {
  Result r = run({"-count", "1", "-timeout", "300ms", "-kill-after", "300ms", "-o", dir_.string(), "sh", "-c",
                  "trap '' ABRT; echo started; sleep 30"});
  EXPECT_EQ(r.exitStatus, 1) << r.out << r.err;
  std::vector<fs::path> logs = logsIn(dir_);
  ASSERT_EQ(logs.size(), 1u) << r.out;
  EXPECT_NE(slurp(logs[0]).find("started\n\n\ntimed out after 300ms; sent SIGABRT\n"
                                "still running 300ms after SIGABRT; sent SIGKILL\nERROR: signal: killed\n"),
            std::string::npos)
      << slurp(logs[0]);
}

TEST_F(GoroStressCommand, FailfastStopsAtTheFirstFailure) {
  // Run 3 fails at once; the others take a while, so some are still going
  // when it does and are stopped. No -count: only -failfast ends it.
  Result r = run(Args{"-p", "2", "-failfast", "-o", dir_.string()} + countedRun(3, "test $n -ne 3 && sleep 0.3;"));
  EXPECT_EQ(r.exitStatus, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("-failfast: stopping at the first failure"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" 1 failures"), std::string::npos) << r.out;
  EXPECT_EQ(logsIn(dir_).size(), 1u);
  EXPECT_LE(runsCounted(), 6);  // started after run 3 failed: none but the one beside it
}

TEST_F(GoroStressCommand, DurationEndsTheSessionAndStopsRunsStillGoing) {
  Result r = run({"-p", "2", "-duration", "1s", "sh", "-c", "sleep 0.1"});
  EXPECT_EQ(r.exitStatus, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("runs total, 0 failures [####################] 100%"), std::string::npos) << r.out;
  r = run({"-p", "2", "-duration", "300ms", "sleep", "30"});
  EXPECT_EQ(r.exitStatus, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("-duration 300ms is over; 2 active runs stopped\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("s: 0 runs total, 0 failures [####################] 100%"), std::string::npos) << r.out;
}

TEST_F(GoroStressCommand, StatusLinesComeEveryInterval) {
  Result r = run({"-p", "1", "-duration", "1s", "-status-interval", "100ms", "sleep", "30"});
  EXPECT_EQ(r.exitStatus, 0) << r.out;
  EXPECT_GE(countOf(r.out, "0 runs so far, 0 failures, 1 active ["), 2u) << r.out;
  EXPECT_EQ(countOf(r.out, "runs total"), 1u) << r.out;
}

TEST_F(GoroStressCommand, DashPRunsThatManyAtOnce) {
  // Each run waits (up to 5 s) until three runs have started: only three at
  // a time lets all of them succeed.
  std::string waitForThree =
      "touch \"$1/started.$$\"; for i in $(seq 100); do "
      "[ $(ls \"$1\" | grep -c started) -ge 3 ] && exit 0; sleep 0.05; done; exit 1";
  Result r = run({"-p", "3", "-count", "3", "-o", (dir_ / "logs").string(), "sh", "-c", waitForThree, "sh", dir_.string()});
  EXPECT_EQ(r.exitStatus, 0) << r.out;
  // And -p 1 never has two going: a second one would find the lock taken.
  r = run({"-p", "1", "-count", "5", "-o", (dir_ / "logs").string(), "sh", "-c",
           "mkdir \"$1/one\" || exit 1; sleep 0.05; rmdir \"$1/one\"", "sh", dir_.string()});
  EXPECT_EQ(r.exitStatus, 0) << r.out;
  EXPECT_NE(r.out.find("5 runs total, 0 failures"), std::string::npos) << r.out;
}

TEST_F(GoroStressCommand, AcceptsEveryGoFlagSpelling) {
  for (const Args& flags : {Args{"-count", "3"}, Args{"-count=3"}, Args{"--count", "3"}, Args{"--count=3"}}) {
    Result r = run(flags + Args{"-p=2", "--failfast=false", "--", "true"});
    EXPECT_EQ(r.exitStatus, 0) << flags[0] << r.err;
    EXPECT_NE(r.out.find("3 runs total, 0 failures"), std::string::npos) << flags[0] << ": " << r.out;
  }
}

TEST_F(GoroStressCommand, TheCommandKeepsItsOwnFlags) {
  Result r = run({"-count", "1", "-o", dir_.string(), "sh", "-c", "echo \"$0 $1\"; exit 1", "-count", "-p"});
  EXPECT_EQ(r.exitStatus, 1) << r.err;
  ASSERT_EQ(logsIn(dir_).size(), 1u);
  EXPECT_EQ(slurp(logsIn(dir_)[0]).rfind("-count -p\n", 0), 0u);
}

TEST_F(GoroStressCommand, UsageErrorsExit2) {
  struct Case {
    Args args;
    std::string message;
  };
  for (const Case& c : {Case{{}, "no command given"}, Case{{"-p", "0", "true"}, "-p: must be at least 1"},
                        Case{{"-timeout", "5", "true"}, "missing unit in duration \"5\""},
                        Case{{"-duration", "soon", "true"}, "invalid duration \"soon\""},
                        Case{{"-failure", "(", "true"}, "-failure: bad regexp"},
                        Case{{"-bogus", "true"}, "-bogus"},
                        Case{{"-o", "/dev/null/x", "true"}, "cannot create -o directory"},
                        Case{{"-count", "1", "/nonexistent/command"}, "cannot run \"/nonexistent/command\""}}) {
    Result r = run(c.args);
    EXPECT_EQ(r.exitStatus, 2) << c.message << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << "want " << c.message << "\ngot " << r.err;
  }
  Result help = run({"-help"});
  EXPECT_EQ(help.exitStatus, 0);
  EXPECT_NE(help.out.find("Usage: goro-stress"), std::string::npos);
}

// Whether pid is gone (or a zombie nobody has reaped yet).
bool processGone(pid_t pid) {
  std::string stat = slurp("/proc/" + std::to_string(pid) + "/stat");
  if (stat.empty()) return true;
  size_t close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z';
}

TEST_F(GoroStressCommand, SigintStopsTheRunsAndPrintsTheSummary) {
  pid_t pid = start({"-p", "2", "sh", "-c", "echo $$ > \"$1/pid.$$\"; exec sleep 30", "sh", dir_.string()});
  // Wait (up to 10 s) until both runs are going.
  std::vector<pid_t> runs;
  for (int i = 0; i < 1000 && runs.size() < 2; i++) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    runs.clear();
    for (const auto& entry : fs::directory_iterator(dir_)) {
      std::string text = slurp(entry.path());
      if (entry.path().filename().string().rfind("pid.", 0) == 0 && !text.empty()) runs.push_back(std::stoi(text));
    }
  }
  ASSERT_EQ(runs.size(), 2u);
  kill(pid, SIGINT);
  Result r = finish(pid);
  EXPECT_EQ(r.exitStatus, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("interrupted; 2 active runs stopped\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 runs total, 0 failures"), std::string::npos) << r.out;
  for (pid_t run : runs) EXPECT_TRUE(processGone(run)) << run;
}

TEST_F(GoroStressCommand, WhatARunLeavesBehindIsKilledWithIt) {
  Result r = run({"-count", "1", "sh", "-c", "sleep 30 & echo $! > \"$1/background\"", "sh", dir_.string()});
  EXPECT_EQ(r.exitStatus, 0) << r.out << r.err;
  pid_t background = std::stoi(slurp(dir_ / "background"));
  for (int i = 0; i < 500 && !processGone(background); i++) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(processGone(background));
}

TEST_F(GoroStressCommand, ScenarioSubcommandListsRunsAndRejectsUnknownNames) {
  Result r = run({"scenario"});
  EXPECT_EQ(r.exitStatus, 2);
  EXPECT_NE(r.err.find("no scenario named"), std::string::npos) << r.err;
  for (const char* name : {"allp-race", "churn", "stw-deadlock", "issue47304"}) {
    EXPECT_NE(r.err.find(std::string("  ") + name + " "), std::string::npos) << name << "\n" << r.err;
  }
  r = run({"scenario", "no-such-scenario"});
  EXPECT_EQ(r.exitStatus, 2);
  EXPECT_NE(r.err.find("unknown scenario \"no-such-scenario\""), std::string::npos) << r.err;
  r = run({"scenario", "-help"});
  EXPECT_EQ(r.exitStatus, 0);
  EXPECT_NE(r.out.find("Usage: goro-stress scenario NAME [flags]"), std::string::npos) << r.out;
  // A scenario's own flags, in Go's spellings, and its usage errors.
  r = run({"scenario", "allp-race", "-mode", "m"});
  EXPECT_EQ(r.exitStatus, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("result: PASS: mode m survived"), std::string::npos) << r.out;
  r = run({"scenario", "allp-race", "--mode=stak"});
  EXPECT_EQ(r.exitStatus, 2);
  EXPECT_NE(r.err.find("must be m, stack or persistent, not stak"), std::string::npos) << r.err;
  r = run({"scenario", "churn"});
  EXPECT_EQ(r.exitStatus, 2);
  EXPECT_NE(r.err.find("set -changes or -duration"), std::string::npos) << r.err;
  r = run({"scenario", "churn", "-changes=200", "-grow-to", "10", "-max-procs", "10", "-findrunnabledelay", "2000000"});
  EXPECT_EQ(r.exitStatus, 2) << "a delay past 1 s is refused, not truncated";
  r = run({"scenario", "churn", "-changes=200", "-grow-to", "10", "-max-procs", "10"});
  EXPECT_EQ(r.exitStatus, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("200 GOMAXPROCS changes (8 past capacity"), std::string::npos) << r.out;
}

}  // namespace

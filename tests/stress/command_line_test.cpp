// stress/command_line.h: goro-stress's flags, their defaults and their checks.
#include "stress/command_line.h"

#include <gtest/gtest.h>

#include "memory_file.h"

namespace goro::stress {
namespace {

using Args = std::vector<std::string>;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

struct Parsed {
  RunnerCommandLine result;
  std::string out, err;
};

Parsed parse(const Args& args) {
  testing::MemoryFile out, err;
  Parsed p;
  p.result = parseRunnerCommandLine(args, out.get(), err.get());
  p.out = out.text();
  p.err = err.text();
  return p;
}

TEST(RunnerCommandLine, DefaultsAreGoStresss) {
  Parsed p = parse({"./prog", "-test.run=X"});
  ASSERT_TRUE(p.result.options) << p.err;
  const RunnerOptions& o = *p.result.options;
  EXPECT_EQ(o.command, (Args{"./prog", "-test.run=X"}));
  EXPECT_EQ(o.parallel, availableCpus());
  EXPECT_EQ(o.timeout, minutes(10));
  EXPECT_TRUE(o.killOnTimeout);
  EXPECT_EQ(o.killAfter, seconds(10));
  EXPECT_EQ(o.count, 0u);
  EXPECT_EQ(o.duration.count(), 0);
  EXPECT_FALSE(o.failfast);
  EXPECT_EQ(o.outputDir, "");
  EXPECT_EQ(o.statusInterval, seconds(5));
}

TEST(RunnerCommandLine, ReadsEveryFlag) {
  Parsed p = parse({"-p", "3", "-timeout=1m5s", "--count", "40", "-duration", "2h", "-failure", "panic",
                    "-ignore=flake", "-failfast", "-o", "/tmp/logs", "-kill=false", "-kill-after", "300ms",
                    "-status-interval=1s", "--", "sh", "-c", "exit 1"});
  ASSERT_TRUE(p.result.options) << p.err;
  const RunnerOptions& o = *p.result.options;
  EXPECT_EQ(o.parallel, 3);
  EXPECT_EQ(o.timeout, seconds(65));
  EXPECT_EQ(o.count, 40u);
  EXPECT_EQ(o.duration, minutes(120));
  EXPECT_EQ(o.failureRegex, "panic");
  EXPECT_EQ(o.ignoreRegex, "flake");
  EXPECT_TRUE(o.failfast);
  EXPECT_EQ(o.outputDir, "/tmp/logs");
  EXPECT_FALSE(o.killOnTimeout);
  EXPECT_EQ(o.killAfter, milliseconds(300));
  EXPECT_EQ(o.statusInterval, seconds(1));
  EXPECT_EQ(o.command, (Args{"sh", "-c", "exit 1"}));
}

TEST(RunnerCommandLine, ZeroTimeoutMeansNone) {
  Parsed p = parse({"-timeout", "0", "true"});
  ASSERT_TRUE(p.result.options) << p.err;
  EXPECT_EQ(p.result.options->timeout.count(), 0);
}

TEST(RunnerCommandLine, UsageErrorsExit2WithAClearMessage) {
  struct Case {
    Args args;
    std::string message;
  };
  for (const Case& c : {Case{{}, "goro-stress: no command given"},
                        Case{{"-p", "2"}, "goro-stress: no command given"},
                        Case{{"-p", "0", "true"}, "-p: must be at least 1, not 0"},
                        Case{{"-p", "many", "true"}, "Could not convert: -p = many"},
                        Case{{"-count", "-1", "true"}, "-count: must be at least 0, not -1"},
                        Case{{"-timeout", "5", "true"}, "-timeout: missing unit in duration \"5\""},
                        Case{{"-duration=-1s", "true"}, "-duration: must be 0 or more, not -1s"},
                        Case{{"-kill-after", "0", "true"}, "-kill-after: must be more than 0, not 0"},
                        Case{{"-failure", "a(", "true"}, "-failure: bad regexp \"a(\": missing ): a("},
                        Case{{"-ignore", "[", "true"}, "-ignore: bad regexp \"[\""},
                        Case{{"-nosuchflag", "true"}, "-nosuchflag"},
                        Case{{"-p"}, "-p"}}) {
    Parsed p = parse(c.args);
    EXPECT_FALSE(p.result.options) << c.message;
    EXPECT_EQ(p.result.exitStatus, 2) << c.message;
    EXPECT_NE(p.err.find(c.message), std::string::npos) << "want " << c.message << "\ngot " << p.err;
  }
}

TEST(RunnerCommandLine, HelpExits0) {
  Parsed p = parse({"-help"});
  EXPECT_FALSE(p.result.options);
  EXPECT_EQ(p.result.exitStatus, 0);
  EXPECT_NE(p.out.find("Usage: goro-stress [flags] [--] COMMAND [ARGS...]"), std::string::npos) << p.out;
  EXPECT_NE(p.out.find("-failfast"), std::string::npos);
  EXPECT_EQ(p.out.find("kill-after"), std::string::npos);  // a testing flag, hidden
}

}  // namespace
}  // namespace goro::stress

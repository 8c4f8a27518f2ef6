// Fatal errors and native tracebacks (runtime/fatal.h, runtime/traceback.h).
#include "runtime/fatal.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>
#include <sys/resource.h>
#include <unistd.h>
#include <gtest/gtest.h>

#include "runtime/fdwriter.h"
#include "runtime/settings.h"
#include "runtime/traceback.h"

namespace goro::runtime {
namespace {

// Matches a death test's stderr that holds exactly `count` lines starting
// with "fatal error: " (gtest's own matchers cannot say "exactly").
class HasFatalHeaders {
 public:
  using is_gtest_matcher = void;
  explicit HasFatalHeaders(int count) : count_(count) {}
  bool MatchAndExplain(const std::string& out, std::ostream* os) const {
    int n = 0;
    for (size_t at = out.find("fatal error: "); at != std::string::npos; at = out.find("fatal error: ", at + 1)) n++;
    if (os) *os << "has " << n << " fatal error headers";
    return n == count_;
  }
  void DescribeTo(std::ostream* os) const { *os << "has " << count_ << " fatal error headers"; }
  void DescribeNegationTo(std::ostream* os) const { *os << "does not have " << count_ << " fatal error headers"; }

 private:
  int count_;
};

class FatalTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_F(FatalTest, PrintsMessageAndStack) {
  EXPECT_EXIT(fatal("boom"), ::testing::ExitedWithCode(2), "fatal error: boom\n\nruntime stack:\n(.|\n)*");
}

TEST_F(FatalTest, StackStartsAtFatalAndShowsDemangledCallers) {
  EXPECT_EXIT(fatal("boom"), ::testing::ExitedWithCode(2),
              "runtime stack:\n"
              "goro::runtime::fatal\\(std::basic_string_view[^\n]*\\)\\+0x[0-9a-f]+\n"
              "\tpc=0x[0-9a-f]+\n"
              "(.|\n)*"
              "goro::runtime::\\(anonymous namespace\\)::FatalTest_StackStartsAtFatalAndShowsDemangledCallers_Test::"
              "TestBody\\(\\)\\+0x[0-9a-f]+\n\tpc=0x[0-9a-f]+\n");
}

TEST_F(FatalTest, Fatalf) {
  EXPECT_EXIT(fatalf("bad g status %d in %s", 7, "casgstatus"), ::testing::ExitedWithCode(2),
              "fatal error: bad g status 7 in casgstatus\n(.|\n)*runtime stack:\ngoro::runtime::fatalf\\(");
}

TEST_F(FatalTest, FlushesStdoutFirst) {
  EXPECT_EXIT(
      {
        dup2(2, 1);  // the death test sees only stderr; send stdout there too
        std::setvbuf(stdout, nullptr, _IOFBF, 4096);
        std::printf("buffered program output");
        fatal("after output");
      },
      ::testing::ExitedWithCode(2), "buffered program output(.|\n)*fatal error: after output");
}

void dumpGoroutines(int fd, const TracebackPolicy&) { FdWriter(fd).str("\ngoroutine 1 [chan receive]:\n"); }

TEST_F(FatalTest, DumpHookRunsBetweenMessageAndStack) {
  EXPECT_EXIT(
      {
        setFatalDumpHook(dumpGoroutines);
        fatal("all goroutines are asleep - deadlock!");
      },
      ::testing::ExitedWithCode(2),
      "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[chan receive\\]:\n\nruntime stack:\n");
}

TEST_F(FatalTest, SetHookReturnsThePreviousOne) {
  EXPECT_EQ(setFatalDumpHook(dumpGoroutines), nullptr);
  EXPECT_EQ(setFatalDumpHook(nullptr), dumpGoroutines);
}

void fatalAgain(int, const TracebackPolicy&) { fatal("inside the dump hook"); }

TEST_F(FatalTest, RecursiveFatalExitsWithAShortLine) {
  EXPECT_EXIT(
      {
        setFatalDumpHook(fatalAgain);
        fatal("outer");
      },
      ::testing::ExitedWithCode(2), "fatal error: outer\n\nfatal error during fatal error: inside the dump hook\n$");
}

// The policy the hook gets, and how the report ends, follow GOTRACEBACK and
// Go's throw types: a runtime throw prints every goroutine and the runtime
// stack at any setting; a user throw prints at the setting's level.
void setTraceback(int level, bool all, bool crash) { settings().traceback = TracebackSetting{level, all, crash}; }

// The crash test wants the signal, not a core file.
void forbidCoreFiles() {
  rlimit none{};
  setrlimit(RLIMIT_CORE, &none);
}

void printPolicy(int fd, const TracebackPolicy& p) {
  FdWriter(fd).str("level=").dec(p.level).str(" all=").dec(p.all).str(" mstacks=").dec(p.mStacks).ch('\n');
}

TEST_F(FatalTest, RuntimeThrowIgnoresGotracebackNone) {
  EXPECT_EXIT(
      {
        setTraceback(0, false, false);
        setFatalDumpHook(printPolicy);
        fatal("broken");
      },
      ::testing::ExitedWithCode(2), "fatal error: broken\nlevel=2 all=1 mstacks=0\n\nruntime stack:\n");
}

TEST_F(FatalTest, UserThrowFollowsTheLevel) {
  EXPECT_EXIT(
      {
        setTraceback(0, false, false);
        setFatalDumpHook(printPolicy);
        fatalUser("all goroutines are asleep - deadlock!");
      },
      ::testing::ExitedWithCode(2), "deadlock!\nlevel=0 all=1 mstacks=0\n$");
  EXPECT_EXIT(
      {
        setTraceback(2, true, false);
        setFatalDumpHook(printPolicy);
        fatalUser("all goroutines are asleep - deadlock!");
      },
      ::testing::ExitedWithCode(2), "deadlock!\nlevel=2 all=1 mstacks=1\n\nruntime stack:\n");
}

TEST_F(FatalTest, CrashEndsBySigabrt) {
  EXPECT_EXIT(
      {
        forbidCoreFiles();
        setTraceback(2, true, true);
        fatal("crash me");
      },
      ::testing::KilledBySignal(SIGABRT), "fatal error: crash me\n");
}

TEST(GotracebackTest, PolicyPerFailure) {
  Settings saved = settings();
  settings().traceback = TracebackSetting{};  // single
  TracebackPolicy panic = gotraceback(Failure::Panic);
  EXPECT_EQ(panic.level, 1);
  EXPECT_FALSE(panic.all);
  EXPECT_FALSE(panic.mStacks);
  EXPECT_TRUE(gotraceback(Failure::UserThrow).all);
  EXPECT_EQ(gotraceback(Failure::UserThrow).level, 1);
  EXPECT_EQ(gotraceback(Failure::RuntimeThrow).level, 2);
  EXPECT_FALSE(gotraceback(Failure::RuntimeThrow).mStacks);
  EXPECT_TRUE(gotraceback(Failure::DumpSignal).mStacks);
  settings().traceback = TracebackSetting{2, true, false};  // system
  EXPECT_TRUE(gotraceback(Failure::Panic).mStacks);
  EXPECT_TRUE(gotraceback(Failure::Panic).all);
  settings() = saved;
}

// Two threads die at the same moment: exactly one report comes out, whole.
TEST_F(FatalTest, ConcurrentFatalsReportOnce) {
  EXPECT_EXIT(
      {
        std::atomic<bool> go{false};
        std::thread a([&] {
          while (!go.load()) {
          }
          fatal("from thread a");
        });
        std::thread b([&] {
          while (!go.load()) {
          }
          fatal("from thread b");
        });
        go = true;
        a.join();
        b.join();
      },
      ::testing::ExitedWithCode(2), HasFatalHeaders(1));
}

TEST(TracebackTest, PrintNativeStackWritesFrames) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  printNativeStack(fds[1], 0);
  close(fds[1]);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  // The first frame is the caller, this test body.
  EXPECT_EQ(out.rfind("goro::runtime::(anonymous namespace)::TracebackTest_PrintNativeStackWritesFrames_Test::TestBody()+0x", 0), 0u)
      << out;
  EXPECT_NE(out.find("\n\tpc=0x"), std::string::npos) << out;
}

}  // namespace
}  // namespace goro::runtime

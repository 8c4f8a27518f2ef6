// The exit hook (runtime/exit.h): every way out of the process tells it why
// it ends, before the process ends, and with which status.
#include "runtime/exit.h"

#include <gtest/gtest.h>

#include "runtime/fatal.h"
#include "runtime/fdwriter.h"

namespace goro::runtime {
namespace {

// Writes "hook: <cause> <status>" on stderr, which the death tests match.
void writeCause(ExitCause cause, int status) {
  FdWriter(2).str("hook: ").str(exitCauseName(cause)).ch(' ').dec(status).ch('\n');
}

class ExitHookTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_F(ExitHookTest, ExitNowReportsNormalWithItsStatus) {
  EXPECT_EXIT(
      {
        setExitHook(writeCause);
        exitNow(7);
      },
      ::testing::ExitedWithCode(7), "hook: normal 7\n");
}

TEST_F(ExitHookTest, FatalReportsARuntimeThrow) {
  EXPECT_EXIT(
      {
        setExitHook(writeCause);
        fatal("broken");
      },
      ::testing::ExitedWithCode(2), "fatal error: broken\n(.|\n)*hook: runtime throw 2\n");
}

TEST_F(ExitHookTest, FatalUserReportsAUserThrow) {
  EXPECT_EXIT(
      {
        setExitHook(writeCause);
        fatalUser("all goroutines are asleep - deadlock!");
      },
      ::testing::ExitedWithCode(2), "hook: user throw 2\n");
}

TEST_F(ExitHookTest, SetReturnsThePreviousHookAndNullRemovesIt) {
  ExitHook before = setExitHook(writeCause);
  EXPECT_EQ(setExitHook(nullptr), writeCause);
  EXPECT_EQ(setExitHook(before), nullptr);
  EXPECT_EXIT(exitNow(0), ::testing::ExitedWithCode(0), "^$");
}

}  // namespace
}  // namespace goro::runtime

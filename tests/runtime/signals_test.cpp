// Crash signals (runtime/signals.h): a fault inside the runtime becomes a
// Go-style fatal report with exit status 2. Sanitizer builds keep their own
// handlers, so these tests are skipped there.
#include "runtime/fatal.h"
#include "runtime/fdwriter.h"
#include "runtime/signals.h"

#include <csignal>
#include <pthread.h>
#include <gtest/gtest.h>

namespace goro::runtime {
namespace {

// Keeps a helper out of line and out of interprocedural optimisation, so that
// it shows up as its own frame and really executes the faulting instruction.
#if defined(__clang__)
#define GORO_TEST_OPAQUE __attribute__((noinline))
#else
#define GORO_TEST_OPAQUE __attribute__((noinline, noipa))
#endif

// Loaded through volatile so that the compiler cannot see the null (or the
// zero) and replace the fault with a trap instruction of its own.
volatile int* volatile gNullPointer = nullptr;
volatile int gZero = 0;
volatile int gDividend = 1000;
volatile bool gKeepRecursing = true;
volatile int gSink;

GORO_TEST_OPAQUE void writeThroughNull() { *gNullPointer = 1; }

GORO_TEST_OPAQUE int divideByZero() { return gDividend / gZero; }

GORO_TEST_OPAQUE int recurseForever(int depth) {
  volatile char frame[512];
  frame[0] = static_cast<char>(depth);
  if (!gKeepRecursing) return frame[0];
  return recurseForever(depth + 1) + frame[0];
}

class SignalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef GORO_SANITIZE_BUILD
    GTEST_SKIP() << "sanitizer builds keep the sanitizer's own signal handlers";
#endif
    GTEST_FLAG_SET(death_test_style, "threadsafe");
  }
};

TEST_F(SignalsTest, NullWriteIsReportedAsSigsegv) {
  EXPECT_EXIT(
      {
        installCrashHandlers();
        writeThroughNull();
      },
      ::testing::ExitedWithCode(2),
      "fatal error: unexpected signal during runtime execution\n"
      "\\[signal SIGSEGV: segmentation violation code=0x[0-9a-f]+ addr=0x0 pc=0x[0-9a-f]+\\]\n"
      "\n"
      "runtime stack:\n"
      "goro::runtime::\\(anonymous namespace\\)::writeThroughNull\\(\\)\\+0x[0-9a-f]+\n"
      "\tpc=0x[0-9a-f]+\n");
}

TEST_F(SignalsTest, IntegerDivideByZeroIsReportedAsSigfpe) {
#if !defined(__x86_64__)
  GTEST_SKIP() << "integer division by zero traps only on x86";
#endif
  EXPECT_EXIT(
      {
        installCrashHandlers();
        gSink = divideByZero();
      },
      ::testing::ExitedWithCode(2),
      "\\[signal SIGFPE: floating-point exception code=0x1 addr=0x[0-9a-f]+ pc=0x[0-9a-f]+\\]"
      "(.|\n)*runtime stack:\ngoro::runtime::\\(anonymous namespace\\)::divideByZero\\(\\)");
}

// A stack overflow faults on the guard page; the report can only be printed
// because the handler runs on the thread's alternate signal stack.
TEST_F(SignalsTest, StackOverflowOnAnotherThreadIsReported) {
  EXPECT_EXIT(
      {
        installCrashHandlers();
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 1 << 20);
        pthread_t thread;
        pthread_create(
            &thread, &attr,
            [](void*) -> void* {
              ensureSignalStack();
              gSink = recurseForever(0);
              return nullptr;
            },
            nullptr);
        pthread_join(thread, nullptr);
      },
      ::testing::ExitedWithCode(2),
      "\\[signal SIGSEGV: segmentation violation code=0x[0-9a-f]+ addr=0x[0-9a-f]+ pc=0x[0-9a-f]+\\]\n"
      "\nruntime stack:\n"
      "goro::runtime::\\(anonymous namespace\\)::recurseForever\\(int\\)[^\n]*\\+0x[0-9a-f]+\n"
      "(.|\n)*additional frames elided");
}

TEST_F(SignalsTest, InstallingTwiceIsHarmless) {
  EXPECT_EXIT(
      {
        installCrashHandlers();
        installCrashHandlers();
        ensureSignalStack();
        writeThroughNull();
      },
      ::testing::ExitedWithCode(2), "\\[signal SIGSEGV: segmentation violation code=0x");
}

// SIGQUIT and SIGABRT dump and exit 2, as Go does; with a dump hook
// installed (the scheduler's goroutine dump), its output comes first.
TEST_F(SignalsTest, QuitAndAbortDumpAndExitWithStatusTwo) {
  EXPECT_EXIT(
      {
        installCrashHandlers();
        setFatalDumpHook([](int fd, const TracebackPolicy&) { FdWriter(fd).str("\ngoroutine 1 [running]:\n"); });
        raise(SIGQUIT);
      },
      ::testing::ExitedWithCode(2),
      "SIGQUIT: quit\nPC=0x[0-9a-f]+ sigcode=-?[0-9]+\n\ngoroutine 1 \\[running\\]:\n(.|\n)*runtime stack:\n");
  EXPECT_EXIT(
      {
        installCrashHandlers();
        std::abort();
      },
      ::testing::ExitedWithCode(2), "SIGABRT: abort\nPC=0x[0-9a-f]+ sigcode=");
}

}  // namespace
}  // namespace goro::runtime

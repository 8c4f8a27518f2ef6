// Ways the scheduler ends a process: deadlock detection (checkdead) with
// its goroutine dump, the main goroutine returning, a goroutine ending the
// program, and the checked G and P transitions dying on illegal moves. Also
// the schedtrace output, which needs its own settings. Each runs in a
// child process ("threadsafe" death tests re-execute the binary).
#include <thread>

#include "fake_runner.h"
#include "runtime/settings.h"
#include "sched/sched.h"

namespace goro::testing {
namespace {

using sched::GStatus;
using sched::PStatus;

class SchedDeathTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

// The body of a G that parks for good with the given reason.
std::function<RunOutcome(G*, M*)> parkForGood(sched::WaitReason reason) {
  return [reason](G*, M*) {
    sched::gopark(nullptr, nullptr, reason);
    return RunOutcome::Blocked;
  };
}

G* spawnParked(sched::WaitReason reason) { return spawn(parkForGood(reason)); }

// Runs body as the main goroutine on this thread (never returns).
[[noreturn]] void runMain(std::function<RunOutcome(G*, M*)> body) {
  sched::runMain(nullptr, new FakeG{std::move(body)});
}

TEST_F(SchedDeathTest, AllGoroutinesAsleepIsADeadlock) {
  EXPECT_EXIT(
      {
        startScheduler(2);
        auto* started = new bool(false);
        runMain([started](G*, M*) {
          if (!*started) {
            *started = true;
            spawnParked(sched::WaitReason::SyncWaitGroupWait);
          }
          sched::gopark(nullptr, nullptr, sched::WaitReason::ChanReceive);
          return RunOutcome::Blocked;
        });
      },
      ::testing::ExitedWithCode(2),
      "^fatal error: all goroutines are asleep - deadlock!\n"
      "\n"
      "goroutine 1 \\[chan receive\\]:\n"
      "callable.goroutine\\(\\)\n"
      "\n"
      "goroutine 2 \\[sync.WaitGroup.Wait\\]:\n"
      "callable.goroutine\\(\\)\n$");  // the program's mistake: no runtime stack (runtime::fatalUser)
}

TEST_F(SchedDeathTest, ABlockedSystemCallIsNotADeadlock) {
  // main waits, but another G is in a system call that will end: no report
  // until it ends and parks too.
  EXPECT_EXIT(
      {
        startScheduler(2);
        spawn([](G*, M*) {
          sched::entersyscall();
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          std::fprintf(stderr, "syscall done\n");
          sched::exitsyscall();
          sched::gopark(nullptr, nullptr, sched::WaitReason::Sleep);
          return RunOutcome::Blocked;
        });
        runMain(parkForGood(sched::WaitReason::ChanReceive));
      },
      ::testing::ExitedWithCode(2),
      "^syscall done\nfatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 \\[sleep\\]:\n"
      "callable.goroutine\\(\\)\n\ngoroutine 2 \\[chan receive\\]:\n");
}

TEST_F(SchedDeathTest, MainReturningExitsZero) {
  EXPECT_EXIT(
      {
        startScheduler(2);
        spawnParked(sched::WaitReason::Sleep);  // others may still be waiting
        runMain([](G*, M*) {
          std::fprintf(stderr, "main done\n");
          return RunOutcome::Returned;
        });
      },
      ::testing::ExitedWithCode(0), "^main done\n$");
}

TEST_F(SchedDeathTest, AGoroutineEndingTheProgramExitsTwo) {
  EXPECT_EXIT(
      {
        startScheduler(2);
        spawn([](G*, M*) { return RunOutcome::Exited; });
        runMain(parkForGood(sched::WaitReason::ChanReceive));
      },
      ::testing::ExitedWithCode(2), "");
}

TEST_F(SchedDeathTest, BadGTransitionDies) {
  EXPECT_EXIT(
      {
        G g;
        sched::casgstatus(&g, GStatus::Idle, GStatus::Running);
      },
      ::testing::ExitedWithCode(2), "^fatal error: bad g transition: goroutine 0 from idle to running\n");
  EXPECT_EXIT(
      {
        G g;
        sched::casgstatus(&g, GStatus::Idle, GStatus::Dead);
        sched::casgstatus(&g, GStatus::Runnable, GStatus::Running);
      },
      ::testing::ExitedWithCode(2),
      "^fatal error: bad g transition: goroutine 0 is dead, not runnable \\(moving to running\\)\n");
  EXPECT_EXIT(
      {
        G g;
        sched::casgstatus(&g, GStatus::Idle, GStatus::Dead);
        sched::casgstatus(&g, GStatus::Dead, GStatus::Runnable);
        sched::casgstatus(&g, GStatus::Runnable, GStatus::Waiting);
      },
      ::testing::ExitedWithCode(2), "^fatal error: bad g transition: goroutine 0 from runnable to waiting\n");
}

TEST_F(SchedDeathTest, BadPTransitionDies) {
  EXPECT_EXIT(
      {
        sched::P p(7);
        p.transition(PStatus::Dead, PStatus::Running);
      },
      ::testing::ExitedWithCode(2), "^fatal error: bad p transition: P7 from dead to running\n");
  EXPECT_EXIT(
      {
        sched::P p(7);
        p.transition(PStatus::Idle, PStatus::Running);
      },
      ::testing::ExitedWithCode(2), "^fatal error: bad p transition: P7 is dead, not idle \\(moving to running\\)\n");
  EXPECT_EXIT(
      {
        sched::P p(7);
        p.casStatus(PStatus::Syscall, PStatus::Dead);
      },
      ::testing::ExitedWithCode(2), "^fatal error: bad p transition: P7 from syscall to dead\n");
}

TEST_F(SchedDeathTest, SchedtraceLines) {
  EXPECT_EXIT(
      {
        runtime::settings().schedtrace = 5;
        startScheduler(2);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        _exit(0);
      },
      ::testing::ExitedWithCode(0),
      "SCHED [0-9]+ms: gomaxprocs=2 idleprocs=[0-2] threads=[0-9]+ spinningthreads=[0-9]+ "
      "idlethreads=[0-9]+ runqueue=[0-9]+ \\[[0-9]+ [0-9]+\\]\n");
}

TEST_F(SchedDeathTest, ScheddetailLines) {
  EXPECT_EXIT(
      {
        runtime::settings().schedtrace = 5;
        runtime::settings().scheddetail = true;
        startScheduler(2);
        spawnParked(sched::WaitReason::ChanReceive);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        _exit(0);
      },
      ::testing::ExitedWithCode(0),
      "SCHED [0-9]+ms: gomaxprocs=2 idleprocs=[0-2] threads=[0-9]+ spinningthreads=[0-9]+ "
      "idlethreads=[0-9]+ runqueue=[0-9]+ gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false\n"
      "  P0: status=[0-4] schedtick=[0-9]+ syscalltick=[0-9]+ m=-?[0-9]+ runqsize=[0-9]+ gfreecnt=[0-9]+ "
      "timerslen=0\n"
      "  P1: (.|\n)*"
      "  M[0-9]+: p=-?[0-9]+ curg=-?[0-9]+ mallocing=0 throwing=0 preemptoff= locks=0 dying=0 "
      "spinning=(true|false) blocked=(true|false) lockedg=-1\n"
      "  G1: status=4\\(chan receive\\) m=-1 lockedm=-1\n");
}

}  // namespace
}  // namespace goro::testing

// stress/wait_status.h: how a run ended, in os/exec's words. The statuses
// come from real processes.
#include "stress/wait_status.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <gtest/gtest.h>

namespace goro::stress {
namespace {

// Forks a child that ends with `exit(code)` or, when sig > 0, raise(sig); returns its wait status.
int statusOf(int code, int sig) {
  pid_t pid = fork();
  if (pid == 0) {
    rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    if (sig > 0) {
      std::signal(sig, SIG_DFL);
      raise(sig);
    }
    _exit(code);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST(WaitStatus, DescribesExitsAndSignals) {
  EXPECT_EQ(describeWaitStatus(statusOf(0, 0)), "exit status 0");
  EXPECT_EQ(describeWaitStatus(statusOf(3, 0)), "exit status 3");
  EXPECT_EQ(describeWaitStatus(statusOf(0, SIGKILL)), "signal: killed");
  EXPECT_EQ(describeWaitStatus(statusOf(0, SIGABRT)), "signal: aborted");
  EXPECT_EQ(describeWaitStatus(statusOf(0, SIGSEGV)), "signal: segmentation fault");
}

TEST(WaitStatus, OnlyExitZeroIsSuccess) {
  EXPECT_TRUE(exitedSuccessfully(statusOf(0, 0)));
  EXPECT_FALSE(exitedSuccessfully(statusOf(1, 0)));
  EXPECT_FALSE(exitedSuccessfully(statusOf(0, SIGTERM)));
}

}  // namespace
}  // namespace goro::stress

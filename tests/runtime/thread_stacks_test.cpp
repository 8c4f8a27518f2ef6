// Other threads' native stacks on request (runtime/thread_stacks.h): a
// thread answers with its own frames; one that blocks the request signal is
// given up on after the timeout, and its late answer prints nothing.
#include "runtime/thread_stacks.h"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <string>
#include <thread>
#include <gtest/gtest.h>

namespace goro::runtime {
namespace {

std::string readAll(int fd) {
  std::string out;
  char buf[4096];
  lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  return out;
}

// A thread that waits in a named function until told to leave.
struct Waiter {
  std::atomic<int32_t> tid{0};
  std::atomic<bool> leave{false};
  std::thread thread;

  explicit Waiter(bool blockRequests) {
    thread = std::thread([this, blockRequests] {
      if (blockRequests) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGRTMIN + 2);
        pthread_sigmask(SIG_BLOCK, &set, nullptr);
      }
      tid.store(currentThreadId());
      while (!leave.load()) usleep(1000);
    });
    while (tid.load() == 0) usleep(1000);
  }
  ~Waiter() {
    leave.store(true);
    thread.join();
  }
};

class ThreadStacksTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef GORO_SANITIZE_BUILD
    GTEST_SKIP() << "sanitizer builds install no stack request handler";
#endif
    installThreadStackHandler();
  }
};

TEST_F(ThreadStacksTest, AThreadPrintsItsOwnStack) {
  Waiter w(false);
  int fd = memfd_create("stacks", 0);
  ASSERT_GE(fd, 0);
  printThreadStack(fd, w.tid.load());
  std::string out = readAll(fd);
  close(fd);
  // Interrupted in its sleep, inside the waiter's lambda.
  EXPECT_NE(out.find("\tpc=0x"), std::string::npos) << out;
  EXPECT_NE(out.find("Waiter"), std::string::npos) << out;
  EXPECT_EQ(out.find("did not answer"), std::string::npos) << out;
}

TEST_F(ThreadStacksTest, TheCallingThreadPrintsInPlace) {
  int fd = memfd_create("stacks", 0);
  ASSERT_GE(fd, 0);
  printThreadStack(fd, currentThreadId());
  std::string out = readAll(fd);
  close(fd);
  EXPECT_NE(out.find("ThreadStacksTest_TheCallingThreadPrintsInPlace_Test::TestBody"), std::string::npos) << out;
}

TEST_F(ThreadStacksTest, AThreadThatCannotAnswerIsGivenUpOn) {
  Waiter w(true);
  int fd = memfd_create("stacks", 0);
  ASSERT_GE(fd, 0);
  printThreadStack(fd, w.tid.load());
  EXPECT_EQ(readAll(fd), "(did not answer)\n");
  // The next request goes to a thread that answers; the blocked one's
  // pending signal, delivered when it exits, finds no request for it.
  Waiter other(false);
  printThreadStack(fd, other.tid.load());
  w.leave.store(true);
  w.thread.join();
  w.thread = std::thread([] {});
  std::string out = readAll(fd);
  close(fd);
  EXPECT_EQ(out.rfind("(did not answer)\n", 0), 0u) << out;
  EXPECT_NE(out.find("\tpc=0x"), std::string::npos) << out;
}

}  // namespace
}  // namespace goro::runtime

// Other threads' native stacks on request: see thread_stacks.h.
//
// The request is one atomic word, gRequest, holding the kernel id of the
// thread asked, or 0. The asked thread claims it by moving it from its own
// id to kClaimed; the requester withdraws an unanswered request by moving it
// from that id back to 0. Exactly one of the two succeeds, so a late answer
// never prints over the next thread's stack. After claiming, the thread
// prints and then sets gAnswered.
#include "runtime/thread_stacks.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/fdwriter.h"
#include "runtime/traceback.h"

namespace goro::runtime {
namespace {

constexpr int32_t kClaimed = -1;
constexpr long kPollNs = 1'000'000;  // 1 ms

std::atomic<int32_t> gRequest{0};
std::atomic<bool> gAnswered{false};
std::atomic<int> gRequestFd{2};
std::atomic<bool> gInstalled{false};

int stackSignal() { return SIGRTMIN + 2; }

void stackRequestHandler(int, siginfo_t*, void* ucontext) {
  int saved = errno;
  int32_t me = currentThreadId();
  int32_t expected = me;
  if (gRequest.compare_exchange_strong(expected, kClaimed)) {
    printNativeStackFromContext(gRequestFd.load(), ucontext);
    gAnswered.store(true, std::memory_order_release);
  }
  errno = saved;
}

void sleepPoll() {
  timespec ts{0, kPollNs};
  nanosleep(&ts, nullptr);
}

// Waits up to the timeout for the answer; false if none came.
bool awaitAnswer() {
  for (int waited = 0; waited < kThreadStackTimeoutMs; waited++) {
    if (gAnswered.load(std::memory_order_acquire)) return true;
    sleepPoll();
  }
  return gAnswered.load(std::memory_order_acquire);
}

}  // namespace

int32_t currentThreadId() { return static_cast<int32_t>(syscall(SYS_gettid)); }

void installThreadStackHandler() {
#ifndef GORO_SANITIZE_BUILD
  if (gInstalled.exchange(true)) return;
  reserveTracebackBuffers();
  struct sigaction sa{};
  sa.sa_sigaction = stackRequestHandler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(stackSignal(), &sa, nullptr);
#endif
}

__attribute__((noinline)) void printThreadStack(int fd, int32_t tid) {
  if (tid == currentThreadId()) {
    printNativeStackSignalSafe(fd, 1);
    __asm__ volatile("" ::: "memory");  // no tail call: the skipped frame is this one
    return;
  }
  if (!gInstalled.load()) {
    FdWriter(fd).str("(no stack: the stack request handler is not installed)\n");
    return;
  }
  if (tid <= 0) {
    FdWriter(fd).str("(no stack: the thread has not started)\n");
    return;
  }
  gRequestFd.store(fd);
  gAnswered.store(false);
  gRequest.store(tid);
  if (syscall(SYS_tgkill, getpid(), tid, stackSignal()) != 0) {
    gRequest.store(0);
    FdWriter(fd).str("(no stack: the thread is gone)\n");
    return;
  }
  if (awaitAnswer()) {
    gRequest.store(0);
    return;
  }
  int32_t expected = tid;
  if (gRequest.compare_exchange_strong(expected, 0)) {
    FdWriter(fd).str("(did not answer)\n");
    return;
  }
  // Claimed just now: it is printing; give it one more period to finish.
  if (!awaitAnswer()) FdWriter(fd).str("\n(did not finish)\n");
  gRequest.store(0);
}

}  // namespace goro::runtime

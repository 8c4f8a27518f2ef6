// Goroutine dumps (sched/goroutine_dump.h): the status a goroutine waiting
// to stop the world shows, and each M's native stack on request.
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

#include "fake_runner.h"
#include "gc/world.h"
#include "runtime/thread_stacks.h"
#include "sched/goroutine_dump.h"
#include "sched/sched.h"

namespace goro::testing {
namespace {

// Runs print with a memory file as its descriptor and returns what it wrote.
template <typename F>
std::string capture(F print) {
  int fd = memfd_create("dump", 0);
  EXPECT_GE(fd, 0);
  print(fd);
  std::string out;
  char buf[4096];
  lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

class GoroutineDumpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureScheduler();
    sched::setGomaxprocs(4);
  }
};

// A goroutine whose M waits for the world lock while another thread holds
// the world stopped is parked in a system call state (stw.cpp), but a dump
// shows it as Go does: [stopping the world].
TEST_F(GoroutineDumpTest, StopperWaitingForTheWorldShowsStoppingTheWorld) {
  std::atomic<bool> running{false};
  Counter done;
  G* stopper = spawn([&](G*, M*) {
    running.store(true);
    // Wait, ignoring preemption, until the holder below is stopping the
    // world and waiting for this goroutine's P; then stop it too: the P goes
    // to the holder and this goroutine queues for the world lock.
    while (!sched::sched.gcwaiting.load()) std::this_thread::yield();
    gc::stopTheWorld(gc::StwReason::TestOnly);
    gc::startTheWorld();
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(eventually([&] { return running.load(); }));
  std::atomic<bool> held{false};
  std::atomic<bool> release{false};
  std::thread holder([&] {
    gc::stopTheWorld(gc::StwReason::TestOnly);
    held.store(true);
    while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    gc::startTheWorld();
  });
  ASSERT_TRUE(eventually([&] { return held.load(); }));
  ASSERT_TRUE(eventually([&] { return stopper->status.load() == sched::GStatus::Syscall; }));
  EXPECT_STREQ(sched::goroutineStatus(stopper), "stopping the world");
  runtime::TracebackPolicy all;
  all.all = true;
  std::string dump = capture([&](int fd) { sched::dumpGoroutines(fd, all, nullptr); });
  std::string header = "\ngoroutine " + std::to_string(stopper->goid.load()) + " [stopping the world]:\n";
  EXPECT_NE(dump.find(header), std::string::npos) << dump;
  EXPECT_EQ(dump.find("[syscall]"), std::string::npos) << dump;
  release.store(true);
  holder.join();
  EXPECT_TRUE(done.waitFor(1));
  // Once it has stopped and started the world, the reason is gone.
  EXPECT_NE(std::string(sched::goroutineStatus(stopper)), "stopping the world");
}

// Level 0 prints no goroutine; without `all`, only the caller's own (none
// on a thread that is not an M).
TEST_F(GoroutineDumpTest, PolicyLimitsTheGoroutines) {
  runtime::TracebackPolicy none;
  none.level = 0;
  none.all = true;
  EXPECT_EQ(capture([&](int fd) { sched::dumpGoroutines(fd, none, nullptr); }), "");
  runtime::TracebackPolicy single;
  EXPECT_EQ(capture([&](int fd) { sched::dumpGoroutines(fd, single, nullptr); }), "");
}

// Every M, sysmon included, answers the stack request with its own frames,
// each under its header line.
TEST_F(GoroutineDumpTest, EveryMPrintsItsNativeStack) {
#ifdef GORO_SANITIZE_BUILD
  GTEST_SKIP() << "sanitizer builds install no stack request handler";
#endif
  runtime::installThreadStackHandler();
  // Three goroutines that run at once need three Ms; they stay, idle.
  std::atomic<int> together{0};
  Counter done;
  for (int i = 0; i < 3; i++) {
    spawn([&](G*, M*) {
      together.fetch_add(1);
      eventually([&] { return together.load() == 3; });
      done.add();
      return RunOutcome::Returned;
    });
  }
  ASSERT_TRUE(done.waitFor(3));
  std::string dump = capture([](int fd) { sched::dumpMStacks(fd); });
  int ms = 0;
  bool sawSysmon = false;
  sched::forEachM([&](M* m) {
    ms++;
    std::string header = "\nM" + std::to_string(m->id) + " (thread " + std::to_string(m->tid.load());
    size_t at = dump.find(header);
    ASSERT_NE(at, std::string::npos) << header << "\n" << dump;
    size_t next = dump.find("\nM", at + 1);
    std::string section = dump.substr(at, next == std::string::npos ? std::string::npos : next - at);
    EXPECT_NE(section.find("\tpc=0x"), std::string::npos) << section;
    if (m->isSysmon) {
      sawSysmon = true;
      EXPECT_NE(section.find(", sysmon):\n"), std::string::npos) << section;
    }
  });
  EXPECT_GE(ms, 4);  // sysmon and the three
  EXPECT_TRUE(sawSysmon);
  EXPECT_EQ(dump.find("did not answer"), std::string::npos) << dump;
}

}  // namespace
}  // namespace goro::testing

// Note: one-shot futex wakeups (runtime/note.h).
#include "runtime/note.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <gtest/gtest.h>

namespace goro::runtime {
namespace {

using Clock = std::chrono::steady_clock;

TEST(NoteTest, WakeupAcrossThreads) {
  Note note;
  int payload = 0;
  std::thread sleeper([&] {
    note.sleep();
    EXPECT_EQ(payload, 42);  // the waker's writes are visible after waking
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  payload = 42;
  note.wakeup();
  sleeper.join();
}

TEST(NoteTest, WakeupBeforeSleepIsNotLost) {
  Note note;
  note.wakeup();
  note.sleep();
  EXPECT_TRUE(note.sleepFor(0));
}

TEST(NoteTest, ClearRearms) {
  Note note;
  for (int round = 0; round < 100; round++) {
    note.clear();
    std::thread waker([&] { note.wakeup(); });
    note.sleep();
    waker.join();
  }
  note.clear();
  EXPECT_FALSE(note.sleepFor(1'000'000));
}

TEST(NoteTest, TimedSleepTimesOut) {
  Note note;
  auto start = Clock::now();
  EXPECT_FALSE(note.sleepFor(30'000'000));  // 30 ms
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(30));
}

TEST(NoteTest, TimedSleepIsWokenEarly) {
  Note note;
  std::thread waker([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    note.wakeup();
  });
  auto start = Clock::now();
  EXPECT_TRUE(note.sleepFor(10'000'000'000));  // 10 s limit, woken after ~10 ms
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  waker.join();
}

TEST(NoteTest, NegativeTimeoutMeansNoLimit) {
  Note note;
  std::thread waker([&] { note.wakeup(); });
  EXPECT_TRUE(note.sleepFor(-1));
  waker.join();
}

TEST(NoteDeathTest, DoubleWakeupIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Note note;
  EXPECT_EXIT(
      {
        note.wakeup();
        note.wakeup();
      },
      ::testing::ExitedWithCode(2), "fatal error: notewakeup - double wakeup");
}

}  // namespace
}  // namespace goro::runtime

// stress/status_line.h: the status line in Go stress's words, and the bar.
#include "stress/status_line.h"

#include <gtest/gtest.h>

namespace goro::stress {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(StatusLine, ReadsAsGoStressDoes) {
  SessionProgress p;
  p.elapsed = milliseconds(65900);
  p.runs = 420;
  p.failures = 1;
  p.active = 2;
  EXPECT_EQ(statusLine(p), "1m5s: 420 runs so far, 1 failures (0.24%), 2 active");
}

TEST(StatusLine, LeavesOutTheRateWithoutFailuresAndTheActiveCountWhenIdle) {
  SessionProgress p;
  p.elapsed = seconds(5);
  p.runs = 12;
  EXPECT_EQ(statusLine(p), "5s: 12 runs so far, 0 failures");
  p.final = true;
  EXPECT_EQ(statusLine(p), "5s: 12 runs total, 0 failures");
}

TEST(StatusLine, ShowsABarWhenCountBoundsTheSession) {
  SessionProgress p;
  p.elapsed = seconds(2);
  p.runs = 5;
  p.countLimit = 20;
  p.active = 1;
  EXPECT_EQ(statusLine(p), "2s: 5 runs so far, 0 failures, 1 active [#####...............] 25%");
}

TEST(StatusLine, ShowsABarWhenDurationBoundsTheSession) {
  SessionProgress p;
  p.elapsed = seconds(30);
  p.runs = 7;
  p.durationLimit = seconds(60);
  EXPECT_EQ(statusLine(p), "30s: 7 runs so far, 0 failures [##########..........] 50%");
}

TEST(SessionFraction, TheNearerBoundCountsAndTheFractionStopsAtOne) {
  SessionProgress p;
  EXPECT_LT(sessionFraction(p), 0);  // unbounded
  p.countLimit = 100;
  p.runs = 10;
  p.durationLimit = seconds(10);
  p.elapsed = seconds(5);
  EXPECT_DOUBLE_EQ(sessionFraction(p), 0.5);
  p.runs = 90;
  EXPECT_DOUBLE_EQ(sessionFraction(p), 0.9);
  p.elapsed = seconds(11);
  EXPECT_DOUBLE_EQ(sessionFraction(p), 1.0);
}

TEST(ProgressBar, FillsInTwentieths) {
  EXPECT_EQ(progressBar(0), "[....................] 0%");
  EXPECT_EQ(progressBar(0.049), "[....................] 4%");
  EXPECT_EQ(progressBar(0.05), "[#...................] 5%");
  EXPECT_EQ(progressBar(1), "[####################] 100%");
  EXPECT_EQ(progressBar(2), "[####################] 100%");
  EXPECT_EQ(progressBar(0.5, 4), "[##..] 50%");
}

}  // namespace
}  // namespace goro::stress

// The scenarios that run in the process that calls them (churn and the Go
// ports), each in a child process of its own, briefly.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "stress/scenarios/run_in_child.h"
#include "stress/scenarios/churn.h"
#include "stress/scenarios/go_ports.h"

namespace goro::stress::scenarios {
namespace {

using runtime::AllpSnapshotMode;

TEST(Churn, GrowsPastCapacityMovesAndCollectsInEveryMode) {
  for (AllpSnapshotMode mode : {AllpSnapshotMode::M, AllpSnapshotMode::Persistent}) {
    ChurnOptions o;
    o.mode = mode;
    o.growTo = 40;
    o.maxProcs = 40;
    o.changes = 300;
    o.gcEvery = 5;
    o.checkmark = true;
    ChildResult r = runInChild([&o] { std::exit(runChurn(o)); }, false);
    std::fputs(r.output.c_str(), stdout);
    EXPECT_TRUE(r.exitedWith(0)) << r.describe() << "\n" << r.output;
    EXPECT_NE(r.output.find("growth done at GOMAXPROCS=40: 38 changes past capacity"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find(" 0 failures"), std::string::npos) << r.output;
  }
}

TEST(Churn, StopsAfterItsDuration) {
  ChurnOptions o;
  o.growTo = 8;
  o.maxProcs = 8;
  o.durationNs = 300'000'000;
  ChildResult r = runInChild([&o] { std::exit(runChurn(o)); }, false);
  EXPECT_TRUE(r.exitedWith(0)) << r.describe() << "\n" << r.output;
  EXPECT_NE(r.output.find(" 0 failures"), std::string::npos) << r.output;
}

// -report: progress lines while it runs, each after a forced collection of
// its own, with the heap's figures (what stress/soak parses).
TEST(Churn, ReportsProgressWithTheLiveHeap) {
  ChurnOptions o;
  o.growTo = 8;
  o.maxProcs = 8;
  o.durationNs = 700'000'000;
  o.reportEveryNs = 200'000'000;
  o.gcEvery = 0;  // only the reports collect
  ChildResult r = runInChild([&o] { std::exit(runChurn(o)); }, false);
  EXPECT_TRUE(r.exitedWith(0)) << r.describe() << "\n" << r.output;
  size_t first = r.output.find("churn: progress @");
  ASSERT_NE(first, std::string::npos) << r.output;
  EXPECT_NE(r.output.find("churn: progress @", first + 1), std::string::npos) << "one line only:\n" << r.output;
  EXPECT_NE(r.output.find(" 1 forced collections (", first), std::string::npos)
      << "the first report's own collection is counted:\n" << r.output;
  EXPECT_NE(r.output.find(" B in spans, ", first), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(" 0 failures"), std::string::npos) << r.output;
}

TEST(GoPorts, StwDeadlockFinishes) {
  GoPortOptions o;
  o.rounds = 100;
  ChildResult r = runInChild([&o] { std::exit(runStwDeadlock(o)); }, false);
  EXPECT_TRUE(r.exitedWith(0)) << r.describe() << "\n" << r.output;
  EXPECT_NE(r.output.find("100 collections and 100 GOMAXPROCS changes"), std::string::npos) << r.output;
}

TEST(GoPorts, Issue47304Finishes) {
  GoPortOptions o;
  o.rounds = 5;
  ChildResult r = runInChild([&o] { std::exit(runIssue47304(o)); }, false);
  EXPECT_TRUE(r.exitedWith(0)) << r.describe() << "\n" << r.output;
  EXPECT_NE(r.output.find("ended at GOMAXPROCS=6: OK"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace goro::stress::scenarios

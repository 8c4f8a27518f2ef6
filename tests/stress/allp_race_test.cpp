// The allp-race scenario in each mode (stress/scenarios/allp_race.h): it
// returns 0 exactly when the mode behaved as it must, and says so.
#include <gtest/gtest.h>

#include <cstdio>

#include "alloc/poison.h"
#include "stress/scenarios/allp_race.h"

namespace goro::stress::scenarios {
namespace {

using runtime::AllpSnapshotMode;

std::string run(AllpRaceOptions o, int* status) {
  ::testing::internal::CaptureStdout();
  *status = runAllpRace(o);
  std::string out = ::testing::internal::GetCapturedStdout();
  std::fputs(out.c_str(), stdout);  // the scenario's account, for the log
  return out;
}

TEST(AllpRace, MModeSurvivesAndNamesTheRoot) {
  int status = -1;
  std::string out = run({AllpSnapshotMode::M}, &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("step 4: collection"), std::string::npos) << out;
  EXPECT_NE(out.find("the old array is kept alive by allm["), std::string::npos) << out;
  EXPECT_NE(out.find("].allpSnapshot"), std::string::npos) << out;
  EXPECT_NE(out.find("(no other root reaches it)"), std::string::npos) << out;
  EXPECT_NE(out.find("still holding the snapshot"), std::string::npos) << out;
  EXPECT_NE(out.find("result: PASS: mode m survived"), std::string::npos) << out;
}

TEST(AllpRace, PersistentModeSurvivesAndCountsTheLeak) {
  int status = -1;
  std::string out = run({AllpSnapshotMode::Persistent}, &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("persistent (never freed)"), std::string::npos) << out;
  EXPECT_NE(out.find("persistent: 2 allp arrays leaked on purpose"), std::string::npos) << out;
}

TEST(AllpRace, StackModeIsDetected) {
  for (bool reuse : {true, false}) {
    int status = -1;
    AllpRaceOptions o{AllpSnapshotMode::Stack};
    o.reuse = reuse;
    std::string out = run(o, &status);
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("step 4: collection"), std::string::npos) << out;
    EXPECT_NE(out.find("the old array is freed"), std::string::npos) << out;
    if (alloc::kAsan && !reuse) {
      EXPECT_NE(out.find("AddressSanitizer: heap-use-after-free"), std::string::npos) << out;
    }
    EXPECT_NE(out.find("result: PASS: the stale read was detected"), std::string::npos) << out;
  }
}

TEST(AllpRace, MModeWithoutItsRootIsDetected) {
  int status = -1;
  AllpRaceOptions o{AllpSnapshotMode::M};
  o.skipRoot = true;
  std::string out = run(o, &status);
  EXPECT_EQ(status, 0) << out;
  EXPECT_NE(out.find("the old array is freed"), std::string::npos) << out;
  EXPECT_NE(out.find("result: PASS: the stale read was detected"), std::string::npos) << out;
}

}  // namespace
}  // namespace goro::stress::scenarios

// stress/scenarios/registry.h: the table the scenarios plug into.
#include "stress/scenarios/registry.h"

#include <gtest/gtest.h>

#include <set>

namespace goro::stress::scenarios {
namespace {

TEST(ScenarioRegistry, EveryEntryIsCompleteAndNamesAreUnique) {
  std::set<std::string_view> names;
  for (const Scenario& s : all()) {
    EXPECT_FALSE(s.name.empty());
    EXPECT_FALSE(s.summary.empty()) << s.name;
    EXPECT_NE(s.run, nullptr) << s.name;
    EXPECT_EQ(s.name.find(' '), std::string_view::npos) << s.name;
    EXPECT_TRUE(names.insert(s.name).second) << "two scenarios called " << s.name;
  }
}

TEST(ScenarioRegistry, FindsByExactName) {
  for (const Scenario& s : all()) EXPECT_EQ(find(s.name), &s);
  EXPECT_EQ(find("no-such-scenario"), nullptr);
  EXPECT_EQ(find(""), nullptr);
}

}  // namespace
}  // namespace goro::stress::scenarios

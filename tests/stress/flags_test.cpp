// stress/flags.h: Go's flag syntax translated for CLI11, and parsed by it.
#include "stress/flags.h"

#include <gtest/gtest.h>

#include "memory_file.h"

namespace goro::stress {
namespace {

using Args = std::vector<std::string>;

// A small app shaped like goro-stress's: a one-letter flag, a number, a
// string that may start with a dash, and a boolean.
struct SampleApp {
  std::unique_ptr<CLI::App> app = goFlagApp("sample", "sample");
  int p = 1;
  int count = 0;
  std::string failure;
  bool failfast = false;
  SampleApp() {
    app->add_option("--p", p, "runs at a time");
    app->add_option("--count", count, "runs in all");
    app->add_option("--failure", failure, "a pattern");
    app->add_flag("--failfast", failfast, "stop early");
    takeLastOfRepeatedFlags(*app);
  }
  FlagParse parse(const Args& args, std::FILE* out, std::FILE* err) { return parseGoFlags(*app, args, out, err); }
};

TEST(TranslateGoFlags, EverySpellingOfAValueFlagBecomesNameEqualsValue) {
  SampleApp s;
  for (const Args& args : {Args{"-count", "3"}, Args{"-count=3"}, Args{"--count", "3"}, Args{"--count=3"}}) {
    TranslatedArgs t = translateGoFlags(*s.app, args);
    EXPECT_EQ(t.flags, Args{"--count=3"}) << args[0];
    EXPECT_TRUE(t.rest.empty());
  }
  EXPECT_EQ(translateGoFlags(*s.app, {"-p", "4"}).flags, Args{"--p=4"});
  EXPECT_EQ(translateGoFlags(*s.app, {"-p=4"}).flags, Args{"--p=4"});
}

TEST(TranslateGoFlags, AValueThatStartsWithADashStaysAValue) {
  SampleApp s;
  TranslatedArgs t = translateGoFlags(*s.app, {"-failure", "-x", "cmd"});
  EXPECT_EQ(t.flags, Args{"--failure=-x"});
  EXPECT_EQ(t.rest, Args{"cmd"});
}

TEST(TranslateGoFlags, ABooleanFlagTakesNoSeparateValue) {
  SampleApp s;
  TranslatedArgs t = translateGoFlags(*s.app, {"-failfast", "false"});
  EXPECT_EQ(t.flags, Args{"--failfast"});
  EXPECT_EQ(t.rest, Args{"false"});  // a command called false, as in Go
  EXPECT_EQ(translateGoFlags(*s.app, {"-failfast=false"}).flags, Args{"--failfast=false"});
}

TEST(TranslateGoFlags, FlagsStopAtTheFirstNonFlagOrAfterDoubleDash) {
  SampleApp s;
  TranslatedArgs t = translateGoFlags(*s.app, {"-p", "2", "sh", "-c", "-count 5"});
  EXPECT_EQ(t.flags, Args{"--p=2"});
  EXPECT_EQ(t.rest, (Args{"sh", "-c", "-count 5"}));
  t = translateGoFlags(*s.app, {"-failfast", "--", "-p", "x"});
  EXPECT_EQ(t.flags, Args{"--failfast"});
  EXPECT_EQ(t.rest, (Args{"-p", "x"}));
  t = translateGoFlags(*s.app, {"-", "x"});
  EXPECT_TRUE(t.flags.empty());
  EXPECT_EQ(t.rest, (Args{"-", "x"}));
}

TEST(TranslateGoFlags, LeavesUnknownAndMalformedFlagsForCli11ToReject) {
  SampleApp s;
  EXPECT_EQ(translateGoFlags(*s.app, {"-bogus"}).flags, Args{"--bogus"});
  EXPECT_EQ(translateGoFlags(*s.app, {"---count"}).flags, Args{"---count"});
  EXPECT_EQ(translateGoFlags(*s.app, {"-=3"}).flags, Args{"-=3"});
  // A value flag at the very end stays without a value.
  EXPECT_EQ(translateGoFlags(*s.app, {"-count"}).flags, Args{"--count"});
}

TEST(ParseGoFlags, ParsesEveryGoSpelling) {
  for (const Args& args : {Args{"-p", "3", "-count", "7", "-failfast", "cmd"},
                           Args{"-p=3", "-count=7", "-failfast=true", "cmd"},
                           Args{"--p", "3", "--count", "7", "--failfast", "--", "cmd"}}) {
    SampleApp s;
    testing::MemoryFile out, err;
    FlagParse r = s.parse(args, out.get(), err.get());
    ASSERT_TRUE(r.ok) << err.text();
    EXPECT_EQ(s.p, 3);
    EXPECT_EQ(s.count, 7);
    EXPECT_TRUE(s.failfast);
    EXPECT_EQ(r.rest, Args{"cmd"});
  }
}

TEST(ParseGoFlags, TheLastOfARepeatedFlagWins) {
  SampleApp s;
  testing::MemoryFile out, err;
  ASSERT_TRUE(s.parse({"-count", "3", "-count=9"}, out.get(), err.get()).ok) << err.text();
  EXPECT_EQ(s.count, 9);
}

TEST(ParseGoFlags, UsageErrorsSayWhatIsWrongWithGoNamesAndExit2) {
  SampleApp s;
  testing::MemoryFile out, err;
  FlagParse r = s.parse({"-count", "many"}, out.get(), err.get());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.exitStatus, 2);
  EXPECT_NE(err.text().find("sample: Could not convert: -count = many"), std::string::npos) << err.text();
  EXPECT_NE(err.text().find("Run 'sample -help' for usage."), std::string::npos);

  SampleApp unknown;
  testing::MemoryFile out2, err2;
  r = unknown.parse({"-bogus", "cmd"}, out2.get(), err2.get());
  EXPECT_EQ(r.exitStatus, 2);
  EXPECT_NE(err2.text().find("-bogus"), std::string::npos) << err2.text();
  EXPECT_EQ(err2.text().find("--bogus"), std::string::npos) << err2.text();
}

TEST(ParseGoFlags, HelpListsFlagsWithOneDashAndExits0) {
  for (const char* ask : {"-h", "-help", "--help"}) {
    SampleApp s;
    testing::MemoryFile out, err;
    FlagParse r = s.parse({ask}, out.get(), err.get());
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.exitStatus, 0);
    std::string help = out.text();
    EXPECT_NE(help.find("  -count"), std::string::npos) << help;
    EXPECT_NE(help.find("  -p "), std::string::npos) << help;
    EXPECT_EQ(help.find("--count"), std::string::npos) << help;
  }
}

TEST(GoFlagMessage, DropsOneDashFromFlagNames) {
  EXPECT_EQ(goFlagMessage("--count: At Most 1 required"), "-count: At Most 1 required");
  EXPECT_EQ(goFlagMessage("Could not convert: --p = x"), "Could not convert: -p = x");
  EXPECT_EQ(goFlagMessage("--help,--h"), "-help,-h");
  // Only names lose a dash: a lone "--" and dashes inside words stay.
  EXPECT_EQ(goFlagMessage("write -- then a-b--c"), "write -- then a-b--c");
}

}  // namespace
}  // namespace goro::stress

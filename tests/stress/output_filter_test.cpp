// stress/output_filter.h: which failed runs count, as in Go's stress.
#include "stress/output_filter.h"

#include <gtest/gtest.h>

namespace goro::stress {
namespace {

OutputFilter make(const std::string& failure, const std::string& ignore) {
  std::string error;
  std::optional<OutputFilter> f = OutputFilter::compile(failure, ignore, &error);
  EXPECT_TRUE(f.has_value()) << error;
  return f.value_or(OutputFilter());
}

TEST(OutputFilter, WithoutPatternsEveryFailedRunCountsAndNoGoodOne) {
  OutputFilter f = make("", "");
  EXPECT_TRUE(f.countsAsFailure(true, ""));
  EXPECT_FALSE(f.countsAsFailure(false, "panic: everything"));
}

TEST(OutputFilter, FailureNarrowsToMatchingOutput) {
  OutputFilter f = make("fatal error: .*allp", "");
  EXPECT_TRUE(f.countsAsFailure(true, "x\nfatal error: stale allp snapshot\n"));
  EXPECT_FALSE(f.countsAsFailure(true, "exit 1 for another reason\n"));
  EXPECT_FALSE(f.countsAsFailure(false, "fatal error: stale allp snapshot\n"));  // a good run never counts
}

TEST(OutputFilter, IgnoreDropsMatchingFailures) {
  OutputFilter f = make("", "connection refused");
  EXPECT_FALSE(f.countsAsFailure(true, "dial: connection refused\n"));
  EXPECT_TRUE(f.countsAsFailure(true, "panic\n"));
}

TEST(OutputFilter, BothTogether) {
  OutputFilter f = make("panic", "known flake");
  EXPECT_TRUE(f.countsAsFailure(true, "panic: x"));
  EXPECT_FALSE(f.countsAsFailure(true, "panic: known flake"));
  EXPECT_FALSE(f.countsAsFailure(true, "other"));
}

TEST(OutputFilter, UsesGoRegexpSemantics) {
  // ^ and $ are the ends of the whole output unless (?m); . stops at newlines.
  EXPECT_FALSE(make("^b$", "").countsAsFailure(true, "a\nb\nc"));
  EXPECT_TRUE(make("(?m)^b$", "").countsAsFailure(true, "a\nb\nc"));
  EXPECT_FALSE(make("a.b", "").countsAsFailure(true, "a\nb"));
  EXPECT_TRUE(make("(?s)a.b", "").countsAsFailure(true, "a\nb"));
}

TEST(OutputFilter, ABadPatternIsAnErrorNamingTheFlag) {
  std::string error;
  EXPECT_FALSE(OutputFilter::compile("a(", "", &error).has_value());
  EXPECT_EQ(error, "-failure: bad regexp \"a(\": missing ): a(");
  EXPECT_FALSE(OutputFilter::compile("", "[z-a]", &error).has_value());
  EXPECT_NE(error.find("-ignore: bad regexp \"[z-a]\""), std::string::npos) << error;
  EXPECT_EQ(OutputFilter::check("ok+"), "");
  EXPECT_NE(OutputFilter::check("*"), "");
}

}  // namespace
}  // namespace goro::stress

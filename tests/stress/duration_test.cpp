// stress/duration.h: Go's duration syntax, checked against the cases of Go's
// own time package tests (time_test.go's parseDurationTests and
// durationTests).
#include "stress/duration.h"

#include <gtest/gtest.h>

#include <climits>

namespace goro::stress {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::nanoseconds;
using std::chrono::seconds;

Duration parsed(const std::string& text) {
  DurationParse p = parseDuration(text);
  EXPECT_TRUE(p.value.has_value()) << text << ": " << p.error;
  return p.value.value_or(Duration{-1});
}

TEST(DurationParse, AcceptsGoSyntax) {
  EXPECT_EQ(parsed("0"), Duration{0});
  EXPECT_EQ(parsed("-0"), Duration{0});
  EXPECT_EQ(parsed("+0"), Duration{0});
  EXPECT_EQ(parsed("5s"), seconds(5));
  EXPECT_EQ(parsed("30s"), seconds(30));
  EXPECT_EQ(parsed("1478s"), seconds(1478));
  EXPECT_EQ(parsed("-5s"), seconds(-5));
  EXPECT_EQ(parsed("+5s"), seconds(5));
  EXPECT_EQ(parsed("5.0s"), seconds(5));
  EXPECT_EQ(parsed("5.6s"), milliseconds(5600));
  EXPECT_EQ(parsed("5.s"), seconds(5));
  EXPECT_EQ(parsed(".5s"), milliseconds(500));
  EXPECT_EQ(parsed("1.004s"), milliseconds(1004));
  EXPECT_EQ(parsed("1.0040s"), milliseconds(1004));
  EXPECT_EQ(parsed("100.00100s"), milliseconds(100001));
  EXPECT_EQ(parsed("10ns"), nanoseconds(10));
  EXPECT_EQ(parsed("11us"), microseconds(11));
  EXPECT_EQ(parsed("12\u00b5s"), microseconds(12));  // micro sign
  EXPECT_EQ(parsed("12\u03bcs"), microseconds(12));  // Greek mu
  EXPECT_EQ(parsed("13ms"), milliseconds(13));
  EXPECT_EQ(parsed("300ms"), milliseconds(300));
  EXPECT_EQ(parsed("1.5s"), milliseconds(1500));
  EXPECT_EQ(parsed("15m"), minutes(15));
  EXPECT_EQ(parsed("2h"), hours(2));
  EXPECT_EQ(parsed("1m5s"), seconds(65));
  EXPECT_EQ(parsed("3h30m"), minutes(210));
  EXPECT_EQ(parsed("10.5s4m"), minutes(4) + milliseconds(10500));
  EXPECT_EQ(parsed("-2m3.4s"), -(minutes(2) + milliseconds(3400)));
  EXPECT_EQ(parsed("1h2m3s4ms5us6ns"), hours(1) + minutes(2) + seconds(3) + milliseconds(4) + microseconds(5) +
                                          nanoseconds(6));
  EXPECT_EQ(parsed("39h9m14.425s"), hours(39) + minutes(9) + milliseconds(14425));
  EXPECT_EQ(parsed("52763797000ns"), nanoseconds(52763797000));
  EXPECT_EQ(parsed("0.3333333333333333333h"), minutes(20));
  EXPECT_EQ(parsed("9007199254740993ns"), nanoseconds((int64_t{1} << 53) + 1));
  EXPECT_EQ(parsed("0.100000000000000000000h"), minutes(6));
  EXPECT_EQ(parsed("0.830103483285477580700h"), minutes(49) + seconds(48) + nanoseconds(372539827));
}

TEST(DurationParse, ReachesBothEndsOfTheRange) {
  EXPECT_EQ(parsed("9223372036854775807ns"), nanoseconds(INT64_MAX));
  EXPECT_EQ(parsed("9223372036854775.807us"), nanoseconds(INT64_MAX));
  EXPECT_EQ(parsed("9223372036s854ms775us807ns"), nanoseconds(INT64_MAX));
  EXPECT_EQ(parsed("-9223372036854775808ns"), nanoseconds(INT64_MIN));
  EXPECT_EQ(parsed("-9223372036854775.808us"), nanoseconds(INT64_MIN));
}

TEST(DurationParse, RejectsWhatGoRejects) {
  for (const char* text : {"", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "\x85\x85", "\xff" "ff", "5 s", "5s ",
                           "9223372036854775808ns", "9223372036854775.808us", "9223372036854ms775us808ns",
                           "-9223372036854775809ns", "99999999999999999999h"}) {
    DurationParse p = parseDuration(text);
    EXPECT_FALSE(p.value.has_value()) << '"' << text << "\" gave " << p.value.value_or(Duration{0}).count();
    EXPECT_FALSE(p.error.empty()) << text;
  }
}

TEST(DurationParse, SaysWhatIsWrong) {
  EXPECT_EQ(parseDuration("5").error, "missing unit in duration \"5\"");
  EXPECT_EQ(parseDuration("1d").error, "unknown unit \"d\" in duration \"1d\"");
  EXPECT_EQ(parseDuration("abc").error, "invalid duration \"abc\"");
}

TEST(DurationFormat, PrintsAsGo) {
  EXPECT_EQ(formatDuration(Duration{0}), "0s");
  EXPECT_EQ(formatDuration(nanoseconds(1)), "1ns");
  EXPECT_EQ(formatDuration(nanoseconds(1100)), "1.1\u00b5s");
  EXPECT_EQ(formatDuration(microseconds(2200)), "2.2ms");
  EXPECT_EQ(formatDuration(milliseconds(300)), "300ms");
  EXPECT_EQ(formatDuration(milliseconds(3300)), "3.3s");
  EXPECT_EQ(formatDuration(seconds(1)), "1s");
  EXPECT_EQ(formatDuration(seconds(65)), "1m5s");
  EXPECT_EQ(formatDuration(minutes(4) + seconds(5)), "4m5s");
  EXPECT_EQ(formatDuration(minutes(4) + milliseconds(5001)), "4m5.001s");
  EXPECT_EQ(formatDuration(hours(5) + minutes(6) + milliseconds(7001)), "5h6m7.001s");
  EXPECT_EQ(formatDuration(minutes(8) + nanoseconds(1)), "8m0.000000001s");
  EXPECT_EQ(formatDuration(hours(2)), "2h0m0s");
  EXPECT_EQ(formatDuration(minutes(10)), "10m0s");
  EXPECT_EQ(formatDuration(milliseconds(-1500)), "-1.5s");
  EXPECT_EQ(formatDuration(nanoseconds(INT64_MAX)), "2562047h47m16.854775807s");
  EXPECT_EQ(formatDuration(nanoseconds(INT64_MIN)), "-2562047h47m16.854775808s");
}

TEST(DurationFormat, RoundTripsThroughParse) {
  for (const char* text : {"0s", "1ns", "1.5\u00b5s", "300ms", "1.5s", "1m5s", "2h0m0s", "39h9m14.425s"}) {
    EXPECT_EQ(formatDuration(parsed(text)), text);
  }
}

TEST(DurationFormat, StatusTimesAreWholeSeconds) {
  EXPECT_EQ(formatDuration(truncateToSeconds(milliseconds(65999))), "1m5s");
  EXPECT_EQ(formatDuration(truncateToSeconds(milliseconds(999))), "0s");
  EXPECT_EQ(formatDuration(truncateToSeconds(hours(1) + milliseconds(500))), "1h0m0s");
}

}  // namespace
}  // namespace goro::stress

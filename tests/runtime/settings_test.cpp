// Settings: GODEBUG, GOGC, GOMAXPROCS and GOMEMLIMIT parsing
// (runtime/settings.h), and byte sizes (runtime/byte_size.h).
#include "runtime/settings.h"

#include "runtime/byte_size.h"

#include <cstdlib>
#include <string>
#include <vector>
#include <gtest/gtest.h>

namespace goro::runtime {
namespace {

TEST(SettingsTest, DefaultsMatchGo) {
  Settings s;
  EXPECT_EQ(s.gctrace, 0);
  EXPECT_EQ(s.schedtrace, 0);
  EXPECT_FALSE(s.scheddetail);
  EXPECT_EQ(s.allpsnapshot, AllpSnapshotMode::M);
  EXPECT_FALSE(s.clobberfree);
  EXPECT_FALSE(s.gcroots);
  EXPECT_FALSE(s.gccheckmark);
  EXPECT_EQ(s.gcmarkworkers, 0);
  EXPECT_EQ(s.findrunnabledelay, 0);
  EXPECT_EQ(s.heapdump, "");
  EXPECT_EQ(s.gogc, 100);
  EXPECT_EQ(s.gomaxprocs, 0);
  EXPECT_EQ(s.memoryLimit, 0u);
  EXPECT_EQ(s.maxThreads, 10000);
}

TEST(SettingsTest, GodebugSetsEverySwitch) {
  Settings s;
  EXPECT_TRUE(parseGodebug(s,
                           "gctrace=1,schedtrace=1000,scheddetail=1,allpsnapshot=stack,clobberfree=1,"
                           "gcroots=1,gccheckmark=1,gcmarkworkers=3,findrunnabledelay=250,heapdump=heap.dot")
                  .empty());
  EXPECT_EQ(s.gctrace, 1);
  EXPECT_EQ(s.schedtrace, 1000);
  EXPECT_TRUE(s.scheddetail);
  EXPECT_EQ(s.allpsnapshot, AllpSnapshotMode::Stack);
  EXPECT_TRUE(s.clobberfree);
  EXPECT_TRUE(s.gcroots);
  EXPECT_TRUE(s.gccheckmark);
  EXPECT_EQ(s.gcmarkworkers, 3);
  EXPECT_EQ(s.findrunnabledelay, 250);
  EXPECT_EQ(s.heapdump, "heap.dot");
}

// The trace file is a path: taken as written, up to the next comma; the
// last one wins, and an empty value turns the trace off again.
TEST(SettingsTest, GodebugTracefile) {
  Settings s;
  EXPECT_EQ(s.tracefile, "");
  EXPECT_TRUE(parseGodebug(s, "gctrace=1,tracefile=/tmp/out dir/trace.json,gcroots=1").empty());
  EXPECT_EQ(s.tracefile, "/tmp/out dir/trace.json");
  EXPECT_EQ(s.gcroots, 1);
  EXPECT_TRUE(parseGodebug(s, "tracefile=a.json,tracefile=b.json").empty());
  EXPECT_EQ(s.tracefile, "b.json");
  EXPECT_TRUE(parseGodebug(s, "tracefile=").empty());
  EXPECT_EQ(s.tracefile, "");
}

TEST(SettingsTest, GodebugAllpSnapshotModes) {
  Settings s;
  EXPECT_TRUE(parseGodebug(s, "allpsnapshot=persistent").empty());
  EXPECT_EQ(s.allpsnapshot, AllpSnapshotMode::Persistent);
  EXPECT_TRUE(parseGodebug(s, "allpsnapshot=m").empty());
  EXPECT_EQ(s.allpsnapshot, AllpSnapshotMode::M);
  // Not a mode: ignored, with a warning that names the modes.
  EXPECT_EQ(parseGodebug(s, "allpsnapshot=heap"),
            std::vector<std::string>{"allpsnapshot=heap not understood (accepted: m, stack, persistent); allpsnapshot stays m"});
  EXPECT_EQ(s.allpsnapshot, AllpSnapshotMode::M);
  EXPECT_STREQ(allpSnapshotModeName(AllpSnapshotMode::Stack), "stack");
}

TEST(SettingsTest, GodebugHeapdumpTakesAPath) {
  Settings s;
  EXPECT_TRUE(parseGodebug(s, "gctrace=1,heapdump=/tmp/heap graph.dot,gcroots=1").empty());
  EXPECT_EQ(s.heapdump, "/tmp/heap graph.dot");
  EXPECT_TRUE(s.gcroots);
  EXPECT_TRUE(parseGodebug(s, "heapdump=h.json").empty());
  EXPECT_EQ(s.heapdump, "h.json");
  EXPECT_TRUE(parseGodebug(s, "heapdump=").empty());  // empty: off, as for tracefile
  EXPECT_EQ(s.heapdump, "");
}

TEST(SettingsTest, GodebugBooleansAreNonZero) {
  Settings s;
  EXPECT_TRUE(parseGodebug(s, "clobberfree=2,gcroots=1").empty());
  EXPECT_TRUE(s.clobberfree);
  EXPECT_TRUE(parseGodebug(s, "clobberfree=0").empty());
  EXPECT_FALSE(s.clobberfree);
  EXPECT_TRUE(s.gcroots);
}

TEST(SettingsTest, GodebugIgnoresUnknownNamesAndJunk) {
  Settings s;
  // gcstoptheworld is Go's and not Goro's: Goro's collector always stops
  // the world for the whole cycle, so it is as unknown as madvdontneed.
  EXPECT_TRUE(parseGodebug(s, "madvdontneed=1,gcstoptheworld=1,,gctrace=2,noequals,=5,gctrace").empty());
  EXPECT_EQ(s.gctrace, 2);
  Settings untouched;
  EXPECT_TRUE(parseGodebug(s, "").empty());
  EXPECT_EQ(s.gctrace, 2);
  EXPECT_EQ(s.schedtrace, untouched.schedtrace);
}

TEST(SettingsTest, GodebugBadValuesKeepTheOldValue) {
  Settings s;
  EXPECT_TRUE(parseGodebug(s, "schedtrace=500,gctrace=1,findrunnabledelay=7").empty());
  std::vector<std::string> warnings =
      parseGodebug(s,
                   "schedtrace=abc,schedtrace=,schedtrace=10ms,schedtrace=-1,schedtrace=+5,"
                   "schedtrace= 5,gctrace=99999999999,findrunnabledelay=-3,scheddetail=yes");
  // One warning per rejected value, each naming what the switch accepts.
  ASSERT_EQ(warnings.size(), 9u);
  EXPECT_EQ(warnings[0], "schedtrace=abc not understood (accepted: milliseconds between lines, 0 for off); schedtrace stays 500");
  EXPECT_EQ(warnings[6], "gctrace=99999999999 not understood (accepted: a whole number, 0 for off); gctrace stays 1");
  EXPECT_EQ(warnings[8], "scheddetail=yes not understood (accepted: 0 or 1); scheddetail stays 0");
  EXPECT_EQ(s.schedtrace, 500);
  EXPECT_EQ(s.gctrace, 1);
  EXPECT_EQ(s.findrunnabledelay, 7);
  EXPECT_FALSE(s.scheddetail);
}

TEST(SettingsTest, GodebugLastOccurrenceWins) {
  Settings s;
  EXPECT_TRUE(parseGodebug(s, "gctrace=1,gctrace=3").empty());
  EXPECT_EQ(s.gctrace, 3);
}

// The delay is bounded (1 s): a larger value is rejected whole, never
// truncated on its way to the sleep (5e9 us once became a 705 s sleep).
TEST(SettingsTest, FindrunnabledelayIsBoundedNotTruncated) {
  Settings s;
  EXPECT_TRUE(parseGodebug(s, "findrunnabledelay=1000000").empty());
  EXPECT_EQ(s.findrunnabledelay, kMaxFindrunnableDelayUs);
  EXPECT_TRUE(parseGodebug(s, "findrunnabledelay=500").empty());
  EXPECT_EQ(s.findrunnabledelay, 500);
  for (const char* bad : {"findrunnabledelay=1000001", "findrunnabledelay=5000000000",
                          "findrunnabledelay=-1", "findrunnabledelay=99999999999999999999"}) {
    EXPECT_EQ(parseGodebug(s, bad).size(), 1u) << bad;
    EXPECT_EQ(s.findrunnabledelay, 500) << bad;
  }
}

TEST(SettingsTest, Gogc) {
  Settings s;
  parseGogc(s, "50");
  EXPECT_EQ(s.gogc, 50);
  parseGogc(s, "off");
  EXPECT_EQ(s.gogc, -1);
  parseGogc(s, "200");
  EXPECT_EQ(s.gogc, 200);
  parseGogc(s, "-7");  // any negative is off
  EXPECT_EQ(s.gogc, -1);
  parseGogc(s, "0");
  EXPECT_EQ(s.gogc, 0);
  parseGogc(s, "OFF");  // Go accepts only lower-case "off"
  parseGogc(s, "");
  parseGogc(s, "12x");
  EXPECT_EQ(s.gogc, 0);
}

TEST(SettingsTest, Gomaxprocs) {
  Settings s;
  parseGomaxprocs(s, "4");
  EXPECT_EQ(s.gomaxprocs, 4);
  parseGomaxprocs(s, "0");
  parseGomaxprocs(s, "-2");
  parseGomaxprocs(s, "four");
  EXPECT_EQ(s.gomaxprocs, 4);
  parseGomaxprocs(s, "100000");
  EXPECT_EQ(s.gomaxprocs, kMaxGomaxprocs);
  EXPECT_EQ(gomaxprocsOrDefault(s), kMaxGomaxprocs);
  Settings unset;
  EXPECT_EQ(gomaxprocsOrDefault(unset), numCPU() > kMaxGomaxprocs ? kMaxGomaxprocs : numCPU());
}

TEST(SettingsTest, LoadFromEnvironment) {
  setenv("GODEBUG", "gctrace=1,allpsnapshot=persistent,bogus=1", 1);
  setenv("GOGC", "off", 1);
  setenv("GOMAXPROCS", "3", 1);
  Settings s;
  loadFromEnvironment(s);
  unsetenv("GODEBUG");
  unsetenv("GOGC");
  unsetenv("GOMAXPROCS");
  EXPECT_EQ(s.gctrace, 1);
  EXPECT_EQ(s.allpsnapshot, AllpSnapshotMode::Persistent);
  EXPECT_EQ(s.gogc, -1);
  EXPECT_EQ(s.gomaxprocs, 3);

  Settings empty;
  loadFromEnvironment(empty);
  EXPECT_EQ(empty.gogc, 100);
  EXPECT_EQ(empty.gomaxprocs, 0);
}

TEST(SettingsTest, Gotraceback) {
  struct Case {
    const char* value;
    int level;
    bool all;
    bool crash;
  };
  const Case cases[] = {
      {"none", 0, false, false}, {"single", 1, false, false}, {"", 1, false, false},
      {"all", 1, true, false},   {"system", 2, true, false},  {"crash", 2, true, true},
      {"0", 0, true, false},     {"1", 1, true, false},       {"2", 2, true, false},
  };
  for (const Case& c : cases) {
    Settings s;
    EXPECT_TRUE(parseGotraceback(s, c.value)) << c.value;
    EXPECT_EQ(s.traceback.level, c.level) << c.value;
    EXPECT_EQ(s.traceback.all, c.all) << c.value;
    EXPECT_EQ(s.traceback.crash, c.crash) << c.value;
  }
  Settings s;
  parseGotraceback(s, "system");
  for (const char* bad : {"everything", "-1", "2x", "ALL"}) {
    EXPECT_FALSE(parseGotraceback(s, bad)) << bad;
    EXPECT_EQ(s.traceback.level, 2) << bad;
  }
}

TEST(SettingsTest, BadGotracebackWarnsAndKeepsTheDefault) {
  setenv("GOTRACEBACK", "loud", 1);
  Settings s;
  testing::internal::CaptureStderr();
  loadFromEnvironment(s);
  std::string err = testing::internal::GetCapturedStderr();
  unsetenv("GOTRACEBACK");
  EXPECT_EQ(err, std::string("goro: GOTRACEBACK=loud not understood (accepted: ") + kGotracebackValues +
                     "); using single\n");
  EXPECT_EQ(s.traceback.level, 1);
  EXPECT_FALSE(s.traceback.all);
}

TEST(ByteSizeTest, ParsesGoFormsAndDecimalUnits) {
  EXPECT_EQ(parseByteSize("0"), 0u);
  EXPECT_EQ(parseByteSize("12345"), 12345u);
  EXPECT_EQ(parseByteSize("12345B"), 12345u);
  EXPECT_EQ(parseByteSize("3KiB"), 3u << 10);
  EXPECT_EQ(parseByteSize("512MiB"), 512u << 20);
  EXPECT_EQ(parseByteSize("2GiB"), uint64_t{2} << 30);
  EXPECT_EQ(parseByteSize("1TiB"), uint64_t{1} << 40);
  EXPECT_EQ(parseByteSize("3KB"), 3000u);
  EXPECT_EQ(parseByteSize("5MB"), 5000000u);
  EXPECT_EQ(parseByteSize("2GB"), 2000000000u);
  EXPECT_EQ(parseByteSize("1TB"), 1000000000000u);
  EXPECT_EQ(parseByteSize("8388607TiB"), (uint64_t{1} << 63) - (uint64_t{1} << 40));
}

TEST(ByteSizeTest, RejectsWhatGoRejects) {
  for (const char* bad : {"", "MiB", "-1", "+5", "1.5GiB", "5 MiB", "5mib", "5Mb", "5M", "5KiBB", "0x10",
                          "8388608TiB", "99999999999999999999", "9223372036854775808"}) {
    EXPECT_FALSE(parseByteSize(bad).has_value()) << bad;
  }
}

TEST(ByteSizeTest, FormatsForPeople) {
  EXPECT_STREQ(formatByteSize(0).c_str(), "0 B");
  EXPECT_STREQ(formatByteSize(1023).c_str(), "1023 B");
  EXPECT_STREQ(formatByteSize(1536).c_str(), "1.5 KiB");
  EXPECT_STREQ(formatByteSize(64u << 20).c_str(), "64.0 MiB");
  EXPECT_STREQ(formatByteSize(uint64_t{3} << 29).c_str(), "1.50 GiB");
  EXPECT_STREQ(formatByteSize(UINT64_MAX).c_str(), "17179869184.00 GiB");
}

TEST(SettingsTest, MemoryLimit) {
  Settings s;
  EXPECT_TRUE(parseMemoryLimit(s, "64MiB"));
  EXPECT_EQ(s.memoryLimit, 64u << 20);
  EXPECT_FALSE(parseMemoryLimit(s, "64 MiB"));
  EXPECT_EQ(s.memoryLimit, 64u << 20);  // unchanged
  EXPECT_TRUE(parseMemoryLimit(s, "off"));
  EXPECT_EQ(s.memoryLimit, 0u);
}

TEST(SettingsTest, NumCPUIsPositiveAndStable) {
  EXPECT_GE(numCPU(), 1);
  EXPECT_EQ(numCPU(), numCPU());
}

TEST(SettingsTest, GlobalSettingsAreOneObject) { EXPECT_EQ(&settings(), &settings()); }

}  // namespace
}  // namespace goro::runtime

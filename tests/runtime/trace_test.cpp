// The execution trace's recorder and writer (runtime/trace_events.h,
// runtime/trace_writer.h), without the scheduler: events recorded by hand
// from several threads, the file parsed back with nlohmann-json.
//
// The recorder is one per process and starts once, so each test that
// starts it relies on gtest_discover_tests running every test in its own
// process.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "runtime/trace_events.h"
#include "runtime/trace_writer.h"

namespace goro::runtime::trace {
namespace {

using nlohmann::json;

std::string tempPath(const char* name) {
  return std::string(::testing::TempDir()) + "goro_trace_" + name + "_" + std::to_string(getpid()) + ".json";
}

json readTrace(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);  // throws, failing the test, if it is not valid JSON
}

std::string micros(int64_t ns) {
  char out[32];
  return std::string(out, formatMicros(ns, out));
}

TEST(TraceWriter, FormatsNanosecondsAsExactMicroseconds) {
  EXPECT_EQ(micros(0), "0.000");
  EXPECT_EQ(micros(7), "0.007");
  EXPECT_EQ(micros(1234567), "1234.567");
  EXPECT_EQ(micros(1000), "1.000");
  EXPECT_EQ(micros(-5), "0.000");  // before the epoch: clamped, never a minus sign
}

TEST(TraceWriter, EventTextEscapesAndReportsOverflow) {
  EventText t;
  t.str("{\"name\":\"").escaped("a \"b\"\\c\n").str("\",\"n\":").i64(-42).str(",\"u\":").u64(18446744073709551615u);
  t.str("}");
  EXPECT_FALSE(t.overflowed());
  json j = json::parse(t.view());
  EXPECT_EQ(j["name"], "a \"b\"\\c");
  EXPECT_EQ(j["n"], -42);
  EXPECT_EQ(j["u"], 18446744073709551615u);

  EventText big;
  for (int i = 0; i < 100; i++) big.str("0123456789");
  EXPECT_TRUE(big.overflowed());
  EXPECT_EQ(big.view().size(), kMaxEventBytes);
}

TEST(TraceRecorder, IsOffUntilStarted) {
  EXPECT_FALSE(on());
  finish();  // nothing to finish: does nothing
  EXPECT_FALSE(on());
}

TEST(TraceRecorder, AnUnwritablePathIsRefusedWithAMessage) {
  std::string error;
  EXPECT_FALSE(start("/nonexistent-dir/trace.json", "test", &error));
  EXPECT_EQ(error, "open /nonexistent-dir/trace.json: no such file or directory");
  EXPECT_FALSE(on());
}

// Every kind of event, from the main thread and from threads that record
// more than a buffer holds and then exit; slices left open are closed by
// finish().
TEST(TraceRecorder, WritesCompleteJsonFromManyThreads) {
  std::string path = tempPath("many");
  std::string error;
  ASSERT_TRUE(start(path, "goro test \"version\"", &error)) << error;
  ASSERT_TRUE(on());

  procresize(0, 2);
  newAllpArray(2, 2, 1);
  stopTheWorldBegin("test only");
  int64_t t0 = nowNs();
  int64_t t1 = nowNs() + 1000;
  gcPhase("mark", t0, t1, "marked", 10, 640);
  stopTheWorldEnd();

  constexpr int kThreads = 4;
  constexpr int kRunsEach = 1500;  // about 300 KB of events per thread: several flushes
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; t++) {
    threads.emplace_back([t] {
      for (int i = 0; i < kRunsEach; i++) {
        uint64_t goid = static_cast<uint64_t>(t * kRunsEach + i + 100);
        runBegin(t % 2, t + 1, goid);
        goBlock(t % 2, t + 1, goid, "chan receive");
        runEnd(RunEnd::Block);
      }
      plessTailBegin(t + 1, 1, AllpSnapshotMode::M);
      plessTailEnd();
    });
  }
  for (auto& th : threads) th.join();

  // A thread that exits writes what its buffer holds (one event here) and
  // gives the buffer back: the event is in the file before finish().
  std::thread([] { goCreate(0, 1, 424242, 1); }).join();
  {
    std::ifstream in(path);
    std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(written.find("\"go G424242\""), std::string::npos);
  }

  // Left open: closed at the end with "unfinished".
  parkBegin(7, "stopm");
  runBegin(1, 0, 5);
  goCreate(1, 0, 6, 5);
  goReady(-1, -1, 6);  // no P, no M: the world track
  finish();
  EXPECT_FALSE(on());
  finish();                   // a second call does nothing
  goCreate(0, 0, 99, 1);      // after the end: dropped
  runEnd(RunEnd::Exit);

  json doc = readTrace(path);
  EXPECT_EQ(doc["displayTimeUnit"], "ns");
  EXPECT_EQ(doc["otherData"]["goro"], "goro test \"version\"");
  EXPECT_EQ(doc["otherData"]["gomaxprocs"], 2);

  std::map<std::string, int> byCat;
  int runsOnP = 0, runsOnM = 0, blocks = 0;
  bool sawUnfinishedPark = false, sawUnfinishedRun = false, sawWorldReady = false, sawLate = false;
  std::map<int64_t, std::string> mNames;
  for (const json& ev : doc["traceEvents"]) {
    std::string ph = ev["ph"];
    if (ph == "M") {
      if (ev["name"] == "thread_name" && ev["pid"] == 2) mNames[ev["tid"]] = ev["args"]["name"];
      continue;
    }
    byCat[ev.value("cat", ph)]++;
    ASSERT_TRUE(ev["ts"].is_number()) << ev.dump();
    if (ph == "X") {
      ASSERT_TRUE(ev["dur"].is_number()) << ev.dump();
      if (ev["cat"] == "goroutine") {
        (ev["pid"] == 1 ? runsOnP : runsOnM)++;
        if (ev["args"]["goid"] == 5) {
          EXPECT_EQ(ev["args"]["end"], "exit");
          EXPECT_EQ(ev["args"].value("unfinished", false), true);
          sawUnfinishedRun = true;
        }
      }
      if (ev["cat"] == "m") {
        EXPECT_EQ(ev["tid"], 7);
        EXPECT_EQ(ev["args"]["unfinished"], true);
        sawUnfinishedPark = true;
      }
    }
    if (ph == "i" && ev["cat"] == "goroutine") {
      std::string name = ev["name"];
      if (name.rfind("block G", 0) == 0) {
        blocks++;
        EXPECT_EQ(ev["args"]["reason"], "chan receive");
      }
      if (name == "ready G6") {
        EXPECT_EQ(ev["pid"], 3);
        sawWorldReady = true;
      }
      if (name == "go G99") sawLate = true;
    }
  }
  EXPECT_EQ(runsOnP, kThreads * kRunsEach + 1);
  EXPECT_EQ(runsOnM, kThreads * kRunsEach + 1);
  EXPECT_EQ(blocks, kThreads * kRunsEach);
  EXPECT_EQ(byCat["stw"], 1);
  EXPECT_EQ(byCat["gc"], 1);
  EXPECT_EQ(byCat["procresize"], 1);
  EXPECT_EQ(byCat["C"], 1);
  EXPECT_EQ(byCat["allp"], 1);
  EXPECT_EQ(byCat["findrunnable"], kThreads);
  EXPECT_TRUE(sawUnfinishedPark);
  EXPECT_TRUE(sawUnfinishedRun);
  EXPECT_TRUE(sawWorldReady);
  EXPECT_FALSE(sawLate);
  // Every M seen is named, up to the highest.
  for (int64_t m = 0; m <= 7; m++) EXPECT_EQ(mNames[m], "M" + std::to_string(m));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace goro::runtime::trace

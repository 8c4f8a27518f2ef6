// Tests of `goro trace view`'s two halves: reading a trace into the model
// (lang/cmd/trace_view.h: what it keeps, what it skips, what it refuses)
// and drawing it (lang/cmd/trace_svg.h: labels, escaping, colours and the
// size bound on long traces). The example traces are in traces/, written
// by hand to the format; trace_view_check.py parses the SVGs back as XML.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "lang/cmd/trace_svg.h"
#include "lang/cmd/trace_view.h"

namespace goro::lang::cmd {
namespace {

std::string tracePath(const std::string& name) { return std::string(GORO_TRACES_DIR) + "/" + name; }

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) n++;
  return n;
}

std::string readError(std::string_view json) {
  try {
    readTrace(json);
  } catch (const TraceError& e) {
    return e.what();
  }
  return "(no error)";
}

// ---- The model ----

TEST(TraceModel, ReadsEveryKindOfEventIntoItsLane) {
  TraceModel m = readTraceFile(tracePath("growth.json"));
  ASSERT_EQ(m.ps.size(), 4u);
  ASSERT_EQ(m.ms.size(), 4u);
  EXPECT_EQ(m.ps.at(2).label, "P2");
  EXPECT_EQ(m.ms.at(3).label, "M3");

  const TraceLane& p0 = m.ps.at(0);
  ASSERT_EQ(p0.runs.size(), 5u);
  EXPECT_EQ(p0.runs[0].goid, 1);
  EXPECT_EQ(p0.runs[0].dur, 1200);
  EXPECT_EQ(p0.runs[0].details, "goid=1, m=0, end=preempted");
  EXPECT_EQ(p0.runs[1].goid, 6);
  ASSERT_EQ(p0.marks.size(), 4u);
  EXPECT_EQ(p0.marks[0].name, "go G5");
  EXPECT_EQ(p0.marks[3].name, "ready G5");
  EXPECT_EQ(m.ps.at(1).marks.at(0).name, "block G5: chan receive");

  const TraceLane& m1 = m.ms.at(1);
  EXPECT_EQ(m1.runs.size(), 4u);
  ASSERT_EQ(m1.tails.size(), 1u);
  EXPECT_EQ(m1.tails[0].name, "P-less tail");
  EXPECT_EQ(m1.tails[0].details, "snapshot=allp serial 2 len 4");
  ASSERT_EQ(m1.states.size(), 1u);
  EXPECT_EQ(m1.states[0].name, "parked");
  EXPECT_EQ(m.ms.at(3).states.size(), 2u);

  ASSERT_EQ(m.stopTheWorld.size(), 2u);
  EXPECT_EQ(m.stopTheWorld[0].name, "stop-the-world (GOMAXPROCS)");
  EXPECT_EQ(m.stopTheWorld[1].name, "stop-the-world (GC)");
  ASSERT_EQ(m.gcPhases.size(), 2u);
  EXPECT_EQ(m.gcPhases[0].name, "mark");
  EXPECT_EQ(m.gcPhases[1].name, "sweep");
  ASSERT_EQ(m.procresizes.size(), 1u);
  EXPECT_EQ(m.procresizes[0].name, "GOMAXPROCS 2 -> 4");
  EXPECT_EQ(m.procresizes[0].details, "from=2, to=4");
  ASSERT_EQ(m.gomaxprocs.size(), 2u);
  EXPECT_EQ(m.gomaxprocs[0].value, 2);
  EXPECT_EQ(m.gomaxprocs[1].value, 4);
  ASSERT_EQ(m.allpArrays.size(), 2u);
  EXPECT_EQ(m.allpArrays[1].details, "cap=4, len=4, serial=2");

  EXPECT_EQ(m.begin, 0);
  EXPECT_EQ(m.end, 6000);
  EXPECT_EQ(m.skippedEvents, 2u);  // the "B" event and the netpoll slice
  EXPECT_EQ(m.drawnEvents, 57u - 13u - 2u);
}

TEST(TraceModel, SortsEventsWrittenOutOfOrder) {
  // The recorder flushes per-thread buffers, so a file is not in time order.
  TraceModel m = readTrace(R"({"traceEvents": [
    {"ph": "X", "cat": "goroutine", "name": "G2", "pid": 1, "tid": 0, "ts": 50, "dur": 5},
    {"ph": "i", "cat": "procresize", "name": "GOMAXPROCS 4 -> 2", "ts": 40},
    {"ph": "X", "cat": "goroutine", "name": "G1", "pid": 1, "tid": 0, "ts": 10, "dur": 5},
    {"ph": "i", "cat": "procresize", "name": "GOMAXPROCS 2 -> 4", "ts": 20}]})");
  ASSERT_EQ(m.ps.at(0).runs.size(), 2u);
  EXPECT_EQ(m.ps.at(0).runs[0].goid, 1);
  EXPECT_EQ(m.ps.at(0).runs[1].goid, 2);
  EXPECT_EQ(m.procresizes.at(0).name, "GOMAXPROCS 2 -> 4");
  EXPECT_EQ(m.begin, 10);
  EXPECT_EQ(m.end, 55);
}

TEST(TraceModel, SortsEachLaneByTime) {
  TraceModel m = readTraceFile(tracePath("growth.json"));
  for (const auto* lanes : {&m.ps, &m.ms}) {
    for (const auto& [id, lane] : *lanes) {
      EXPECT_TRUE(std::is_sorted(lane.runs.begin(), lane.runs.end(),
                                 [](const TraceSlice& a, const TraceSlice& b) { return a.start < b.start; }))
          << lane.label;
    }
  }
}

TEST(TraceModel, SkipsWhatItDoesNotKnowAndToleratesMissingFields) {
  TraceModel m = readTraceFile(tracePath("tolerant.json"));
  ASSERT_EQ(m.ps.size(), 2u);
  const TraceLane& p0 = m.ps.at(0);
  ASSERT_EQ(p0.runs.size(), 3u);
  EXPECT_EQ(p0.label, "P0");
  EXPECT_EQ(p0.runs[0].goid, 3);  // from the name, without args
  EXPECT_EQ(p0.runs[1].dur, 0);   // no dur
  EXPECT_EQ(p0.runs[2].details, "goid=4, future={\"nested\":[1,2]}");
  EXPECT_EQ(m.ps.at(1).runs.at(0).goid, -1);  // "mystery": no goroutine id
  ASSERT_EQ(m.stopTheWorld.size(), 1u);
  EXPECT_EQ(m.stopTheWorld[0].name, "");
  EXPECT_EQ(m.procresizes.size(), 1u);
  ASSERT_EQ(m.gomaxprocs.size(), 1u);  // a counter with a lone value; not one without
  EXPECT_EQ(m.gomaxprocs[0].value, 3);
  EXPECT_EQ(m.drawnEvents, 7u);
  EXPECT_EQ(m.skippedEvents, 8u);
  EXPECT_EQ(m.begin, 10);
  EXPECT_EQ(m.end, 130);
}

TEST(TraceModel, ProcessNamesGiveThePidsTheirRoles) {
  TraceModel m = readTrace(R"({"traceEvents": [
    {"ph": "X", "cat": "goroutine", "name": "G2", "pid": 7, "tid": 4, "ts": 1, "dur": 2},
    {"ph": "M", "name": "process_name", "pid": 7, "args": {"name": "Ps"}},
    {"ph": "M", "name": "process_name", "pid": 1, "args": {"name": "something else"}},
    {"ph": "X", "cat": "goroutine", "name": "G3", "pid": 1, "tid": 0, "ts": 1, "dur": 2}]})");
  ASSERT_EQ(m.ps.size(), 2u);  // pid 1 keeps its default role
  EXPECT_EQ(m.ps.at(4).runs.at(0).goid, 2);
  EXPECT_EQ(m.ps.at(0).runs.at(0).goid, 3);
}

TEST(TraceModel, AnEmptyTraceIsATrace) {
  TraceModel m = readTraceFile(tracePath("empty.json"));
  EXPECT_TRUE(m.ps.empty());
  EXPECT_EQ(m.drawnEvents, 0u);
  EXPECT_EQ(m.begin, 0);
  EXPECT_EQ(m.end, 0);
}

TEST(TraceModel, RefusesWhatIsNotATrace) {
  EXPECT_EQ(readError("").rfind("not JSON: ", 0), 0u) << readError("");
  EXPECT_NE(readError("{\"traceEvents\": [{\"ph\": \"X\", \"ts\": 1,").find("not JSON: "), std::string::npos);
  EXPECT_EQ(readError(R"({"name": "x"})"), "not a trace: the JSON object has no \"traceEvents\"");
  EXPECT_EQ(readError(R"({"traceEvents": {}})"), "not a trace: \"traceEvents\" is object, not an array");
  EXPECT_EQ(readError("42"), "not a trace: the JSON is number, not an object with \"traceEvents\"");
  EXPECT_EQ(readError(R"({"traceEvents": [{}, 7]})"), "event 1 is number, not an object");
  EXPECT_EQ(readError(R"([{"ph": "X", "ts": "12"}])"), "event 0: \"ts\" is string, not a number");
  EXPECT_EQ(readError(R"([{"ph": "X", "ts": 1, "dur": true}])"), "event 0: \"dur\" is boolean, not a number");
  EXPECT_EQ(readError(R"([{"ph": "X", "ts": 1, "dur": -3}])"), "event 0: \"dur\" is negative");
  EXPECT_EQ(readError(R"([{"ph": "i", "ts": 1, "args": [1]}])"), "event 0: \"args\" is array, not an object");
}

TEST(TraceModel, MalformedAndMissingFilesAreTraceErrors) {
  try {
    readTraceFile(tracePath("malformed.json"));
    FAIL() << "malformed.json was read";
  } catch (const TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("not JSON: "), std::string::npos) << e.what();
  }
  try {
    readTraceFile(tracePath("no-such-trace.json"));
    FAIL() << "a missing file was read";
  } catch (const TraceError& e) {
    EXPECT_EQ(std::string(e.what()), "open " + tracePath("no-such-trace.json") + ": no such file or directory");
  }
}

// ---- The picture ----

TEST(TraceSvg, EscapesTextForXml) {
  EXPECT_EQ(xmlEscape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  EXPECT_EQ(xmlEscape(std::string("x\x01y\0z", 5)), "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
  EXPECT_EQ(xmlEscape("tab\tnewline\n µs"), "tab\tnewline\n µs");
}

TEST(TraceSvg, EscapesEveryTextFromTheTrace) {
  std::string svg = renderTraceSvg(readTraceFile(tracePath("escaping.json")), {});
  EXPECT_EQ(svg.find("<test>"), std::string::npos);
  EXPECT_EQ(svg.find("<main>"), std::string::npos);
  EXPECT_EQ(svg.find("<chan>"), std::string::npos);
  EXPECT_NE(svg.find("stop-the-world (&lt;test&gt; &amp; &quot;quotes&quot; ]]&gt;)"), std::string::npos);
  EXPECT_NE(svg.find("P0 &lt;main&gt; &amp; &quot;co&quot;"), std::string::npos);
  EXPECT_NE(svg.find("reason=a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c"), std::string::npos);
}

TEST(TraceSvg, DrawsLanesRunsAndRuntimeEvents) {
  TraceSvgOptions options;
  options.title = "growth.json";
  std::string svg = renderTraceSvg(readTraceFile(tracePath("growth.json")), options);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("width=\"1200\""), std::string::npos);
  for (const char* label : {">P0<", ">P3<", ">M0<", ">M3<", ">world<", ">GOMAXPROCS<", ">G1<", ">G7<"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  EXPECT_NE(svg.find(">GOMAXPROCS 2 -&gt; 4</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>G5 on P3\nat 3.800 ms for 800 µs\ngoid=5, m=3, end=preempted</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<title>stop-the-world (GC)\nat 4.700 ms for 900 µs\nreason=GC</title>"), std::string::npos);
  EXPECT_NE(svg.find(">mark</text>"), std::string::npos);
  EXPECT_NE(svg.find("<title>new allp array\nat 2.250 ms\ncap=4, len=4, serial=2</title>"), std::string::npos);
  EXPECT_NE(svg.find("<title>P-less tail on M1"), std::string::npos);
  EXPECT_NE(svg.find("<title>parked on M3"), std::string::npos);
  EXPECT_NE(svg.find("<title>block G5: chan receive\n"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"url(#pless-tail)\""), std::string::npos);
  EXPECT_NE(svg.find("growth.json: 4 Ps, 4 Ms, 6.000 ms, 42 events drawn, 2 of other kinds skipped"),
            std::string::npos);
  // The axis: 6 ms across about 1100 pixels is a tick every millisecond.
  EXPECT_NE(svg.find(">0 ms</text>"), std::string::npos);
  EXPECT_NE(svg.find(">6 ms</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">7 ms</text>"), std::string::npos);
  // Every G run is drawn in its goroutine's colour.
  EXPECT_NE(svg.find(std::string("fill=\"") + goroutineColour(7) + "\"><title>G7 on P2"), std::string::npos);
}

TEST(TraceSvg, CutsAStopTheWorldReasonToItsBar) {
  TraceModel m;
  m.stopTheWorld.push_back({0, 1000, "stop-the-world (garbage collection (forced))", "stw", "", -1});
  m.stopTheWorld.push_back({5000, 3000, "stop-the-world (GOMAXPROCS)", "stw", "", -1});
  m.end = 10000;
  m.drawnEvents = 2;
  // 1000 of 10000 µs across 1104 pixels: a bar of 110 pixels holds
  // seventeen glyphs, not the name nor the whole reason.
  std::string svg = renderTraceSvg(m, {});
  EXPECT_NE(svg.find(">garbage collecti…</text>"), std::string::npos);
  EXPECT_NE(svg.find(">stop-the-world (GOMAXPROCS)</text>"), std::string::npos);
}

TEST(TraceSvg, KeepsItsWidthWithinBounds) {
  TraceModel m = readTraceFile(tracePath("growth.json"));
  TraceSvgOptions options;
  options.width = 10;
  EXPECT_NE(renderTraceSvg(m, options).find("width=\"400\""), std::string::npos);
  options.width = 2000;
  EXPECT_NE(renderTraceSvg(m, options).find("width=\"2000\""), std::string::npos);
}

TEST(TraceSvg, SaysWhenThereIsNothingToDraw) {
  std::string svg = renderTraceSvg(readTraceFile(tracePath("empty.json")), {});
  EXPECT_NE(svg.find(">no events to draw</text>"), std::string::npos);
}

TEST(TraceSvg, GoroutineColoursAreStableAndDistinctForTwelveIds) {
  std::set<std::string> colours;
  for (int64_t id = 1; id <= 12; id++) colours.insert(goroutineColour(id));
  EXPECT_EQ(colours.size(), 12u);
  EXPECT_STREQ(goroutineColour(5), goroutineColour(17));
  EXPECT_STREQ(goroutineColour(-7), goroutineColour(5));
}

// 100,000 goroutine runs on 8 Ps (and their Ms), a thousand GOMAXPROCS
// changes and collections, spaced to leave the merging as many groups as
// it can: the picture stays within one shape per three pixels per lane
// (plus the wide runs) and under 2 MB.
TEST(TraceSvg, ALongTraceGivesABoundedPicture) {
  TraceModel m;
  const int kPs = 8, kRunsPerP = 12500;
  double last = 0;
  for (int p = 0; p < kPs; p++) {
    TraceLane& pLane = m.ps[p];
    TraceLane& mLane = m.ms[p];
    pLane.label = "P" + std::to_string(p);
    mLane.label = "M" + std::to_string(p);
    // Runs of 7 µs, 3 µs apart, with a gap of about three pixels every 40
    // runs (the most groups the merging leaves) and a run wide enough to
    // be drawn alone every 1000.
    double t = p;
    for (int j = 0; j < kRunsPerP; j++) {
      TraceSlice run;
      run.start = t;
      run.dur = j % 1000 == 999 ? 700 : 7;
      run.goid = (p * kRunsPerP + j) % 97;
      run.name = "G" + std::to_string(run.goid);
      run.category = "goroutine";
      run.details = "goid=" + std::to_string(run.goid) + ", m=" + std::to_string(p) + ", end=preempted";
      pLane.runs.push_back(run);
      mLane.runs.push_back(run);
      t = run.end() + (j % 40 == 39 ? 800 : 3);
    }
    last = std::max(last, t);
  }
  for (int k = 0; k < 1000; k++) {
    double t = k * last / 1000;
    m.procresizes.push_back({t, "GOMAXPROCS 4 -> 8", "procresize", "from=4, to=8"});
    m.allpArrays.push_back({t, "new allp array", "allp", "cap=8, len=8, serial=" + std::to_string(k)});
    m.gomaxprocs.push_back({t, static_cast<double>(k % 2 ? 4 : 8)});
    m.stopTheWorld.push_back({t, 3, "stop-the-world (GOMAXPROCS)", "stw", "", -1});
  }
  m.begin = 0;
  m.end = last;
  m.drawnEvents = 2 * kPs * kRunsPerP + 4000;

  std::string svg = renderTraceSvg(m, {});
  const size_t lanes = 2 * kPs + 2;
  EXPECT_LT(svg.size(), 2000u * 1000u) << "bytes";
  EXPECT_LE(count(svg, "<rect"), lanes * (1200 / 3 + 13) + 100);
  EXPECT_GT(count(svg, "each narrower than a pixel, merged"), 0u);
  EXPECT_EQ(count(svg, "<title>"), count(svg, "</title>"));
}

}  // namespace
}  // namespace goro::lang::cmd

// lang/cmd/trace_view.h: a Goro execution trace read back into a model for
// `goro trace view` (the picture is drawn by lang/cmd/trace_svg.h).
//
// The file is Chrome's trace-event JSON, as `goro run --trace` writes it:
//
//   {"traceEvents": [...], "displayTimeUnit": "ns", "otherData": {...}}
//
// (a bare array of events, the format's other form, is read too). Times
// (ts, dur) are microseconds, as floats. The events are grouped into
// tracks by pid and tid:
//
//   pid 1 "Ps"       tid = the P's id,  thread_name "P<id>"
//   pid 2 "Ms"       tid = the M's id,  thread_name "M<id>"
//   pid 3 "runtime"  tid 0 "world", tid 1 "GOMAXPROCS"
//
// (a process_name metadata event naming "Ps", "Ms" or "runtime" moves that
// role to its pid). The events the viewer draws, by phase and category:
//
//   X goroutine     a G's run: name "G<goid>", args goid, m, end; on its
//                   P's track and on its M's track
//   X stw           stop-the-world, name "stop-the-world (<reason>)"
//   X gc            a collection phase inside it: "mark", "sweep"
//   X m             an M's state, "parked"
//   X findrunnable  findRunnable's "P-less tail" on an M's track
//   i procresize    a GOMAXPROCS change "GOMAXPROCS a -> b", args from, to
//   C GOMAXPROCS    the counter, args procs
//   i allp          a new allp array, args cap, len, serial
//   i goroutine     "go G5", "block G5: chan receive", "ready G5"
//
// The format grows: an event of another phase or category, or on a track
// the viewer does not know, is skipped (and counted). Optional fields may be
// missing (a slice without dur is an instant-wide slice; a drawn event
// without ts is skipped). What is not a trace at all is refused with a
// TraceError: text that is not JSON, JSON without a traceEvents array, an
// event that is not an object, a known field of the wrong type.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace goro::lang::cmd {

// Why a file could not be read as a trace; what() is one line for the user.
class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One span of time (ph "X"). Times in microseconds; dur >= 0.
struct TraceSlice {
  double start = 0;
  double dur = 0;
  std::string name;
  std::string category;
  std::string details;  // the args as "key=value, ...", for the tooltip
  int64_t goid = -1;    // the G's id for a goroutine run, else -1
  double end() const { return start + dur; }
};

// One moment (ph "i").
struct TraceInstant {
  double ts = 0;
  std::string name;
  std::string category;
  std::string details;
};

// One value of the GOMAXPROCS counter (ph "C"), from ts on.
struct TraceCounterPoint {
  double ts = 0;
  double value = 0;
};

// One P or M track. Its slices are sorted by start (readTrace sorts them).
struct TraceLane {
  int64_t id = 0;
  std::string label;  // thread_name, else "P<id>" / "M<id>"
  std::vector<TraceSlice> runs;      // goroutine runs
  std::vector<TraceSlice> states;    // M tracks: parked spans (category "m")
  std::vector<TraceSlice> tails;     // M tracks: findRunnable's P-less tails
  std::vector<TraceInstant> marks;   // goroutine go/block/ready on this track
};

// The trace as the viewer draws it. Every vector is sorted by time.
struct TraceModel {
  std::map<int64_t, TraceLane> ps;  // by P id
  std::map<int64_t, TraceLane> ms;  // by M id
  std::vector<TraceSlice> stopTheWorld;
  std::vector<TraceSlice> gcPhases;             // mark, sweep
  std::vector<TraceInstant> procresizes;        // GOMAXPROCS changes
  std::vector<TraceCounterPoint> gomaxprocs;    // the counter
  std::vector<TraceInstant> allpArrays;         // new allp arrays
  // The time span of everything drawn, microseconds; begin <= end (both 0
  // when nothing is drawn).
  double begin = 0;
  double end = 0;
  size_t drawnEvents = 0;    // events that went into the model
  size_t skippedEvents = 0;  // events of kinds the viewer does not draw
};

// Reads a trace from JSON text; throws TraceError when it is not one.
TraceModel readTrace(std::string_view json);

// Reads the trace file at path; a file that cannot be opened is a
// TraceError too ("open PATH: reason").
TraceModel readTraceFile(const std::string& path);

}  // namespace goro::lang::cmd

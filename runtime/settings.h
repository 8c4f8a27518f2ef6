// Runtime settings: the GODEBUG switches, GOGC, GOMAXPROCS and GOTRACEBACK,
// read from the environment at startup and then, by the goro command, from
// its command line (a later source overrides an earlier one).
//
// Invariant: settings() is written only during startup, before the scheduler
// starts any thread, and is read-only afterwards, so reads need no lock.
// Things that change while running (the current GOMAXPROCS after a
// runtime.GOMAXPROCS call, the GC percent) are state of the scheduler and
// the collector, which take their initial values from here.
//
// Parsing follows Go: GODEBUG is a comma-separated list of name=value; an
// unknown name is ignored, and so is a known name with a malformed or
// out-of-range value (the field keeps what it had). When a name appears more
// than once, the last one wins. Every numeric GODEBUG value is a decimal
// integer; the boolean switches are on for any non-zero value. Unlike Go,
// negative values are rejected, since none of these switches gives them a
// meaning.
//
// Go's gcstoptheworld is not here: Goro's collector always stops the world
// for the whole cycle, marking and sweeping (gc/collector.h), so the switch
// would have nothing to change; like any unknown name it is ignored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <string_view>

namespace goro::runtime {

// Where findRunnable keeps its copy of allp while it has no P (docs/design.md,
// "The bug this runtime is built around").
enum class AllpSnapshotMode : uint8_t {
  M,           // in the M (m.allpSnapshot), scanned through allm: Go's fix
  Stack,       // a local on the M's native stack, not scanned: Go's bug
  Persistent,  // allp arrays are never freed (leaked on purpose and counted)
};

// "m", "stack" or "persistent", as written in GODEBUG.
const char* allpSnapshotModeName(AllpSnapshotMode mode);

// GOMAXPROCS is clamped to this, as Go clamps to _MaxGomaxprocs.
inline constexpr int kMaxGomaxprocs = 1024;
// The largest GODEBUG=findrunnabledelay accepted, in microseconds (1 s).
inline constexpr int64_t kMaxFindrunnableDelayUs = 1'000'000;

// GOTRACEBACK, as Go's setTraceback decodes it: a level (0 none, 1 the
// program's frames, 2 also the runtime's: here the native stacks of the
// reporting thread and of every M), whether every goroutine is printed
// rather than only the failing one, and whether the process then aborts with
// SIGABRT instead of exiting with status 2.
//   none   -> level 0            single (or empty) -> level 1
//   all    -> level 1, all       system -> level 2, all
//   crash  -> level 2, all, crash
//   N (a decimal number)         -> level N, all (Go's numeric form; 0, 1, 2)
struct TracebackSetting {
  int level = 1;
  bool all = false;
  bool crash = false;
};

// The values parseGotraceback accepts, for the warning about a bad one.
inline constexpr const char* kGotracebackValues = "none, single, all, system, crash, or a number (0, 1, 2)";

inline constexpr int64_t kDefaultMaxGoroutines = 10'000'000;
inline constexpr int kDefaultMaxThreads = 10000;

struct Settings {
  // GODEBUG=gctrace=N: N >= 1 prints one line per GC cycle to stderr (cycle,
  // time, pause, heap before/after/goal, roots by class, Ps).
  int gctrace = 0;
  // GODEBUG=schedtrace=MS: every MS milliseconds a SCHED line (gomaxprocs,
  // idle Ps, threads, spinning and idle threads, run queues); 0 is off.
  int schedtrace = 0;
  // GODEBUG=scheddetail=1: with schedtrace, also one line per P, M and G.
  bool scheddetail = false;
  // GODEBUG=allpsnapshot=m|stack|persistent: see AllpSnapshotMode.
  AllpSnapshotMode allpsnapshot = AllpSnapshotMode::M;
  // GODEBUG=clobberfree=1: the sweeper overwrites every freed object with a
  // poison pattern, so a use after free reads garbage that is recognisable.
  bool clobberfree = false;
  // GODEBUG=gcroots=1: after each GC cycle, the root report: for each root
  // class, the objects and bytes it reaches and that only it keeps alive,
  // and below it its slots that alone keep something alive, the largest
  // first, at most ten per class; gcroots=2 lists every such slot.
  int gcroots = 0;
  // GODEBUG=gccheckmark=1: after marking, verify the mark (every object
  // reachable from a marked one is marked) and die if it is not.
  bool gccheckmark = false;
  // GODEBUG=gcmarkworkers=N: every cycle marks and sweeps with N workers
  // (at most 32), whatever the heap size and the number of Ps; 0 (the
  // default) chooses as gc/mark_workers.h says. For tests and measurements
  // of parallel marking on small heaps.
  int gcmarkworkers = 0;
  // GODEBUG=findrunnabledelay=US: fault injection for the allp stress
  // scenarios; findRunnable sleeps this many microseconds between dropping
  // its P and reading its allp snapshot, widening the window of the race.
  // At most kMaxFindrunnableDelayUs (1 s); a larger value is rejected and
  // the setting keeps its default, like any malformed value.
  int64_t findrunnabledelay = 0;
  // GODEBUG=heapdump=PATH: at the end of every GC cycle, the live heap as
  // a graph, written to PATH (replaced at each cycle): JSON when PATH ends
  // in .json, else Graphviz DOT (gc/heap_dump.h). Empty: off. PATH cannot
  // contain a comma (GODEBUG's separator).
  std::string heapdump;
  // GODEBUG=tracefile=PATH: record the execution trace into PATH
  // (runtime/trace_events.h; `goro run --trace PATH` overrides it). Empty:
  // no trace. Since GODEBUG separates its entries with commas, PATH cannot
  // contain one.
  std::string tracefile;

  // GOGC: the heap may grow by this percentage over the live heap of the
  // last cycle before the next cycle starts; -1 ("off") disables collection
  // except when forced.
  int gogc = 100;
  // GOMAXPROCS: the number of Ps at startup, 1..kMaxGomaxprocs; 0 means unset,
  // that is numCPU() (see gomaxprocsOrDefault).
  int gomaxprocs = 0;

  // GOMEMLIMIT or `goro --max-heap SIZE`: the most the live heap may hold,
  // in bytes; 0 is no limit (the default; GOMEMLIMIT=off says so too).
  // The collector runs more often as the heap nears it, and a program whose
  // live heap is still above it after a full collection dies with "fatal
  // error: out of memory" (gc/memory_limit.h). Unlike Go's, which is soft
  // (Go lets the heap pass it rather than spend all its time collecting),
  // the limit holds: a run under it either fits or ends with a clear error.
  uint64_t memoryLimit = 0;
  // `goro --max-goroutines N`: the most goroutines alive at once (Go has no
  // such limit). Creating one more is a fatal error ("too many
  // goroutines"): a runaway `go` loop ends with a message, not by
  // exhausting memory. Large by default.
  int64_t maxGoroutines = kDefaultMaxGoroutines;
  // `goro --max-threads N` or debug.SetMaxThreads: the most OS threads (Ms)
  // the scheduler may create, Go's 10000 by default; creating one more is
  // Go's fatal "thread exhaustion".
  int maxThreads = kDefaultMaxThreads;

  // GOTRACEBACK: how much a fatal error, an unrecovered panic or a dump
  // signal prints (runtime/gotraceback.h says what each part means).
  // Go's default, "single".
  TracebackSetting traceback{};
};

// The process's settings.
Settings& settings();

// Applies a GODEBUG list such as "gctrace=1,allpsnapshot=stack". Unknown
// names are ignored, as Go ignores them. A known switch given a value it
// does not accept keeps its setting, and the list returned says so, one
// line each naming the accepted values ("allpsnapshot=stak not understood
// (accepted: m, stack, persistent); allpsnapshot stays m"): a person studying
// the bug must not believe they ran stack mode when they did not.
[[nodiscard]] std::vector<std::string> parseGodebug(Settings& s, std::string_view list);

// Applies a GOGC value: a decimal percentage, or "off". Any negative number
// also means off and is stored as -1. False (the setting unchanged) for an
// empty or malformed value.
bool parseGogc(Settings& s, std::string_view value);

// Applies a GOMAXPROCS value: a decimal integer >= 1, clamped to
// kMaxGomaxprocs. False (unchanged) for anything else.
bool parseGomaxprocs(Settings& s, std::string_view value);

// Applies a GOMEMLIMIT value: a byte size (runtime/byte_size.h) or "off"
// (0, no limit). False (unchanged) for anything else.
bool parseMemoryLimit(Settings& s, std::string_view value);

// Applies a GOTRACEBACK value (see TracebackSetting). Returns false, and
// leaves the setting as it was, for a value it does not know. Unlike Go,
// which treats an unknown word as level 0 with every goroutine (printing
// nothing), a bad value keeps the default: the caller warns.
bool parseGotraceback(Settings& s, std::string_view value);

// Applies GODEBUG, GOGC, GOMAXPROCS, GOMEMLIMIT and GOTRACEBACK from the
// environment,
// where set. A value it cannot parse (a known GODEBUG switch's included)
// gets a one-line warning on stderr naming the accepted values, and the
// setting keeps its default.
void loadFromEnvironment(Settings& s);

// The GOMAXPROCS to start with: the setting if set, else numCPU(), clamped.
int gomaxprocsOrDefault(const Settings& s);

// The number of CPUs this process may run on (its affinity mask), or the
// machine's hardware concurrency if that cannot be read; at least 1.
// Measured once, on the first call, as Go's ncpu is at startup.
int numCPU();

}  // namespace goro::runtime

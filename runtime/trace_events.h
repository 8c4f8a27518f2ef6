// The execution trace: what the scheduler and the collector record while a
// program runs, written as Chrome trace-event JSON (the format Perfetto's UI
// and chrome://tracing open; docs/trace.md).
//
// Turned on by `goro run --trace FILE` or GODEBUG=tracefile=FILE, before the
// scheduler starts; off, every record call below costs one relaxed load of a
// global flag and a branch predicted not taken (`if (trace::on())`), which is
// how the call sites are written. The recorder lives here, in runtime/, the
// lowest layer, so that the allocator, the collector and the scheduler can
// all record; it knows P, M and G only by their ids, which the callers pass.
//
// Tracks (process id / thread id in the format's terms):
//   pid 1 "Ps"       tid = P id, thread "P<id>": the Gs each P runs
//   pid 2 "Ms"       tid = M id, thread "M<id>": what each M runs, its
//                    sleeps, findRunnable's P-less tail
//   pid 3 "runtime"  tid 0 "world": stop-the-world and the GC phases in it;
//                    tid 1 "GOMAXPROCS": the counter and resize instants
// Times (ts, dur) are microseconds since the process started, with three
// decimals (nanoseconds). The event vocabulary, one function each below, is
// fixed: `goro trace view` (lang/cmd) and tests/tools/check_trace.py read
// exactly these names, categories and arguments.
//
// Slices that span time (a G's run, an M's sleep, the P-less tail, a stop
// of the world) are opened and closed by the same thread, so their open
// state is the thread's (trace_writer.h); whatever is still open when the
// program ends is closed at the end, with "unfinished": true.
//
// The file is completed (finish()) on every exit the runtime controls: the
// main goroutine returning, os.Exit, an unrecovered panic, a fatal error, a
// crash signal and SIGQUIT/SIGABRT. A process killed by SIGKILL, or one
// that dies inside the recorder itself, leaves a truncated file.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/settings.h"

namespace goro::runtime::trace {

namespace detail {
extern std::atomic<bool> gOn;
}

// Whether events are being recorded. The only cost of the recorder when off.
inline bool on() { return detail::gOn.load(std::memory_order_relaxed); }

// Opens path and starts recording; version goes into otherData. False with
// a message in *error if the file cannot be written (nothing is recorded).
bool start(const std::string& path, std::string_view version, std::string* error);

// Completes the file (closing open slices, writing the metadata and the
// closing brackets) and stops recording. Only the first call does anything;
// safe from any thread, from the fatal path and from a signal handler.
void finish();

// The trace's clock: CLOCK_MONOTONIC nanoseconds (the same clock as
// std::chrono::steady_clock, so the collector's times can be passed in).
int64_t nowNs();

// Why a G's run on a P ended: the "end" argument of its slice.
enum class RunEnd : uint8_t { Block, Yield, Preempt, Exit, Syscall, Stw };
const char* runEndName(RunEnd why);

// A G starts running on P p, M m (execute, exitsyscall, the stopper's G
// after start-the-world). Any run this thread had open is closed first.
void runBegin(int32_t p, int64_t m, uint64_t goid);
// The calling thread's G stops running: closes the "G<goid>" slices on the
// P's and the M's tracks. Nothing happens if none is open.
void runEnd(RunEnd why);

// Instants on the track of P p (or, if p < 0, M m; if both are < 0, the
// world track).
void goCreate(int32_t p, int64_t m, uint64_t goid, uint64_t parent);   // "go G<goid>"
void goBlock(int32_t p, int64_t m, uint64_t goid, const char* reason);  // "block G<goid>: <reason>"
void goReady(int32_t p, int64_t m, uint64_t goid);                      // "ready G<goid>"

// M m sleeps ("parked", why: "stopm", "exitsyscall", "timers") until
// parkEnd on the same thread.
void parkBegin(int64_t m, const char* why);
void parkEnd();

// findRunnable's P-less tail on M m, scanning the allp array with this
// serial, in GODEBUG=allpsnapshot mode `mode`; until plessTailEnd.
void plessTailBegin(int64_t m, uint64_t snapshotSerial, AllpSnapshotMode mode);
void plessTailEnd();

// The world is stopped (from when the stopper holds the world until it
// starts it again), by the calling thread.
void stopTheWorldBegin(const char* reason);
void stopTheWorldEnd();
// A GC phase ("mark", "sweep") on the world track, times from nowNs().
void gcPhase(const char* name, int64_t startNs, int64_t endNs, const char* countName, uint64_t count,
             uint64_t bytes);

// GOMAXPROCS goes from `from` to `to` (procresize; from is 0 at startup).
void procresize(int32_t from, int32_t to);
// A new allp array: its capacity, the length it is made with, its serial.
void newAllpArray(uint32_t cap, uint32_t len, uint64_t serial);

}  // namespace goro::runtime::trace

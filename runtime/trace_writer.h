// The execution trace's writer: where the recorder's event texts go on their
// way to the file (the vocabulary of events is trace_events.h).
//
// Design: per-thread buffers, flushed to the file by whoever fills them.
// - Every thread that records an event gets a ThreadBuffer of
//   kBufferBytes, mapped with mmap (never malloc: events are recorded from
//   the collector, from inside the scheduler's locks and from the fatal
//   path, where the runtime does not allocate). Buffers are linked once
//   into a lock-free list and never unmapped; a thread that exits gives its
//   buffer back (flushed) and the next new thread takes it. Memory is
//   therefore bounded by (the most threads alive at once) x kBufferBytes.
// - An event is one complete JSON object followed by ",\n", formatted by the
//   recorder. The owner appends it under the buffer's own lock (a flag that
//   only the owner and finish() ever take, so uncontended); when the next
//   event does not fit, the owner writes the buffer to the file under the
//   file lock and starts again. Chunks from different threads interleave in
//   the file, so events are not in time order; the trace-event format does
//   not ask for order.
// - A ring was the alternative: it bounds memory as well but loses the
//   start of a long run, and the start (the first GOMAXPROCS change, the
//   first allp array) is what a study of allp retention needs.
// - The file is "{"traceEvents":[\n" (written by open), the chunks, then
//   the tail that finishFile writes straight to the file (the metadata
//   events, comma-separated, and "],...}"). Because every event before the
//   tail ends with ",\n", no writer needs to know whether it is first.
// - Open slices (a G's run, an M's sleep) are kept per thread in OpenSlice
//   slots, as text that lacks only its time fields, so that finish() can
//   close what is still open when the program ends, on any thread.
//
// finish() may run on a thread that holds no lock of the recorder's, or
// inside the fatal path or a crash signal handler. It takes each buffer's
// lock with a bounded wait and skips a buffer it cannot get (its owner is
// the very thread that crashed inside the recorder, or is stuck); the file
// stays valid JSON unless the crash interrupted a write to the file itself.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace goro::runtime::trace {

inline constexpr size_t kBufferBytes = 64 * 1024;
// The longest event text: longer ones are dropped (none of the recorder's
// come close: names are short and arguments are numbers).
inline constexpr size_t kMaxEventBytes = 512;

// The kinds of slice a thread may have open at once, one slot each.
enum class SliceSlot : uint8_t { RunOnP, RunOnM, Parked, PlessTail, World, Count };

struct OpenSlice {
  // Set under the owner's buffer lock.
  bool active = false;
  int64_t startNs = 0;
  // The event up to its arguments' last member, e.g.
  // {"ph":"X","cat":"m","name":"parked","pid":2,"tid":3,"args":{"why":"stopm"
  // The closing text adds more members, "}", ts and dur.
  uint16_t headLen = 0;
  char head[256];
  // Added to the arguments when finish() closes the slice (e.g.
  // ,"end":"exit","unfinished":true).
  uint16_t unfinishedLen = 0;
  char unfinished[64];
};

// A fixed-size text being built, for one event: no allocation, no stdio, so
// it is usable from the fatal path. Text past kMaxEventBytes is cut and the
// builder marked overflowed (append() then drops the event).
class EventText {
 public:
  EventText& str(std::string_view s);
  // A JSON string's contents: quotes and backslashes escaped, control
  // characters dropped.
  EventText& escaped(std::string_view s);
  EventText& u64(uint64_t v);
  EventText& i64(int64_t v);
  EventText& micros(int64_t ns);
  std::string_view view() const { return std::string_view(buf_, len_); }
  bool overflowed() const { return overflowed_; }

 private:
  size_t len_ = 0;
  bool overflowed_ = false;
  char buf_[kMaxEventBytes];
};

// Opens path for writing (truncating it) and writes the file's head. Returns
// false with a message in *error if it cannot.
bool openFile(const std::string& path, std::string* error);

// Appends one event text (a JSON object and ",\n") to the calling thread's
// buffer. Dropped once finish() has begun.
void append(std::string_view event);

// Starts (or restarts) the calling thread's slice in slot: head as above,
// unfinished as above, start time startNs.
void openSlice(SliceSlot slot, int64_t startNs, std::string_view head, std::string_view unfinished);

// Closes the calling thread's slice in slot, if one is open, at endNs:
// appends head + extraArgs + "}" + ts and dur. Returns whether one was open.
bool closeSlice(SliceSlot slot, int64_t endNs, std::string_view extraArgs);

// Whether the calling thread has a slice open in slot.
bool sliceOpen(SliceSlot slot);

// The end of the file, written by finishFile under the file lock, straight
// to the descriptor (no buffer, no allocation: it may run in a signal
// handler on a thread that never recorded anything).
class TailWriter {
 public:
  explicit TailWriter(int fd) : fd_(fd) {}
  // One more event: a JSON object, without a separator.
  void event(std::string_view text);
  // Text after the last event ("],...}").
  void raw(std::string_view text);

 private:
  int fd_;
  bool first_ = true;
};

// Ends the file: closes every thread's open slices at endNs, writes every
// buffer, then lets writeTail write the tail (at least one event, then the
// closing text), and closes the file. Only the first call does anything;
// returns whether this call did it.
bool finishFile(int64_t endNs, void (*writeTail)(TailWriter& tail));

// Formats a time in nanoseconds as the format's microseconds, with three
// decimals ("12.345"), into out; returns the length. Exact, no rounding.
size_t formatMicros(int64_t ns, char* out);

}  // namespace goro::runtime::trace

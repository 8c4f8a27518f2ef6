// lang/lib/bufio.cpp: the bufio module: bufio.NewScanner(os.Stdin), Go's
// way to read standard input line by line.
//
//   sc := bufio.NewScanner(os.Stdin)
//   for sc.Scan() {          true while there is another line
//       line := sc.Text()    that line, without its "\n" or "\r\n"
//   }
//   if err := sc.Err(); err != nil { ... }   nil at a clean end of input
//
// As Go's bufio.ScanLines: a last line without a newline still counts, an
// empty input has no lines, and a line longer than Go's default token limit
// (bufio.MaxScanTokenSize, 64 KiB, the newline included) stops the scan
// with Err() "bufio.Scanner: token too long". A read error stops it with
// Go's *PathError text ("read /dev/stdin: bad file descriptor", "read
// PATH: file already closed"). bufio.NewScanner takes os.Stdin or a file
// from os.Open. Once Scan
// has returned false it always does.
//
// The scanner's buffer is a Bytes object it owns (runtime::Scanner in
// runtime/object_layouts.h), 4 KiB at first, doubled when a line does not
// fit, up to the limit. Each read is a blocking system call
// (BlockingCall): the goroutine's P runs other goroutines while it waits,
// and the bytes are read into C++ memory and copied into the buffer after
// the call, since the collected heap is out of bounds during it. One
// scanner serves one goroutine at a time, as in Go; a Scan that starts
// while another is running on the same scanner panics, so a race cannot
// corrupt the buffer's bounds.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "runtime/whole_file.h"

namespace goro::lang::lib {

using runtime::Scanner;
using runtime::Value;

namespace {

constexpr uint32_t kInitialBuffer = 4096;
constexpr uint32_t kMaxTokenSize = 64 * 1024;  // Go's bufio.MaxScanTokenSize

Scanner* scannerOf(const Value* args) { return static_cast<Scanner*>(args[0].asObject()); }

// Ends the line at [from, to): sets the token, dropping one trailing '\r'.
void setToken(Scanner* s, uint32_t from, uint32_t to) {
  if (to > from && s->buffer->data[to - 1] == '\r') to--;
  s->tokenStart = from;
  s->tokenLength = to - from;
}

// Makes room after s->end: moves the unread bytes to the front and, if
// the buffer is still full, doubles it (up to kMaxTokenSize). False if
// the buffer is full at the limit: the line is too long.
bool makeRoom(NativeContext& cx, Scanner* s) {
  if (s->buffer == nullptr) {
    runtime::Bytes* b = gc::newBytes(cx.cache(), kInitialBuffer);  // s is rooted by the caller's args
    s->buffer = b;
    s->start = s->end = 0;
    return true;
  }
  if (s->start > 0) {
    std::memmove(s->buffer->data, s->buffer->data + s->start, s->end - s->start);
    s->end -= s->start;
    s->start = 0;
  }
  if (s->end < s->buffer->size) return true;
  if (s->buffer->size >= kMaxTokenSize) return false;
  auto bigger = static_cast<uint32_t>(std::min<size_t>(s->buffer->size * 2, kMaxTokenSize));
  runtime::Bytes* b = gc::newBytes(cx.cache(), bigger);
  std::memcpy(b->data, s->buffer->data, s->end);
  s->buffer = b;
  return true;
}

// Reads once into the room after s->end. The bytes land in C++ memory
// first: during the system call the collected heap is out of bounds.
void fill(NativeContext& cx, Scanner* s) {
  int fd = fileDescriptor(s->source).load();
  if (fd < 0) {
    s->atEof = 1;
    s->readError = runtime::kScannerClosed;
    return;
  }
  std::vector<char> chunk(s->buffer->size - s->end);
  int err = 0;
  long n;
  {
    BlockingCall<syntax::Method::ScannerScan> call(cx);
    n = runtime::readSome(fd, chunk.data(), chunk.size(), &err);
  }
  if (n > 0) {
    std::memcpy(s->buffer->data + s->end, chunk.data(), static_cast<size_t>(n));
    s->end += static_cast<uint32_t>(n);
  } else {
    s->atEof = 1;
    s->readError = n < 0 ? err : 0;
  }
}

// One step of Scan, with the scanner held by this goroutine.
bool scanLine(NativeContext& cx, Scanner* s) {
  for (;;) {
    if (s->finished) break;
    if (s->buffer != nullptr) {
      auto* data = s->buffer->data;
      auto* newline = static_cast<uint8_t*>(std::memchr(data + s->start, '\n', s->end - s->start));
      if (newline != nullptr) {
        auto at = static_cast<uint32_t>(newline - data);
        setToken(s, s->start, at);
        s->start = at + 1;
        return true;
      }
      if (s->atEof) {
        if (s->start < s->end) {
          setToken(s, s->start, s->end);
          s->start = s->end;
          return true;
        }
        break;
      }
    }
    if (!makeRoom(cx, s)) {
      s->readError = runtime::kScannerTooLong;
      break;
    }
    fill(cx, s);
  }
  s->finished = 1;
  s->tokenLength = 0;
  return false;
}

}  // namespace

uint32_t bufioNewScanner(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "bufio.NewScanner", args, nargs);
  if (!check.count(1)) return 0;
  if (!isFile(args[0])) {
    check.typeError(0, "*os.File");
    return 0;
  }
  auto* s = gc::allocateAs<Scanner>(cx.cache(), runtime::Kind::Scanner, sizeof(Scanner));
  std::memset(reinterpret_cast<char*>(s) + sizeof(runtime::Object), 0, sizeof(Scanner) - sizeof(runtime::Object));
  s->source = static_cast<runtime::File*>(args[0].asObject());
  results[0] = Value::object(s);
  return 1;
}

uint32_t scannerScan(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "Scanner.Scan", args + 1, nargs - 1).count(0)) return 0;
  Scanner* s = scannerOf(args);
  std::atomic_ref<uint8_t> scanning(s->scanning);
  if (scanning.exchange(1, std::memory_order_acquire) != 0) {
    cx.panicString("bufio.Scanner: Scan called by two goroutines at once");
    return 0;
  }
  bool more = scanLine(cx, s);
  scanning.store(0, std::memory_order_release);
  results[0] = Value::boolean(more);
  return 1;
}

uint32_t scannerText(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "Scanner.Text", args + 1, nargs - 1).count(0)) return 0;
  Scanner* s = scannerOf(args);
  if (s->buffer == nullptr || s->tokenLength == 0) return returnString(cx, results, "");
  // Bounded by the buffer even if a racing Scan has moved the token.
  size_t from = std::min<size_t>(s->tokenStart, s->buffer->size);
  size_t length = std::min<size_t>(s->tokenLength, s->buffer->size - from);
  std::string token(reinterpret_cast<const char*>(s->buffer->data) + from, length);  // copied: newString may collect
  return returnString(cx, results, token);
}

uint32_t scannerErr(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "Scanner.Err", args + 1, nargs - 1).count(0)) return 0;
  Scanner* s = scannerOf(args);
  if (s->readError == 0) {
    results[0] = Value::nil();
    return 1;
  }
  if (s->readError == runtime::kScannerTooLong) return returnString(cx, results, "bufio.Scanner: token too long");
  std::string name(s->source->name->data, s->source->name->length);
  if (s->readError == runtime::kScannerClosed) return returnString(cx, results, "read " + name + ": file already closed");
  return returnString(cx, results, runtime::pathError("read", name, s->readError));
}

}  // namespace goro::lang::lib

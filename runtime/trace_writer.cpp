// The execution trace's writer: see trace_writer.h for the design (per-thread
// buffers flushed by whoever fills them, open slices closed at the end).
#include "runtime/trace_writer.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

namespace goro::runtime::trace {
namespace {

constexpr size_t kSlotCount = static_cast<size_t>(SliceSlot::Count);
// How long finish() waits for a buffer or the file before giving up on it:
// this many yields (a few milliseconds on an idle machine).
constexpr int kBoundedSpins = 20000;

struct ThreadBuffer {
  // The buffer's lock: taken by its owner for each event, and by finish().
  std::atomic<bool> locked{false};
  // Whether a live thread owns it (claimBuffer / the thread-exit release).
  std::atomic<bool> owned{false};
  // The list link: written once, before the buffer is published.
  ThreadBuffer* next = nullptr;
  // The rest is under `locked`.
  size_t len = 0;
  OpenSlice slices[kSlotCount];
  char data[kBufferBytes];
};

std::atomic<ThreadBuffer*> gBuffers{nullptr};
std::atomic<int> gFd{-1};
// Set once by finish(): from then on events are dropped.
std::atomic<bool> gFinished{false};
std::atomic<bool> gFileLocked{false};

// The calling thread's buffer (a plain pointer: no TLS guard on the fast
// path), and whether this thread is inside the recorder (so that a crash
// signal handler running finish() on it does not wait for itself).
thread_local ThreadBuffer* tBuffer = nullptr;
thread_local bool tInRecorder = false;

int64_t monotonicNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

bool takeFlag(std::atomic<bool>& flag, bool bounded) {
  for (int i = 0;; i++) {
    if (!flag.load(std::memory_order_relaxed) && !flag.exchange(true, std::memory_order_acquire)) return true;
    if (bounded && i >= kBoundedSpins) return false;
    sched_yield();
  }
}

void releaseFlag(std::atomic<bool>& flag) { flag.store(false, std::memory_order_release); }

void writeAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;  // nowhere to report it: the trace is cut short
    p += w;
    n -= static_cast<size_t>(w);
  }
}

// Buffer lock held: writes the buffer to the file.
void flushLocked(ThreadBuffer* b, bool bounded) {
  if (b->len == 0) return;
  // The descriptor is read under the file lock: finish() closes it under
  // the same lock.
  if (takeFlag(gFileLocked, bounded)) {
    int fd = gFd.load(std::memory_order_acquire);
    if (fd >= 0) writeAll(fd, b->data, b->len);
    releaseFlag(gFileLocked);
  }
  b->len = 0;
}

// Buffer lock held.
void appendLocked(ThreadBuffer* b, std::string_view text, bool bounded) {
  if (text.size() > kBufferBytes) return;
  if (b->len + text.size() > kBufferBytes) flushLocked(b, bounded);
  std::memcpy(b->data + b->len, text.data(), text.size());
  b->len += text.size();
}

// Buffer lock held: appends the closed form of slot's slice.
void closeLocked(ThreadBuffer* b, SliceSlot slot, int64_t endNs, std::string_view extraArgs, bool bounded) {
  OpenSlice& s = b->slices[static_cast<size_t>(slot)];
  if (!s.active) return;
  s.active = false;
  EventText t;
  t.str(std::string_view(s.head, s.headLen)).str(extraArgs).str("},\"ts\":").micros(s.startNs);
  t.str(",\"dur\":").micros(endNs > s.startNs ? endNs - s.startNs : 0).str("},\n");
  if (!t.overflowed()) appendLocked(b, t.view(), bounded);
}

void closeAllLocked(ThreadBuffer* b, int64_t endNs, bool bounded) {
  for (size_t i = 0; i < kSlotCount; i++) {
    const OpenSlice& s = b->slices[i];
    closeLocked(b, static_cast<SliceSlot>(i), endNs, std::string_view(s.unfinished, s.unfinishedLen), bounded);
  }
}

// At thread exit: what is still open ends now, the buffer goes to the file
// and back to the pool.
struct BufferRelease {
  // Set by the first event: a write to the object makes sure it exists,
  // and so that its destructor runs at thread exit.
  bool armed = false;
  ~BufferRelease() {
    ThreadBuffer* b = tBuffer;
    if (b == nullptr) return;
    takeFlag(b->locked, false);
    if (!gFinished.load()) {
      closeAllLocked(b, monotonicNs(), false);
      flushLocked(b, false);
    }
    for (OpenSlice& s : b->slices) s.active = false;
    b->len = 0;
    releaseFlag(b->locked);
    tBuffer = nullptr;
    b->owned.store(false, std::memory_order_release);
  }
};
thread_local BufferRelease tRelease;

ThreadBuffer* claimBuffer() {
  for (ThreadBuffer* b = gBuffers.load(std::memory_order_acquire); b != nullptr; b = b->next) {
    bool expected = false;
    if (!b->owned.load(std::memory_order_relaxed) && b->owned.compare_exchange_strong(expected, true)) return b;
  }
  void* mem = mmap(nullptr, sizeof(ThreadBuffer), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return nullptr;  // out of memory: this thread records nothing
  auto* b = new (mem) ThreadBuffer();
  b->owned.store(true, std::memory_order_relaxed);
  ThreadBuffer* head = gBuffers.load(std::memory_order_relaxed);
  do {
    b->next = head;
  } while (!gBuffers.compare_exchange_weak(head, b, std::memory_order_release, std::memory_order_relaxed));
  return b;
}

// Locks the calling thread's buffer (claiming one on first use). Null when
// the trace is finished or no buffer can be had; otherwise the caller
// unlocks with unlockOwn().
ThreadBuffer* lockOwn() {
  if (tInRecorder) return nullptr;  // a signal handler that interrupted the recorder
  ThreadBuffer* b = tBuffer;
  if (b == nullptr) {
    b = claimBuffer();
    if (b == nullptr) return nullptr;
    tBuffer = b;
    tRelease.armed = true;
  }
  tInRecorder = true;
  takeFlag(b->locked, false);
  if (gFinished.load()) {
    releaseFlag(b->locked);
    tInRecorder = false;
    return nullptr;
  }
  return b;
}

void unlockOwn(ThreadBuffer* b) {
  releaseFlag(b->locked);
  tInRecorder = false;
}

}  // namespace

EventText& EventText::str(std::string_view s) {
  size_t n = s.size();
  if (len_ + n > sizeof buf_) {
    n = sizeof buf_ - len_;
    overflowed_ = true;
  }
  std::memcpy(buf_ + len_, s.data(), n);
  len_ += n;
  return *this;
}

EventText& EventText::escaped(std::string_view s) {
  for (char c : s) {
    if (c == '"' || c == '\\') {
      char pair[2] = {'\\', c};
      str(std::string_view(pair, 2));
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      str(std::string_view(&c, 1));
    }
  }
  return *this;
}

EventText& EventText::u64(uint64_t v) {
  char digits[20];
  size_t n = 0;
  do {
    digits[sizeof digits - 1 - n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return str(std::string_view(digits + sizeof digits - n, n));
}

EventText& EventText::i64(int64_t v) {
  if (v < 0) {
    str("-");
    return u64(static_cast<uint64_t>(0) - static_cast<uint64_t>(v));
  }
  return u64(static_cast<uint64_t>(v));
}

EventText& EventText::micros(int64_t ns) {
  char out[32];
  return str(std::string_view(out, formatMicros(ns, out)));
}

size_t formatMicros(int64_t ns, char* out) {
  uint64_t v = ns > 0 ? static_cast<uint64_t>(ns) : 0;
  EventText whole;
  whole.u64(v / 1000);
  std::string_view w = whole.view();
  std::memcpy(out, w.data(), w.size());
  size_t n = w.size();
  uint64_t frac = v % 1000;
  out[n++] = '.';
  out[n++] = static_cast<char>('0' + frac / 100);
  out[n++] = static_cast<char>('0' + frac / 10 % 10);
  out[n++] = static_cast<char>('0' + frac % 10);
  return n;
}

bool openFile(const std::string& path, std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    std::string why = std::strerror(errno);
    if (!why.empty() && why[0] >= 'A' && why[0] <= 'Z') why[0] = static_cast<char>(why[0] - 'A' + 'a');
    *error = "open " + path + ": " + why;
    return false;
  }
  static constexpr std::string_view kHead = "{\"traceEvents\":[\n";
  writeAll(fd, kHead.data(), kHead.size());
  gFd.store(fd, std::memory_order_release);
  return true;
}

void append(std::string_view event) {
  if (ThreadBuffer* b = lockOwn()) {
    appendLocked(b, event, false);
    unlockOwn(b);
  }
}

void openSlice(SliceSlot slot, int64_t startNs, std::string_view head, std::string_view unfinished) {
  ThreadBuffer* b = lockOwn();
  if (b == nullptr) return;
  OpenSlice& s = b->slices[static_cast<size_t>(slot)];
  if (head.size() <= sizeof s.head && unfinished.size() <= sizeof s.unfinished) {
    s.startNs = startNs;
    std::memcpy(s.head, head.data(), head.size());
    s.headLen = static_cast<uint16_t>(head.size());
    std::memcpy(s.unfinished, unfinished.data(), unfinished.size());
    s.unfinishedLen = static_cast<uint16_t>(unfinished.size());
    s.active = true;
  }
  unlockOwn(b);
}

bool closeSlice(SliceSlot slot, int64_t endNs, std::string_view extraArgs) {
  ThreadBuffer* b = lockOwn();
  if (b == nullptr) return false;
  bool wasOpen = b->slices[static_cast<size_t>(slot)].active;
  closeLocked(b, slot, endNs, extraArgs, false);
  unlockOwn(b);
  return wasOpen;
}

bool sliceOpen(SliceSlot slot) {
  ThreadBuffer* b = tBuffer;
  return b != nullptr && b->slices[static_cast<size_t>(slot)].active;
}

void TailWriter::event(std::string_view text) {
  if (!first_) writeAll(fd_, ",\n", 2);
  first_ = false;
  writeAll(fd_, text.data(), text.size());
}

void TailWriter::raw(std::string_view text) { writeAll(fd_, text.data(), text.size()); }

bool finishFile(int64_t endNs, void (*writeTail)(TailWriter& tail)) {
  if (gFinished.exchange(true)) return false;
  for (ThreadBuffer* b = gBuffers.load(std::memory_order_acquire); b != nullptr; b = b->next) {
    // A crash inside the recorder on this very thread: its buffer may be
    // half-written, and waiting for it would wait for ourselves.
    if (b == tBuffer && tInRecorder) continue;
    if (!takeFlag(b->locked, true)) continue;
    closeAllLocked(b, endNs, true);
    flushLocked(b, true);
    releaseFlag(b->locked);
  }
  if (!takeFlag(gFileLocked, true)) return true;  // see trace_writer.h
  int fd = gFd.exchange(-1);
  if (fd < 0) {
    releaseFlag(gFileLocked);
    return true;
  }
  TailWriter tail(fd);
  writeTail(tail);
  ::close(fd);
  releaseFlag(gFileLocked);
  return true;
}

}  // namespace goro::runtime::trace

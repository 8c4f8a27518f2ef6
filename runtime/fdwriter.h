// FdWriter: a small buffered writer onto a raw file descriptor, for the
// paths that cannot use stdio or iostreams: fatal errors, crash signal
// handlers, and the dump hooks they call.
//
// Invariants: it never allocates, never takes a lock, and only calls
// write(2), so it is async-signal-safe. Output goes out when the fixed buffer
// fills, on flush(), and on destruction; a short or interrupted write is
// retried, and a failing descriptor is silently given up on (there is nowhere
// left to report that error).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace goro::runtime {

class FdWriter {
 public:
  explicit FdWriter(int fd) : fd_(fd) {}
  ~FdWriter() { flush(); }
  FdWriter(const FdWriter&) = delete;
  FdWriter& operator=(const FdWriter&) = delete;

  FdWriter& str(std::string_view s);
  FdWriter& ch(char c);
  // Lower-case hex with a 0x prefix, as Go prints addresses: 0x2a.
  FdWriter& hex(uint64_t v);
  FdWriter& dec(int64_t v);
  void flush();

 private:
  int fd_;
  size_t len_ = 0;
  char buf_[512];
};

}  // namespace goro::runtime

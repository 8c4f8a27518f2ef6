// FdWriter: see fdwriter.h. Only write(2) is called here.
#include "runtime/fdwriter.h"

#include <cerrno>
#include <unistd.h>

namespace goro::runtime {

FdWriter& FdWriter::str(std::string_view s) {
  for (char c : s) ch(c);
  return *this;
}

FdWriter& FdWriter::ch(char c) {
  if (len_ == sizeof buf_) flush();
  buf_[len_++] = c;
  return *this;
}

FdWriter& FdWriter::hex(uint64_t v) {
  char digits[16];
  int n = 0;
  do {
    digits[n++] = "0123456789abcdef"[v & 0xf];
    v >>= 4;
  } while (v != 0);
  str("0x");
  while (n > 0) ch(digits[--n]);
  return *this;
}

FdWriter& FdWriter::dec(int64_t v) {
  // Work in unsigned so that INT64_MIN negates without overflow.
  uint64_t u = static_cast<uint64_t>(v);
  if (v < 0) {
    ch('-');
    u = ~u + 1;
  }
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  while (n > 0) ch(digits[--n]);
  return *this;
}

void FdWriter::flush() {
  size_t off = 0;
  while (off < len_) {
    ssize_t n = ::write(fd_, buf_ + off, len_ - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the descriptor is gone; drop the rest
    off += static_cast<size_t>(n);
  }
  len_ = 0;
}

}  // namespace goro::runtime

// OutputBuffer: what one run wrote to its stdout and stderr, kept in memory.
//
// A run that prints without end (a hung loop until its timeout) must not
// take the machine's memory with it, so past a limit the buffer keeps the
// beginning and the end of the output: the first `headLimit` bytes, and
// the last `tailLimit` bytes in a ring. text() joins them with a line that
// says how many bytes were left out. Under the limits, text() is exactly
// what was written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace goro::stress {

class OutputBuffer {
 public:
  static constexpr size_t kDefaultHeadLimit = 8u << 20;
  static constexpr size_t kDefaultTailLimit = 8u << 20;

  explicit OutputBuffer(size_t headLimit = kDefaultHeadLimit, size_t tailLimit = kDefaultTailLimit)
      : headLimit_(headLimit), tailLimit_(tailLimit) {}

  void append(std::string_view data);
  std::string text() const;
  uint64_t bytesWritten() const { return written_; }

 private:
  size_t headLimit_;
  size_t tailLimit_;
  std::string head_;      // invariant: the first min(written_, headLimit_) bytes
  std::string tail_;      // ring of the bytes after head_, at most tailLimit_ of them
  size_t tailStart_ = 0;  // when tail_ is full, the index of its oldest byte
  uint64_t written_ = 0;  // bytes appended in all
};

}  // namespace goro::stress

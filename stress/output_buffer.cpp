#include "stress/output_buffer.h"

#include <algorithm>

namespace goro::stress {

void OutputBuffer::append(std::string_view data) {
  written_ += data.size();
  size_t toHead = std::min(data.size(), headLimit_ - head_.size());
  head_.append(data.substr(0, toHead));
  data.remove_prefix(toHead);
  if (tailLimit_ == 0) return;
  // Only the last tailLimit_ bytes of data can survive in the ring.
  if (data.size() > tailLimit_) data.remove_prefix(data.size() - tailLimit_);
  while (!data.empty()) {
    size_t take;
    if (tail_.size() < tailLimit_) {
      take = std::min(data.size(), tailLimit_ - tail_.size());
      tail_.append(data.substr(0, take));
    } else {
      take = std::min(data.size(), tailLimit_ - tailStart_);
      tail_.replace(tailStart_, take, data.substr(0, take));
      tailStart_ = (tailStart_ + take) % tailLimit_;
    }
    data.remove_prefix(take);
  }
}

std::string OutputBuffer::text() const {
  std::string out = head_;
  uint64_t kept = head_.size() + tail_.size();
  if (written_ > kept) {
    if (!out.empty() && out.back() != '\n') out += '\n';
    out += "[goro-stress: " + std::to_string(written_ - kept) + " bytes of output left out here]\n";
  }
  out.append(tail_, tailStart_, std::string::npos);
  out.append(tail_, 0, tailStart_);
  return out;
}

}  // namespace goro::stress

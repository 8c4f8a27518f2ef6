// lang/syntax/source.cpp: line table of a source file (see source.h).
#include "lang/syntax/source.h"

namespace goro::lang::syntax {

Source::Source(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  lineStarts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') lineStarts_.push_back(i + 1);
  }
}

std::string_view Source::line(uint32_t n) const {
  if (n == 0 || n > lineStarts_.size()) return {};
  uint32_t begin = lineStarts_[n - 1];
  uint32_t end = n < lineStarts_.size() ? lineStarts_[n] - 1 : static_cast<uint32_t>(text_.size());
  std::string_view s(text_.data() + begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace goro::lang::syntax

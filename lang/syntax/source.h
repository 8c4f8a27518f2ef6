// lang/syntax/source.h: a Goro source file in memory, and positions in it.
//
// A Pos names a byte of the source: 1-based line, 1-based column counted in
// bytes (a tab is one column, as in Go's compiler), and the 0-based byte
// offset. Pos{} (line 0) means "no position". Source owns the text; tokens
// point into it with string_views, so it must outlive the lexer and parser
// (the AST copies what it keeps and does not point into the Source).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace goro::lang::syntax {

struct Pos {
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t offset = 0;

  bool valid() const { return line != 0; }
  friend bool operator==(const Pos&, const Pos&) = default;
  // Orders by line then column, the order errors are reported in.
  friend bool operator<(const Pos& a, const Pos& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  }
};

class Source {
 public:
  // name is what diagnostics print before ":LINE:COL" (a path, or "-e").
  Source(std::string name, std::string text);

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }

  // The text of 1-based line n without its newline (and without a trailing
  // '\r'); empty for a line that does not exist.
  std::string_view line(uint32_t n) const;
  uint32_t lineCount() const { return static_cast<uint32_t>(lineStarts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<uint32_t> lineStarts_;  // byte offset of each line's first byte
};

}  // namespace goro::lang::syntax

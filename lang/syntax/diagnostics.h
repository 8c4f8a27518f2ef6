// lang/syntax/diagnostics.h: collects the compile-time errors of one source
// file and formats them the way Go's compiler prints them.
//
// Each error prints as
//
//   FILE:LINE:COL: syntax error: MESSAGE      (kind Syntax: lexer/parser)
//   FILE:LINE:COL: MESSAGE                    (kind Error: scanner, resolver)
//   <the source line, verbatim>
//   <the caret line>
//
// The caret line repeats the source line's tabs and puts one space for
// every other character (code point, not byte) before the column, so the
// caret sits under the column whatever the tab width.
//
// Filtering follows cmd/compile (base.ErrorfAt): only the first syntax
// error of a line is kept, and a non-syntax error identical to the previous
// one on the same line is dropped. After maxErrors kept errors the
// collector is full(): producers must stop, and format() ends with
// "FILE:LINE:COL: too many errors" at the last kept error, as Go does.
// format() sorts by position (stable), as Go flushes its errors sorted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lang/syntax/source.h"

namespace goro::lang::syntax {

enum class DiagKind : uint8_t {
  Syntax,  // printed with the "syntax error: " prefix
  Error,   // printed as is (lexical and semantic errors)
};

struct Diagnostic {
  Pos pos;
  DiagKind kind;
  std::string message;  // without "syntax error: "

  // "syntax error: MESSAGE" or "MESSAGE".
  std::string text() const;
};

class Diagnostics {
 public:
  static constexpr int kMaxErrors = 10;

  explicit Diagnostics(const Source& src, int maxErrors = kMaxErrors);

  void syntaxError(Pos pos, std::string message);
  void error(Pos pos, std::string message);

  bool hasErrors() const { return !list_.empty(); }
  int count() const { return static_cast<int>(list_.size()); }
  // The limit is reached: whoever is producing errors must stop now.
  bool full() const { return full_; }
  // Kept errors in the order they were reported.
  const std::vector<Diagnostic>& list() const { return list_; }

  // The full report (see the file comment), empty if there are no errors.
  std::string format() const;
  // One error with its source line and caret line, newline-terminated.
  std::string format(const Diagnostic& d) const;
  // Kept errors sorted, one "LINE:COL: TEXT" string each (for tests).
  std::vector<std::string> brief() const;

  const Source& source() const { return src_; }

 private:
  void add(Pos pos, DiagKind kind, std::string message);
  std::vector<const Diagnostic*> sorted() const;

  const Source& src_;
  int maxErrors_;
  bool full_ = false;
  std::vector<Diagnostic> list_;
  Pos lastSyntax_;  // position of the last kept syntax error
  Pos lastOther_;   // position and text of the last kept other error
  std::string lastOtherMsg_;
};

}  // namespace goro::lang::syntax

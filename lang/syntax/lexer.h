// lang/syntax/lexer.h: turns Goro source text into tokens (docs/language.md,
// "Lexical elements"), following Go's scanner wherever the contract is silent.
//
// - Semicolons are inserted as in Go: at a newline (or at end of file, or at
//   a /* */ comment that contains a newline) when the previous token was an
//   identifier, a literal (including true, false and nil, which are keywords
//   in Goro but identifiers in Go), break, continue, return, ++, --, ), ] or }.
// - Integer literals: decimal, 0x, 0o, 0b, and Go's legacy octal (017 == 15;
//   018 is an error, but 018.5 is a float), with '_' between digits. Floats:
//   decimal (1.5 .5 1. 1e9 2.5e-3) and Go's hexadecimal form (0x1p-2).
//   Imaginary literals are rejected.
// - Rune literals yield the code point; strings decode \a \b \f \n \r \t \v
//   \\ \' \" (both quotes are accepted in both literal kinds), \xNN and
//   octal \ooo (raw bytes), \uNNNN and \UNNNNNNNN (UTF-8 encoded), and \0
//   not followed by two more octal digits (a NUL byte, per docs/language.md).
//   Raw strings drop '\r', as Go does.
// - Identifiers: ASCII letters, digits and '_', plus non-ASCII letters.
//   Without Unicode tables, "letter" is approximated: every code point from
//   U+00C0 up counts, except known punctuation and symbol blocks (General
//   Punctuation through Misc. Symbols and Arrows, CJK punctuation, emoji,
//   specials), and U+00AA, U+00B5, U+00BA below it.
// - The source must be UTF-8; a leading byte order mark is skipped.
//
// Errors (Go's wording, without the "syntax error:" prefix, as Go's scanner
// reports them) go to the Diagnostics; the lexer always returns a token and
// carries on, so the parser sees a best-effort stream.
//
// Cost: one pass over the bytes; no per-character allocation (a string
// token's decoded value is built with bulk appends).
#pragma once

#include <string>

#include "lang/syntax/diagnostics.h"
#include "lang/syntax/source.h"
#include "lang/syntax/token.h"

namespace goro::lang::syntax {

class Lexer {
 public:
  Lexer(const Source& src, Diagnostics& diags);

  // The next token; Eof forever once the text is exhausted.
  Token next();

 private:
  int ch(size_t k = 0) const {
    return p_ + k < end_ ? static_cast<unsigned char>(p_[k]) : -1;
  }
  Pos posOf(const char* p) const;  // p must lie on the current line
  Pos here() const { return posOf(p_); }
  void newline();  // *p_ == '\n': step over it onto the next line
  void error(Pos pos, std::string msg);

  // Decodes the non-ASCII character at p_; reports invalid encodings.
  // Returns the code point (or -1) and sets *len (>= 1).
  int32_t decodeHere(int* len);
  void skipLineComment();
  bool skipBlockComment(Pos start);  // true if the comment spanned lines
  void scanIdent(Token& t);
  void scanNumber(Token& t, bool seenPoint);
  int scanDigits(int base, const char** invalid);
  void scanRune(Token& t);
  void scanString(Token& t);
  void scanRawString(Token& t);
  bool scanEscape(std::string* out, int32_t* value);

  Diagnostics& diags_;
  const char* begin_;
  const char* p_;
  const char* end_;
  const char* lineBegin_;
  uint32_t line_ = 1;
  bool nlsemi_ = false;  // a newline here would end a statement
};

}  // namespace goro::lang::syntax

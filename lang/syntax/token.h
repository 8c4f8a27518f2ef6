// lang/syntax/token.h: the tokens of Goro (docs/language.md, "Lexical
// elements").
//
// GORO_TOKENS is the one list of token kinds: X(Name, "spelling", Class).
// The spelling is the operator or keyword text; for the classes without a
// fixed text it is the word Go's compiler uses in "expected X" messages
// ("name", "literal"). Keywords are contiguous, from Break to Var.
//
// Invariants of a Token:
//   - text views the source bytes of the token (quotes included for string
//     and rune literals). A Semicolon inserted by the lexer has text "\n"
//     at a newline and "" at end of file; a written one has text ";".
//   - Int and Char carry their value in intValue. An Int literal above
//     2^64-1 has overflow set (its intValue is meaningless); whether a
//     value above 2^63-1 is an error depends on context (-9223372036854775808
//     is fine), so the parser decides.
//   - Float carries floatValue; String carries its decoded bytes in
//     strValue (escapes resolved, \r dropped from raw strings).
//   - bad is set when the literal had an error the lexer already reported.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lang/syntax/source.h"

namespace goro::lang::syntax {

enum class TokenClass : uint8_t { Special, Literal, Operator, Keyword };

#define GORO_TOKENS(X)                        \
  X(Eof, "EOF", Special)                      \
  X(Ident, "name", Special)                   \
  X(Int, "literal", Literal)                  \
  X(Float, "literal", Literal)                \
  X(Char, "literal", Literal)                 \
  X(String, "literal", Literal)               \
  /* binary operators */                      \
  X(Add, "+", Operator)                       \
  X(Sub, "-", Operator)                       \
  X(Mul, "*", Operator)                       \
  X(Quo, "/", Operator)                       \
  X(Rem, "%", Operator)                       \
  X(And, "&", Operator)                       \
  X(Or, "|", Operator)                        \
  X(Xor, "^", Operator)                       \
  X(Shl, "<<", Operator)                      \
  X(Shr, ">>", Operator)                      \
  X(AndNot, "&^", Operator)                   \
  X(LAnd, "&&", Operator)                     \
  X(LOr, "||", Operator)                      \
  X(Eql, "==", Operator)                      \
  X(Neq, "!=", Operator)                      \
  X(Lss, "<", Operator)                       \
  X(Leq, "<=", Operator)                      \
  X(Gtr, ">", Operator)                       \
  X(Geq, ">=", Operator)                      \
  /* assignment operators */                  \
  X(AddAssign, "+=", Operator)                \
  X(SubAssign, "-=", Operator)                \
  X(MulAssign, "*=", Operator)                \
  X(QuoAssign, "/=", Operator)                \
  X(RemAssign, "%=", Operator)                \
  X(AndAssign, "&=", Operator)                \
  X(OrAssign, "|=", Operator)                 \
  X(XorAssign, "^=", Operator)                \
  X(ShlAssign, "<<=", Operator)               \
  X(ShrAssign, ">>=", Operator)               \
  X(AndNotAssign, "&^=", Operator)            \
  X(Assign, "=", Operator)                    \
  X(Define, ":=", Operator)                   \
  /* other operators and punctuation */       \
  X(Not, "!", Operator)                       \
  X(Arrow, "<-", Operator)                    \
  X(Inc, "++", Operator)                      \
  X(Dec, "--", Operator)                      \
  X(Ellipsis, "...", Operator)                \
  X(LParen, "(", Operator)                    \
  X(RParen, ")", Operator)                    \
  X(LBrack, "[", Operator)                    \
  X(RBrack, "]", Operator)                    \
  X(LBrace, "{", Operator)                    \
  X(RBrace, "}", Operator)                    \
  X(Comma, ",", Operator)                     \
  X(Period, ".", Operator)                    \
  X(Semicolon, ";", Operator)                 \
  X(Colon, ":", Operator)                     \
  /* keywords, in alphabetical order */       \
  X(Break, "break", Keyword)                  \
  X(Case, "case", Keyword)                    \
  X(Chan, "chan", Keyword)                    \
  X(Const, "const", Keyword)                  \
  X(Continue, "continue", Keyword)            \
  X(Default, "default", Keyword)              \
  X(Defer, "defer", Keyword)                  \
  X(Else, "else", Keyword)                    \
  X(False, "false", Keyword)                  \
  X(For, "for", Keyword)                      \
  X(Func, "func", Keyword)                    \
  X(Go, "go", Keyword)                        \
  X(If, "if", Keyword)                        \
  X(Import, "import", Keyword)                \
  X(Nil, "nil", Keyword)                      \
  X(Package, "package", Keyword)              \
  X(Range, "range", Keyword)                  \
  X(Return, "return", Keyword)                \
  X(Select, "select", Keyword)                \
  X(Switch, "switch", Keyword)                \
  X(True, "true", Keyword)                    \
  X(Var, "var", Keyword)

enum class TokenKind : uint8_t {
#define GORO_TOKEN_ENUM(name, spelling, cls) name,
  GORO_TOKENS(GORO_TOKEN_ENUM)
#undef GORO_TOKEN_ENUM
  Count
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  Pos pos;
  std::string_view text;
  uint64_t intValue = 0;
  double floatValue = 0;
  std::string strValue;
  bool overflow = false;
  bool bad = false;
};

// The spelling column of GORO_TOKENS.
std::string_view tokenSpelling(TokenKind k);
TokenClass tokenClass(TokenKind k);
// The enumerator's name ("LBrace"), for debugging output.
std::string_view tokenKindName(TokenKind k);

// Keyword kind for an identifier's text, or Ident.
TokenKind lookupKeyword(std::string_view text);

// How "expected X" names a kind: "comma", "semicolon or newline", "name",
// or the spelling (Go's tokstring).
std::string expectedName(TokenKind k);

// How "unexpected X" names a token, as Go's parser does: "name foo",
// "literal 42", "keyword if", "newline", "semicolon", "EOF", "+=", ...
std::string describe(const Token& t);

// Binary operator precedence, 5 (tightest: * / % << >> & &^) down to 1 (||);
// 0 for a token that is not a binary operator.
int binaryPrecedence(TokenKind k);

// For AddAssign..AndNotAssign, the binary operator (AddAssign -> Add);
// Count for any other kind.
TokenKind opAssignBase(TokenKind k);
inline bool isOpAssign(TokenKind k) { return opAssignBase(k) != TokenKind::Count; }

}  // namespace goro::lang::syntax

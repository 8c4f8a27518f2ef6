// tests/lang/syntax/syntax_test_util.h: helpers shared by the front-end tests:
// lex, parse or resolve a snippet and return something easy to compare (token
// kind strings, s-expressions, "LINE:COL: message" error lists).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lang/syntax/ast_printer.h"
#include "lang/syntax/diagnostics.h"
#include "lang/syntax/lexer.h"
#include "lang/syntax/parser.h"
#include "lang/syntax/resolver.h"

namespace goro::lang::syntax::testing {

// A token with its text copied out of the Source, which dies with lex().
struct Tok {
  TokenKind kind;
  Pos pos;
  std::string text;
  uint64_t intValue;
  double floatValue;
  std::string strValue;
  bool overflow;
  bool bad;
};

struct Lexed {
  std::vector<Tok> toks;  // up to and including Eof
  std::vector<std::string> errors;
};

inline Lexed lex(const std::string& text) {
  Source src("test.goro", text);
  Diagnostics diags(src, 1000);
  Lexer lexer(src, diags);
  Lexed out;
  for (;;) {
    Token t = lexer.next();
    out.toks.push_back(Tok{t.kind, t.pos, std::string(t.text), t.intValue, t.floatValue,
                           t.strValue, t.overflow, t.bad});
    if (t.kind == TokenKind::Eof) break;
  }
  out.errors = diags.brief();
  return out;
}

// "Ident Define Int ;nl Eof": kind names, with inserted semicolons shown as
// ";nl" (newline) and ";eof" (end of file), and written ones as ";".
inline std::string kinds(const std::string& text) {
  std::string s;
  for (const Tok& t : lex(text).toks) {
    if (!s.empty()) s += " ";
    if (t.kind == TokenKind::Semicolon) {
      s += t.text == "\n" ? ";nl" : t.text.empty() ? ";eof" : ";";
    } else {
      s += std::string(tokenKindName(t.kind));
    }
  }
  return s;
}

// A parsed (and optionally resolved) program that keeps its Source alive.
struct Program {
  std::unique_ptr<Source> src;
  std::unique_ptr<Diagnostics> diags;
  std::unique_ptr<File> file;

  std::vector<std::string> errors() const { return diags->brief(); }
  std::string report() const { return diags->format(); }
  std::string sexpr(bool annotate = false) const { return toSexpr(*file, {annotate}); }
};

inline Program parse(const std::string& text, int maxErrors = Diagnostics::kMaxErrors) {
  Program p;
  p.src = std::make_unique<Source>("test.goro", text);
  p.diags = std::make_unique<Diagnostics>(*p.src, maxErrors);
  p.file = parseFile(*p.src, *p.diags);
  return p;
}

// Parses and, if parsing succeeded, resolves (as a chunk of a session
// whose earlier chunks declared `earlier`, if given).
// Resolved as one chunk of a session (the REPL) when `earlier` is given.
inline Program resolveProgram(const std::string& text, const std::vector<EarlierGlobal>& earlier = {}) {
  Program p = parse(text);
  if (!p.diags->hasErrors()) resolve(*p.file, *p.diags, earlier, /*session=*/!earlier.empty());
  return p;
}

// The s-expression of one expression, or "ERROR: <first error>".
inline std::string exprSexpr(const std::string& text) {
  Source src("test.goro", text);
  Diagnostics diags(src);
  ExprPtr e = parseExpression(src, diags);
  if (diags.hasErrors() || !e) return "ERROR: " + (diags.hasErrors() ? diags.brief()[0] : "?");
  return toSexpr(*e);
}

// The s-expression of a statement list (one line per top-level statement,
// joined by newlines, without the trailing one), or "ERROR: ...".
inline std::string stmtsSexpr(const std::string& text) {
  Program p = parse(text);
  if (p.diags->hasErrors()) return "ERROR: " + p.errors()[0];
  std::string s = p.sexpr();
  if (!s.empty()) s.pop_back();
  return s;
}

// Annotated s-expression after resolution, or "ERROR: ...".
inline std::string resolvedSexpr(const std::string& text, const std::vector<EarlierGlobal>& earlier = {}) {
  Program p = resolveProgram(text, earlier);
  if (p.diags->hasErrors()) return "ERROR: " + p.errors()[0];
  std::string s = p.sexpr(true);
  if (!s.empty()) s.pop_back();
  return s;
}

}  // namespace goro::lang::syntax::testing

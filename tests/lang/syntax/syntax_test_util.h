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
  uint64_t int_value;
  double float_value;
  std::string str_value;
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
    out.toks.push_back(Tok{t.kind, t.pos, std::string(t.text), t.int_value, t.float_value,
                           t.str_value, t.overflow, t.bad});
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
      s += std::string(token_kind_name(t.kind));
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
  std::string sexpr(bool annotate = false) const { return to_sexpr(*file, {annotate}); }
};

inline Program parse(const std::string& text, int max_errors = Diagnostics::kMaxErrors) {
  Program p;
  p.src = std::make_unique<Source>("test.goro", text);
  p.diags = std::make_unique<Diagnostics>(*p.src, max_errors);
  p.file = parse_file(*p.src, *p.diags);
  return p;
}

// Parses and, if parsing succeeded, resolves.
inline Program resolve_program(const std::string& text) {
  Program p = parse(text);
  if (!p.diags->has_errors()) resolve(*p.file, *p.diags);
  return p;
}

// The s-expression of one expression, or "ERROR: <first error>".
inline std::string expr_sexpr(const std::string& text) {
  Source src("test.goro", text);
  Diagnostics diags(src);
  ExprPtr e = parse_expression(src, diags);
  if (diags.has_errors() || !e) return "ERROR: " + (diags.has_errors() ? diags.brief()[0] : "?");
  return to_sexpr(*e);
}

// The s-expression of a statement list (one line per top-level statement,
// joined by newlines, without the trailing one), or "ERROR: ...".
inline std::string stmts_sexpr(const std::string& text) {
  Program p = parse(text);
  if (p.diags->has_errors()) return "ERROR: " + p.errors()[0];
  std::string s = p.sexpr();
  if (!s.empty()) s.pop_back();
  return s;
}

// Annotated s-expression after resolution, or "ERROR: ...".
inline std::string resolved_sexpr(const std::string& text) {
  Program p = resolve_program(text);
  if (p.diags->has_errors()) return "ERROR: " + p.errors()[0];
  std::string s = p.sexpr(true);
  if (!s.empty()) s.pop_back();
  return s;
}

}  // namespace goro::lang::syntax::testing

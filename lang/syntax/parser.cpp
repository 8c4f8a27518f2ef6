// lang/syntax/parser.cpp: the parser's token handling, error reporting and
// recovery, and the file level (package and import clauses). Statements
// are in parser_stmt.cpp, expressions in parser_expr.cpp.
#include "lang/syntax/parser.h"

#include "lang/syntax/parser_impl.h"

namespace goro::lang::syntax {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Keywords that start a statement: good places to resume after an error,
// which recovery never skips over (Go's stopset).
bool is_stmt_keyword(TokenKind k) {
  switch (k) {
    case TokenKind::Break:
    case TokenKind::Continue:
    case TokenKind::Defer:
    case TokenKind::For:
    case TokenKind::Go:
    case TokenKind::If:
    case TokenKind::Return:
    case TokenKind::Select:
    case TokenKind::Switch:
    case TokenKind::Var: return true;
    default: return false;
  }
}

}  // namespace

std::unique_ptr<File> parse_file(const Source& src, Diagnostics& diags) {
  Parser p(src, diags);
  return p.parse_file();
}

ExprPtr parse_expression(const Source& src, Diagnostics& diags) {
  Parser p(src, diags);
  return p.parse_expression_only();
}

Parser::Parser(const Source& src, Diagnostics& diags) : lex_(src, diags), diags_(diags) {
  tok_ = lex_.next();
}

// ---------------------------------------------------------------------------
// Tokens

void Parser::next() {
  if (tok_.kind == TokenKind::LBrace) {
    ++brace_depth_;
  } else if (tok_.kind == TokenKind::RBrace) {
    --brace_depth_;
  }
  if (has_peek_) {
    tok_ = std::move(peek_);
    has_peek_ = false;
  } else {
    tok_ = lex_.next();
  }
  check_full();  // the lexer may have reported errors
}

const Token& Parser::peek() {
  if (!has_peek_) {
    peek_ = lex_.next();
    has_peek_ = true;
  }
  return peek_;
}

bool Parser::got(TokenKind k) {
  if (tok_.kind != k) return false;
  next();
  return true;
}

void Parser::want(TokenKind k) {
  if (!got(k)) fail("expected " + expected_name(k));
}

// ---------------------------------------------------------------------------
// Errors and recovery

void Parser::report_syntax(std::string_view msg) {
  // At EOF after an earlier error, further complaints are noise (Go does
  // the same).
  if ((tok_.kind == TokenKind::Eof || (tok_.kind == TokenKind::Semicolon && tok_.text.empty())) &&
      diags_.has_errors()) {
    return;
  }
  std::string text;
  if (starts_with(msg, "in ") || starts_with(msg, "at ") || starts_with(msg, "after ")) {
    text = "unexpected " + describe(tok_) + " " + std::string(msg);
  } else if (starts_with(msg, "expected ")) {
    text = "unexpected " + describe(tok_) + ", " + std::string(msg);
  } else {
    text = std::string(msg);
  }
  diags_.syntax_error(tok_.pos, std::move(text));
  check_full();
}

void Parser::report_syntax_at(Pos pos, std::string msg) {
  diags_.syntax_error(pos, std::move(msg));
  check_full();
}

void Parser::report_error(Pos pos, std::string msg) {
  diags_.error(pos, std::move(msg));
  check_full();
}

void Parser::fail(std::string_view msg) {
  report_syntax(msg);
  throw Bail{};
}

void Parser::fail_at(Pos pos, std::string msg) {
  report_syntax_at(pos, std::move(msg));
  throw Bail{};
}

void Parser::too_deep() {
  diags_.syntax_error(tok_.pos, "exceeded max nesting depth");
  throw Stop{};
}

void Parser::check_full() {
  if (diags_.full()) throw Stop{};
}

// Skips the rest of a failed statement: everything up to the `}` closing
// each `{` the statement opened, then up to and including the next `;`, or
// up to (not including) a `}`, case, default, or a statement keyword.
void Parser::recover_stmt(int brace_target) {
  for (;;) {
    if (at(TokenKind::Eof)) return;
    if (brace_depth_ <= brace_target) {
      if (at(TokenKind::Semicolon)) {
        next();
        return;
      }
      if (at(TokenKind::RBrace) || at(TokenKind::Case) || at(TokenKind::Default) ||
          is_stmt_keyword(tok_.kind)) {
        return;
      }
    }
    next();
  }
}

// Skips the rest of a failed case/default header: up to and including its
// `:`, or up to the next case, default or the closing `}`.
void Parser::recover_clause(int brace_target) {
  for (;;) {
    if (at(TokenKind::Eof)) return;
    if (brace_depth_ <= brace_target) {
      if (at(TokenKind::Colon)) {
        next();
        return;
      }
      if (at(TokenKind::Case) || at(TokenKind::Default) || at(TokenKind::RBrace)) return;
    }
    next();
  }
}

// ---------------------------------------------------------------------------
// File level

std::unique_ptr<File> Parser::parse_file() {
  auto file = std::make_unique<File>();
  try {
    check_full();
    package_and_imports(*file);
    stmt_list(file->stmts, /*top_level=*/true);
  } catch (const Stop&) {
  }
  return file;
}

ExprPtr Parser::parse_expression_only() {
  try {
    check_full();
    ExprPtr e = expr();
    got(TokenKind::Semicolon);
    if (!at(TokenKind::Eof)) fail("at end of expression");
    return e;
  } catch (const Bail&) {
  } catch (const Stop&) {
  }
  return nullptr;
}

void Parser::package_and_imports(File& file) {
  if (at(TokenKind::Package)) {
    int target = brace_depth_;
    try {
      file.package_pos = pos();
      next();
      if (!at(TokenKind::Ident)) fail("expected name");
      file.package_name = std::string(tok_.text);
      next();
      if (!at(TokenKind::Eof)) want(TokenKind::Semicolon);
    } catch (const Bail&) {
      recover_stmt(target);
    }
  }
  while (at(TokenKind::Import)) {
    int target = brace_depth_;
    try {
      next();
      if (got(TokenKind::LParen)) {
        while (!at(TokenKind::RParen) && !at(TokenKind::Eof)) {
          import_spec(file);
          if (!got(TokenKind::Semicolon) && !at(TokenKind::RParen)) {
            fail("in grouped declaration; possibly missing semicolon or newline or )");
          }
        }
        want(TokenKind::RParen);
      } else {
        import_spec(file);
      }
      if (!at(TokenKind::Eof) && !got(TokenKind::Semicolon)) fail("after top level declaration");
    } catch (const Bail&) {
      recover_stmt(target);
    }
  }
}

// [name | . | _] "path"; the name is accepted and ignored like the rest.
void Parser::import_spec(File& file) {
  if (at(TokenKind::Ident) || at(TokenKind::Period)) next();
  if (at(TokenKind::String)) {
    file.imports.push_back(Import{tok_.str_value, tok_.pos});
    next();
    return;
  }
  if (at(TokenKind::Int) || at(TokenKind::Float) || at(TokenKind::Char)) {
    fail_at(tok_.pos, "import path must be a string");
  }
  fail("missing import path");
}

}  // namespace goro::lang::syntax

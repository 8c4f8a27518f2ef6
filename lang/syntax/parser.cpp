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
bool isStmtKeyword(TokenKind k) {
  switch (k) {
    case TokenKind::Break:
    case TokenKind::Const:
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

std::unique_ptr<File> parseFile(const Source& src, Diagnostics& diags) {
  Parser p(src, diags);
  return p.parseFile();
}

ExprPtr parseExpression(const Source& src, Diagnostics& diags) {
  Parser p(src, diags);
  return p.parseExpressionOnly();
}

Parser::Parser(const Source& src, Diagnostics& diags) : lex_(src, diags), diags_(diags) {
  tok_ = lex_.next();
}

// ---------------------------------------------------------------------------
// Tokens

void Parser::next() {
  if (tok_.kind == TokenKind::LBrace) {
    ++braceDepth_;
  } else if (tok_.kind == TokenKind::RBrace) {
    --braceDepth_;
  }
  if (hasPeek_) {
    tok_ = std::move(peek_);
    hasPeek_ = false;
  } else {
    tok_ = lex_.next();
  }
  checkFull();  // the lexer may have reported errors
}

const Token& Parser::peek() {
  if (!hasPeek_) {
    peek_ = lex_.next();
    hasPeek_ = true;
  }
  return peek_;
}

bool Parser::got(TokenKind k) {
  if (tok_.kind != k) return false;
  next();
  return true;
}

void Parser::want(TokenKind k) {
  if (!got(k)) fail("expected " + expectedName(k));
}

// ---------------------------------------------------------------------------
// Errors and recovery

void Parser::reportSyntax(std::string_view msg) {
  // At EOF after an earlier error, further complaints are noise (Go does
  // the same).
  if ((tok_.kind == TokenKind::Eof || (tok_.kind == TokenKind::Semicolon && tok_.text.empty())) &&
      diags_.hasErrors()) {
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
  diags_.syntaxError(tok_.pos, std::move(text));
  checkFull();
}

void Parser::reportSyntaxAt(Pos pos, std::string msg) {
  diags_.syntaxError(pos, std::move(msg));
  checkFull();
}

void Parser::reportError(Pos pos, std::string msg) {
  diags_.error(pos, std::move(msg));
  checkFull();
}

void Parser::fail(std::string_view msg) {
  reportSyntax(msg);
  throw Bail{};
}

void Parser::failAt(Pos pos, std::string msg) {
  reportSyntaxAt(pos, std::move(msg));
  throw Bail{};
}

void Parser::tooDeep() {
  diags_.syntaxError(tok_.pos, "exceeded max nesting depth");
  throw Stop{};
}

void Parser::checkFull() {
  if (diags_.full()) throw Stop{};
}

// Skips the rest of a failed statement: everything up to the `}` closing
// each `{` the statement opened, then up to and including the next `;`, or
// up to (not including) a `}`, case, default, or a statement keyword.
void Parser::recoverStmt(int braceTarget) {
  for (;;) {
    if (at(TokenKind::Eof)) return;
    if (braceDepth_ <= braceTarget) {
      if (at(TokenKind::Semicolon)) {
        next();
        return;
      }
      if (at(TokenKind::RBrace) || at(TokenKind::Case) || at(TokenKind::Default) ||
          isStmtKeyword(tok_.kind)) {
        return;
      }
    }
    next();
  }
}

// Skips the rest of a failed case/default header: up to and including its
// `:`, or up to the next case, default or the closing `}`.
void Parser::recoverClause(int braceTarget) {
  for (;;) {
    if (at(TokenKind::Eof)) return;
    if (braceDepth_ <= braceTarget) {
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

std::unique_ptr<File> Parser::parseFile() {
  auto file = std::make_unique<File>();
  try {
    checkFull();
    packageAndImports(*file);
    stmtList(file->stmts, /*topLevel=*/true);
  } catch (const Stop&) {
  }
  file->namesInFunctions = std::move(namesInFunctions_);
  return file;
}

ExprPtr Parser::parseExpressionOnly() {
  try {
    checkFull();
    ExprPtr e = expr();
    got(TokenKind::Semicolon);
    if (!at(TokenKind::Eof)) fail("at end of expression");
    return e;
  } catch (const Bail&) {
  } catch (const Stop&) {
  }
  return nullptr;
}

void Parser::packageAndImports(File& file) {
  if (at(TokenKind::Package)) {
    int target = braceDepth_;
    try {
      file.packagePos = pos();
      next();
      if (!at(TokenKind::Ident)) fail("expected name");
      file.packageName = std::string(tok_.text);
      next();
      if (!at(TokenKind::Eof)) want(TokenKind::Semicolon);
    } catch (const Bail&) {
      recoverStmt(target);
    }
  }
  while (at(TokenKind::Import)) {
    int target = braceDepth_;
    try {
      next();
      if (got(TokenKind::LParen)) {
        while (!at(TokenKind::RParen) && !at(TokenKind::Eof)) {
          importSpec(file);
          if (!got(TokenKind::Semicolon) && !at(TokenKind::RParen)) {
            fail("in grouped declaration; possibly missing semicolon or newline or )");
          }
        }
        want(TokenKind::RParen);
      } else {
        importSpec(file);
      }
      if (!at(TokenKind::Eof) && !got(TokenKind::Semicolon)) fail("after top level declaration");
    } catch (const Bail&) {
      recoverStmt(target);
    }
  }
}

// [name | . | _] "path"; the name is accepted and ignored like the rest.
void Parser::importSpec(File& file) {
  if (at(TokenKind::Ident) || at(TokenKind::Period)) next();
  if (at(TokenKind::String)) {
    file.imports.push_back(Import{tok_.strValue, tok_.pos});
    next();
    return;
  }
  if (at(TokenKind::Int) || at(TokenKind::Float) || at(TokenKind::Char)) {
    failAt(tok_.pos, "import path must be a string");
  }
  fail("missing import path");
}

}  // namespace goro::lang::syntax

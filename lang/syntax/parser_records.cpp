// lang/syntax/parser_records.cpp: the syntax of records (docs/language.md,
// "Records"): `type T struct { F1, F2 }` declarations, methods
// `func (r T) M(...) { ... }` and `func (r *T) M(...)`, and literals
// `T{v1, v2}`, `T{F: v}` and `&T{...}`.
//
// Fields have no types, as variables have none (`var x int` is a syntax
// error too): a name after a field name is reported, not skipped, so that
// a ported Go program says where its types still are.
//
// A literal is recognised where a name is followed by `{`, except in the
// header of an if, for or switch statement, where that `{` opens the body
// (Go's rule: such a literal needs parentheses there).
#include "lang/syntax/parser_impl.h"

namespace goro::lang::syntax {

StmtPtr Parser::typeDecl() {
  auto d = std::make_unique<TypeDecl>(pos());
  next();  // type
  d->name = ident();
  if (!at(TokenKind::Ident) || tok_.text != "struct") fail("expected struct (Goro's type declarations are records)");
  next();
  if (!at(TokenKind::LBrace)) fail("expected {");
  next();
  while (!at(TokenKind::RBrace) && !at(TokenKind::Eof)) {
    if (got(TokenKind::Semicolon)) continue;
    for (;;) {
      if (!at(TokenKind::Ident)) fail("expected field name or }");
      std::string name(tok_.text);
      for (const std::string& f : d->fields) {
        if (f == name) reportError(pos(), name + " redeclared");
      }
      d->fields.push_back(std::move(name));
      d->fieldPos.push_back(pos());
      next();
      if (!got(TokenKind::Comma)) break;
    }
    if (!at(TokenKind::Semicolon) && !at(TokenKind::RBrace)) {
      fail("expected semicolon, newline, or } (fields have no types in Goro)");
    }
  }
  want(TokenKind::RBrace);
  return d;
}

void Parser::methodDeclOrLiteral(StmtList& out) {
  Pos start = pos();
  next();  // func
  next();  // (
  bool method = at(TokenKind::Ident) && (peek().kind == TokenKind::Ident || peek().kind == TokenKind::Mul);
  if (!method) {
    pendingOperand_ = funcLitAfterLParen(start);
    out.push_back(simpleStmt({}));
    return;
  }
  auto d = std::make_unique<FuncDecl>(start);
  std::unique_ptr<Ident> receiver = ident();
  namesInFunctions_.insert(receiver->name);  // a parameter of the method's body
  d->recvPointer = got(TokenKind::Mul);
  d->recvType = ident();
  if (at(TokenKind::Comma)) fail("method has multiple receivers");
  want(TokenKind::RParen);
  d->name = ident();
  d->func = funcLit(start);
  d->func->params.insert(d->func->params.begin(), std::move(receiver));
  out.push_back(std::move(d));
}

bool Parser::atRecordLit(const Expr& x) const {
  return !noRecordLit_ && at(TokenKind::LBrace) && x.kind == NodeKind::Ident;
}

ExprPtr Parser::recordLit(ExprPtr type) {
  auto lit = std::make_unique<RecordLit>(type->pos);
  lit->type.reset(static_cast<Ident*>(type.release()));
  RecordLitsAllowed allowed(*this);
  next();  // {
  while (!at(TokenKind::RBrace) && !at(TokenKind::Eof)) {
    bool keyed = at(TokenKind::Ident) && peek().kind == TokenKind::Colon;
    if (!lit->values.empty() && keyed != lit->keyed) {
      reportError(pos(), "mixture of field:value and value elements in struct literal");
    }
    if (keyed) {
      lit->keyed = true;
      lit->keys.emplace_back(tok_.text);
      lit->keyPos.push_back(pos());
      next();  // the name
      next();  // :
    }
    lit->values.push_back(expr());
    if (!got(TokenKind::Comma) && !at(TokenKind::RBrace)) {
      fail("in composite literal; possibly missing comma or }");
    }
  }
  lit->rbrace = pos();
  want(TokenKind::RBrace);
  return lit;
}

}  // namespace goro::lang::syntax

// lang/syntax/parser_stmt.cpp: statements, blocks and declarations (see
// parser.h for the grammar notes and parser_impl.h for error handling).
#include "lang/syntax/ast_printer.h"
#include "lang/syntax/parser_impl.h"

namespace goro::lang::syntax {
namespace {

template <class T>
std::unique_ptr<T> make(Pos p) {
  return std::make_unique<T>(p);
}

// Go's emphasize: a binary expression in an "assignment ... as value"
// message gets parentheses so the `=` stands out.
std::string emphasize(const ExprList& list) {
  std::string s;
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) s += ", ";
    s += goSyntax(*list[i]);
  }
  if (list.size() == 1 && list[0]->kind == NodeKind::Binary) return "(" + s + ")";
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------
// Statement lists

bool Parser::canStartStmt() const {
  switch (tok_.kind) {
    case TokenKind::Ident:
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::Char:
    case TokenKind::String:
    case TokenKind::Nil:
    case TokenKind::True:
    case TokenKind::False:
    case TokenKind::LParen:
    case TokenKind::LBrack:
    case TokenKind::LBrace:
    case TokenKind::Func:
    case TokenKind::Add:
    case TokenKind::Sub:
    case TokenKind::Not:
    case TokenKind::Xor:
    case TokenKind::Arrow:
    case TokenKind::Var:
    case TokenKind::Const:
    case TokenKind::If:
    case TokenKind::For:
    case TokenKind::Switch:
    case TokenKind::Select:
    case TokenKind::Return:
    case TokenKind::Break:
    case TokenKind::Continue:
    case TokenKind::Go:
    case TokenKind::Defer:
    case TokenKind::Semicolon:
    case TokenKind::Import:
    case TokenKind::Package: return true;
    default: return false;
  }
}

// Parses statements until `}`, case or default (or, at top level, EOF).
// Each failed statement is skipped and parsing goes on.
void Parser::stmtList(StmtList& out, bool topLevel) {
  for (;;) {
    if (at(TokenKind::Eof)) return;
    if (!topLevel && (at(TokenKind::RBrace) || at(TokenKind::Case) || at(TokenKind::Default))) return;
    int target = braceDepth_;
    uint32_t start = tok_.pos.offset;
    try {
      if (!canStartStmt()) fail(topLevel ? "expected statement" : "expected }");
      stmt(out, topLevel);
      // A `;` is optional before a closing `}` and at the end of the file.
      if (!got(TokenKind::Semicolon) && !at(topLevel ? TokenKind::Eof : TokenKind::RBrace)) {
        fail("at end of statement");
      }
    } catch (const Bail&) {
      recoverStmt(target);
      if (tok_.pos.offset == start && !at(TokenKind::Eof)) next();  // always make progress
    }
  }
}

void Parser::stmt(StmtList& out, bool topLevel) {
  switch (tok_.kind) {
    case TokenKind::Semicolon: return;  // empty statement
    case TokenKind::LBrace: out.push_back(block("")); return;
    case TokenKind::Var: varDecl(out); return;
    case TokenKind::Const: constDecl(out); return;
    case TokenKind::If: out.push_back(ifStmt()); return;
    case TokenKind::For: out.push_back(forStmt()); return;
    case TokenKind::Switch: out.push_back(switchStmt()); return;
    case TokenKind::Select: out.push_back(selectStmt()); return;
    case TokenKind::Return: out.push_back(returnStmt()); return;
    case TokenKind::Go:
    case TokenKind::Defer: out.push_back(callStmt()); return;
    case TokenKind::Break:
    case TokenKind::Continue: {
      StmtPtr s;
      if (at(TokenKind::Break)) {
        s = make<BreakStmt>(pos());
      } else {
        s = make<ContinueStmt>(pos());
      }
      next();
      if (at(TokenKind::Ident)) fail("labels are not supported");
      out.push_back(std::move(s));
      return;
    }
    case TokenKind::Func:
      if (topLevel && peek().kind == TokenKind::Ident) {
        out.push_back(funcDecl());
        return;
      }
      if (topLevel && peek().kind == TokenKind::LParen) {
        methodDeclOrLiteral(out);
        return;
      }
      break;  // a function literal starts an expression statement
    case TokenKind::Import: fail("imports must appear before other declarations");
    case TokenKind::Package: fail("package statement must be first");
    case TokenKind::Ident: {
      // goto and fallthrough are not keywords in Goro; catch their Go uses.
      if (tok_.text == "goto" && peek().kind == TokenKind::Ident) fail("goto is not supported");
      if (tok_.text == "type" && peek().kind == TokenKind::Ident) {
        if (!topLevel) fail("type declarations are only allowed at the top level");
        out.push_back(typeDecl());
        return;
      }
      if (tok_.text == "fallthrough" &&
          (peek().kind == TokenKind::Semicolon || peek().kind == TokenKind::RBrace)) {
        fail("fallthrough is not supported");
      }
      ExprList lhs = exprList();
      if (at(TokenKind::Colon) && lhs.size() == 1 && lhs[0]->kind == NodeKind::Ident) {
        failAt(lhs[0]->pos, "labels are not supported");
      }
      out.push_back(simpleStmt(std::move(lhs)));
      return;
    }
    default: break;
  }
  out.push_back(simpleStmt({}));
}

std::unique_ptr<BlockStmt> Parser::block(std::string_view context) {
  Nest nest(*this);
  nest.step();
  RecordLitsAllowed allowed(*this);
  auto b = make<BlockStmt>(pos());
  if (!got(TokenKind::LBrace)) {
    fail(context.empty() ? std::string("expected {") : "expected { after " + std::string(context));
  }
  stmtList(b->stmts, false);
  b->rbrace = pos();
  want(TokenKind::RBrace);
  return b;
}

// ---------------------------------------------------------------------------
// Simple statements: expression, send, inc/dec, assignment, :=

StmtPtr Parser::simpleStmt(ExprList lhs) {
  if (lhs.empty()) lhs = exprList();
  Pos start = lhs[0]->pos;
  if (lhs.size() == 1 && !at(TokenKind::Assign) && !at(TokenKind::Define)) {
    Pos opPos = pos();
    if (isOpAssign(tok_.kind)) {
      auto s = make<AssignStmt>(start);
      s->op = tok_.kind;
      s->opPos = opPos;
      next();
      s->lhs = std::move(lhs);
      s->rhs.push_back(expr());
      return s;
    }
    if (at(TokenKind::Inc) || at(TokenKind::Dec)) {
      auto s = make<IncDecStmt>(start);
      s->inc = at(TokenKind::Inc);
      s->opPos = opPos;
      s->x = std::move(lhs[0]);
      next();
      return s;
    }
    if (at(TokenKind::Arrow)) {
      auto s = make<SendStmt>(start);
      s->arrow = opPos;
      next();
      s->chan = std::move(lhs[0]);
      s->value = expr();
      return s;
    }
    auto s = make<ExprStmt>(start);
    s->x = std::move(lhs[0]);
    return s;
  }
  if (!at(TokenKind::Assign) && !at(TokenKind::Define)) fail("expected := or = or comma");
  bool define = at(TokenKind::Define);
  Pos opPos = pos();
  next();
  ExprList rhs = exprList();
  if (!define) {
    auto s = make<AssignStmt>(start);
    s->op = TokenKind::Assign;
    s->opPos = opPos;
    s->lhs = std::move(lhs);
    s->rhs = std::move(rhs);
    return s;
  }
  auto s = make<DefineStmt>(start);
  s->opPos = opPos;
  for (auto& e : lhs) {
    if (e->kind != NodeKind::Ident) {
      reportError(e->pos, "non-name " + goSyntax(*e) + " on left side of :=");
      continue;
    }
    s->lhs.emplace_back(static_cast<Ident*>(e.release()));
  }
  s->rhs = std::move(rhs);
  return s;
}

// The condition (or switch tag) statement of a header must be a plain
// expression; Go words the common `if x = y {` mistake specially.
ExprPtr Parser::headerCond(StmtPtr s) {
  if (auto* e = dyn<ExprStmt>(s.get())) return std::move(e->x);
  if (auto* a = dyn<AssignStmt>(s.get()); a != nullptr && a->op == TokenKind::Assign) {
    failAt(s->pos, "cannot use assignment " + emphasize(a->lhs) + " = " + emphasize(a->rhs) + " as value");
  }
  failAt(s->pos, "cannot use " + goSyntax(*s) + " as value");
}

// ---------------------------------------------------------------------------
// Control flow

StmtPtr Parser::ifStmt() {
  Nest nest(*this);  // else-if chains nest
  nest.step();
  auto s = make<IfStmt>(pos());
  next();
  if (at(TokenKind::LBrace)) fail("missing condition in if statement");
  InHeader header(*this);
  StmtPtr cond;
  if (!at(TokenKind::Semicolon)) {
    if (at(TokenKind::Var)) fail("var declaration not allowed in if initializer");
    cond = simpleStmt({});
  }
  if (!at(TokenKind::LBrace)) {
    if (!at(TokenKind::Semicolon)) want(TokenKind::LBrace);
    Pos semiPos = pos();
    bool written = tok_.text == ";";
    next();
    s->init = std::move(cond);
    if (at(TokenKind::LBrace)) {
      failAt(semiPos, written ? "missing condition in if statement"
                                : "unexpected newline, expected { after if clause");
    }
    cond = simpleStmt({});
  }
  s->cond = headerCond(std::move(cond));
  s->then = block("if clause");
  if (got(TokenKind::Else)) {
    if (at(TokenKind::If)) {
      s->els = ifStmt();
    } else if (at(TokenKind::LBrace)) {
      s->els = block("");
    } else {
      fail("else must be followed by if or statement block");
    }
  }
  return s;
}

StmtPtr Parser::forStmt() {
  Pos forPos = pos();
  next();
  InHeader header(*this);  // block() below allows literals again
  if (at(TokenKind::LBrace)) {
    auto s = make<ForStmt>(forPos);
    s->body = block("for clause");
    return s;
  }
  if (at(TokenKind::Range)) return rangeRest(forPos, {}, false);
  StmtPtr init;
  if (!at(TokenKind::Semicolon)) {
    if (at(TokenKind::Var)) fail("var declaration not allowed in for initializer");
    ExprList lhs = exprList();
    if ((at(TokenKind::Define) || at(TokenKind::Assign)) && peek().kind == TokenKind::Range) {
      bool define = at(TokenKind::Define);
      next();
      return rangeRest(forPos, std::move(lhs), define);
    }
    init = simpleStmt(std::move(lhs));
    if (at(TokenKind::LBrace)) {  // for cond {
      auto s = make<ForStmt>(forPos);
      s->cond = headerCond(std::move(init));
      s->body = block("for clause");
      return s;
    }
  }
  auto s = make<ForStmt>(forPos);
  if (!at(TokenKind::Semicolon)) want(TokenKind::LBrace);
  next();
  s->init = std::move(init);
  if (!at(TokenKind::Semicolon)) {
    if (at(TokenKind::LBrace)) fail("expected for loop condition");
    s->cond = headerCond(simpleStmt({}));
  }
  want(TokenKind::Semicolon);
  if (!at(TokenKind::LBrace)) {
    s->post = simpleStmt({});
    if (s->post->kind == NodeKind::DefineStmt) {
      failAt(s->post->pos, "cannot declare in post statement of for loop");
    }
  }
  s->body = block("for clause");
  return s;
}

// After `for [lhs (:= | =)]`, at `range`.
StmtPtr Parser::rangeRest(Pos forPos, ExprList lhs, bool define) {
  auto s = make<RangeStmt>(forPos);
  s->rangePos = pos();
  next();
  if (lhs.size() > 2) reportError(lhs[2]->pos, "range clause permits at most two iteration variables");
  if (define) {
    for (auto& e : lhs) {
      if (e->kind != NodeKind::Ident) reportError(e->pos, "non-name " + goSyntax(*e) + " on left side of :=");
    }
  }
  if (!lhs.empty()) s->key = std::move(lhs[0]);
  if (lhs.size() > 1) s->value = std::move(lhs[1]);
  s->define = define;
  s->x = expr();
  s->body = block("for clause");
  return s;
}

StmtPtr Parser::switchStmt() {
  auto s = make<SwitchStmt>(pos());
  next();
  InHeader header(*this);  // the clauses' statement lists allow literals again
  if (!at(TokenKind::LBrace)) {
    StmtPtr tag;
    if (!at(TokenKind::Semicolon)) {
      if (at(TokenKind::Var)) fail("var declaration not allowed in switch initializer");
      tag = simpleStmt({});
    }
    if (at(TokenKind::Semicolon)) {
      next();
      s->init = std::move(tag);
      if (!at(TokenKind::LBrace)) tag = simpleStmt({});
    } else if (!at(TokenKind::LBrace)) {
      want(TokenKind::LBrace);
    }
    if (tag) s->tag = headerCond(std::move(tag));
  }
  if (!got(TokenKind::LBrace)) fail("missing { after switch clause");
  RecordLitsAllowed clauses(*this);
  bool seenDefault = false;
  while (!at(TokenKind::RBrace) && !at(TokenKind::Eof)) {
    CaseClause c;
    c.pos = pos();
    int target = braceDepth_;
    try {
      if (got(TokenKind::Case)) {
        c.exprs = exprList();
      } else if (got(TokenKind::Default)) {
        c.isDefault = true;
        if (seenDefault) reportError(c.pos, "multiple defaults in switch");
        seenDefault = true;
      } else {
        fail("expected case or default or }");
      }
      want(TokenKind::Colon);
    } catch (const Bail&) {
      recoverClause(target);
    }
    stmtList(c.body, false);
    s->clauses.push_back(std::move(c));
  }
  s->rbrace = pos();
  want(TokenKind::RBrace);
  return s;
}

StmtPtr Parser::selectStmt() {
  auto s = make<SelectStmt>(pos());
  next();
  if (!got(TokenKind::LBrace)) fail("missing { after select clause");
  bool seenDefault = false;
  while (!at(TokenKind::RBrace) && !at(TokenKind::Eof)) {
    CommClause c;
    c.pos = pos();
    int target = braceDepth_;
    try {
      if (got(TokenKind::Case)) {
        commClauseFrom(c, simpleStmt({}));
      } else if (got(TokenKind::Default)) {
        c.kind = CommKind::Default;
        if (seenDefault) reportError(c.pos, "multiple defaults in select");
        seenDefault = true;
      } else {
        fail("expected case or default or }");
      }
      want(TokenKind::Colon);
    } catch (const Bail&) {
      recoverClause(target);
    }
    stmtList(c.body, false);
    s->clauses.push_back(std::move(c));
  }
  s->rbrace = pos();
  want(TokenKind::RBrace);
  return s;
}

// Sorts a select case's statement into receive or send.
void Parser::commClauseFrom(CommClause& c, StmtPtr s) {
  auto recvOf = [](ExprList& rhs) -> Unary* {
    if (rhs.size() != 1) return nullptr;
    auto* u = dyn<Unary>(rhs[0].get());
    return u != nullptr && u->op == TokenKind::Arrow ? u : nullptr;
  };
  if (auto* e = dyn<ExprStmt>(s.get())) {
    if (auto* u = dyn<Unary>(e->x.get()); u != nullptr && u->op == TokenKind::Arrow) {
      c.kind = CommKind::Recv;
      c.opPos = u->pos;
      c.chan = std::move(u->x);
      return;
    }
  } else if (auto* send = dyn<SendStmt>(s.get())) {
    c.kind = CommKind::Send;
    c.opPos = send->arrow;
    c.chan = std::move(send->chan);
    c.value = std::move(send->value);
    return;
  } else if (auto* a = dyn<AssignStmt>(s.get())) {
    Unary* u = recvOf(a->rhs);
    if (a->op == TokenKind::Assign && u != nullptr && a->lhs.size() <= 2) {
      c.kind = CommKind::Recv;
      c.opPos = u->pos;
      c.chan = std::move(u->x);
      c.lhs = std::move(a->lhs);
      return;
    }
  } else if (auto* d = dyn<DefineStmt>(s.get())) {
    Unary* u = recvOf(d->rhs);
    if (u != nullptr && !d->lhs.empty() && d->lhs.size() <= 2) {
      c.kind = CommKind::Recv;
      c.define = true;
      c.opPos = u->pos;
      c.chan = std::move(u->x);
      for (auto& id : d->lhs) c.lhs.push_back(std::move(id));
      return;
    }
  }
  reportError(s->pos, "select case must be receive, send or assign recv");
}

StmtPtr Parser::returnStmt() {
  auto s = make<ReturnStmt>(pos());
  next();
  if (!at(TokenKind::Semicolon) && !at(TokenKind::RBrace)) s->values = exprList();
  return s;
}

StmtPtr Parser::callStmt() {
  bool isGo = at(TokenKind::Go);
  Pos start = pos();
  next();
  ExprPtr x = expr();
  std::unique_ptr<Call> call;
  if (x->kind == NodeKind::Call) {
    call.reset(static_cast<Call*>(x.release()));
  } else {
    reportError(x->pos, std::string("expression in ") + (isGo ? "go" : "defer") + " must be function call");
  }
  if (isGo) {
    auto s = make<GoStmt>(start);
    s->call = std::move(call);
    return s;
  }
  auto s = make<DeferStmt>(start);
  s->call = std::move(call);
  return s;
}

// ---------------------------------------------------------------------------
// Declarations

void Parser::varDecl(StmtList& out) {
  Pos varPos = pos();
  next();
  if (!got(TokenKind::LParen)) {
    StmtPtr d = varSpec();
    d->pos = varPos;
    out.push_back(std::move(d));
    return;
  }
  while (!at(TokenKind::RParen) && !at(TokenKind::Eof)) {
    out.push_back(varSpec());
    if (!got(TokenKind::Semicolon) && !at(TokenKind::RParen)) {
      fail("in grouped declaration; possibly missing semicolon or newline or )");
    }
  }
  want(TokenKind::RParen);
}

// name {, name} [= expr {, expr}]
StmtPtr Parser::varSpec() {
  auto d = make<VarDecl>(pos());
  specNamesAndValues(&d->names, &d->values);
  return d;
}

// The shared part of a var and a const spec: name {, name}, then
// `= expr {, expr}` or the end of the spec. Returns whether there was `=`.
bool Parser::specNamesAndValues(std::vector<std::unique_ptr<Ident>>* names, ExprList* values) {
  do {
    names->push_back(ident());
  } while (got(TokenKind::Comma));
  if (got(TokenKind::Assign)) {
    *values = exprList();
    return true;
  }
  if (!at(TokenKind::Semicolon) && !at(TokenKind::RParen) && !at(TokenKind::RBrace) && !at(TokenKind::Eof)) {
    fail("expected =");
  }
  return false;
}

// const spec | const ( spec; spec; ... ): one ConstDecl per spec, each
// knowing its iota and, when it has no values, the list it repeats.
void Parser::constDecl(StmtList& out) {
  Pos constPos = pos();
  next();
  if (!got(TokenKind::LParen)) {
    auto d = constSpec(0, nullptr);
    d->pos = constPos;
    out.push_back(std::move(d));
    return;
  }
  const ExprList* previous = nullptr;
  for (int64_t iota = 0; !at(TokenKind::RParen) && !at(TokenKind::Eof); ++iota) {
    auto d = constSpec(iota, previous);
    previous = &d->exprs();
    out.push_back(std::move(d));
    if (!got(TokenKind::Semicolon) && !at(TokenKind::RParen)) {
      fail("in grouped declaration; possibly missing semicolon or newline or )");
    }
  }
  want(TokenKind::RParen);
}

// name {, name} [= expr {, expr}]; without `=`, the previous spec's list
// is repeated (Go's implicit repetition); a first spec without one has
// neither (the resolver reports the missing values).
std::unique_ptr<ConstDecl> Parser::constSpec(int64_t iota, const ExprList* previous) {
  auto d = make<ConstDecl>(pos());
  d->iota = iota;
  if (!specNamesAndValues(&d->names, &d->values)) {
    d->inherited = previous;  // null for a first line: the resolver reports it
  }
  return d;
}

StmtPtr Parser::funcDecl() {
  auto d = make<FuncDecl>(pos());
  next();  // func
  d->name = ident();
  d->func = funcLit(d->pos);
  return d;
}

}  // namespace goro::lang::syntax

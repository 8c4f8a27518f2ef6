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
    s += go_syntax(*list[i]);
  }
  if (list.size() == 1 && list[0]->kind == NodeKind::Binary) return "(" + s + ")";
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------
// Statement lists

bool Parser::can_start_stmt() const {
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
void Parser::stmt_list(StmtList& out, bool top_level) {
  for (;;) {
    if (at(TokenKind::Eof)) return;
    if (!top_level && (at(TokenKind::RBrace) || at(TokenKind::Case) || at(TokenKind::Default))) return;
    int target = brace_depth_;
    uint32_t start = tok_.pos.offset;
    try {
      if (!can_start_stmt()) fail(top_level ? "expected statement" : "expected }");
      stmt(out, top_level);
      // A `;` is optional before a closing `}` and at the end of the file.
      if (!got(TokenKind::Semicolon) && !at(top_level ? TokenKind::Eof : TokenKind::RBrace)) {
        fail("at end of statement");
      }
    } catch (const Bail&) {
      recover_stmt(target);
      if (tok_.pos.offset == start && !at(TokenKind::Eof)) next();  // always make progress
    }
  }
}

void Parser::stmt(StmtList& out, bool top_level) {
  switch (tok_.kind) {
    case TokenKind::Semicolon: return;  // empty statement
    case TokenKind::LBrace: out.push_back(block("")); return;
    case TokenKind::Var: var_decl(out); return;
    case TokenKind::If: out.push_back(if_stmt()); return;
    case TokenKind::For: out.push_back(for_stmt()); return;
    case TokenKind::Switch: out.push_back(switch_stmt()); return;
    case TokenKind::Select: out.push_back(select_stmt()); return;
    case TokenKind::Return: out.push_back(return_stmt()); return;
    case TokenKind::Go:
    case TokenKind::Defer: out.push_back(call_stmt()); return;
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
      if (top_level && peek().kind == TokenKind::Ident) {
        out.push_back(func_decl());
        return;
      }
      break;  // a function literal starts an expression statement
    case TokenKind::Import: fail("imports must appear before other declarations");
    case TokenKind::Package: fail("package statement must be first");
    case TokenKind::Ident: {
      // goto and fallthrough are not keywords in Goro; catch their Go uses.
      if (tok_.text == "goto" && peek().kind == TokenKind::Ident) fail("goto is not supported");
      if (tok_.text == "fallthrough" &&
          (peek().kind == TokenKind::Semicolon || peek().kind == TokenKind::RBrace)) {
        fail("fallthrough is not supported");
      }
      ExprList lhs = expr_list();
      if (at(TokenKind::Colon) && lhs.size() == 1 && lhs[0]->kind == NodeKind::Ident) {
        fail_at(lhs[0]->pos, "labels are not supported");
      }
      out.push_back(simple_stmt(std::move(lhs)));
      return;
    }
    default: break;
  }
  out.push_back(simple_stmt({}));
}

std::unique_ptr<BlockStmt> Parser::block(std::string_view context) {
  Nest nest(*this);
  nest.step();
  auto b = make<BlockStmt>(pos());
  if (!got(TokenKind::LBrace)) {
    fail(context.empty() ? std::string("expected {") : "expected { after " + std::string(context));
  }
  stmt_list(b->stmts, false);
  b->rbrace = pos();
  want(TokenKind::RBrace);
  return b;
}

// ---------------------------------------------------------------------------
// Simple statements: expression, send, inc/dec, assignment, :=

StmtPtr Parser::simple_stmt(ExprList lhs) {
  if (lhs.empty()) lhs = expr_list();
  Pos start = lhs[0]->pos;
  if (lhs.size() == 1 && !at(TokenKind::Assign) && !at(TokenKind::Define)) {
    Pos op_pos = pos();
    if (is_op_assign(tok_.kind)) {
      auto s = make<AssignStmt>(start);
      s->op = tok_.kind;
      s->op_pos = op_pos;
      next();
      s->lhs = std::move(lhs);
      s->rhs.push_back(expr());
      return s;
    }
    if (at(TokenKind::Inc) || at(TokenKind::Dec)) {
      auto s = make<IncDecStmt>(start);
      s->inc = at(TokenKind::Inc);
      s->op_pos = op_pos;
      s->x = std::move(lhs[0]);
      next();
      return s;
    }
    if (at(TokenKind::Arrow)) {
      auto s = make<SendStmt>(start);
      s->arrow = op_pos;
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
  Pos op_pos = pos();
  next();
  ExprList rhs = expr_list();
  if (!define) {
    auto s = make<AssignStmt>(start);
    s->op = TokenKind::Assign;
    s->op_pos = op_pos;
    s->lhs = std::move(lhs);
    s->rhs = std::move(rhs);
    return s;
  }
  auto s = make<DefineStmt>(start);
  s->op_pos = op_pos;
  for (auto& e : lhs) {
    if (e->kind != NodeKind::Ident) {
      report_error(e->pos, "non-name " + go_syntax(*e) + " on left side of :=");
      continue;
    }
    s->lhs.emplace_back(static_cast<Ident*>(e.release()));
  }
  s->rhs = std::move(rhs);
  return s;
}

// The condition (or switch tag) statement of a header must be a plain
// expression; Go words the common `if x = y {` mistake specially.
ExprPtr Parser::header_cond(StmtPtr s) {
  if (auto* e = dyn<ExprStmt>(s.get())) return std::move(e->x);
  if (auto* a = dyn<AssignStmt>(s.get()); a != nullptr && a->op == TokenKind::Assign) {
    fail_at(s->pos, "cannot use assignment " + emphasize(a->lhs) + " = " + emphasize(a->rhs) + " as value");
  }
  fail_at(s->pos, "cannot use " + go_syntax(*s) + " as value");
}

// ---------------------------------------------------------------------------
// Control flow

StmtPtr Parser::if_stmt() {
  Nest nest(*this);  // else-if chains nest
  nest.step();
  auto s = make<IfStmt>(pos());
  next();
  if (at(TokenKind::LBrace)) fail("missing condition in if statement");
  StmtPtr cond;
  if (!at(TokenKind::Semicolon)) {
    if (at(TokenKind::Var)) fail("var declaration not allowed in if initializer");
    cond = simple_stmt({});
  }
  if (!at(TokenKind::LBrace)) {
    if (!at(TokenKind::Semicolon)) want(TokenKind::LBrace);
    Pos semi_pos = pos();
    bool written = tok_.text == ";";
    next();
    s->init = std::move(cond);
    if (at(TokenKind::LBrace)) {
      fail_at(semi_pos, written ? "missing condition in if statement"
                                : "unexpected newline, expected { after if clause");
    }
    cond = simple_stmt({});
  }
  s->cond = header_cond(std::move(cond));
  s->then = block("if clause");
  if (got(TokenKind::Else)) {
    if (at(TokenKind::If)) {
      s->els = if_stmt();
    } else if (at(TokenKind::LBrace)) {
      s->els = block("");
    } else {
      fail("else must be followed by if or statement block");
    }
  }
  return s;
}

StmtPtr Parser::for_stmt() {
  Pos for_pos = pos();
  next();
  if (at(TokenKind::LBrace)) {
    auto s = make<ForStmt>(for_pos);
    s->body = block("for clause");
    return s;
  }
  if (at(TokenKind::Range)) return range_rest(for_pos, {}, false);
  StmtPtr init;
  if (!at(TokenKind::Semicolon)) {
    if (at(TokenKind::Var)) fail("var declaration not allowed in for initializer");
    ExprList lhs = expr_list();
    if ((at(TokenKind::Define) || at(TokenKind::Assign)) && peek().kind == TokenKind::Range) {
      bool define = at(TokenKind::Define);
      next();
      return range_rest(for_pos, std::move(lhs), define);
    }
    init = simple_stmt(std::move(lhs));
    if (at(TokenKind::LBrace)) {  // for cond {
      auto s = make<ForStmt>(for_pos);
      s->cond = header_cond(std::move(init));
      s->body = block("for clause");
      return s;
    }
  }
  auto s = make<ForStmt>(for_pos);
  if (!at(TokenKind::Semicolon)) want(TokenKind::LBrace);
  next();
  s->init = std::move(init);
  if (!at(TokenKind::Semicolon)) {
    if (at(TokenKind::LBrace)) fail("expected for loop condition");
    s->cond = header_cond(simple_stmt({}));
  }
  want(TokenKind::Semicolon);
  if (!at(TokenKind::LBrace)) {
    s->post = simple_stmt({});
    if (s->post->kind == NodeKind::DefineStmt) {
      fail_at(s->post->pos, "cannot declare in post statement of for loop");
    }
  }
  s->body = block("for clause");
  return s;
}

// After `for [lhs (:= | =)]`, at `range`.
StmtPtr Parser::range_rest(Pos for_pos, ExprList lhs, bool define) {
  auto s = make<RangeStmt>(for_pos);
  s->range_pos = pos();
  next();
  if (lhs.size() > 2) report_error(lhs[2]->pos, "range clause permits at most two iteration variables");
  if (define) {
    for (auto& e : lhs) {
      if (e->kind != NodeKind::Ident) report_error(e->pos, "non-name " + go_syntax(*e) + " on left side of :=");
    }
  }
  if (!lhs.empty()) s->key = std::move(lhs[0]);
  if (lhs.size() > 1) s->value = std::move(lhs[1]);
  s->define = define;
  s->x = expr();
  s->body = block("for clause");
  return s;
}

StmtPtr Parser::switch_stmt() {
  auto s = make<SwitchStmt>(pos());
  next();
  if (!at(TokenKind::LBrace)) {
    StmtPtr tag;
    if (!at(TokenKind::Semicolon)) {
      if (at(TokenKind::Var)) fail("var declaration not allowed in switch initializer");
      tag = simple_stmt({});
    }
    if (at(TokenKind::Semicolon)) {
      next();
      s->init = std::move(tag);
      if (!at(TokenKind::LBrace)) tag = simple_stmt({});
    } else if (!at(TokenKind::LBrace)) {
      want(TokenKind::LBrace);
    }
    if (tag) s->tag = header_cond(std::move(tag));
  }
  if (!got(TokenKind::LBrace)) fail("missing { after switch clause");
  bool seen_default = false;
  while (!at(TokenKind::RBrace) && !at(TokenKind::Eof)) {
    CaseClause c;
    c.pos = pos();
    int target = brace_depth_;
    try {
      if (got(TokenKind::Case)) {
        c.exprs = expr_list();
      } else if (got(TokenKind::Default)) {
        c.is_default = true;
        if (seen_default) report_error(c.pos, "multiple defaults in switch");
        seen_default = true;
      } else {
        fail("expected case or default or }");
      }
      want(TokenKind::Colon);
    } catch (const Bail&) {
      recover_clause(target);
    }
    stmt_list(c.body, false);
    s->clauses.push_back(std::move(c));
  }
  s->rbrace = pos();
  want(TokenKind::RBrace);
  return s;
}

StmtPtr Parser::select_stmt() {
  auto s = make<SelectStmt>(pos());
  next();
  if (!got(TokenKind::LBrace)) fail("missing { after select clause");
  bool seen_default = false;
  while (!at(TokenKind::RBrace) && !at(TokenKind::Eof)) {
    CommClause c;
    c.pos = pos();
    int target = brace_depth_;
    try {
      if (got(TokenKind::Case)) {
        comm_clause_from(c, simple_stmt({}));
      } else if (got(TokenKind::Default)) {
        c.kind = CommKind::Default;
        if (seen_default) report_error(c.pos, "multiple defaults in select");
        seen_default = true;
      } else {
        fail("expected case or default or }");
      }
      want(TokenKind::Colon);
    } catch (const Bail&) {
      recover_clause(target);
    }
    stmt_list(c.body, false);
    s->clauses.push_back(std::move(c));
  }
  s->rbrace = pos();
  want(TokenKind::RBrace);
  return s;
}

// Sorts a select case's statement into receive or send.
void Parser::comm_clause_from(CommClause& c, StmtPtr s) {
  auto recv_of = [](ExprList& rhs) -> Unary* {
    if (rhs.size() != 1) return nullptr;
    auto* u = dyn<Unary>(rhs[0].get());
    return u != nullptr && u->op == TokenKind::Arrow ? u : nullptr;
  };
  if (auto* e = dyn<ExprStmt>(s.get())) {
    if (auto* u = dyn<Unary>(e->x.get()); u != nullptr && u->op == TokenKind::Arrow) {
      c.kind = CommKind::Recv;
      c.op_pos = u->pos;
      c.chan = std::move(u->x);
      return;
    }
  } else if (auto* send = dyn<SendStmt>(s.get())) {
    c.kind = CommKind::Send;
    c.op_pos = send->arrow;
    c.chan = std::move(send->chan);
    c.value = std::move(send->value);
    return;
  } else if (auto* a = dyn<AssignStmt>(s.get())) {
    Unary* u = recv_of(a->rhs);
    if (a->op == TokenKind::Assign && u != nullptr && a->lhs.size() <= 2) {
      c.kind = CommKind::Recv;
      c.op_pos = u->pos;
      c.chan = std::move(u->x);
      c.lhs = std::move(a->lhs);
      return;
    }
  } else if (auto* d = dyn<DefineStmt>(s.get())) {
    Unary* u = recv_of(d->rhs);
    if (u != nullptr && !d->lhs.empty() && d->lhs.size() <= 2) {
      c.kind = CommKind::Recv;
      c.define = true;
      c.op_pos = u->pos;
      c.chan = std::move(u->x);
      for (auto& id : d->lhs) c.lhs.push_back(std::move(id));
      return;
    }
  }
  report_error(s->pos, "select case must be receive, send or assign recv");
}

StmtPtr Parser::return_stmt() {
  auto s = make<ReturnStmt>(pos());
  next();
  if (!at(TokenKind::Semicolon) && !at(TokenKind::RBrace)) s->values = expr_list();
  return s;
}

StmtPtr Parser::call_stmt() {
  bool is_go = at(TokenKind::Go);
  Pos start = pos();
  next();
  ExprPtr x = expr();
  std::unique_ptr<Call> call;
  if (x->kind == NodeKind::Call) {
    call.reset(static_cast<Call*>(x.release()));
  } else {
    report_error(x->pos, std::string("expression in ") + (is_go ? "go" : "defer") + " must be function call");
  }
  if (is_go) {
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

void Parser::var_decl(StmtList& out) {
  Pos var_pos = pos();
  next();
  if (!got(TokenKind::LParen)) {
    StmtPtr d = var_spec();
    d->pos = var_pos;
    out.push_back(std::move(d));
    return;
  }
  while (!at(TokenKind::RParen) && !at(TokenKind::Eof)) {
    out.push_back(var_spec());
    if (!got(TokenKind::Semicolon) && !at(TokenKind::RParen)) {
      fail("in grouped declaration; possibly missing semicolon or newline or )");
    }
  }
  want(TokenKind::RParen);
}

// name {, name} [= expr {, expr}]
StmtPtr Parser::var_spec() {
  auto d = make<VarDecl>(pos());
  do {
    d->names.push_back(ident());
  } while (got(TokenKind::Comma));
  if (got(TokenKind::Assign)) {
    d->values = expr_list();
  } else if (!at(TokenKind::Semicolon) && !at(TokenKind::RParen) && !at(TokenKind::RBrace) &&
             !at(TokenKind::Eof)) {
    fail("expected =");
  }
  return d;
}

StmtPtr Parser::func_decl() {
  auto d = make<FuncDecl>(pos());
  next();  // func
  d->name = ident();
  d->func = func_lit(d->pos);
  return d;
}

}  // namespace goro::lang::syntax

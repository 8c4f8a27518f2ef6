// lang/compiler/compiler_stmt.cpp: compiling statements: expression statements,
// declarations, assignment in all its forms (Go's order: index operands on
// the left, then the values, then the stores left to right), return and
// defer. Control flow is in compiler_flow.cpp.
#include "lang/compiler/compiler_impl.h"

namespace goro::lang::compiler::detail {

void FuncCompiler::stmts(const StmtList& list) {
  for (const auto& s : list) stmt(*s);
}

void FuncCompiler::stmt(const Stmt& s) {
  Line line(*this, s.pos);
  int mark = freereg_;
  switch (s.kind) {
    case NodeKind::ExprStmt: {
      const Expr& x = *as<ExprStmt>(s).x;
      if (x.kind == NodeKind::Call) {
        call(as<Call>(x), freereg_, 0);
      } else {
        receive(as<Unary>(x), allocReg(x.pos), false);
      }
      break;
    }
    case NodeKind::SendStmt: {
      const auto& send = as<SendStmt>(s);
      int rc = exprReg(*send.chan);
      int rv = exprReg(*send.value);
      Line line(*this, send.arrow);
      emitABC(Op::SEND, rc, rv, 0);
      break;
    }
    case NodeKind::IncDecStmt: {
      const auto& d = as<IncDecStmt>(s);
      opAssign(*d.x, d.inc ? TokenKind::Add : TokenKind::Sub, nullptr, d.opPos);
      break;
    }
    case NodeKind::AssignStmt: {
      const auto& a = as<AssignStmt>(s);
      if (a.op == TokenKind::Assign) {
        assign(a);
      } else {
        opAssign(*a.lhs[0], opAssignBase(a.op), a.rhs[0].get(), a.opPos);
      }
      break;
    }
    case NodeKind::DefineStmt: define(as<DefineStmt>(s)); break;
    case NodeKind::VarDecl: varDecl(as<VarDecl>(s)); break;
    case NodeKind::ConstDecl: sessionConstants(as<ConstDecl>(s)); break;
    case NodeKind::BlockStmt: stmts(as<BlockStmt>(s).stmts); break;
    case NodeKind::IfStmt: ifStmt(as<IfStmt>(s)); break;
    case NodeKind::ForStmt: forStmt(as<ForStmt>(s)); break;
    case NodeKind::RangeStmt: rangeStmt(as<RangeStmt>(s)); break;
    case NodeKind::SwitchStmt: switchStmt(as<SwitchStmt>(s)); break;
    case NodeKind::SelectStmt: selectStmt(as<SelectStmt>(s)); break;
    case NodeKind::BreakStmt: breakStmt(s.pos); break;
    case NodeKind::ContinueStmt: continueStmt(s.pos); break;
    case NodeKind::ReturnStmt: returnStmt(as<ReturnStmt>(s)); break;
    case NodeKind::GoStmt: goStmt(as<GoStmt>(s)); break;
    case NodeKind::DeferStmt: deferStmt(as<DeferStmt>(s)); break;
    case NodeKind::FuncDecl:
    case NodeKind::TypeDecl: break;  // hoisted to the start of the chunk
    default: pc_.error(s.pos, "unexpected statement"); break;
  }
  freeTo(mark);
}

// ---------------------------------------------------------------------------
// Assignment

void FuncCompiler::valuesTo(const ExprList& rhs, int base, int n, Pos pos) {
  freeTo(base);
  if (rhs.size() == 1 && n > 1) {
    const Expr& e = *rhs[0];
    if (e.kind == NodeKind::Call) {
      int got = call(as<Call>(e), base, n);
      if (got >= 0 && got != n) freeTo(base + n);
    } else if (const auto* ix = dyn<Index>(&e)) {
      allocRegs(2, pos);
      int rb = exprReg(*ix->x);
      int rc = exprReg(*ix->index);
      Line line(*this, ix->lbrack);
      emitABC(Op::GETINDEXOK, base, rb, rc);
    } else {
      allocRegs(2, pos);
      receive(as<Unary>(e), base, true);
    }
    freeTo(base);
    allocRegs(n, pos);
    return;
  }
  for (size_t i = 0; i < rhs.size(); ++i) exprTo(*rhs[i], allocReg(rhs[i]->pos));
  freeTo(base);
  allocRegs(n, pos);
}

void FuncCompiler::assign(const AssignStmt& a) {
  if (a.lhs.size() == 1 && a.rhs.size() == 1) {
    const Expr& target = *a.lhs[0];
    const Expr& value = *a.rhs[0];
    if (const auto* id = dyn<Ident>(&target)) {
      if (id->ref == Ref::Local && !id->var->captured) {
        exprTo(value, id->index);
      } else {
        storeVar(*id, exprReg(value));
      }
      return;
    }
    if (const auto* sel = dyn<Selector>(&target)) {
      int rc = exprReg(*sel->x);
      setField(*sel, rc, exprReg(value));
      return;
    }
    const auto& ix = as<Index>(target);
    int rc = exprReg(*ix.x);
    int kk = keyConst(*ix.index);
    int ri = kk >= 0 ? -1 : exprReg(*ix.index);
    int rv = exprReg(value);
    Line line(*this, a.opPos);
    if (kk >= 0) {
      emitABC(Op::SETINDEXK, rc, kk, rv);
    } else {
      emitABC(Op::SETINDEX, rc, ri, rv);
    }
    return;
  }
  // Phase 1: the operands of index targets, copied so that the stores
  // below cannot change them.
  size_t n = a.lhs.size();
  std::vector<int> container(n, -1), key(n, -1);
  for (size_t i = 0; i < n; ++i) {
    if (const auto* ix = dyn<Index>(a.lhs[i].get())) {
      container[i] = allocReg(ix->pos);
      exprTo(*ix->x, container[i]);
      key[i] = allocReg(ix->pos);
      exprTo(*ix->index, key[i]);
    } else if (const auto* sel = dyn<Selector>(a.lhs[i].get())) {
      container[i] = allocReg(sel->pos);
      exprTo(*sel->x, container[i]);
    }
  }
  // Phase 2: the values; phase 3: the stores, left to right.
  int base = freereg_;
  valuesTo(a.rhs, base, static_cast<int>(n), a.pos);
  Line line(*this, a.opPos);
  for (size_t i = 0; i < n; ++i) storeTarget(*a.lhs[i], container[i], key[i], base + static_cast<int>(i));
}

void FuncCompiler::storeTarget(const Expr& target, int containerReg, int indexReg, int src) {
  if (const auto* id = dyn<Ident>(&target)) {
    storeVar(*id, src);
  } else if (const auto* sel = dyn<Selector>(&target)) {
    setField(*sel, containerReg, src);
  } else {
    emitABC(Op::SETINDEX, containerReg, indexReg, src);
  }
}

void FuncCompiler::opAssign(const Expr& target, TokenKind op, const Expr* value, Pos pos) {
  IntLit one(pos);
  one.value = 1;
  const Expr& y = value != nullptr ? *value : one;
  if (const auto* id = dyn<Ident>(&target)) {
    if (id->ref == Ref::Local && !id->var->captured) {
      arith(op, id->index, y, id->index, false, pos);
      return;
    }
    int t = allocReg(pos);
    readVar(*id, t);
    arith(op, t, y, t, false, pos);
    storeVar(*id, t);
    return;
  }
  if (const auto* sel = dyn<Selector>(&target)) {
    int rc = exprReg(*sel->x);
    int t = allocReg(pos);
    getField(*sel, rc, t);
    arith(op, t, y, t, false, pos);
    setField(*sel, rc, t);
    return;
  }
  const auto& ix = as<Index>(target);
  int rc = exprReg(*ix.x);
  int kk = keyConst(*ix.index);
  int ri = kk >= 0 ? -1 : exprReg(*ix.index);
  int t = allocReg(pos);
  {
    Line line(*this, ix.lbrack);
    if (kk >= 0) {
      emitABC(Op::GETINDEXK, t, rc, kk);
    } else {
      emitABC(Op::GETINDEX, t, rc, ri);
    }
  }
  arith(op, t, y, t, false, pos);
  Line line(*this, pos);
  if (kk >= 0) {
    emitABC(Op::SETINDEXK, rc, kk, t);
  } else {
    emitABC(Op::SETINDEX, rc, ri, t);
  }
}

void FuncCompiler::define(const DefineStmt& d) {
  if (d.lhs.size() == 1 && d.rhs.size() == 1) {
    const Ident& id = *d.lhs[0];
    if (id.ref == Ref::Local && !id.var->captured) {
      exprTo(*d.rhs[0], id.index);
      declared(id);
    } else if (id.ref == Ref::Blank) {
      exprReg(*d.rhs[0]);
    } else {
      defineVar(id, exprReg(*d.rhs[0]));
    }
    return;
  }
  int base = freereg_;
  valuesTo(d.rhs, base, static_cast<int>(d.lhs.size()), d.pos);
  for (size_t i = 0; i < d.lhs.size(); ++i) defineVar(*d.lhs[i], base + static_cast<int>(i));
}

// A constant is folded where it is used (syntax/constant.h) and needs no
// code, except a top-level one in a session (the REPL), which also has a
// global for later chunks to read (syntax/resolver.h): it is set here.
void FuncCompiler::sessionConstants(const ConstDecl& d) {
  for (const auto& id : d.names) {
    const Var* v = id->var;
    if (v == nullptr || !v->isConst || v->index < 0 || v->constExpr == nullptr) continue;
    int t = allocReg(id->pos);
    exprTo(*id, t);
    emitABx(Op::SETGLOBAL, t, v->index);
    freeTo(t);
  }
}

void FuncCompiler::varDecl(const VarDecl& d) {
  if (d.values.empty()) {
    for (const auto& id : d.names) {
      if (id->ref == Ref::Local && !id->var->captured) {
        emitLoadNil(id->index, 1);
        declared(*id);
      } else if (id->ref != Ref::Blank) {
        int t = allocReg(id->pos);
        emitLoadNil(t, 1);
        defineVar(*id, t);
        freeTo(t);
      }
    }
    return;
  }
  if (d.names.size() == 1 && d.values.size() == 1) {
    const Ident& id = *d.names[0];
    if (id.ref == Ref::Local && !id.var->captured) {
      exprTo(*d.values[0], id.index);
      declared(id);
    } else if (id.ref == Ref::Blank) {
      exprReg(*d.values[0]);
    } else {
      defineVar(id, exprReg(*d.values[0]));
    }
    return;
  }
  int base = freereg_;
  valuesTo(d.values, base, static_cast<int>(d.names.size()), d.pos);
  for (size_t i = 0; i < d.names.size(); ++i) defineVar(*d.names[i], base + static_cast<int>(i));
}

// ---------------------------------------------------------------------------
// return and defer

void FuncCompiler::returnStmt(const ReturnStmt& r) {
  size_t n = r.values.size();
  if (n == 0) {
    emitABC(Op::RETURN0, 0, 0, 0);
    return;
  }
  int base = freereg_;
  if (n == 1) {
    const Expr& e = *r.values[0];
    if (e.kind == NodeKind::Call) {
      int got = call(as<Call>(e), base, -1);
      Line line(*this, r.pos);
      emitABC(Op::RETURN, base, got < 0 ? 0 : got + 1, 0);
      return;
    }
    int reg = exprReg(e);
    Line line(*this, r.pos);
    emitABC(Op::RETURN1, reg, 0, 0);
    return;
  }
  for (const auto& v : r.values) exprTo(*v, allocReg(v->pos));
  Line line(*this, r.pos);
  emitABC(Op::RETURN, base, static_cast<int>(n) + 1, 0);
}

void FuncCompiler::deferStmt(const DeferStmt& d) { callLater(*d.call, d.pos, Op::DEFER, "defer"); }

// go f(args): as defer, the function and its arguments are evaluated now.
void FuncCompiler::goStmt(const GoStmt& g) { callLater(*g.call, g.pos, Op::GO, "go"); }

// defer and go: the function (a built-in as a constant) and its arguments
// into consecutive registers, then `op` over them.
void FuncCompiler::callLater(const Call& c, Pos pos, Op op, const char* keyword) {
  int base = allocReg(c.pos);
  const auto* callee = dyn<Ident>(c.fn.get());
  if (callee != nullptr && callee->ref == Ref::Builtin) {
    if (static_cast<Builtin>(callee->index) == Builtin::Make) {
      pc_.error(c.pos, std::string(keyword) + " discards result of make(chan)");
      return;
    }
    loadBuiltin(base, callee->index, c.pos);
  } else {
    exprTo(*c.fn, base);
  }
  int nargsField = args(c, base + 1);
  Line line(*this, pos);
  emitABC(op, base, nargsField, 0);
}

void FuncCompiler::loadBuiltin(int dst, int64_t builtin, Pos pos) {
  Const k;
  k.kind = Const::Kind::Builtin;
  k.i = builtin;
  emitABx(Op::LOADK, dst, addConst(k, pos));
}

}  // namespace goro::lang::compiler::detail

// lang/compiler/compiler_expr.cpp: compiling expressions and calls (the protocol
// is in compiler_impl.h): constants and folding, variables, operators with
// their K and wide forms, indexing, literals, closures, calls of Goro
// functions, natives and the built-ins that are opcodes.
#include <cmath>

#include "lang/compiler/compiler_impl.h"

namespace goro::lang::compiler::detail {
namespace {

Const intConst(int64_t v) {
  Const c;
  c.kind = Const::Kind::Int;
  c.i = v;
  return c;
}

bool isComparison(TokenKind op) {
  return op == TokenKind::Eql || op == TokenKind::Neq || op == TokenKind::Lss || op == TokenKind::Leq ||
         op == TokenKind::Gtr || op == TokenKind::Geq;
}
bool isCommutative(TokenKind op) {
  return op == TokenKind::Add || op == TokenKind::Mul || op == TokenKind::And || op == TokenKind::Or ||
         op == TokenKind::Xor;
}
bool isNumberConst(const Const& c) { return c.kind == Const::Kind::Int || c.kind == Const::Kind::Float; }

// The folding of constants is syntax/constant.h's, shared with constant
// declarations: these convert between its values and the compiler's.
std::optional<ConstValue> toValue(const Const& c) {
  switch (c.kind) {
    case Const::Kind::Bool: return ConstValue::ofBool(c.i != 0);
    case Const::Kind::Int: return ConstValue::ofInt(c.i);
    case Const::Kind::Float: return ConstValue::ofFloat(c.f);
    case Const::Kind::String: return ConstValue::ofString(c.s);
    default: return std::nullopt;
  }
}
Const fromValue(const ConstValue& v) {
  Const c;
  switch (v.kind) {
    case ConstValue::Kind::Bool: c.kind = Const::Kind::Bool; break;
    case ConstValue::Kind::Int: c.kind = Const::Kind::Int; break;
    case ConstValue::Kind::Float: c.kind = Const::Kind::Float; break;
    case ConstValue::Kind::String: c.kind = Const::Kind::String; break;
  }
  c.i = v.i;
  c.f = v.f;
  c.s = v.s;
  return c;
}
std::optional<Const> fromValue(const std::optional<ConstValue>& v) {
  if (!v) return std::nullopt;
  return fromValue(*v);
}

}  // namespace

// ---------------------------------------------------------------------------
// Constants

std::optional<Const> FuncCompiler::constOf(const Expr& e) {
  switch (e.kind) {
    case NodeKind::NilLit: return Const{};
    case NodeKind::BoolLit: {
      Const c;
      c.kind = Const::Kind::Bool;
      c.i = as<BoolLit>(e).value ? 1 : 0;
      return c;
    }
    case NodeKind::IntLit: return intConst(as<IntLit>(e).value);
    case NodeKind::FloatLit: return fromValue(ConstValue::ofFloat(as<FloatLit>(e).value));
    case NodeKind::Ident: {
      // A named constant folds to its value unless it uses a module
      // constant (then exprTo compiles its expression: readVar).
      const auto& id = as<Ident>(e);
      if (id.ref == Ref::Iota) return intConst(iota_);
      if (id.ref != Ref::Const || id.var->constExpr == nullptr) return std::nullopt;
      return fromValue(evalConst(id, iota_).value);
    }
    case NodeKind::StringLit: {
      Const c;
      c.kind = Const::Kind::String;
      c.s = as<StringLit>(e).value;
      return c;
    }
    case NodeKind::Selector: {
      const auto& s = as<Selector>(e);
      if (s.member < 0) return std::nullopt;
      auto m = static_cast<Member>(s.member);
      if (memberInfo(m).kind != MemberKind::Const) return std::nullopt;
      Const c;
      c.kind = Const::Kind::MemberConst;
      c.i = s.member;
      return c;
    }
    case NodeKind::Unary: {
      const auto& u = as<Unary>(e);
      auto x = constOf(*u.x);
      if (!x) return std::nullopt;
      auto v = toValue(*x);
      return v ? fromValue(foldUnary(u.op, *v)) : std::nullopt;
    }
    case NodeKind::Binary: {
      const auto& b = as<Binary>(e);
      if (isComparison(b.op) || b.op == TokenKind::LAnd || b.op == TokenKind::LOr) return std::nullopt;
      auto x = constOf(*b.x);
      if (!x) return std::nullopt;
      auto y = constOf(*b.y);
      if (!y) return std::nullopt;
      auto vx = toValue(*x), vy = toValue(*y);
      if (!vx || !vy) return std::nullopt;
      return fromValue(foldBinary(b.op, *vx, *vy, /*exact=*/false));
    }
    default: return std::nullopt;
  }
}

// ---------------------------------------------------------------------------
// Expressions

int FuncCompiler::exprReg(const Expr& e, bool wide) {
  if (const auto* id = dyn<Ident>(&e)) {
    if (id->ref == Ref::Local && !id->var->captured) return id->index;
  }
  int r = allocReg(e.pos);
  exprTo(e, r, wide);
  return r;
}

void FuncCompiler::exprTo(const Expr& e, int dst, bool wide) {
  Line line(*this, e.pos);
  if (auto c = constOf(e)) {
    switch (c->kind) {
      case Const::Kind::Nil: emitLoadNil(dst, 1); return;
      case Const::Kind::Bool: emitABC(Op::LOADBOOL, dst, static_cast<int>(c->i), 0); return;
      case Const::Kind::Int:
        if (c->i >= kMinSBx && c->i <= kMaxSBx) {
          emit(makeAsBx(Op::LOADI, dst, static_cast<int>(c->i)));
          return;
        }
        break;
      default: break;
    }
    emitABx(Op::LOADK, dst, addConst(*c, e.pos));
    return;
  }
  int mark = freereg_;
  switch (e.kind) {
    case NodeKind::Ident: readVar(as<Ident>(e), dst); break;
    case NodeKind::Unary: unary(as<Unary>(e), dst, wide); break;
    case NodeKind::Binary: binary(as<Binary>(e), dst, wide); break;
    case NodeKind::Call: {
      // Build the call in place when dst is the newest temporary.
      int base = (isTemp(dst) && dst == freereg_ - 1) ? dst : freereg_;
      freeTo(base);
      int got = call(as<Call>(e), base, 1);
      if (got != 1) pc_.error(e.pos, "call used as a value must return one value");
      emitMove(dst, base);
      break;
    }
    case NodeKind::Index: index(as<Index>(e), dst); break;
    case NodeKind::Slice: slice(as<Slice>(e), dst); break;
    case NodeKind::Selector: selector(as<Selector>(e), dst); break;
    case NodeKind::ArrayLit: arrayLit(as<ArrayLit>(e), dst); break;
    case NodeKind::MapLit: mapLit(as<MapLit>(e), dst); break;
    case NodeKind::RecordLit: recordLit(as<RecordLit>(e), dst); break;
    case NodeKind::FuncLit: closure(as<FuncLit>(e), dst); break;
    case NodeKind::ChanType: pc_.error(e.pos, "chan is not an expression (use make(chan))"); break;
    default: pc_.error(e.pos, "unexpected expression"); break;
  }
  freeTo(mark);
}

void FuncCompiler::readVar(const Ident& id, int dst) {
  switch (id.ref) {
    case Ref::Local:
      if (id.var->captured) {
        emitABC(Op::GETCELL, dst, id.index, 0);
      } else {
        emitMove(dst, id.index);
      }
      break;
    case Ref::Upvalue: emitABC(Op::GETUPVAL, dst, id.index, 0); break;
    case Ref::Global: emitABx(Op::GETGLOBAL, dst, globalBase_ + id.index); break;
    case Ref::Const: {
      if (id.var->constExpr == nullptr) {
        // A session's global read before this chunk declares it a constant.
        emitABx(Op::GETGLOBAL, dst, globalBase_ + id.var->index);
        break;
      }
      // Not folded (it uses a module constant): its expression, with its
      // iota. Bounded, as constants built from such constants grow.
      if (++constExpansions_ > kMaxConstExpansions) {
        if (constExpansions_ == kMaxConstExpansions + 1) {
          pc_.error(id.pos, "constant " + id.name + " too large to expand (it uses module constants)");
        }
        break;
      }
      int64_t saved = iota_;
      bool savedPin = pinLine_;
      iota_ = id.var->constIota;
      pinLine_ = true;
      exprTo(*id.var->constExpr, dst);
      iota_ = saved;
      pinLine_ = savedPin;
      break;
    }
    default: pc_.error(id.pos, "cannot use " + id.name + " as value"); break;
  }
}

void FuncCompiler::storeVar(const Ident& id, int src) {
  switch (id.ref) {
    case Ref::Local:
      if (id.var->captured) {
        emitABC(Op::SETCELL, id.index, src, 0);
      } else {
        emitMove(id.index, src);
      }
      break;
    case Ref::Upvalue: emitABC(Op::SETUPVAL, src, id.index, 0); break;
    case Ref::Global: emitABx(Op::SETGLOBAL, src, globalBase_ + id.index); break;
    case Ref::Blank: break;
    default: pc_.error(id.pos, "cannot assign to " + id.name); break;
  }
}

void FuncCompiler::defineVar(const Ident& id, int src) {
  if (id.isDecl && id.ref == Ref::Local && id.var->captured) {
    emitABC(Op::NEWCELL, id.index, src, 0);
  } else {
    storeVar(id, src);
  }
  declared(id);
}

void FuncCompiler::unary(const Unary& u, int dst, bool wide) {
  switch (u.op) {
    case TokenKind::Sub: emitABC(wide ? Op::UNMW : Op::UNM, dst, exprReg(*u.x, true), 0); break;
    case TokenKind::Xor: emitABC(wide ? Op::BNOTW : Op::BNOT, dst, exprReg(*u.x, true), 0); break;
    case TokenKind::Not: emitABC(Op::NOT, dst, exprReg(*u.x), 0); break;
    case TokenKind::Add: emitABC(Op::UPLUS, dst, exprReg(*u.x), 0); break;
    case TokenKind::Arrow: receive(u, dst, false); break;
    case TokenKind::And: addressOf(u, dst); break;
    default: pc_.error(u.pos, "unexpected unary operator"); break;
  }
}

void FuncCompiler::receive(const Unary& u, int dst, bool commaOk) {
  int rc = exprReg(*u.x);
  Line line(*this, u.pos);
  emitABC(Op::RECV, dst, rc, commaOk ? 1 : 0);
}

void FuncCompiler::binary(const Binary& b, int dst, bool wide) {
  if (b.op == TokenKind::LAnd || b.op == TokenKind::LOr) {
    logical(b, dst);
    return;
  }
  if (isComparison(b.op)) {
    compare(b.op, *b.x, *b.y, dst);
    return;
  }
  const Expr* x = b.x.get();
  const Expr* y = b.y.get();
  if (isCommutative(b.op)) {
    auto cx = constOf(*x);
    if (cx && isNumberConst(*cx) && !constOf(*y)) std::swap(x, y);
  }
  int lhs = exprReg(*x, true);
  arith(b.op, lhs, *y, dst, wide, b.opPos);
}

void FuncCompiler::arith(TokenKind op, int lhs, const Expr& y, int dst, bool wide, Pos pos) {
  Op rr, rk;
  if (!arithOps(op, &rr, &rk)) {
    pc_.error(pos, "unexpected operator");
    return;
  }
  if (auto c = constOf(y)) {
    // x % n by a small positive constant: the immediate form, whose result
    // is always a small int (so it serves a wide temporary too).
    if (op == TokenKind::Rem && c->kind == Const::Kind::Int && c->i >= 1 && c->i <= kMaxModImmediate) {
      Line line(*this, pos);
      emitABC(Op::MODI, dst, lhs, static_cast<unsigned>(c->i));
      return;
    }
    // x + n and x - n by a small int constant: the immediate forms (n - 1,
    // i + 1).
    if ((op == TokenKind::Add || op == TokenKind::Sub) && isImmediate(*c)) {
      Line line(*this, pos);
      Op o = op == TokenKind::Add ? (wide ? Op::ADDIW : Op::ADDI) : (wide ? Op::SUBIW : Op::SUBI);
      emitABC(o, dst, lhs, immediateField(static_cast<int>(c->i)));
      return;
    }
    int k = smallConst(*c, y.pos);
    if (k >= 0) {
      Line line(*this, pos);
      emitABC(wide ? wideOf(rk) : rk, dst, lhs, k);
      return;
    }
  }
  int rhs = exprReg(y, true);
  Line line(*this, pos);
  emitABC(wide ? wideOf(rr) : rr, dst, lhs, rhs);
}

void FuncCompiler::compare(TokenKind op, const Expr& x, const Expr& y, int dst) {
  auto cx = constOf(x), cy = constOf(y);
  int kx = cx ? smallConst(*cx, x.pos) : -1;
  int ky = cy ? smallConst(*cy, y.pos) : -1;
  bool eq = op == TokenKind::Eql || op == TokenKind::Neq;
  if (ky >= 0 || (kx >= 0 && !cy)) {
    bool right = ky >= 0;  // the constant is on the right
    int r = exprReg(right ? x : y, true);
    int k = right ? ky : kx;
    Op o;
    switch (op) {
      case TokenKind::Eql: o = Op::EQK; break;
      case TokenKind::Neq: o = Op::NEK; break;
      case TokenKind::Lss: o = right ? Op::LTK : Op::GTK; break;
      case TokenKind::Leq: o = right ? Op::LEK : Op::GEK; break;
      case TokenKind::Gtr: o = right ? Op::GTK : Op::LTK; break;
      default: o = right ? Op::GEK : Op::LEK; break;
    }
    emitABC(o, dst, r, k);
    return;
  }
  int rx = exprReg(x, true);
  int ry = exprReg(y, true);
  if (eq) {
    emitABC(op == TokenKind::Eql ? Op::EQ : Op::NE, dst, rx, ry);
  } else if (op == TokenKind::Lss || op == TokenKind::Leq) {
    emitABC(op == TokenKind::Lss ? Op::LT : Op::LE, dst, rx, ry);
  } else {
    emitABC(op == TokenKind::Gtr ? Op::LT : Op::LE, dst, ry, rx);
  }
}

// a && b, a || b as values: both operands must be bools.
void FuncCompiler::logical(const Binary& b, int dst) {
  bool isAnd = b.op == TokenKind::LAnd;
  int target = (isTemp(dst) && dst == freereg_ - 1) ? dst : allocReg(b.pos);
  exprTo(*b.x, target);
  Jump done;
  {
    Line line(*this, b.opPos);
    done = emitCondJump(Op::JTEST, target, isAnd ? 0 : 1, isAnd ? 1 : 2);
  }
  exprTo(*b.y, target);
  {
    Line line(*this, b.opPos);
    emitABC(Op::CHECKBOOL, target, isAnd ? 1 : 2, 0);
  }
  patchJump(done, here());
  emitMove(dst, target);
}

int FuncCompiler::keyConst(const Expr& key) {
  auto c = constOf(key);
  if (!c || (c->kind != Const::Kind::String && c->kind != Const::Kind::Int)) return -1;
  return smallConst(*c, key.pos);
}

void FuncCompiler::index(const Index& ix, int dst) {
  int rb = exprReg(*ix.x);
  Line line(*this, ix.lbrack);
  if (int k = keyConst(*ix.index); k >= 0) {
    emitABC(Op::GETINDEXK, dst, rb, k);
    return;
  }
  int rc = exprReg(*ix.index);
  emitABC(Op::GETINDEX, dst, rb, rc);
}

void FuncCompiler::slice(const Slice& s, int dst) {
  int base = allocRegs(3, s.pos);
  exprTo(*s.x, base);
  if (s.lo) {
    exprTo(*s.lo, base + 1);
  } else {
    emitLoadNil(base + 1, 1);
  }
  if (s.hi) {
    exprTo(*s.hi, base + 2);
  } else {
    emitLoadNil(base + 2, 1);
  }
  Line line(*this, s.lbrack);
  emitABC(Op::SLICE, dst, base, 0);
}

namespace {

// The opcode that reads each Var member (the table's implementation column
// for them, lang/syntax/universe.h); NOP for the other kinds.
constexpr Op kMemberVarOps[] = {
#define GORO_MEMBER_VAR_OP(mod, name, kind, impl, effect) GORO_MEMBER_VAR_OP_##kind(impl)
#define GORO_MEMBER_VAR_OP_Func(impl) Op::NOP,
#define GORO_MEMBER_VAR_OP_Const(impl) Op::NOP,
#define GORO_MEMBER_VAR_OP_Var(impl) Op::impl,
#define GORO_MEMBER_VAR_OP_Script(impl) Op::NOP,
    GORO_MODULE_MEMBERS(GORO_MEMBER_VAR_OP)
#undef GORO_MEMBER_VAR_OP
#undef GORO_MEMBER_VAR_OP_Func
#undef GORO_MEMBER_VAR_OP_Const
#undef GORO_MEMBER_VAR_OP_Var
#undef GORO_MEMBER_VAR_OP_Script
};

}  // namespace

void FuncCompiler::selector(const Selector& s, int dst) {
  if (s.member >= 0) {
    auto m = static_cast<Member>(s.member);
    const MemberInfo& info = memberInfo(m);
    if (info.kind == MemberKind::Var) {
      emitABC(kMemberVarOps[static_cast<size_t>(m)], dst, 0, 0);
      return;
    }
    if (info.kind == MemberKind::Script) {
      emitABx(Op::GETGLOBAL, dst, pc_.scriptGlobal(m));
      return;
    }
    if (info.kind == MemberKind::Func) {
      Const c;
      c.kind = Const::Kind::Member;
      c.i = s.member;
      emitABx(Op::LOADK, dst, addConst(c, s.pos));
      return;
    }
  }
  getField(s, exprReg(*s.x), dst);
}

void FuncCompiler::arrayLit(const ArrayLit& a, int dst) {
  constexpr size_t kBatch = 32;
  int base = (isTemp(dst) && dst == freereg_ - 1) ? dst : allocReg(a.pos);
  size_t n = a.elems.size();
  size_t done = 0;
  bool first = true;
  do {
    size_t count = std::min(kBatch, n - done);
    for (size_t i = 0; i < count; ++i) exprTo(*a.elems[done + i], allocReg(a.elems[done + i]->pos));
    Line line(*this, a.pos);
    emitABC(first ? Op::NEWARRAY : Op::APPENDN, base, static_cast<int>(count), 0);
    freeTo(base + 1);
    done += count;
    first = false;
  } while (done < n);
  emitMove(dst, base);
}

void FuncCompiler::mapLit(const MapLit& m, int dst) {
  int base = (isTemp(dst) && dst == freereg_ - 1) ? dst : allocReg(m.pos);
  emitABC(Op::NEWMAP, base, static_cast<int>(std::min<size_t>(m.entries.size(), 255)), 0);
  for (const MapEntry& e : m.entries) {
    int mark = freereg_;
    auto c = constOf(*e.key);
    int k = c && (c->kind == Const::Kind::String || c->kind == Const::Kind::Int) ? smallConst(*c, e.key->pos) : -1;
    if (k >= 0) {
      int rv = exprReg(*e.value);
      Line line(*this, e.key->pos);
      emitABC(Op::SETINDEXK, base, k, rv);
    } else {
      int rk = exprReg(*e.key);
      int rv = exprReg(*e.value);
      Line line(*this, e.key->pos);
      emitABC(Op::SETINDEX, base, rk, rv);
    }
    freeTo(mark);
  }
  emitMove(dst, base);
}

// ---------------------------------------------------------------------------
// Calls

int FuncCompiler::call(const Call& c, int base, int nresults) {
  freeTo(base);
  const auto* callee = dyn<Ident>(c.fn.get());
  if (callee != nullptr && callee->ref == Ref::Builtin) {
    return builtinCall(c, static_cast<Builtin>(callee->index), base, nresults);
  }
  // x.M(args), M a method (not a module's member): SELF puts the method
  // and x in R[base], R[base+1], and x goes as the first argument, so no
  // bound method value is made (Lua's OP_SELF).
  if (const auto* sel = dyn<Selector>(c.fn.get()); sel != nullptr && sel->member < 0) {
    return methodCall(c, *sel, base, nresults);
  }
  // A declared func never changes (resolver.h), so reading it after the
  // arguments instead of before cannot be told apart, and CALLG saves the
  // GETGLOBAL's dispatch: calls of top-level functions are most calls.
  bool declaredFunc = callee != nullptr && callee->ref == Ref::Global && callee->var != nullptr && callee->var->isFunc;
  if (declaredFunc) {
    allocReg(c.pos);
  } else {
    exprTo(*c.fn, allocReg(c.pos));
  }
  int nargsField = args(c, base + 1);
  Line line(*this, c.lparen);
  if (declaredFunc) {
    emitABC(Op::CALLG, base, nargsField, nresults < 0 ? 0 : nresults + 1);
    emit(static_cast<Instr>(globalBase_ + callee->index));
  } else {
    emitABC(Op::CALL, base, nargsField, nresults < 0 ? 0 : nresults + 1);
  }
  freeTo(base);
  if (nresults > 0) allocRegs(nresults, c.pos);
  return nresults;
}

// The constant naming a field or method (GETFIELD's, SETFIELD's and
// SELF's), or -1 after
// reporting that it is past the first 256 constants.
int FuncCompiler::methodNameConst(const Selector& sel) {
  Const name;
  name.kind = Const::Kind::String;
  name.s = sel.name;
  int k = smallConst(name, sel.namePos);
  if (k < 0) pc_.error(sel.namePos, "function too large: too many constants before ." + sel.name);
  return k;
}

int FuncCompiler::methodCall(const Call& c, const Selector& sel, int base, int nresults) {
  int receiver = exprReg(*sel.x);
  int k = methodNameConst(sel);
  if (k < 0) return nresults;
  freeTo(base);
  allocRegs(2, c.pos);
  {
    Line line(*this, sel.namePos);
    emitABC(Op::SELF, base, receiver, k);
    emit(0);  // the cache word (opcodes.h)
  }
  int nargsField = args(c, base + 2);
  Line line(*this, c.lparen);
  emitABC(Op::CALL, base, nargsField == 0 ? 0 : nargsField + 1, nresults < 0 ? 0 : nresults + 1);
  freeTo(base);
  if (nresults > 0) allocRegs(nresults, c.pos);
  return nresults;
}

// The arguments of c into R[first ..] (first == freereg); returns CALL's B.
int FuncCompiler::args(const Call& c, int first) {
  size_t n = c.args.size();
  if (n == 1 && !c.spread && c.args[0]->kind == NodeKind::Call) {
    // f(g()): every result of g is an argument of f.
    int got = call(as<Call>(*c.args[0]), first, -1);
    return got < 0 ? 0 : got + 1;
  }
  for (size_t i = 0; i < n; ++i) exprTo(*c.args[i], allocReg(c.args[i]->pos));
  if (c.spread && n > 0) {
    Line line(*this, c.args[n - 1]->pos);
    emitABC(Op::SPREAD, first + static_cast<int>(n) - 1, 0, 0);
    return 0;
  }
  if (n + 1 > 255) pc_.error(c.pos, "too many arguments in call");
  return static_cast<int>(n) + 1;
}

int FuncCompiler::builtinCall(const Call& c, Builtin b, int base, int nresults) {
  std::string name(builtinName(b));
  auto wantArgs = [&](size_t n) {
    if (c.args.size() < n) pc_.error(c.pos, "not enough arguments in call to " + name);
    if (c.args.size() > n) pc_.error(c.pos, "too many arguments in call to " + name);
    if (c.spread) pc_.error(c.pos, "invalid use of ... with built-in " + name);
    return c.args.size() == n;
  };
  auto oneResult = [&]() {
    if (nresults > 1) {
      pc_.error(c.pos, "assignment mismatch: " + std::to_string(nresults) + " variables but " + name +
                           "(...) returns 1 value");
    }
    freeTo(base);
    allocReg(c.pos);
    return 1;
  };
  switch (b) {
    case Builtin::Len: {
      if (!wantArgs(1)) return oneResult();
      allocReg(c.pos);
      int r = exprReg(*c.args[0]);
      Line line(*this, c.lparen);
      emitABC(Op::LEN, base, r, 0);
      return oneResult();
    }
    case Builtin::Panic: {
      if (wantArgs(1)) {
        int r = exprReg(*c.args[0]);
        Line line(*this, c.lparen);
        emitABC(Op::PANIC, r, 0, 0);
      }
      if (nresults > 0) pc_.error(c.pos, "panic(...) (no value) used as value");
      freeTo(base);
      return 0;
    }
    case Builtin::Recover: {
      wantArgs(0);
      allocReg(c.pos);
      emitABC(Op::RECOVER, base, 0, 0);
      return oneResult();
    }
    case Builtin::Make: {
      // make(chan) or make(chan, n): the chan type is syntax, only n is
      // passed (lang/lib/builtins.cpp, builtinMakeChan).
      loadBuiltin(allocReg(c.pos), static_cast<int64_t>(b), c.pos);
      for (size_t i = 1; i < c.args.size(); ++i) exprTo(*c.args[i], allocReg(c.args[i]->pos));
      Line line(*this, c.lparen);
      emitABC(Op::CALL, base, static_cast<unsigned>(c.args.size()), 2);
      return oneResult();
    }
    default: break;
  }
  loadBuiltin(allocReg(c.pos), static_cast<int64_t>(b), c.pos);
  int nargsField = args(c, base + 1);
  Line line(*this, c.lparen);
  emitABC(Op::CALL, base, nargsField, nresults < 0 ? 0 : nresults + 1);
  freeTo(base);
  if (nresults > 0) allocRegs(nresults, c.pos);
  return nresults;
}

}  // namespace goro::lang::compiler::detail

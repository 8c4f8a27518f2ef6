// lang/compiler/compiler_flow.cpp: conditions and control flow.
//
// Conditions compile to jumps, never to bool values: comparisons use the
// fused compare-and-jump opcodes (with a constant operand when there is
// one), && / || / ! rearrange the jumps, and anything else is tested by
// JTEST, which panics on a non-bool. Loops put their test at the bottom so
// that an iteration costs one conditional jump; every backward jump is a
// preemption point (opcodes.h).
//
// Loop shapes:
//   for init; cond; post { body }      for range x { body }
//       init                               R[A] = x; RANGEPREP A
//       JMP test                           JMP next
//   body:                              body:
//       body                               (key/value into their variables)
//   continue:                              body
//       FRESHCELL (captured loop vars)  continue/next:
//       post                               RANGENEXT A key value -> body
//   test:                              break:
//       cond -> body
//   break:
#include "lang/compiler/compiler_impl.h"

namespace goro::lang::compiler::detail {

namespace {
// The compare-jump for `x op c`, the constant c on the right, or for
// `c op x`, where the order flips (c < x is x > c): in the immediate
// family or the K family.
Op orderedJump(TokenKind op, bool constOnRight, bool immediate) {
  static constexpr Op kImmediate[4] = {Op::JLTI, Op::JLEI, Op::JGTI, Op::JGEI};
  static constexpr Op kConstant[4] = {Op::JLTK, Op::JLEK, Op::JGTK, Op::JGEK};
  int n = op == TokenKind::Lss ? 0 : op == TokenKind::Leq ? 1 : op == TokenKind::Gtr ? 2 : 3;
  if (!constOnRight) n ^= 2;
  return (immediate ? kImmediate : kConstant)[n];
}
}  // namespace

JumpList FuncCompiler::condJump(const Expr& e, bool jumpIf) {
  Line line(*this, e.pos);
  if (auto c = constOf(e); c && c->kind == Const::Kind::Bool) {
    if ((c->i != 0) == jumpIf) return JumpList{emitJump()};
    return {};
  }
  int mark = freereg_;
  JumpList out;
  if (const auto* u = dyn<Unary>(&e); u != nullptr && u->op == TokenKind::Not) {
    return condJump(*u->x, !jumpIf);
  }
  if (const auto* b = dyn<Binary>(&e)) {
    if (b->op == TokenKind::LAnd || b->op == TokenKind::LOr) {
      // a && b jumps on true only if both are; on false if either is.
      bool isAnd = b->op == TokenKind::LAnd;
      if (jumpIf == isAnd) {
        JumpList skip = condJump(*b->x, !isAnd);
        out = condJump(*b->y, isAnd);
        patchHere(skip);
      } else {
        out = condJump(*b->x, !isAnd);
        JumpList more = condJump(*b->y, !isAnd);
        out.insert(out.end(), more.begin(), more.end());
      }
      return out;
    }
    TokenKind op = b->op;
    if (op == TokenKind::Eql || op == TokenKind::Neq || op == TokenKind::Lss || op == TokenKind::Leq ||
        op == TokenKind::Gtr || op == TokenKind::Geq) {
      auto cx = constOf(*b->x), cy = constOf(*b->y);
      int kx = cx ? smallConst(*cx, b->x->pos) : -1;
      int ky = cy ? smallConst(*cy, b->y->pos) : -1;
      int when = jumpIf ? 1 : 0;
      Line opLine(*this, b->opPos);
      if (op == TokenKind::Eql || op == TokenKind::Neq) {
        when = ((op == TokenKind::Eql) == jumpIf) ? 1 : 0;
        if (ky >= 0 || (kx >= 0 && !cy)) {
          int r = exprReg(ky >= 0 ? *b->x : *b->y, true);
          out.push_back(emitCondJump(Op::JEQK, r, ky >= 0 ? ky : kx, when));
        } else {
          int rx = exprReg(*b->x, true);
          int ry = exprReg(*b->y, true);
          out.push_back(emitCondJump(Op::JEQ, rx, ry, when));
        }
      } else if (bool immRight = cy && isImmediate(*cy), immediate = immRight || (cx && isImmediate(*cx) && !cy);
                 immediate || ky >= 0 || (kx >= 0 && !cy)) {
        // Against a constant: a small int is an immediate in B (x < 2 at
        // the top of a recursion), anything else a constant K[B].
        bool right = immediate ? immRight : ky >= 0;
        int r = exprReg(right ? *b->x : *b->y, true);
        int operand = immediate ? static_cast<int>(immediateField(static_cast<int>((right ? cy : cx)->i)))
                                : (right ? ky : kx);
        out.push_back(emitCondJump(orderedJump(op, right, immediate), r, operand, when));
      } else {
        int rx = exprReg(*b->x, true);
        int ry = exprReg(*b->y, true);
        switch (op) {
          case TokenKind::Lss: out.push_back(emitCondJump(Op::JLT, rx, ry, when)); break;
          case TokenKind::Leq: out.push_back(emitCondJump(Op::JLE, rx, ry, when)); break;
          case TokenKind::Gtr: out.push_back(emitCondJump(Op::JLT, ry, rx, when)); break;
          default: out.push_back(emitCondJump(Op::JLE, ry, rx, when)); break;
        }
      }
      freeTo(mark);
      return out;
    }
  }
  int r = exprReg(e);
  out.push_back(emitCondJump(Op::JTEST, r, jumpIf ? 1 : 0, 0));
  freeTo(mark);
  return out;
}

void FuncCompiler::ifStmt(const IfStmt& s) {
  if (s.init) stmt(*s.init);
  JumpList otherwise = condJump(*s.cond, false);
  stmts(s.then->stmts);
  if (s.els) {
    Jump end = emitJump();
    patchHere(otherwise);
    stmt(*s.els);
    patchJump(end, here());
  } else {
    patchHere(otherwise);
  }
}

void FuncCompiler::loopBody(const BlockStmt& body) { stmts(body.stmts); }

// The shape `for ...; v cmp limit; v += step` (step a small constant, v and
// the limit plain locals or a constant limit), compiled to FORLT/LE/GT/GE.
// Fills the opcode and its operands.
bool FuncCompiler::forStepShape(const ForStmt& f, Op* op, int* var, int* limit, unsigned* cField) {
  auto plainLocal = [](const Expr* e) -> const Ident* {
    const auto* id = dyn<Ident>(e);
    return id != nullptr && id->ref == Ref::Local && !id->var->captured ? id : nullptr;
  };
  const Ident* v = nullptr;
  int step = 0;
  if (const auto* d = dyn<IncDecStmt>(f.post.get())) {
    v = plainLocal(d->x.get());
    step = d->inc ? 1 : -1;
  } else if (const auto* a = dyn<AssignStmt>(f.post.get());
             a != nullptr && (a->op == TokenKind::AddAssign || a->op == TokenKind::SubAssign)) {
    v = plainLocal(a->lhs[0].get());
    auto c = constOf(*a->rhs[0]);
    if (!c || c->kind != Const::Kind::Int || c->i < -15 || c->i > 15 || c->i == 0) return false;
    step = static_cast<int>(a->op == TokenKind::AddAssign ? c->i : -c->i);
  }
  const auto* cond = dyn<Binary>(f.cond.get());
  if (v == nullptr || cond == nullptr) return false;
  unsigned cmp;
  switch (cond->op) {
    case TokenKind::Lss: cmp = 0; break;
    case TokenKind::Leq: cmp = 1; break;
    case TokenKind::Gtr: cmp = 2; break;
    case TokenKind::Geq: cmp = 3; break;
    default: return false;
  }
  const Expr* other;
  if (const Ident* x = plainLocal(cond->x.get()); x != nullptr && x->var == v->var) {
    other = cond->y.get();
  } else if (const Ident* y = plainLocal(cond->y.get()); y != nullptr && y->var == v->var) {
    other = cond->x.get();
    cmp ^= 2;  // limit < v is v > limit
  } else {
    return false;
  }
  static constexpr Op kOps[] = {Op::FORLT, Op::FORLE, Op::FORGT, Op::FORGE};
  *op = kOps[cmp];
  unsigned c = (static_cast<unsigned>(step) << kForStepShift) & 0xF8;
  if (auto k = constOf(*other)) {
    // A constant limit lives in a register for the loop's duration.
    *limit = allocReg(other->pos);
    exprTo(*other, *limit);
  } else if (const Ident* l = plainLocal(other)) {
    *limit = l->index;
  } else {
    return false;
  }
  *var = v->index;
  *cField = c;
  return true;
}

void FuncCompiler::forStmt(const ForStmt& f) {
  if (f.init) stmt(*f.init);
  // Captured loop variables get a fresh cell per iteration (Go 1.22).
  std::vector<int> fresh;
  if (const auto* d = dyn<DefineStmt>(f.init.get())) {
    for (const auto& id : d->lhs) {
      if (id->isDecl && id->ref == Ref::Local && id->var->captured) fresh.push_back(id->index);
    }
  }
  int var, limit;
  unsigned cField;
  Op forOp;
  if (fresh.empty() && f.cond && f.post && forStepShape(f, &forOp, &var, &limit, &cField)) {
    JumpList exit = condJump(*f.cond, false);
    breakables_.push_back(Breakable{true, {}, {}});
    size_t bodyStart = here();
    loopBody(*f.body);
    patchHere(breakables_.back().continues);
    {
      Line line(*this, f.post->pos);
      patchJump(emitCondJump(forOp, var, limit, static_cast<int>(cField)), bodyStart);
    }
    patchHere(exit);
    patchHere(breakables_.back().breaks);
    breakables_.pop_back();
    return;
  }
  breakables_.push_back(Breakable{true, {}, {}});
  Jump toTest{};
  if (f.cond) toTest = emitJump();
  size_t bodyStart = here();
  loopBody(*f.body);
  patchHere(breakables_.back().continues);
  for (int slot : fresh) emitABC(Op::FRESHCELL, slot, 0, 0);
  if (f.post) stmt(*f.post);
  if (f.cond) {
    patchJump(toTest, here());
    patch(condJump(*f.cond, true), bodyStart);
  } else {
    emitJumpBack(bodyStart);
  }
  patchHere(breakables_.back().breaks);
  breakables_.pop_back();
}

void FuncCompiler::rangeStmt(const RangeStmt& r) {
  int a = allocRegs(3, r.pos);
  exprTo(*r.x, a);
  {
    Line line(*this, r.rangePos);
    emitABC(Op::RANGEPREP, a, 0, 0);
  }
  // Where RANGENEXT leaves the key and the value: straight into a plain
  // local variable, else into a temporary moved by the body's prologue.
  auto slotFor = [&](const Expr* e) -> int {
    if (e == nullptr) return kNoReg;
    const auto* id = dyn<Ident>(e);
    if (id != nullptr && id->ref == Ref::Blank) return kNoReg;
    if (r.define && id != nullptr && id->ref == Ref::Local && !id->var->captured) return id->index;
    return allocReg(e->pos);
  };
  int keyReg = slotFor(r.key.get());
  int valueReg = slotFor(r.value.get());
  Jump toNext = emitJump();
  size_t bodyStart = here();
  if (r.define) {
    // Variables RANGENEXT writes straight into start with the body.
    for (const Expr* e : {r.key.get(), r.value.get()}) {
      const auto* id = dyn<Ident>(e);
      if (id != nullptr && (id->index == keyReg || id->index == valueReg)) declared(*id);
    }
    if (const auto* k = dyn<Ident>(r.key.get()); k != nullptr && keyReg != kNoReg && keyReg != k->index) {
      defineVar(*k, keyReg);
    }
    if (const auto* v = dyn<Ident>(r.value.get()); v != nullptr && valueReg != kNoReg && valueReg != v->index) {
      defineVar(*v, valueReg);
    }
  } else {
    rangeAssign(r, keyReg, valueReg);
  }
  breakables_.push_back(Breakable{true, {}, {}});
  loopBody(*r.body);
  patchHere(breakables_.back().continues);
  patchJump(toNext, here());
  {
    Line line(*this, r.rangePos);
    Jump back = emitCondJump(Op::RANGENEXT, a, keyReg, valueReg);
    patchJump(back, bodyStart);
  }
  patchHere(breakables_.back().breaks);
  breakables_.pop_back();
}

// for k, v = range x: each iteration assigns the targets, index operands
// evaluated afresh.
void FuncCompiler::rangeAssign(const RangeStmt& r, int keyReg, int valueReg) {
  const Expr* targets[2] = {r.key.get(), r.value.get()};
  int regs[2] = {keyReg, valueReg};
  for (int i = 0; i < 2; ++i) {
    if (targets[i] == nullptr || regs[i] == kNoReg) continue;
    int mark = freereg_;
    if (const auto* ix = dyn<Index>(targets[i])) {
      int c = exprReg(*ix->x);
      int k = exprReg(*ix->index);
      emitABC(Op::SETINDEX, c, k, regs[i]);
    } else if (!storeIfField(*targets[i], regs[i])) {
      storeVar(as<Ident>(*targets[i]), regs[i]);
    }
    freeTo(mark);
  }
}

void FuncCompiler::switchStmt(const SwitchStmt& s) {
  if (s.init) stmt(*s.init);
  int tag = s.tag ? exprReg(*s.tag) : -1;
  std::vector<JumpList> toBody(s.clauses.size());
  int defaultClause = -1;
  for (size_t i = 0; i < s.clauses.size(); ++i) {
    const CaseClause& c = s.clauses[i];
    if (c.isDefault) {
      defaultClause = static_cast<int>(i);
      continue;
    }
    for (const auto& e : c.exprs) {
      int mark = freereg_;
      Line line(*this, e->pos);
      if (tag < 0) {
        JumpList j = condJump(*e, true);
        toBody[i].insert(toBody[i].end(), j.begin(), j.end());
      } else if (auto k = constOf(*e); k && smallConst(*k, e->pos) >= 0) {
        toBody[i].push_back(emitCondJump(Op::JEQK, tag, smallConst(*k, e->pos), 1));
      } else {
        int r = exprReg(*e, true);
        toBody[i].push_back(emitCondJump(Op::JEQ, tag, r, 1));
      }
      freeTo(mark);
    }
  }
  Jump noMatch = emitJump();
  breakables_.push_back(Breakable{false, {}, {}});
  JumpList ends;
  for (size_t i = 0; i < s.clauses.size(); ++i) {
    patchHere(toBody[i]);
    if (static_cast<int>(i) == defaultClause) patchJump(noMatch, here());
    stmts(s.clauses[i].body);
    if (i + 1 < s.clauses.size()) ends.push_back(emitJump());
  }
  if (defaultClause < 0) patchJump(noMatch, here());
  patchHere(ends);
  patchHere(breakables_.back().breaks);
  breakables_.pop_back();
}

// select: the channel operands (and the values to send) are evaluated
// once, in source order, into a block of register pairs; SELECT picks a
// case (blocking unless there is a default) and leaves the case index (-1:
// default), the value received and ok in the block's first three
// registers; a chain of JEQK dispatches to the case bodies. break leaves the
// select.
void FuncCompiler::selectStmt(const SelectStmt& s) {
  std::string kinds;
  int defaultClause = -1;
  for (size_t i = 0; i < s.clauses.size(); ++i) {
    CommKind kind = s.clauses[i].kind;
    if (kind == CommKind::Default) {
      defaultClause = static_cast<int>(i);
    } else {
      kinds += kind == CommKind::Send ? 's' : 'r';
    }
  }
  int ncases = static_cast<int>(kinds.size());
  int block = freereg_;
  allocRegs(std::max(2 * ncases, 3), s.pos);
  int j = 0;
  for (const CommClause& c : s.clauses) {
    if (c.kind == CommKind::Default) continue;
    exprTo(*c.chan, block + 2 * j);
    if (c.kind == CommKind::Send) exprTo(*c.value, block + 2 * j + 1);
    j++;
  }
  if (defaultClause >= 0) kinds += 'd';
  Const k;
  k.kind = Const::Kind::String;
  k.s = kinds;
  {
    Line line(*this, s.pos);
    emitABx(Op::SELECT, block, addConst(k, s.pos));
  }
  // Dispatch: case j is clause number caseClause[j]; default is -1.
  std::vector<JumpList> toBody(s.clauses.size());
  j = 0;
  for (size_t i = 0; i < s.clauses.size(); ++i) {
    if (static_cast<int>(i) == defaultClause) continue;
    Const ci;
    ci.kind = Const::Kind::Int;
    ci.i = j++;
    int kk = smallConst(ci, s.pos);
    if (kk >= 0) {
      toBody[i].push_back(emitCondJump(Op::JEQK, block, kk, 1));
    } else {
      int r = allocReg(s.pos);
      emitABx(Op::LOADK, r, addConst(ci, s.pos));
      toBody[i].push_back(emitCondJump(Op::JEQ, block, r, 1));
      freeTo(r);
    }
  }
  Jump toDefault = emitJump();
  breakables_.push_back(Breakable{false, {}, {}});
  JumpList ends;
  for (size_t i = 0; i < s.clauses.size(); ++i) {
    const CommClause& c = s.clauses[i];
    if (static_cast<int>(i) == defaultClause) {
      patchJump(toDefault, here());
    } else {
      patchHere(toBody[i]);
    }
    // case v[, ok] := <-ch / case v[, ok] = <-ch
    for (size_t n = 0; n < c.lhs.size() && n < 2; ++n) {
      const Expr& target = *c.lhs[n];
      int src = block + 1 + static_cast<int>(n);
      int mark = freereg_;
      if (const auto* id = dyn<Ident>(&target)) {
        if (c.define) {
          defineVar(*id, src);
        } else {
          storeVar(*id, src);
        }
      } else if (const auto* ix = dyn<Index>(&target)) {
        int rc = exprReg(*ix->x);
        int ri = exprReg(*ix->index);
        emitABC(Op::SETINDEX, rc, ri, src);
      } else {
        storeIfField(target, src);
      }
      freeTo(mark);
    }
    stmts(c.body);
    ends.push_back(emitJump());
  }
  if (defaultClause < 0) patchJump(toDefault, here());
  patchHere(ends);
  patchHere(breakables_.back().breaks);
  breakables_.pop_back();
  freeTo(block);
}

void FuncCompiler::breakStmt(Pos pos) {
  if (breakables_.empty()) {
    pc_.error(pos, "break is not in a loop, switch, or select");
    return;
  }
  breakables_.back().breaks.push_back(emitJump());
}

void FuncCompiler::continueStmt(Pos pos) {
  for (auto it = breakables_.rbegin(); it != breakables_.rend(); ++it) {
    if (it->loop) {
      it->continues.push_back(emitJump());
      return;
    }
  }
  pc_.error(pos, "continue is not in a loop");
}

}  // namespace goro::lang::compiler::detail

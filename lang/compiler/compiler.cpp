// lang/compiler/compiler.cpp: the compiler's driver: functions and the top-level
// chunk, code emission and jump patching, registers and constants (the
// design is in compiler.h, the expression protocol in compiler_impl.h).
#include "lang/compiler/compiler.h"

#include <cstring>

#include "lang/compiler/compiler_impl.h"

namespace goro::lang::compiler {

namespace detail {

bool arithOps(TokenKind op, Op* rr, Op* rk) {
  switch (op) {
    case TokenKind::Add: *rr = Op::ADD, *rk = Op::ADDK; return true;
    case TokenKind::Sub: *rr = Op::SUB, *rk = Op::SUBK; return true;
    case TokenKind::Mul: *rr = Op::MUL, *rk = Op::MULK; return true;
    case TokenKind::Quo: *rr = Op::DIV, *rk = Op::DIVK; return true;
    case TokenKind::Rem: *rr = Op::MOD, *rk = Op::MODK; return true;
    case TokenKind::And: *rr = Op::BAND, *rk = Op::BANDK; return true;
    case TokenKind::Or: *rr = Op::BOR, *rk = Op::BORK; return true;
    case TokenKind::Xor: *rr = Op::BXOR, *rk = Op::BXORK; return true;
    case TokenKind::AndNot: *rr = Op::BANDNOT, *rk = Op::BANDNOTK; return true;
    case TokenKind::Shl: *rr = Op::SHL, *rk = Op::SHLK; return true;
    case TokenKind::Shr: *rr = Op::SHR, *rk = Op::SHRK; return true;
    default: return false;
  }
}

// The W form of an arithmetic opcode (the enum lists the W forms in the same
// order as the plain ones, after them).
Op wideOf(Op op) {
  auto o = static_cast<int>(op);
  if (o >= static_cast<int>(Op::ADD) && o <= static_cast<int>(Op::BNOT)) {
    return static_cast<Op>(o - static_cast<int>(Op::ADD) + static_cast<int>(Op::ADDW));
  }
  return op;
}
static_assert(static_cast<int>(Op::BNOTW) - static_cast<int>(Op::ADDW) ==
                  static_cast<int>(Op::BNOT) - static_cast<int>(Op::ADD),
              "the W forms mirror the plain arithmetic opcodes");

FuncCompiler::FuncCompiler(ProgramCompiler& pc, FuncCompiler* parent, ProtoBuilder& pb, const FuncInfo& info)
    : pc_(pc),
      parent_(parent),
      pb_(pb),
      info_(info),
      numVars_(info.numSlots),
      freereg_(info.numSlots),
      globalBase_(parent != nullptr ? parent->globalBase_ : 0) {
  pb_.name = info.name;
  pb_.arity = static_cast<uint32_t>(info.numParams);
  pb_.variadic = info.variadic;
  pb_.resultCount = info.resultCount;
  pb_.frameSize = static_cast<uint32_t>(numVars_);
}

// ---------------------------------------------------------------------------
// Functions

void FuncCompiler::compileFunction(const FuncLit& f) {
  pb_.line = f.pos.line;
  Line line(*this, f.pos);
  if (numVars_ > kMaxRegisters) pc_.error(f.pos, "function too complex: more than 250 variables");
  for (const auto& p : f.params) declared(*p);
  paramPrologue(f);
  stmts(f.body->stmts);
  Line end(*this, f.body->rbrace);
  emitABC(Op::RETURN0, 0, 0, 0);
  closeLocals();
}

void FuncCompiler::declared(const Ident& id) {
  if (!id.isDecl || id.ref != Ref::Local || id.index < 0) return;
  auto reg = static_cast<size_t>(id.index);
  if (openLocal_.size() <= reg) openLocal_.resize(reg + 1, -1);
  auto pc = static_cast<uint32_t>(here());
  if (openLocal_[reg] >= 0) pb_.locals[static_cast<size_t>(openLocal_[reg])].endPc = pc;
  openLocal_[reg] = static_cast<int>(pb_.locals.size());
  pb_.locals.push_back(LocalVar{id.name, static_cast<uint32_t>(reg), pc, pc});
}

void FuncCompiler::closeLocals() {
  for (int& open : openLocal_) {
    if (open >= 0) pb_.locals[static_cast<size_t>(open)].endPc = static_cast<uint32_t>(here());
    open = -1;
  }
}

// A captured parameter arrives as a value and lives in a cell.
void FuncCompiler::paramPrologue(const FuncLit& f) {
  for (const auto& p : f.params) {
    if (p->var != nullptr && p->var->captured) emitABC(Op::NEWCELL, p->index, p->index, 0);
  }
}

void FuncCompiler::compileChunk(const File& file) {
  pb_.line = 1;
  line_ = 1;
  if (numVars_ > kMaxRegisters) pc_.error(Pos{1, 1, 0}, "top-level code too complex: more than 250 variables");
  for (const LoadedPrelude& p : pc_.preludes()) hoistFunctions(*p.file, p.base, p.fileName);
  hoistTypes(file);
  hoistFunctions(file, 0, {});
  stmts(file.stmts);
  emitABC(Op::RETURN0, 0, 0, 0);
  closeLocals();
}

void FuncCompiler::hoistFunctions(const File& file, int32_t base, const std::string& fileName) {
  bool prelude = !fileName.empty();
  for (const auto& s : file.stmts) {
    const auto* d = dyn<FuncDecl>(s.get());
    if (d == nullptr || d->name->ref != Ref::Global) continue;
    // A prelude's lines are not the program's: its hoisting takes line 1.
    Line line(*this, prelude ? Pos{} : d->pos);
    int mark = freereg_;
    int r = allocReg(d->pos);
    closure(*d->func, r, prelude ? base : -1, fileName);
    emitABx(Op::SETGLOBAL, r, base + d->name->index);
    freeTo(mark);
  }
}

void FuncCompiler::closure(const FuncLit& f, int dst, int32_t globalBase, const std::string& fileName) {
  auto child = std::make_unique<ProtoBuilder>();
  child->file = fileName;
  FuncCompiler fc(pc_, this, *child, f.info);
  if (globalBase >= 0) fc.globalBase_ = globalBase;
  fc.compileFunction(f);
  for (const Capture& c : f.info.captures) {
    child->captures.push_back(static_cast<uint16_t>((c.index << 1) | (c.fromParentLocal ? 1 : 0)));
  }
  Const k;
  k.kind = Const::Kind::Proto;
  k.i = static_cast<int64_t>(pb_.children.size());
  pb_.children.push_back(std::move(child));
  emitABx(Op::CLOSURE, dst, addConst(k, f.pos));
}

// ---------------------------------------------------------------------------
// Emission

size_t FuncCompiler::emit(Instr i) {
  pb_.code.push_back(i);
  pb_.lines.push_back(line_);
  return pb_.code.size() - 1;
}

Jump FuncCompiler::emitJump() { return Jump{emit(makeSJ(Op::JMP, 0)), false}; }

Jump FuncCompiler::emitCondJump(Op op, int a, int b, int c) {
  emitABC(op, a, b, c);
  return Jump{emit(0), true};
}

void FuncCompiler::emitJumpBack(size_t target) {
  size_t at = emit(makeSJ(Op::JMP, 0));
  patchJump(Jump{at, false}, target);
}

void FuncCompiler::patchJump(Jump j, size_t target) {
  int64_t offset = static_cast<int64_t>(target) - static_cast<int64_t>(j.pos + 1);
  if (j.word) {
    pb_.code[j.pos] = static_cast<Instr>(static_cast<int32_t>(offset));
    return;
  }
  if (offset < kMinSJ || offset > kMaxSJ) {
    pc_.error(Pos{line_, 1, 0}, "function too large: jump out of range");
    return;
  }
  pb_.code[j.pos] = makeSJ(Op::JMP, static_cast<int>(offset));
}

void FuncCompiler::patch(const JumpList& list, size_t target) {
  for (const Jump& j : list) patchJump(j, target);
}

// ---------------------------------------------------------------------------
// Registers and constants

int FuncCompiler::allocReg(Pos pos) { return allocRegs(1, pos); }

int FuncCompiler::allocRegs(int n, Pos pos) {
  int r = freereg_;
  freereg_ += n;
  if (freereg_ > kMaxRegisters) {
    pc_.error(pos, "expression too complex: more than 250 registers in " + info_.name);
    throw Stop{};
  }
  if (static_cast<uint32_t>(freereg_) > pb_.frameSize) pb_.frameSize = static_cast<uint32_t>(freereg_);
  return r;
}

int FuncCompiler::addConst(const Const& c, Pos pos) {
  // Deduplicated through a key of kind and payload bits (function literals
  // are never shared).
  std::string key;
  if (c.kind != Const::Kind::Proto) {
    key.push_back(static_cast<char>(c.kind));
    if (c.kind == Const::Kind::String) {
      key += c.s;
    } else {
      char bits[sizeof(int64_t) + sizeof(double)];
      std::memcpy(bits, &c.i, sizeof(int64_t));
      std::memcpy(bits + sizeof(int64_t), &c.f, sizeof(double));
      key.append(bits, sizeof bits);
    }
    if (auto it = constIndex_.find(key); it != constIndex_.end()) return it->second;
  }
  if (pb_.consts.size() > static_cast<size_t>(kMaxBx)) {
    pc_.error(pos, "function too large: more than 65535 constants in " + info_.name);
    throw Stop{};
  }
  pb_.consts.push_back(c);
  auto index = static_cast<int>(pb_.consts.size() - 1);
  if (!key.empty()) constIndex_.emplace(std::move(key), index);
  return index;
}

int FuncCompiler::smallConst(const Const& c, Pos pos) {
  int k = addConst(c, pos);
  return k <= kMaxK8 ? k : -1;
}


}  // namespace detail

bool compileProgram(const File& file, Diagnostics& diags, Program& out) {
  int before = diags.count();
  detail::ProgramCompiler pc(file, diags);
  pc.loadPreludes();
  out.chunk = std::make_unique<ProtoBuilder>();
  try {
    detail::FuncCompiler fc(pc, nullptr, *out.chunk, file.chunk);
    fc.compileChunk(file);
  } catch (const detail::Stop&) {
  }
  out.globalNames = pc.globalNames();
  out.globalCount = static_cast<uint32_t>(out.globalNames.size());
  out.mainGlobal = -1;
  for (const Var* v : file.globals) {
    if (v->name == "main" && v->isFunc) out.mainGlobal = v->index;
  }
  return diags.count() == before;
}

}  // namespace goro::lang::compiler

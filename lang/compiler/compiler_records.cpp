// lang/compiler/compiler_records.cpp: compiling records (docs/language.md,
// "Records"; the instructions are in opcodes.h, their work in
// lang/vm/records.cpp).
//
// Types. Each `type T struct` of the file becomes, at the very start of
// the top-level code (before the hoisted functions), a NEWTYPE whose
// constant describes it, one SETMETHOD per method (its closure, made as a
// top-level function's is), and a store to the global T names. The
// descriptor is a string: the type's name and its fields, then `;` and the
// method names, all separated by spaces ("Point X Y;Dist Move"), which no
// name can contain.
//
// Literals. The field values are evaluated in source order, each straight
// into the register of its field (the resolver ordered them: slotOf), the
// fields a keyed literal leaves out are loaded nil, then NEWRECORD builds
// the record from the type (loaded from its global) and the registers.
//
// Fields. x.F compiles to GETFIELD and x.F = v to SETFIELD, each with the
// field's name as a constant and an inline cache word after it, which the
// interpreter fills with the slot the name had in the last record type
// seen there: a field access is a type check and a load, as an array
// index is a kind check, a bounds check and a load.
#include "lang/compiler/compiler_impl.h"

namespace goro::lang::compiler::detail {

namespace {

std::string typeDescriptor(const TypeDecl& d) {
  std::string s = d.name->name;
  for (const std::string& f : d.fields) s += " " + f;
  s += ";";
  for (size_t i = 0; i < d.methods.size(); ++i) s += (i == 0 ? "" : " ") + d.methods[i]->name->name;
  return s;
}

}  // namespace

void FuncCompiler::hoistTypes(const File& file) {
  for (const auto& s : file.stmts) {
    const auto* d = dyn<TypeDecl>(s.get());
    if (d == nullptr || d->name->ref != Ref::Global) continue;
    Line line(*this, d->pos);
    if (d->fields.size() > static_cast<size_t>(kMaxRecordFields)) {
      pc_.error(d->pos, "too many fields in " + d->name->name + " (Goro allows " +
                            std::to_string(kMaxRecordFields) + ")");
      continue;
    }
    if (d->methods.size() > 255) {
      pc_.error(d->pos, "too many methods of " + d->name->name + " (Goro allows 255)");
      continue;
    }
    int mark = freereg_;
    int type = allocReg(d->pos);
    Const desc;
    desc.kind = Const::Kind::String;
    desc.s = typeDescriptor(*d);
    emitABx(Op::NEWTYPE, type, addConst(desc, d->pos));
    for (size_t i = 0; i < d->methods.size(); ++i) {
      const FuncDecl& m = *d->methods[i];
      Line methodLine(*this, m.pos);
      int fn = allocReg(m.pos);
      closure(*m.func, fn);
      emitABC(Op::SETMETHOD, type, fn, static_cast<int>(i));
      freeTo(type + 1);
    }
    emitABx(Op::SETGLOBAL, type, d->name->index);
    freeTo(mark);
  }
}

void FuncCompiler::recordLit(const RecordLit& r, int dst) {
  if (r.decl == nullptr) return;  // the resolver reported it
  auto n = static_cast<int>(r.decl->fields.size());
  int base = (isTemp(dst) && dst == freereg_ - 1) ? dst : allocReg(r.pos);
  int first = allocRegs(n, r.pos);
  std::vector<bool> set(static_cast<size_t>(n), false);
  for (size_t i = 0; i < r.values.size() && i < r.slotOf.size(); ++i) {
    int32_t slot = r.slotOf[i];
    if (slot < 0) continue;
    exprTo(*r.values[i], first + slot);
    set[static_cast<size_t>(slot)] = true;
  }
  for (int f = 0; f < n; ++f) {
    if (!set[static_cast<size_t>(f)]) emitLoadNil(first + f, 1);
  }
  readVar(*r.type, base);
  Line line(*this, r.pos);
  emitABC(Op::NEWRECORD, base, n, r.addressed ? 1 : 0);
  freeTo(base + 1);
  emitMove(dst, base);
}

void FuncCompiler::addressOf(const Unary& u, int dst) {
  int rb = exprReg(*u.x);
  Line line(*this, u.pos);
  emitABC(Op::ADDR, dst, rb, 0);
}

void FuncCompiler::getField(const Selector& s, int rb, int dst) {
  int k = methodNameConst(s);
  if (k < 0) return;
  Line line(*this, s.namePos);
  emitABC(Op::GETFIELD, dst, rb, k);
  emit(0);  // the cache word
}

void FuncCompiler::setField(const Selector& s, int rc, int src) {
  int k = methodNameConst(s);
  if (k < 0) return;
  Line line(*this, s.namePos);
  emitABC(Op::SETFIELD, rc, k, src);
  emit(0);  // the cache word
}

bool FuncCompiler::storeIfField(const Expr& target, int src) {
  const auto* s = dyn<Selector>(&target);
  if (s == nullptr) return false;
  int mark = freereg_;
  setField(*s, exprReg(*s->x), src);
  freeTo(mark);
  return true;
}

}  // namespace goro::lang::compiler::detail

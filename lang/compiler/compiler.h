// lang/compiler/compiler.h: the bytecode compiler, from a resolved AST
// (lang/syntax/ast.h, lang/syntax/resolver.h) to FuncProtos
// (runtime/object_layouts.h) whose code is defined in lang/compiler/opcodes.h.
//
// Two phases, so that compiling never runs under the collector's rules:
//   1. compileProgram walks the AST and builds a tree of ProtoBuilders,
//      plain C++ data (code words, a line per word, constants described as
//      Consts, capture descriptors). It reports the compile-time errors the
//      resolver leaves (functions with
//      more than 250 registers or 65535 constants, misuse of built-ins) in
//      the same Diagnostics format.
//   2. materialize turns the tree into heap objects (FuncProtos, their
//      constant Vectors, strings, boxed ints, NativeFuncs), children first,
//      holding every object in a gc::Handle until it is stored: any of
//      these allocations may collect.
//
// Register allocation: a variable has the slot the resolver gave it
// (FuncInfo::numSlots of them); temporaries sit above every slot and are
// allocated as a stack. Captured variables hold a Cell in their slot; a
// declaration of one makes a new Cell each time it runs, which gives Go
// 1.22's per-iteration loop variables for range loops, and the three-clause
// `for` copies its captured loop variables into fresh cells before the post
// statement (FRESHCELL). Top-level `func` declarations are hoisted: the
// chunk ("main.init") starts by creating their closures, so top-level code
// may call a function declared further down.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "alloc/mcache.h"
#include "lang/compiler/opcodes.h"
#include "lang/syntax/ast.h"
#include "lang/syntax/diagnostics.h"
#include "lang/syntax/universe.h"
#include "runtime/object_layouts.h"

namespace goro::lang::compiler {

// A constant as the compiler knows it, before it is a heap Value.
struct Const {
  enum class Kind : uint8_t { Nil, Bool, Int, Float, String, Proto, Builtin, Member, MemberConst };
  Kind kind = Kind::Nil;
  int64_t i = 0;   // Bool, Int; the child index (Proto); the Builtin/Member enum value
  double f = 0;    // Float
  std::string s;   // String
};

// An int constant that fits an instruction's signed-byte operand (ADDI,
// SUBI, JLTI, ...: opcodes.h).
inline bool isImmediate(const Const& c) {
  return c.kind == Const::Kind::Int && c.i >= kMinImmediate && c.i <= kMaxImmediate;
}

// A named local variable's live range, as Lua's LocVar: register `reg`
// holds the variable `name` while the instruction being executed is in
// [startPc, endPc). A variable starts just after the instruction that first
// stores it and lasts until another variable takes its register (sibling
// blocks share registers) or the function ends: a block's variable that is
// out of scope still holds its value in its register, and keeps it alive,
// so that register keeps its name. Used only to name a goroutine's frame
// slots in root reports (lang/vm/gstate_slots.cpp).
struct LocalVar {
  std::string name;
  uint32_t reg = 0;
  uint32_t startPc = 0;
  uint32_t endPc = 0;
};

struct ProtoBuilder {
  std::string name;  // "main.f"
  // The source file tracebacks name for this function and its children,
  // when it is not the program's: a prelude's ("prelude/sort.goro").
  std::string file;
  uint32_t line = 0;
  uint32_t arity = 0;
  bool variadic = false;
  int32_t resultCount = 0;
  uint32_t frameSize = 0;
  std::vector<Instr> code;
  std::vector<uint32_t> lines;   // one per code word
  std::vector<Const> consts;
  std::vector<uint16_t> captures;  // (index << 1) | fromParentLocal
  std::vector<LocalVar> locals;    // in the order they start
  std::vector<std::unique_ptr<ProtoBuilder>> children;
};

// The file's globals come first, by their index; after them the globals of
// the preludes the file uses (lang/lib/prelude.h), one per prelude
// function, named "sort.Slice": the chunk sets them before anything else,
// and a Script member reads its function's.
struct Program {
  std::unique_ptr<ProtoBuilder> chunk;  // the top-level code, "main.init"
  uint32_t globalCount = 0;
  int32_t mainGlobal = -1;  // global index of `func main`, or -1
  std::vector<std::string> globalNames;
};

// Phase 1. Returns false (with errors in diags) if the file cannot run.
// The file must have been resolved without errors.
bool compileProgram(const syntax::File& file, syntax::Diagnostics& diags, Program& out);

// The name of the local variable that register reg of a frame of p holds
// while instruction pc runs (an index into p's code), or an empty view if
// none does: the register is a temporary then. Lua's luaF_getlocalname.
std::string_view localName(const runtime::FuncProto* p, uint32_t reg, uint32_t pc);

// Phase 2: the FuncProto of b and, recursively, of its children. The caller
// roots the result before its next allocation.
runtime::FuncProto* materialize(alloc::MCache& cache, const ProtoBuilder& b, std::string_view file);

}  // namespace goro::lang::compiler

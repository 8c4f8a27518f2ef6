// lang/compiler/compiler_impl.h: the compiler's internal classes, shared by
// compiler.cpp (functions, registers, constants, emission), compiler_expr.cpp
// (expressions and calls), compiler_stmt.cpp (statements, assignment) and
// compiler_flow.cpp (conditions, loops, switch). Not a public header.
//
// Expression protocol: exprTo(e, dst) leaves e's value in R[dst] and writes
// dst only with its last instruction when dst is a variable's slot (so that
// `x = y && x` or `m = {"k": m}` read the old x / m): forms that write their
// target early (&&, ||, literals of arrays and maps) build in a temporary
// and move. exprReg(e) returns a register holding e's value: a
// non-captured local's own slot, or a fresh temporary. Temporaries are
// released by resetting freereg to a mark taken before the expression.
//
// wide: the caller consumes the value with an instruction that accepts
// kWide operands (opcodes.h), so an arithmetic result may stay wide.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/compiler/compiler.h"
#include "lang/compiler/opcodes.h"
#include "lang/syntax/ast.h"
#include "lang/syntax/constant.h"
#include "lang/syntax/diagnostics.h"
#include "lang/syntax/source.h"

namespace goro::lang::compiler {
// The compiler is written in the terms of the syntax tree it walks.
using namespace goro::lang::syntax;
}  // namespace goro::lang::compiler

namespace goro::lang::compiler::detail {

struct Stop {};  // the Diagnostics is full: abandon compilation

struct Jump {
  size_t pos;  // index of the JMP instruction, or of a jump word
  bool word;
};
using JumpList = std::vector<Jump>;

// A module's prelude compiled with the program (lang/lib/prelude.h): its
// own parsed and resolved File, whose global i is the program's global
// base + i.
struct LoadedPrelude {
  std::unique_ptr<Source> source;
  std::unique_ptr<Diagnostics> diags;
  std::unique_ptr<File> file;
  std::string fileName;  // "prelude/sort.goro"
  int32_t base = 0;
};

class ProgramCompiler {
 public:
  ProgramCompiler(const File& file, Diagnostics& diags);
  void error(Pos pos, std::string msg) {
    diags.error(pos, std::move(msg));
    if (diags.full()) throw Stop{};
  }
  // Loads the preludes of the modules whose Script members the file uses
  // (compiler_prelude.cpp): those an earlier chunk of a session loaded are
  // already globals of the file, named "sort.Slice"; the others are
  // parsed and resolved here, their globals placed after the file's.
  void loadPreludes();
  // The global that holds the Script member m's function.
  int32_t scriptGlobal(Member m) const { return scriptGlobals_[static_cast<size_t>(m)]; }
  const std::vector<LoadedPrelude>& preludes() const { return preludes_; }
  // The file's globals and the loaded preludes', in order.
  const std::vector<std::string>& globalNames() const { return globalNames_; }

  const File& file;
  Diagnostics& diags;

 private:
  std::vector<LoadedPrelude> preludes_;
  std::vector<std::string> globalNames_;
  std::vector<int32_t> scriptGlobals_;  // by Member; -1 unless loaded
};

class FuncCompiler {
 public:
  FuncCompiler(ProgramCompiler& pc, FuncCompiler* parent, ProtoBuilder& pb, const FuncInfo& info);

  void compileFunction(const FuncLit& f);
  void compileChunk(const File& file);

  // ---- emission (compiler.cpp)
  size_t emit(Instr i);
  size_t emitABC(Op op, int a, int b, int c) { return emit(makeABC(op, a, b, c)); }
  size_t emitABx(Op op, int a, int bx) { return emit(makeABx(op, a, bx)); }
  void emitMove(int dst, int src) {
    if (dst != src) emitABC(Op::MOVE, dst, src, 0);
  }
  void emitLoadNil(int dst, int count) { emitABC(Op::LOADNIL, dst, count - 1, 0); }
  // A forward JMP to be patched.
  Jump emitJump();
  // A fused conditional op and its jump word, to be patched.
  Jump emitCondJump(Op op, int a, int b, int c);
  void emitJumpBack(size_t target);  // a JMP to an earlier instruction
  size_t here() const { return pb_.code.size(); }
  void patch(const JumpList& list, size_t target);
  void patchHere(const JumpList& list) { patch(list, here()); }
  void patchJump(Jump j, size_t target);

  // ---- registers and constants (compiler.cpp)
  int allocReg(Pos pos);
  int allocRegs(int n, Pos pos);
  void freeTo(int mark) { freereg_ = mark; }
  bool isTemp(int reg) const { return reg >= numVars_; }
  int addConst(const Const& c, Pos pos);
  // K index for an operand field (<= 255) or -1.
  int smallConst(const Const& c, Pos pos);
  // K index of a constant int or string index/key (<= 255), or -1.
  int keyConst(const Expr& key);

  // ---- expressions (compiler_expr.cpp)
  void exprTo(const Expr& e, int dst, bool wide = false);
  int exprReg(const Expr& e, bool wide = false);
  std::optional<Const> constOf(const Expr& e);
  // Compiles the call c with its function in R[base] (base == freereg, or
  // a free register just below it) and leaves nresults values (-1: all,
  // setting top) in R[base ..], allocated. Returns how many values it left
  // when that is known (a built-in opcode), else nresults.
  int call(const Call& c, int base, int nresults);
  int methodCall(const Call& c, const Selector& sel, int base, int nresults);
  int methodNameConst(const Selector& sel);
  // Compiles the arithmetic `R[lhs] op y` into dst.
  void arith(TokenKind op, int lhs, const Expr& y, int dst, bool wide, Pos pos);
  // Reads / writes a variable named by a resolved identifier.
  void readVar(const Ident& id, int dst);
  void storeVar(const Ident& id, int src);
  // A declaration (isDecl) or an assignment of an existing variable.
  void defineVar(const Ident& id, int src);
  // Records that the local id declares starts here (after its first store):
  // its register's previous variable ends (ProtoBuilder::locals).
  void declared(const Ident& id);
  // Ends every variable still open, at the end of the function's code.
  void closeLocals();

  // ---- statements (compiler_stmt.cpp)
  void stmts(const StmtList& list);
  void stmt(const Stmt& s);
  void assign(const AssignStmt& a);
  void opAssign(const Expr& target, TokenKind op, const Expr* value, Pos pos);
  void define(const DefineStmt& d);
  void varDecl(const VarDecl& d);
  void sessionConstants(const ConstDecl& d);
  void returnStmt(const ReturnStmt& r);
  void deferStmt(const DeferStmt& d);
  // Evaluates rhs into n consecutive registers starting at base (== freereg).
  void valuesTo(const ExprList& rhs, int base, int n, Pos pos);

  // ---- control flow (compiler_flow.cpp)
  // Jumps (returned, unpatched) when e evaluates to jumpIf; falls through
  // otherwise.
  JumpList condJump(const Expr& e, bool jumpIf);
  void ifStmt(const IfStmt& s);
  void forStmt(const ForStmt& f);
  void rangeStmt(const RangeStmt& r);
  void switchStmt(const SwitchStmt& s);
  void selectStmt(const SelectStmt& s);
  void goStmt(const GoStmt& g);
  void callLater(const Call& c, Pos pos, Op op, const char* keyword);
  // R[dst] = the built-in function `builtin` (a Builtin enum value).
  void loadBuiltin(int dst, int64_t builtin, Pos pos);
  // RECV into dst (and dst+1 = ok when commaOk) from the channel of u.x.
  void receive(const Unary& u, int dst, bool commaOk);
  void breakStmt(Pos pos);
  void continueStmt(Pos pos);

  // ---- records (compiler_records.cpp)
  void hoistTypes(const File& file);
  void recordLit(const RecordLit& r, int dst);
  void addressOf(const Unary& u, int dst);
  // R[dst] = R[rb].name and R[rc].name = R[src], with their cache words.
  void getField(const Selector& s, int rb, int dst);
  void setField(const Selector& s, int rc, int src);
  // Stores R[src] into target if it is a field x.F (evaluating x now) and
  // returns true; false for any other target.
  bool storeIfField(const Expr& target, int src);

  ProgramCompiler& pc() { return pc_; }
  ProtoBuilder& pb() { return pb_; }

  // The current source line, restored on scope exit.
  struct Line {
    Line(FuncCompiler& fc, Pos p) : fc_(fc), saved_(fc.line_) {
      if (p.line != 0 && !fc.pinLine_) fc.line_ = p.line;
    }
    ~Line() { fc_.line_ = saved_; }
    FuncCompiler& fc_;
    uint32_t saved_;
  };

 private:
  struct Breakable {
    bool loop;
    JumpList breaks;
    JumpList continues;
  };

  // Sets the global of each top-level func of file (whose global i is
  // global base + i here) to its closure.
  void hoistFunctions(const File& file, int32_t base, const std::string& fileName);
  void paramPrologue(const FuncLit& f);
  // A closure of f in dst; a function of a prelude gives its globals' base
  // and its file (children inherit both).
  void closure(const FuncLit& f, int dst, int32_t globalBase = -1, const std::string& fileName = {});
  void binary(const Binary& b, int dst, bool wide);
  void unary(const Unary& u, int dst, bool wide);
  void compare(TokenKind op, const Expr& x, const Expr& y, int dst);
  void logical(const Binary& b, int dst);
  void index(const Index& ix, int dst);
  void slice(const Slice& s, int dst);
  void selector(const Selector& s, int dst);
  void arrayLit(const ArrayLit& a, int dst);
  void mapLit(const MapLit& m, int dst);
  int builtinCall(const Call& c, Builtin b, int base, int nresults);
  int args(const Call& c, int first);
  void storeTarget(const Expr& target, int containerReg, int indexReg, int src);
  void rangeAssign(const RangeStmt& r, int keyReg, int valueReg);
  void loopBody(const BlockStmt& body);
  bool forStepShape(const ForStmt& f, Op* op, int* var, int* limit, unsigned* cField);

  ProgramCompiler& pc_;
  FuncCompiler* parent_;
  ProtoBuilder& pb_;
  const FuncInfo& info_;
  int numVars_;
  int freereg_;
  // Added to every global index the resolver gave: 0 for the program's
  // own functions, the prelude's base for a prelude's (ProgramCompiler).
  int32_t globalBase_ = 0;
  uint32_t line_ = 0;
  std::vector<Breakable> breakables_;
  std::unordered_map<std::string, int> constIndex_;  // addConst's dedup index
  // The value of `iota` while compiling a named constant's expression at a
  // use (readVar); constOf folds an iota to it.
  int64_t iota_ = 0;
  // Named constants compiled as their expressions in this function (readVar),
  // at most kMaxConstExpansions.
  static constexpr int kMaxConstExpansions = 100000;
  int constExpansions_ = 0;
  // Set while compiling a constant's expression at a use: its code takes
  // the line of the use, where a run-time error is to be reported.
  bool pinLine_ = false;
  // By register: the index in pb_.locals of the variable it holds, or -1.
  std::vector<int> openLocal_;
};

// The arithmetic opcode for a binary operator token (Add .. AndNot): its
// register form, its K form; wide forms follow from wideOf().
bool arithOps(TokenKind op, Op* rr, Op* rk);
Op wideOf(Op op);

}  // namespace goro::lang::compiler::detail

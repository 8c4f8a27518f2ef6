// lang/syntax/ast.h: the abstract syntax tree of a Goro file, as the parser
// builds it and the resolver annotates it for the bytecode compiler.
//
// Shape. Every node has a kind (NodeKind, one X-macro list) and pos, the
// position of its first token. Nodes own their children through
// std::unique_ptr; a File owns everything. Walk with a switch on kind and
// as<T>() / dyn<T>(). Optional children are null when absent. Parentheses
// leave no node. Receive `<-ch` is Unary{op=Arrow}. `make(chan, n)` is a
// Call whose args[0] is a ChanType node (the resolver guarantees a ChanType
// appears nowhere else and only as args[0] of a call to the builtin make,
// with 1 or 2 arguments). A rune literal is an IntLit with rune set.
//
// Names. Every Ident carries, once resolved (File::resolved):
//   ref == Local    index is a slot in the frame of the enclosing function;
//                   if var->captured the slot holds a cell (box) and reads
//                   and writes go through it (a captured parameter must be
//                   boxed on entry, a captured local where it is declared).
//   ref == Upvalue  index is into FuncInfo::captures of the enclosing
//                   function literal; it always holds a cell.
//   ref == Global   index is into File::globals.
//   ref == Builtin  index is a Builtin (universe.h); only ever a callee.
//   ref == Module   index is a Module (universe.h); only ever the left side
//                   of a Selector, whose member is then set.
//   ref == Blank    the blank identifier `_`, only as an assignment or
//                   declaration target; a blank parameter still has its
//                   slot in index (its argument lands there, unused).
//   ref == Const    a named constant (`const x = 5`): var->isConst, and the
//                   value is var->constExpr evaluated with var->constIota
//                   (syntax/constant.h); it has no slot, index is -1.
//   ref == Iota     the predeclared `iota`, only inside a constant
//                   declaration's expressions (whose iota gives its value).
// isDecl marks the identifiers that introduce a variable (declaration
// names, parameters, and the new names of a `:=`); a `:=` name that reuses
// an existing variable has isDecl false and refers to it.
//
// Functions. A FuncLit (also the body of a FuncDecl) has a FuncInfo:
// parameters take slots 0..numParams-1, numSlots is the frame size, and
// captures lists what a closure must capture when it is created, in order:
// fromParentLocal ? the cell in the creating function's slot `index`
// : the creating function's own capture `index`. The top-level statements
// form one more function, File::chunk ("main.init"), whose outermost
// declarations are globals rather than locals.
//
// Loop variables. Var::loopVar marks variables declared by a `for`
// header (`:=` in the init statement, or the range variables). Each
// iteration has fresh ones (Go 1.22): when such a variable is also
// captured, the compiler must allocate a new cell per iteration (for the
// three-clause form: copying the previous iteration's value before the
// post statement).
#pragma once

#include <cassert>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "lang/syntax/source.h"
#include "lang/syntax/token.h"

namespace goro::lang::syntax {

#define GORO_AST_NODES(X) \
  /* expressions */       \
  X(NilLit)               \
  X(BoolLit)              \
  X(IntLit)               \
  X(FloatLit)             \
  X(StringLit)            \
  X(Ident)                \
  X(Unary)                \
  X(Binary)               \
  X(Call)                 \
  X(Index)                \
  X(Slice)                \
  X(Selector)             \
  X(ArrayLit)             \
  X(MapLit)               \
  X(FuncLit)              \
  X(ChanType)             \
  X(RecordLit)            \
  /* statements */        \
  X(ExprStmt)             \
  X(SendStmt)             \
  X(IncDecStmt)           \
  X(AssignStmt)           \
  X(DefineStmt)           \
  X(VarDecl)              \
  X(ConstDecl)            \
  X(BlockStmt)            \
  X(IfStmt)               \
  X(ForStmt)              \
  X(RangeStmt)            \
  X(SwitchStmt)           \
  X(SelectStmt)           \
  X(BreakStmt)            \
  X(ContinueStmt)         \
  X(ReturnStmt)           \
  X(GoStmt)               \
  X(DeferStmt)            \
  X(FuncDecl)             \
  X(TypeDecl)

enum class NodeKind : uint8_t {
#define GORO_AST_ENUM(name) name,
  GORO_AST_NODES(GORO_AST_ENUM)
#undef GORO_AST_ENUM
};

std::string_view nodeKindName(NodeKind k);

struct Node {
  NodeKind kind;
  Pos pos;
  virtual ~Node() = default;

 protected:
  Node(NodeKind k, Pos p) : kind(k), pos(p) {}
};

struct Expr : Node {
  using Node::Node;
};
struct Stmt : Node {
  using Node::Node;
};

using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

// Checked downcasts: as<T> asserts the kind, dyn<T> returns null on mismatch.
template <class T>
T& as(Node& n) {
  assert(n.kind == T::kKind);
  return static_cast<T&>(n);
}
template <class T>
const T& as(const Node& n) {
  assert(n.kind == T::kKind);
  return static_cast<const T&>(n);
}
template <class T>
T* dyn(Node* n) {
  return n != nullptr && n->kind == T::kKind ? static_cast<T*>(n) : nullptr;
}
template <class T>
const T* dyn(const Node* n) {
  return n != nullptr && n->kind == T::kKind ? static_cast<const T*>(n) : nullptr;
}

#define GORO_NODE(name, base)                                 \
  struct name : base {                                        \
    static constexpr NodeKind kKind = NodeKind::name;         \
    explicit name(Pos p) : base(kKind, p) {}

// ---------------------------------------------------------------------------
// Resolver annotations

struct FuncInfo;

enum class Ref : uint8_t { Unresolved, Local, Upvalue, Global, Builtin, Module, Blank, Const, Iota };

// The value of a constant expression folded at compile time
// (syntax/constant.h): a bool, an int64 (marked when written as a rune
// literal), a float64 or a string.
struct ConstValue {
  enum class Kind : uint8_t { Bool, Int, Float, String };
  Kind kind = Kind::Int;
  bool rune = false;  // an Int written as (or computed from) a rune literal
  int64_t i = 0;      // Bool (0 or 1) and Int
  double f = 0;       // Float
  std::string s;      // String

  static ConstValue ofInt(int64_t v, bool rune = false);
  static ConstValue ofFloat(double v);
  static ConstValue ofBool(bool v);
  static ConstValue ofString(std::string v);
};

// A declared variable: a local (a slot in its owner's frame) or a global.
struct Var {
  std::string name;
  Pos pos;                          // of the declaring identifier
  bool global = false;              // top-level: index is into File::globals
  bool isFunc = false;             // declared by `func name`: global and never assigned
  bool isType = false;             // declared by `type name struct`: also isFunc (constant)
  bool param = false;
  bool captured = false;            // a closure refers to it: keep it in a cell
  bool loopVar = false;            // fresh per iteration (see the file comment)
  int32_t index = -1;               // slot (local) or global index
  const FuncInfo* owner = nullptr;  // function whose frame holds it; null for globals
  bool declared = false;            // resolver bookkeeping: in scope for top-level code
  // A named constant (ConstDecl): no slot and never assigned; its value is
  // constExpr (owned by the declaration) evaluated with iota = constIota.
  bool isConst = false;
  const Expr* constExpr = nullptr;
  int64_t constIota = 0;
  // constExpr's value, folded once at the declaration (constFolded set;
  // constValue empty when it uses a module constant), so that a constant
  // built from others is not folded again at each reference.
  bool constFolded = false;
  std::optional<ConstValue> constValue;
};

struct Capture {
  Var* var;
  bool fromParentLocal;  // true: parent's slot `index`; false: parent's capture `index`
  int32_t index;
};

struct FuncInfo {
  std::string name;  // Go-style: "main.f", "main.f.func1", "main.f.func1.1", "main.init"
  int32_t numParams = 0;
  bool variadic = false;  // the last parameter collects the extra arguments as an array
  int32_t numSlots = 0;  // frame slots for parameters and locals (slots are reused across sibling blocks)
  std::vector<Capture> captures;
  // Values each `return` yields: the count fixed by its returns (0 when
  // none returns values), or -1 when only `return f()` forms return values.
  int32_t resultCount = 0;
};

// ---------------------------------------------------------------------------
// Statements needed by expressions (a FuncLit holds its body)

GORO_NODE(BlockStmt, Stmt)
  StmtList stmts;
  Pos rbrace;
};

// ---------------------------------------------------------------------------
// Expressions

GORO_NODE(NilLit, Expr)
};

GORO_NODE(BoolLit, Expr)
  bool value = false;
};

GORO_NODE(IntLit, Expr)
  int64_t value = 0;
  bool rune = false;  // written as a rune literal 'x'
};

GORO_NODE(FloatLit, Expr)
  double value = 0;
};

GORO_NODE(StringLit, Expr)
  std::string value;  // decoded bytes
};

GORO_NODE(Ident, Expr)
  std::string name;
  Ref ref = Ref::Unresolved;
  int32_t index = -1;  // see the file comment
  Var* var = nullptr;  // for Local, Upvalue and Global
  bool isDecl = false;
};

GORO_NODE(Unary, Expr)
  TokenKind op = TokenKind::Sub;  // Add Sub Not Xor Arrow
  ExprPtr x;
};

GORO_NODE(Binary, Expr)
  TokenKind op = TokenKind::Add;
  Pos opPos;
  ExprPtr x, y;
};

GORO_NODE(Call, Expr)
  ExprPtr fn;
  ExprList args;
  bool spread = false;  // f(a, b...): the last argument is spread
  Pos lparen;
};

GORO_NODE(Index, Expr)
  ExprPtr x, index;
  Pos lbrack;
};

GORO_NODE(Slice, Expr)
  ExprPtr x, lo, hi;  // lo and hi may be null
  Pos lbrack;
};

GORO_NODE(Selector, Expr)
  ExprPtr x;
  std::string name;
  Pos namePos;
  int32_t member = -1;  // a Member (universe.h) when x is a module, else -1
};

GORO_NODE(ArrayLit, Expr)
  ExprList elems;
};

struct MapEntry {
  ExprPtr key, value;
};

GORO_NODE(MapLit, Expr)
  std::vector<MapEntry> entries;
};

GORO_NODE(FuncLit, Expr)
  std::vector<std::unique_ptr<Ident>> params;
  bool variadic = false;  // func(a, rest...)
  std::unique_ptr<BlockStmt> body;
  FuncInfo info;
};

GORO_NODE(ChanType, Expr)
};

struct TypeDecl;

// T{v1, v2} (positional: every field, in order), T{F: v} (keyed: any
// fields, the rest nil) or either with & in front (addressed). The
// resolver sets decl to the record type named T, and orders the values by
// field: after resolution slotOf[i] is the field that values[i] sets.
GORO_NODE(RecordLit, Expr)
  std::unique_ptr<Ident> type;
  bool keyed = false;
  bool addressed = false;  // &T{...}
  std::vector<std::string> keys;  // keyed: the field name of each value
  std::vector<Pos> keyPos;
  ExprList values;
  Pos rbrace;
  const TypeDecl* decl = nullptr;  // resolved
  std::vector<int32_t> slotOf;     // resolved
};

// ---------------------------------------------------------------------------
// Statements

GORO_NODE(ExprStmt, Stmt)
  ExprPtr x;  // a call or a receive (the resolver rejects the rest)
};

GORO_NODE(SendStmt, Stmt)
  ExprPtr chan, value;
  Pos arrow;
};

GORO_NODE(IncDecStmt, Stmt)
  ExprPtr x;
  bool inc = true;
  Pos opPos;
};

// lhs = rhs (op Assign) or lhs op= rhs (one each). For `=` (and for :=
// and var below) the counts differ only when rhs is a single Call (its
// results are spread) or, with two targets, a single Index or receive
// (the comma-ok forms v, ok = m[k] and v, ok = <-ch).
GORO_NODE(AssignStmt, Stmt)
  TokenKind op = TokenKind::Assign;
  Pos opPos;
  ExprList lhs, rhs;
};

// a, b := e1, e2. Each name is either new (isDecl) or an existing
// variable of the same block being assigned.
GORO_NODE(DefineStmt, Stmt)
  std::vector<std::unique_ptr<Ident>> lhs;
  ExprList rhs;
  Pos opPos;
};

// var a, b = e1, e2 or var a (values empty: nil). A grouped `var ( ... )`
// becomes one VarDecl per line.
GORO_NODE(VarDecl, Stmt)
  std::vector<std::unique_ptr<Ident>> names;
  ExprList values;
};

// const a, b = e1, e2: one line (spec) of a constant declaration; a
// grouped `const ( ... )` becomes one ConstDecl per line. A line of a group
// without values repeats the previous line's list (Go's implicit
// repetition): values is then empty and `inherited` points at that list,
// owned by the earlier ConstDecl of the same group (which outlives it).
// iota is the line's index in its group (0 for an ungrouped const).
GORO_NODE(ConstDecl, Stmt)
  std::vector<std::unique_ptr<Ident>> names;
  ExprList values;
  const ExprList* inherited = nullptr;
  int64_t iota = 0;
  // The expressions this line's names take, one per name in order.
  const ExprList& exprs() const { return inherited != nullptr ? *inherited : values; }
};

GORO_NODE(IfStmt, Stmt)
  StmtPtr init;  // simple statement or null
  ExprPtr cond;
  std::unique_ptr<BlockStmt> then;
  StmtPtr els;  // IfStmt, BlockStmt or null
};

// for {}, for cond {}, for init; cond; post {} (each part optional).
GORO_NODE(ForStmt, Stmt)
  StmtPtr init;
  ExprPtr cond;
  StmtPtr post;
  std::unique_ptr<BlockStmt> body;
};

// for [key [, value] (:= | =)] range x {}. With define, key and value are
// Idents (possibly `_`); with `=`, any assignable expressions.
GORO_NODE(RangeStmt, Stmt)
  ExprPtr key, value;  // null when absent
  bool define = false;
  ExprPtr x;
  Pos rangePos;
  std::unique_ptr<BlockStmt> body;
};

struct CaseClause {
  Pos pos;
  bool isDefault = false;
  ExprList exprs;  // empty for default
  StmtList body;
};

GORO_NODE(SwitchStmt, Stmt)
  StmtPtr init;
  ExprPtr tag;  // null: tagless switch (cases are conditions)
  std::vector<CaseClause> clauses;
  Pos rbrace;
};

enum class CommKind : uint8_t { Recv, Send, Default };

// case <-ch:           Recv, lhs empty
// case v[, ok] := <-ch: Recv, lhs Idents, define
// case v[, ok] = <-ch:  Recv, lhs targets
// case ch <- x:        Send, value
// default:
struct CommClause {
  Pos pos;
  CommKind kind = CommKind::Default;
  ExprList lhs;
  bool define = false;
  ExprPtr chan;   // the channel operand (Recv, Send)
  ExprPtr value;  // Send only
  Pos opPos;     // of the `<-`
  StmtList body;
};

GORO_NODE(SelectStmt, Stmt)
  std::vector<CommClause> clauses;
  Pos rbrace;
};

GORO_NODE(BreakStmt, Stmt)
};

GORO_NODE(ContinueStmt, Stmt)
};

GORO_NODE(ReturnStmt, Stmt)
  ExprList values;
};

GORO_NODE(GoStmt, Stmt)
  std::unique_ptr<Call> call;
};

GORO_NODE(DeferStmt, Stmt)
  std::unique_ptr<Call> call;
};

// func name(params) { body }: only at the outermost level of a file.
// A method, func (r T) name(params) or func (r *T) name(params), has
// recvType set; its receiver r is func->params[0], and name is not a
// variable (its Ident stays unresolved): the method belongs to T's
// TypeDecl (TypeDecl::methods).
GORO_NODE(FuncDecl, Stmt)
  std::unique_ptr<Ident> name;
  std::unique_ptr<FuncLit> func;
  std::unique_ptr<Ident> recvType;  // null for a plain function
  bool recvPointer = false;         // func (r *T)
};

// type T struct { F1, F2; F3 }: a record type with named fields and no
// field types (docs/language.md, "Records"), only at the outermost level.
// The name declares a global that holds the type (a constant, as a func's
// name is); the resolver fills methods, in source order.
GORO_NODE(TypeDecl, Stmt)
  std::unique_ptr<Ident> name;
  std::vector<std::string> fields;
  std::vector<Pos> fieldPos;
  std::vector<const FuncDecl*> methods;  // resolved
  int32_t fieldIndex(std::string_view field) const {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i] == field) return static_cast<int32_t>(i);
    }
    return -1;
  }
};

#undef GORO_NODE

// ---------------------------------------------------------------------------
// A parsed file

struct Import {
  std::string path;
  Pos pos;
};

struct File {
  std::string packageName;  // empty without a package clause
  Pos packagePos;
  std::vector<Import> imports;  // accepted and ignored
  StmtList stmts;               // top-level statements and FuncDecls, in order
  // Every name written inside a function body (declared or literal),
  // whatever it turns out to mean: a top-level variable whose name is not
  // here is used by the top-level code alone, and the resolver may keep it
  // in the top-level code's frame instead of the globals (resolver.h).
  std::unordered_set<std::string> namesInFunctions;
  // What function names start with: "main" ("main.f", "main.init"); a
  // module's prelude (lang/lib/prelude.h) sets its module's name first.
  std::string funcPrefix = "main";

  // Filled by resolve():
  bool resolved = false;
  FuncInfo chunk;             // the top-level statements as a function
  std::vector<Var*> globals;  // by global index
  // The modules whose Script members (universe.h) the file uses, each
  // once, in order of first use: their preludes are compiled with it.
  std::vector<uint8_t> preludeModules;
  std::deque<Var> vars;       // owns every Var (stable addresses)
};

}  // namespace goro::lang::syntax

// lang/syntax/resolver.cpp: the scope pass (rules in resolver.h, annotations in
// ast.h).
//
// Scopes are one stack of (name, Var) bindings shared by all functions
// being resolved, searched innermost first, plus a mark per open block
// (where its bindings start, and the function's next free slot, which is
// restored on exit so sibling blocks reuse slots). Globals live in their
// own map, filled by a pre-pass over the top-level statements so function
// bodies can see globals declared after them. A name found in an enclosing
// function's frame becomes a capture, threaded through every function in
// between (as upvalues are in Lua and clox), and its Var is marked
// captured.
#include "lang/syntax/resolver.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lang/syntax/ast_printer.h"
#include "lang/syntax/constant.h"
#include "lang/syntax/universe.h"

namespace goro::lang::syntax {
namespace {

// How an identifier is used, which decides what a built-in or module may do.
enum class Use { Value, Callee, SelectorBase, Target };

bool isCallOrRecv(const Expr& e) {
  if (e.kind == NodeKind::Call) return true;
  const auto* u = dyn<Unary>(&e);
  return u != nullptr && u->op == TokenKind::Arrow;
}

std::string countOf(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string cannotAssign(const std::string& what) {
  return "cannot assign to " + what + " (neither addressable nor a map index expression)";
}

class Resolver {
 public:
  Resolver(File& file, Diagnostics& diags, const std::vector<EarlierGlobal>& earlier, bool session)
      : file_(file), diags_(diags), earlierGlobals_(earlier), session_(session) {}
  bool run();

 private:
  struct Stop {};  // the Diagnostics is full
  struct FuncState {
    FuncInfo* info = nullptr;
    FuncState* parent = nullptr;
    bool isChunk = false;    // the top-level statements
    bool isLiteral = false;  // a function literal (for closure names)
    int nextSlot = 0;
    int loops = 0;       // enclosing for statements: continue targets
    int breakables = 0;  // enclosing for, switch and select: break targets
    int literals = 0;    // function literals directly inside, so far
    std::vector<const ReturnStmt*> returns;
  };
  struct Binding {
    std::string_view name;
    Var* var;
  };
  struct BlockMark {
    size_t bindings;
    int nextSlot;
  };

  void error(Pos pos, std::string msg) {
    diags_.error(pos, std::move(msg));
    if (diags_.full()) throw Stop{};
  }

  // --- scopes
  void openBlock() { blocks_.push_back({bindings_.size(), fs_->nextSlot}); }
  void closeBlock() {
    bindings_.resize(blocks_.back().bindings);
    fs_->nextSlot = blocks_.back().nextSlot;
    blocks_.pop_back();
  }
  // Declarations here make globals: the outermost block of the top level.
  bool atGlobalLevel() const { return fs_->isChunk && blocks_.size() == 1; }
  // A global of a session's earlier chunk that this chunk has not declared
  // again (it is visible, but not "in this block").
  bool fromEarlierChunk(std::string_view name) const { return earlier_.count(name) != 0; }
  Var* findInBlock(std::string_view name);
  Var* newLocal(const Ident& id);
  void declare(Ident& id, bool loopVar);
  void bind(Ident& id, Var* v);
  int capture(FuncState* f, Var* v);
  void use(Ident& id, Use how);

  // --- walk
  void collectGlobals();
  void stmts(StmtList& list) {
    for (auto& s : list) stmt(*s);
  }
  void stmt(Stmt& s);
  void define(DefineStmt& d, bool loopVar);
  void varDecl(VarDecl& d);
  void constDecl(ConstDecl& d);
  void declareConst(Ident& id, const Expr* value, int64_t iota);
  std::string constAssignError(const Ident& id);
  void assign(AssignStmt& a);
  void ifStmt(IfStmt& s);
  void forStmt(ForStmt& f);
  void rangeStmt(RangeStmt& r);
  void switchStmt(SwitchStmt& s);
  void selectStmt(SelectStmt& s);
  void declareNew(std::vector<Ident*> names, bool loopVar);
  void target(Expr& e, bool allowBlank);
  void checkCounts(size_t nl, const ExprList& rhs);
  void expr(Expr& e);
  void call(Call& c);
  void selector(Selector& s);
  void function(FuncLit& f, std::string name, bool isLiteral);
  void checkReturns(FuncState& st);

  // --- records
  void collectTypes();
  void attachMethods();
  void recordLit(RecordLit& r);
  void methodDecl(FuncDecl& d);

  File& file_;
  Diagnostics& diags_;
  FuncState* fs_ = nullptr;
  std::vector<Binding> bindings_;
  std::vector<BlockMark> blocks_;
  std::unordered_map<std::string_view, Var*> globals_;  // keys view Var::name
  const std::vector<EarlierGlobal>& earlierGlobals_;
  const bool session_;
  // Names of earlierGlobals_ not yet declared again by this chunk (keys
  // view Var::name).
  std::unordered_set<std::string_view> earlier_;
  // Top-level variables kept in the top-level code's frame (resolver.h);
  // keys view the first declaring Ident's name.
  std::unordered_set<std::string_view> topLevelLocalNames_;
  // Resolving a constant declaration's expressions: `iota` is defined.
  bool inConstDecl_ = false;
  // The record types this file declares, by name (keys view the names).
  std::unordered_map<std::string_view, TypeDecl*> types_;
};

bool Resolver::run() {
  int before = diags_.count();
  try {
    collectGlobals();
    attachMethods();
    FuncState chunk;
    chunk.info = &file_.chunk;
    chunk.isChunk = true;
    file_.chunk.name = file_.funcPrefix + ".init";
    fs_ = &chunk;
    openBlock();
    stmts(file_.stmts);
    closeBlock();
    fs_ = nullptr;
  } catch (const Stop&) {
  }
  file_.resolved = true;
  return diags_.count() == before;
}

// ---------------------------------------------------------------------------
// Scopes

// Creates the globals: a session's earlier ones first, then every `func`
// (they are visible to all code), then the names of top-level `var` and
// `:=` statements in order. A name an earlier chunk declared keeps its Var
// (and index); only whether it is a func changes.
void Resolver::collectGlobals() {
  auto make = [&](const std::string& name, Pos pos, bool isFunc, bool declared) {
    Var& v = file_.vars.emplace_back();
    v.name = name;
    v.pos = pos;
    v.global = true;
    v.isFunc = isFunc;
    v.declared = declared;
    v.index = static_cast<int32_t>(file_.globals.size());
    file_.globals.push_back(&v);
    globals_.emplace(v.name, &v);
    return &v;
  };
  for (const EarlierGlobal& e : earlierGlobals_) earlier_.insert(make(e.name, Pos{}, e.isFunc, true)->name);
  auto add = [&](const Ident& id, bool isFunc) {
    if (id.name == "_") return;
    if (auto it = globals_.find(id.name); it != globals_.end()) {
      if (fromEarlierChunk(id.name)) {
        it->second->isFunc = isFunc;
        if (isFunc) earlier_.erase(id.name);  // declared again, from the start
      }
      return;
    }
    make(id.name, id.pos, isFunc, isFunc);
  };
  for (auto& s : file_.stmts) {
    if (auto* d = dyn<TypeDecl>(s.get())) {
      if (globals_.count(d->name->name) != 0 && !fromEarlierChunk(d->name->name)) {
        error(d->name->pos, d->name->name + " redeclared in this block");
      }
      add(*d->name, true);
      Var* v = globals_.at(d->name->name);
      v->isType = true;
      types_.emplace(v->name, d);
    }
  }
  for (auto& s : file_.stmts) {
    if (auto* d = dyn<FuncDecl>(s.get()); d != nullptr && !d->recvType) {
      if (globals_.count(d->name->name) != 0 && !fromEarlierChunk(d->name->name)) {
        error(d->name->pos, d->name->name + " redeclared in this block");
      }
      add(*d->name, true);
    }
  }
  // A `:=` variable no function mentions stays out of the globals: declare()
  // makes it a local of the top-level code (resolver.h).
  int topLevelLocals = 0;
  auto addDefined = [&](const Ident& id) {
    if (!session_ && globals_.count(id.name) == 0 && file_.namesInFunctions.count(id.name) == 0 &&
        topLevelLocals < kTopLevelLocals) {
      if (id.name != "_" && topLevelLocalNames_.insert(id.name).second) topLevelLocals++;
      return;
    }
    if (topLevelLocalNames_.count(id.name) == 0) add(id, false);
  };
  for (auto& s : file_.stmts) {
    if (auto* c = dyn<ConstDecl>(s.get())) {
      // A constant has no global slot: only a name function bodies see.
      // Except in a session, where a later chunk reads its value from one
      // (resolver.h).
      for (auto& id : c->names) {
        if (id->name == "_" || (globals_.count(id->name) != 0 && !fromEarlierChunk(id->name))) continue;
        Var* v;
        if (session_ && fromEarlierChunk(id->name)) {
          // Declared again: the same global, a variable until its
          // declaration (`const y = y + 1` reads the variable y).
          globals_.at(id->name)->isFunc = false;
          continue;
        }
        if (session_) {
          v = make(id->name, id->pos, false, false);
        } else {
          v = &file_.vars.emplace_back();
          v->name = id->name;
          v->pos = id->pos;
          v->global = true;
          globals_.emplace(v->name, v);
        }
        v->isConst = true;
      }
    }
  }
  for (auto& s : file_.stmts) {
    if (auto* v = dyn<VarDecl>(s.get())) {
      for (auto& id : v->names) add(*id, false);
    } else if (auto* d = dyn<DefineStmt>(s.get())) {
      for (auto& id : d->lhs) addDefined(*id);
    }
  }
}

// The variable `name` declared in the innermost block, if any.
Var* Resolver::findInBlock(std::string_view name) {
  if (atGlobalLevel() && topLevelLocalNames_.count(name) == 0) {
    auto it = globals_.find(name);
    return it != globals_.end() && it->second->declared && !fromEarlierChunk(name) ? it->second : nullptr;
  }
  for (size_t i = bindings_.size(); i-- > blocks_.back().bindings;) {
    if (bindings_[i].name == name) return bindings_[i].var;
  }
  return nullptr;
}

Var* Resolver::newLocal(const Ident& id) {
  Var& v = file_.vars.emplace_back();
  v.name = id.name;
  v.pos = id.pos;
  v.owner = fs_->info;
  v.index = fs_->nextSlot++;
  if (fs_->nextSlot > fs_->info->numSlots) fs_->info->numSlots = fs_->nextSlot;
  return &v;
}

// Declares id in the innermost block (the caller has checked it is new).
void Resolver::declare(Ident& id, bool loopVar) {
  if (id.name == "_") {
    id.ref = Ref::Blank;
    return;
  }
  Var* v;
  if (atGlobalLevel() && topLevelLocalNames_.count(id.name) == 0) {
    v = globals_.at(id.name);
    v->declared = true;
    earlier_.erase(id.name);
  } else {
    v = newLocal(id);
    v->loopVar = loopVar;
    bindings_.push_back({v->name, v});
  }
  bind(id, v);
  id.isDecl = true;
}

void Resolver::bind(Ident& id, Var* v) {
  id.var = v;
  if (v->isConst) {  // a value, never captured
    id.ref = Ref::Const;
    id.index = -1;
  } else if (v->global) {
    id.ref = Ref::Global;
    id.index = v->index;
  } else if (v->owner == fs_->info) {
    id.ref = Ref::Local;
    id.index = v->index;
  } else {
    id.ref = Ref::Upvalue;
    id.index = capture(fs_, v);
  }
}

// Index of v among f's captures, adding it (and to every function between
// f and v's owner) if needed.
int Resolver::capture(FuncState* f, Var* v) {
  auto& caps = f->info->captures;
  for (size_t i = 0; i < caps.size(); ++i) {
    if (caps[i].var == v) return static_cast<int>(i);
  }
  Capture c{v, false, -1};
  if (f->parent->info == v->owner) {
    c.fromParentLocal = true;
    c.index = v->index;
  } else {
    c.index = capture(f->parent, v);
  }
  v->captured = true;
  caps.push_back(c);
  return static_cast<int>(caps.size()) - 1;
}

void Resolver::use(Ident& id, Use how) {
  if (id.name == "_") {
    error(id.pos, "cannot use _ as value");
    return;
  }
  for (size_t i = bindings_.size(); i-- > 0;) {
    if (bindings_[i].name == id.name) {
      bind(id, bindings_[i].var);
      return;
    }
  }
  if (auto it = globals_.find(id.name);
      it != globals_.end() && (!fs_->isChunk || it->second->declared)) {
    if (it->second->isType) error(id.pos, id.name + " (type) is not an expression");
    bind(id, it->second);
    return;
  }
  if (id.name == "iota") {
    if (!inConstDecl_) {
      error(id.pos, "cannot use iota outside constant declaration");
    } else if (how == Use::Target) {
      error(id.pos, cannotAssign(id.name));
    } else {
      id.ref = Ref::Iota;
    }
    return;
  }
  if (auto b = lookupBuiltin(id.name)) {
    id.ref = Ref::Builtin;
    id.index = static_cast<int32_t>(*b);
    if (how == Use::Target) {
      error(id.pos, cannotAssign(id.name));
    } else if (how != Use::Callee) {
      error(id.pos, id.name + " (built-in function " + id.name + ") must be called");
    }
    return;
  }
  if (auto m = lookupModule(id.name)) {
    id.ref = Ref::Module;
    id.index = static_cast<int32_t>(*m);
    if (how == Use::Target) {
      error(id.pos, cannotAssign(id.name));
    } else if (how != Use::SelectorBase) {
      error(id.pos, "use of package " + id.name + " without selector");
    }
    return;
  }
  error(id.pos, "undefined: " + id.name);
}

// ---------------------------------------------------------------------------
// Statements

void Resolver::stmt(Stmt& s) {
  switch (s.kind) {
    case NodeKind::ExprStmt: {
      auto& e = as<ExprStmt>(s);
      expr(*e.x);
      if (!isCallOrRecv(*e.x)) error(e.x->pos, goSyntax(*e.x) + " is not used");
      break;
    }
    case NodeKind::SendStmt:
      expr(*as<SendStmt>(s).chan);
      expr(*as<SendStmt>(s).value);
      break;
    case NodeKind::IncDecStmt: target(*as<IncDecStmt>(s).x, false); break;
    case NodeKind::AssignStmt: assign(as<AssignStmt>(s)); break;
    case NodeKind::DefineStmt: define(as<DefineStmt>(s), false); break;
    case NodeKind::VarDecl: varDecl(as<VarDecl>(s)); break;
    case NodeKind::ConstDecl: constDecl(as<ConstDecl>(s)); break;
    case NodeKind::BlockStmt:
      openBlock();
      stmts(as<BlockStmt>(s).stmts);
      closeBlock();
      break;
    case NodeKind::IfStmt: ifStmt(as<IfStmt>(s)); break;
    case NodeKind::ForStmt: forStmt(as<ForStmt>(s)); break;
    case NodeKind::RangeStmt: rangeStmt(as<RangeStmt>(s)); break;
    case NodeKind::SwitchStmt: switchStmt(as<SwitchStmt>(s)); break;
    case NodeKind::SelectStmt: selectStmt(as<SelectStmt>(s)); break;
    case NodeKind::BreakStmt:
      if (fs_->breakables == 0) error(s.pos, "break is not in a loop, switch, or select");
      break;
    case NodeKind::ContinueStmt:
      if (fs_->loops == 0) error(s.pos, "continue is not in a loop");
      break;
    case NodeKind::ReturnStmt: {
      auto& r = as<ReturnStmt>(s);
      for (auto& v : r.values) expr(*v);
      if (fs_->isChunk) {
        error(r.pos, "return statement outside function body");
      } else {
        fs_->returns.push_back(&r);
      }
      break;
    }
    case NodeKind::GoStmt:
      if (auto& c = as<GoStmt>(s).call) call(*c);
      break;
    case NodeKind::DeferStmt:
      if (auto& c = as<DeferStmt>(s).call) call(*c);
      break;
    case NodeKind::TypeDecl: {
      auto& d = as<TypeDecl>(s);
      bind(*d.name, globals_.at(d.name->name));
      d.name->isDecl = true;
      break;
    }
    case NodeKind::FuncDecl: {
      auto& d = as<FuncDecl>(s);
      if (d.recvType) {
        methodDecl(d);
        break;
      }
      if (d.name->name == "_") {
        d.name->ref = Ref::Blank;
      } else {
        bind(*d.name, globals_.at(d.name->name));
        d.name->isDecl = true;
      }
      function(*d.func, file_.funcPrefix + "." + d.name->name, false);
      break;
    }
    default: break;
  }
}

void Resolver::define(DefineStmt& d, bool loopVar) {
  for (auto& e : d.rhs) expr(*e);
  checkCounts(d.lhs.size(), d.rhs);
  bool anyNew = false;
  for (size_t i = 0; i < d.lhs.size(); ++i) {
    Ident& id = *d.lhs[i];
    if (id.name == "_") {
      id.ref = Ref::Blank;
      continue;
    }
    bool repeated = false;
    for (size_t j = 0; j < i; ++j) repeated |= d.lhs[j]->name == id.name;
    if (repeated) {
      error(id.pos, id.name + " repeated on left side of :=");
      continue;
    }
    if (Var* v = findInBlock(id.name)) {
      bind(id, v);  // an existing variable of this block is assigned
      if (v->isFunc) error(id.pos, cannotAssign(id.name));
      if (v->isConst) error(id.pos, constAssignError(id));
    } else {
      declare(id, loopVar);
      anyNew = true;
    }
  }
  if (!anyNew) error(d.opPos, "no new variables on left side of :=");
}

void Resolver::varDecl(VarDecl& d) {
  for (auto& e : d.values) expr(*e);
  if (!d.values.empty()) checkCounts(d.names.size(), d.values);
  for (auto& id : d.names) {
    if (id->name == "_") {
      id->ref = Ref::Blank;
    } else if (Var* v = findInBlock(id->name)) {
      error(id->pos, id->name + " redeclared in this block");
      bind(*id, v);
    } else {
      declare(*id, false);
    }
  }
}

// A line of a constant declaration: each name takes the expression at its
// position (the line's own, or those it repeats, already resolved where
// they were written), which must be constant; its value is folded now
// (constant.h), so that errors are reported at the declaration.
void Resolver::constDecl(ConstDecl& d) {
  if (d.inherited == nullptr) {
    inConstDecl_ = true;
    for (auto& e : d.values) expr(*e);
    inConstDecl_ = false;
  }
  const ExprList& values = d.exprs();
  if (values.size() > d.names.size()) {
    const Expr& extra = *values[d.names.size()];
    if (d.inherited != nullptr) {  // Go points at the line and names the expression's place
      error(d.names[0]->pos, "extra init expr at " + std::to_string(extra.pos.line) + ":" +
                                 std::to_string(extra.pos.col));
    } else {
      error(extra.pos, "extra init expr " + goSyntax(extra));
    }
  } else if (values.size() < d.names.size()) {
    error(d.names[values.size()]->pos, "missing init expr for " + d.names[values.size()]->name);
  }
  for (size_t i = 0; i < d.names.size(); ++i) {
    const Expr* value = i < values.size() ? values[i].get() : nullptr;
    ConstEval ev;
    if (value != nullptr) {
      const Expr* bad = nullptr;
      if (!isConstExpr(*value, &bad)) {
        // Reported where it is written, once for a repeated list.
        if (d.inherited == nullptr) error(bad->pos, notConstantMessage(*bad));
        value = nullptr;
      } else if (ev = evalConst(*value, d.iota); !ev.error.empty()) {
        error(d.inherited == nullptr ? ev.errorPos : d.names[i]->pos, ev.error);
        value = nullptr;
      }
    }
    declareConst(*d.names[i], value, d.iota);
    if (value != nullptr && d.names[i]->ref == Ref::Const && d.names[i]->isDecl) {
      d.names[i]->var->constValue = std::move(ev.value);
      d.names[i]->var->constFolded = true;
    }
  }
}

// Declares the constant id in the innermost block; value is null after an
// error (uses of it then fold to nothing and report nothing more).
void Resolver::declareConst(Ident& id, const Expr* value, int64_t iota) {
  if (id.name == "_") {
    id.ref = Ref::Blank;
    return;
  }
  Var* v = findInBlock(id.name);
  if (v != nullptr) {
    error(id.pos, id.name + " redeclared in this block");
    bind(id, v);
    return;
  }
  if (atGlobalLevel()) {
    v = globals_.at(id.name);  // made by collectGlobals
    v->declared = true;
    earlier_.erase(id.name);
  } else {
    v = &file_.vars.emplace_back();
    v->name = id.name;
    v->pos = id.pos;
    v->isConst = true;
    v->owner = fs_->info;
    bindings_.push_back({v->name, v});
  }
  v->isConst = true;
  v->constExpr = value;
  v->constIota = iota;
  bind(id, v);
  id.isDecl = true;
}

// Go's "cannot assign to x (untyped int constant 5)".
std::string Resolver::constAssignError(const Ident& id) {
  std::string what = "constant";
  if (id.var != nullptr && id.var->constExpr != nullptr) {
    ConstEval ev = evalConst(*id.var->constExpr, id.var->constIota);
    what = ev.value ? describeConst(*ev.value) : "constant " + goSyntax(*id.var->constExpr);
  }
  return "cannot assign to " + id.name + " (" + what + ")";
}

void Resolver::assign(AssignStmt& a) {
  for (auto& e : a.rhs) expr(*e);
  bool plain = a.op == TokenKind::Assign;
  for (auto& e : a.lhs) target(*e, plain);
  if (plain) checkCounts(a.lhs.size(), a.rhs);
}

void Resolver::ifStmt(IfStmt& s) {
  openBlock();
  if (s.init) stmt(*s.init);
  expr(*s.cond);
  stmt(*s.then);
  if (s.els) stmt(*s.els);
  closeBlock();
}

void Resolver::forStmt(ForStmt& f) {
  openBlock();
  if (auto* d = dyn<DefineStmt>(f.init.get())) {
    define(*d, /*loopVar=*/true);
  } else if (f.init) {
    stmt(*f.init);
  }
  if (f.cond) expr(*f.cond);
  if (f.post) stmt(*f.post);
  ++fs_->loops;
  ++fs_->breakables;
  stmt(*f.body);
  --fs_->breakables;
  --fs_->loops;
  closeBlock();
}

void Resolver::rangeStmt(RangeStmt& r) {
  expr(*r.x);  // evaluated once, outside the loop variables' scope
  openBlock();
  if (r.define) {
    std::vector<Ident*> names;
    for (Expr* e : {r.key.get(), r.value.get()}) {
      if (auto* id = dyn<Ident>(e)) names.push_back(id);
    }
    declareNew(names, /*loopVar=*/true);
  } else {
    if (r.key) target(*r.key, true);
    if (r.value) target(*r.value, true);
  }
  ++fs_->loops;
  ++fs_->breakables;
  stmt(*r.body);
  --fs_->breakables;
  --fs_->loops;
  closeBlock();
}

void Resolver::switchStmt(SwitchStmt& s) {
  openBlock();
  if (s.init) stmt(*s.init);
  if (s.tag) expr(*s.tag);
  ++fs_->breakables;
  for (auto& c : s.clauses) {
    for (auto& e : c.exprs) expr(*e);
    openBlock();
    stmts(c.body);
    closeBlock();
  }
  --fs_->breakables;
  closeBlock();
}

void Resolver::selectStmt(SelectStmt& s) {
  ++fs_->breakables;
  for (auto& c : s.clauses) {
    openBlock();
    if (c.kind == CommKind::Recv) {
      expr(*c.chan);
      if (c.define) {
        std::vector<Ident*> names;
        for (auto& e : c.lhs) names.push_back(&as<Ident>(*e));
        declareNew(names, false);
      } else {
        for (auto& e : c.lhs) target(*e, true);
      }
    } else if (c.kind == CommKind::Send) {
      expr(*c.chan);
      expr(*c.value);
    }
    stmts(c.body);
    closeBlock();
  }
  --fs_->breakables;
}

// Declares the names of a fresh block (range and select variables): all
// are new, and a name may not appear twice.
void Resolver::declareNew(std::vector<Ident*> names, bool loopVar) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i == 1 && names[0]->name == names[1]->name && names[1]->name != "_") {
      error(names[1]->pos, names[1]->name + " repeated on left side of :=");
      continue;
    }
    declare(*names[i], loopVar);
  }
}

// An assignment target: a variable, `_` (when allowed), or an index
// expression.
void Resolver::target(Expr& e, bool allowBlank) {
  if (auto* id = dyn<Ident>(&e)) {
    if (id->name == "_" && allowBlank) {
      id->ref = Ref::Blank;
      return;
    }
    use(*id, Use::Target);
    if (id->var != nullptr && id->var->isFunc) error(id->pos, cannotAssign(id->name));
    if (id->ref == Ref::Const) error(id->pos, constAssignError(*id));
    return;
  }
  if (auto* ix = dyn<Index>(&e)) {
    expr(*ix->x);
    expr(*ix->index);
    return;
  }
  expr(e);
  if (auto* sel = dyn<Selector>(&e); sel != nullptr && sel->member < 0) return;  // a record's field
  error(e.pos, cannotAssign(goSyntax(e)));
}

// n variables from rhs: counts must match, except for one call (it may
// return several values) or, for two variables, one comma-ok form
// (m[k], <-ch). Reported at the first value, as Go does.
void Resolver::checkCounts(size_t nl, const ExprList& rhs) {
  size_t nr = rhs.size();
  if (nr == nl) return;
  if (nr == 1) {
    const Expr& r = *rhs[0];
    if (r.kind == NodeKind::Call) return;
    if (nl == 2 && (r.kind == NodeKind::Index || isCallOrRecv(r))) return;
  }
  error(rhs[0]->pos, "assignment mismatch: " + countOf(nl, "variable") + " but " + countOf(nr, "value"));
}

// ---------------------------------------------------------------------------
// Expressions

void Resolver::expr(Expr& e) {
  switch (e.kind) {
    case NodeKind::Ident: use(as<Ident>(e), Use::Value); break;
    case NodeKind::Unary: expr(*as<Unary>(e).x); break;
    case NodeKind::Binary:
      expr(*as<Binary>(e).x);
      expr(*as<Binary>(e).y);
      break;
    case NodeKind::Call: call(as<Call>(e)); break;
    case NodeKind::Index:
      expr(*as<Index>(e).x);
      expr(*as<Index>(e).index);
      break;
    case NodeKind::Slice: {
      auto& s = as<Slice>(e);
      expr(*s.x);
      if (s.lo) expr(*s.lo);
      if (s.hi) expr(*s.hi);
      break;
    }
    case NodeKind::Selector: selector(as<Selector>(e)); break;
    case NodeKind::ArrayLit:
      for (auto& x : as<ArrayLit>(e).elems) expr(*x);
      break;
    case NodeKind::MapLit:
      for (auto& entry : as<MapLit>(e).entries) {
        expr(*entry.key);
        expr(*entry.value);
      }
      break;
    case NodeKind::FuncLit: {
      // Closures are named as Go names them: main.f.func1, main.f.func1.2.
      std::string name = fs_->info->name + (fs_->isLiteral ? "." : ".func") + std::to_string(++fs_->literals);
      function(as<FuncLit>(e), std::move(name), true);
      break;
    }
    case NodeKind::ChanType: error(e.pos, "chan (type) is not an expression"); break;
    case NodeKind::RecordLit: recordLit(as<RecordLit>(e)); break;
    default: break;  // literals
  }
}

void Resolver::call(Call& c) {
  auto* callee = dyn<Ident>(c.fn.get());
  if (callee != nullptr) {
    use(*callee, Use::Callee);
  } else {
    expr(*c.fn);
  }
  size_t first = 0;
  if (callee != nullptr && callee->ref == Ref::Builtin && callee->index == static_cast<int32_t>(Builtin::Make)) {
    if (c.args.empty()) {
      error(c.pos, "not enough arguments for make() (expected 1, found 0)");
    } else if (c.args[0]->kind != NodeKind::ChanType) {
      error(c.args[0]->pos, goSyntax(*c.args[0]) + " is not a type");
    } else {
      first = 1;
    }
    if (c.args.size() > 2) {
      error(c.pos, "invalid operation: " + goSyntax(c) + " expects 1 or 2 arguments; found " +
                       std::to_string(c.args.size()));
    }
  }
  for (size_t i = first; i < c.args.size(); ++i) expr(*c.args[i]);
}

void Resolver::selector(Selector& s) {
  auto* id = dyn<Ident>(s.x.get());
  if (id == nullptr) {
    expr(*s.x);
    return;
  }
  use(*id, Use::SelectorBase);
  if (id->ref != Ref::Module) return;
  if (auto m = lookupMember(static_cast<Module>(id->index), s.name)) {
    s.member = static_cast<int32_t>(*m);
    if (memberInfo(*m).kind == MemberKind::Script) {
      auto module = static_cast<uint8_t>(id->index);
      auto& used = file_.preludeModules;
      if (std::find(used.begin(), used.end(), module) == used.end()) used.push_back(module);
    }
  } else {
    error(s.namePos, "undefined: " + id->name + "." + s.name);
  }
}

// ---------------------------------------------------------------------------
// Functions

void Resolver::function(FuncLit& f, std::string name, bool isLiteral) {
  FuncState st;
  st.info = &f.info;
  st.parent = fs_;
  st.isLiteral = isLiteral;
  f.info.name = std::move(name);
  f.info.numParams = static_cast<int32_t>(f.params.size());
  f.info.variadic = f.variadic;
  FuncState* saved = fs_;
  fs_ = &st;
  openBlock();  // parameters and body share one block, as in Go
  for (auto& p : f.params) {
    if (p->name == "_") {  // still takes its argument's slot
      p->ref = Ref::Blank;
      p->index = st.nextSlot++;
      if (st.nextSlot > f.info.numSlots) f.info.numSlots = st.nextSlot;
      continue;
    }
    if (findInBlock(p->name) != nullptr) error(p->pos, "duplicate argument " + p->name);
    Var* v = newLocal(*p);
    v->param = true;
    bindings_.push_back({v->name, v});
    bind(*p, v);
    p->isDecl = true;
  }
  stmts(f.body->stmts);
  closeBlock();
  checkReturns(st);
  fs_ = saved;
}

// ---------------------------------------------------------------------------
// Records

// Gives each record type its methods, checking them as Go's type checker
// does: the receiver's type must be a record type of this file, and a
// method's name may be neither another method's nor a field's.
void Resolver::attachMethods() {
  for (auto& s : file_.stmts) {
    auto* d = dyn<FuncDecl>(s.get());
    if (d == nullptr || !d->recvType) continue;
    auto it = types_.find(d->recvType->name);
    if (it == types_.end()) {
      error(d->recvType->pos, globals_.count(d->recvType->name) != 0 ? d->recvType->name + " is not a type"
                                                                        : "undefined: " + d->recvType->name);
      continue;
    }
    TypeDecl& t = *it->second;
    const std::string& name = d->name->name;
    if (t.fieldIndex(name) >= 0) {
      error(d->name->pos, "field and method with the same name " + name);
      continue;
    }
    bool repeated = false;
    for (const FuncDecl* m : t.methods) repeated |= m->name->name == name;
    if (repeated) {
      error(d->name->pos, t.name->name + "." + name + " redeclared in this block");
      continue;
    }
    if (name != "_") t.methods.push_back(d);
  }
}

// A method's body, named as Go names it: main.T.M, or main.(*T).M for a
// pointer receiver.
void Resolver::methodDecl(FuncDecl& d) {
  const std::string& type = d.recvType->name;
  std::string name = d.recvPointer ? "main.(*" + type + ")." : "main." + type + ".";
  function(*d.func, name + d.name->name, false);
}

void Resolver::recordLit(RecordLit& r) {
  Ident& t = *r.type;
  for (auto& v : r.values) expr(*v);
  auto it = types_.find(t.name);
  if (it == types_.end()) {
    bool known = globals_.count(t.name) != 0 || lookupBuiltin(t.name) || lookupModule(t.name);
    error(t.pos, known ? t.name + " is not a type" : "undefined: " + t.name);
    return;
  }
  const TypeDecl& decl = *it->second;
  r.decl = &decl;
  bind(t, globals_.at(t.name));
  size_t n = decl.fields.size();
  if (!r.keyed) {
    if (!r.values.empty() && r.values.size() < n) error(r.rbrace, "too few values in " + goSyntax(r));
    if (r.values.size() > n) error(r.values[n]->pos, "too many values in " + goSyntax(r));
    for (size_t i = 0; i < r.values.size() && i < n; ++i) r.slotOf.push_back(static_cast<int32_t>(i));
    return;
  }
  std::vector<bool> seen(n, false);
  for (size_t i = 0; i < r.keys.size(); ++i) {
    int32_t slot = decl.fieldIndex(r.keys[i]);
    if (slot < 0) {
      error(r.keyPos[i], "unknown field '" + r.keys[i] + "' in struct literal of type " + t.name);
    } else if (seen[slot]) {
      error(r.keyPos[i], "duplicate field name " + r.keys[i] + " in struct literal");
    } else {
      seen[slot] = true;
    }
    r.slotOf.push_back(slot);
  }
}

void Resolver::checkReturns(FuncState& st) {
  auto loneCall = [](const ReturnStmt* r) {
    return r->values.size() == 1 && r->values[0]->kind == NodeKind::Call;
  };
  int fixed = -1;
  bool anyCall = false;
  for (const ReturnStmt* r : st.returns) {
    if (loneCall(r)) {
      anyCall = true;
    } else if (!r->values.empty() && fixed < 0) {
      fixed = static_cast<int>(r->values.size());
    }
  }
  st.info->resultCount = fixed >= 0 ? fixed : anyCall ? -1 : 0;
  if (fixed < 0) return;
  // Positions as in Go: the first extra value, else the last value, else
  // the return keyword.
  for (const ReturnStmt* r : st.returns) {
    auto n = static_cast<int>(r->values.size());
    if (loneCall(r) || n == fixed) continue;
    if (n > fixed) {
      error(r->values[fixed]->pos, "too many return values");
    } else {
      error(n > 0 ? r->values.back()->pos : r->pos, "not enough return values");
    }
  }
}

}  // namespace

bool resolve(File& file, Diagnostics& diags, const std::vector<EarlierGlobal>& earlier, bool session) {
  Resolver r(file, diags, earlier, session);
  return r.run();
}

}  // namespace goro::lang::syntax

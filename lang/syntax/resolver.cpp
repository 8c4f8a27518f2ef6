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

#include <string>
#include <unordered_map>
#include <vector>

#include "lang/syntax/ast_printer.h"
#include "lang/syntax/universe.h"

namespace goro::lang::syntax {
namespace {

// How an identifier is used, which decides what a built-in or module may do.
enum class Use { Value, Callee, SelectorBase, Target };

bool is_call_or_recv(const Expr& e) {
  if (e.kind == NodeKind::Call) return true;
  const auto* u = dyn<Unary>(&e);
  return u != nullptr && u->op == TokenKind::Arrow;
}

std::string count_of(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string cannot_assign(const std::string& what) {
  return "cannot assign to " + what + " (neither addressable nor a map index expression)";
}

class Resolver {
 public:
  Resolver(File& file, Diagnostics& diags) : file_(file), diags_(diags) {}
  bool run();

 private:
  struct Stop {};  // the Diagnostics is full
  struct FuncState {
    FuncInfo* info = nullptr;
    FuncState* parent = nullptr;
    bool is_chunk = false;    // the top-level statements
    bool is_literal = false;  // a function literal (for closure names)
    int next_slot = 0;
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
    int next_slot;
  };

  void error(Pos pos, std::string msg) {
    diags_.error(pos, std::move(msg));
    if (diags_.full()) throw Stop{};
  }

  // --- scopes
  void open_block() { blocks_.push_back({bindings_.size(), fs_->next_slot}); }
  void close_block() {
    bindings_.resize(blocks_.back().bindings);
    fs_->next_slot = blocks_.back().next_slot;
    blocks_.pop_back();
  }
  // Declarations here make globals: the outermost block of the top level.
  bool at_global_level() const { return fs_->is_chunk && blocks_.size() == 1; }
  Var* find_in_block(std::string_view name);
  Var* new_local(const Ident& id);
  void declare(Ident& id, bool loop_var);
  void bind(Ident& id, Var* v);
  int capture(FuncState* f, Var* v);
  void use(Ident& id, Use how);

  // --- walk
  void collect_globals();
  void stmts(StmtList& list) {
    for (auto& s : list) stmt(*s);
  }
  void stmt(Stmt& s);
  void define(DefineStmt& d, bool loop_var);
  void var_decl(VarDecl& d);
  void assign(AssignStmt& a);
  void if_stmt(IfStmt& s);
  void for_stmt(ForStmt& f);
  void range_stmt(RangeStmt& r);
  void switch_stmt(SwitchStmt& s);
  void select_stmt(SelectStmt& s);
  void declare_new(std::vector<Ident*> names, bool loop_var);
  void target(Expr& e, bool allow_blank);
  void check_counts(size_t nl, const ExprList& rhs);
  void expr(Expr& e);
  void call(Call& c);
  void selector(Selector& s);
  void function(FuncLit& f, std::string name, bool is_literal);
  void check_returns(FuncState& st);

  File& file_;
  Diagnostics& diags_;
  FuncState* fs_ = nullptr;
  std::vector<Binding> bindings_;
  std::vector<BlockMark> blocks_;
  std::unordered_map<std::string_view, Var*> globals_;  // keys view Var::name
};

bool Resolver::run() {
  int before = diags_.count();
  try {
    collect_globals();
    FuncState chunk;
    chunk.info = &file_.chunk;
    chunk.is_chunk = true;
    file_.chunk.name = "main.init";
    fs_ = &chunk;
    open_block();
    stmts(file_.stmts);
    close_block();
    fs_ = nullptr;
  } catch (const Stop&) {
  }
  file_.resolved = true;
  return diags_.count() == before;
}

// ---------------------------------------------------------------------------
// Scopes

// Creates the globals: every `func` first (they are visible to all code),
// then the names of top-level `var` and `:=` statements in order.
void Resolver::collect_globals() {
  auto add = [&](const Ident& id, bool is_func) {
    if (id.name == "_" || globals_.count(id.name) != 0) return;
    Var& v = file_.vars.emplace_back();
    v.name = id.name;
    v.pos = id.pos;
    v.global = true;
    v.is_func = is_func;
    v.declared = is_func;
    v.index = static_cast<int32_t>(file_.globals.size());
    file_.globals.push_back(&v);
    globals_.emplace(v.name, &v);
  };
  for (auto& s : file_.stmts) {
    if (auto* d = dyn<FuncDecl>(s.get())) {
      if (globals_.count(d->name->name) != 0) error(d->name->pos, d->name->name + " redeclared in this block");
      add(*d->name, true);
    }
  }
  for (auto& s : file_.stmts) {
    if (auto* v = dyn<VarDecl>(s.get())) {
      for (auto& id : v->names) add(*id, false);
    } else if (auto* d = dyn<DefineStmt>(s.get())) {
      for (auto& id : d->lhs) add(*id, false);
    }
  }
}

// The variable `name` declared in the innermost block, if any.
Var* Resolver::find_in_block(std::string_view name) {
  if (at_global_level()) {
    auto it = globals_.find(name);
    return it != globals_.end() && it->second->declared ? it->second : nullptr;
  }
  for (size_t i = bindings_.size(); i-- > blocks_.back().bindings;) {
    if (bindings_[i].name == name) return bindings_[i].var;
  }
  return nullptr;
}

Var* Resolver::new_local(const Ident& id) {
  Var& v = file_.vars.emplace_back();
  v.name = id.name;
  v.pos = id.pos;
  v.owner = fs_->info;
  v.index = fs_->next_slot++;
  if (fs_->next_slot > fs_->info->num_slots) fs_->info->num_slots = fs_->next_slot;
  return &v;
}

// Declares id in the innermost block (the caller has checked it is new).
void Resolver::declare(Ident& id, bool loop_var) {
  if (id.name == "_") {
    id.ref = Ref::Blank;
    return;
  }
  Var* v;
  if (at_global_level()) {
    v = globals_.at(id.name);
    v->declared = true;
  } else {
    v = new_local(id);
    v->loop_var = loop_var;
    bindings_.push_back({v->name, v});
  }
  bind(id, v);
  id.is_decl = true;
}

void Resolver::bind(Ident& id, Var* v) {
  id.var = v;
  if (v->global) {
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
    c.from_parent_local = true;
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
      it != globals_.end() && (!fs_->is_chunk || it->second->declared)) {
    bind(id, it->second);
    return;
  }
  if (auto b = lookup_builtin(id.name)) {
    id.ref = Ref::Builtin;
    id.index = static_cast<int32_t>(*b);
    if (how == Use::Target) {
      error(id.pos, cannot_assign(id.name));
    } else if (how != Use::Callee) {
      error(id.pos, id.name + " (built-in function " + id.name + ") must be called");
    }
    return;
  }
  if (auto m = lookup_module(id.name)) {
    id.ref = Ref::Module;
    id.index = static_cast<int32_t>(*m);
    if (how == Use::Target) {
      error(id.pos, cannot_assign(id.name));
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
      if (!is_call_or_recv(*e.x)) error(e.x->pos, go_syntax(*e.x) + " is not used");
      break;
    }
    case NodeKind::SendStmt:
      expr(*as<SendStmt>(s).chan);
      expr(*as<SendStmt>(s).value);
      break;
    case NodeKind::IncDecStmt: target(*as<IncDecStmt>(s).x, false); break;
    case NodeKind::AssignStmt: assign(as<AssignStmt>(s)); break;
    case NodeKind::DefineStmt: define(as<DefineStmt>(s), false); break;
    case NodeKind::VarDecl: var_decl(as<VarDecl>(s)); break;
    case NodeKind::BlockStmt:
      open_block();
      stmts(as<BlockStmt>(s).stmts);
      close_block();
      break;
    case NodeKind::IfStmt: if_stmt(as<IfStmt>(s)); break;
    case NodeKind::ForStmt: for_stmt(as<ForStmt>(s)); break;
    case NodeKind::RangeStmt: range_stmt(as<RangeStmt>(s)); break;
    case NodeKind::SwitchStmt: switch_stmt(as<SwitchStmt>(s)); break;
    case NodeKind::SelectStmt: select_stmt(as<SelectStmt>(s)); break;
    case NodeKind::BreakStmt:
      if (fs_->breakables == 0) error(s.pos, "break is not in a loop, switch, or select");
      break;
    case NodeKind::ContinueStmt:
      if (fs_->loops == 0) error(s.pos, "continue is not in a loop");
      break;
    case NodeKind::ReturnStmt: {
      auto& r = as<ReturnStmt>(s);
      for (auto& v : r.values) expr(*v);
      if (fs_->is_chunk) {
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
    case NodeKind::FuncDecl: {
      auto& d = as<FuncDecl>(s);
      if (d.name->name == "_") {
        d.name->ref = Ref::Blank;
      } else {
        bind(*d.name, globals_.at(d.name->name));
        d.name->is_decl = true;
      }
      function(*d.func, "main." + d.name->name, false);
      break;
    }
    default: break;
  }
}

void Resolver::define(DefineStmt& d, bool loop_var) {
  for (auto& e : d.rhs) expr(*e);
  check_counts(d.lhs.size(), d.rhs);
  bool any_new = false;
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
    if (Var* v = find_in_block(id.name)) {
      bind(id, v);  // an existing variable of this block is assigned
      if (v->is_func) error(id.pos, cannot_assign(id.name));
    } else {
      declare(id, loop_var);
      any_new = true;
    }
  }
  if (!any_new) error(d.op_pos, "no new variables on left side of :=");
}

void Resolver::var_decl(VarDecl& d) {
  for (auto& e : d.values) expr(*e);
  if (!d.values.empty()) check_counts(d.names.size(), d.values);
  for (auto& id : d.names) {
    if (id->name == "_") {
      id->ref = Ref::Blank;
    } else if (Var* v = find_in_block(id->name)) {
      error(id->pos, id->name + " redeclared in this block");
      bind(*id, v);
    } else {
      declare(*id, false);
    }
  }
}

void Resolver::assign(AssignStmt& a) {
  for (auto& e : a.rhs) expr(*e);
  bool plain = a.op == TokenKind::Assign;
  for (auto& e : a.lhs) target(*e, plain);
  if (plain) check_counts(a.lhs.size(), a.rhs);
}

void Resolver::if_stmt(IfStmt& s) {
  open_block();
  if (s.init) stmt(*s.init);
  expr(*s.cond);
  stmt(*s.then);
  if (s.els) stmt(*s.els);
  close_block();
}

void Resolver::for_stmt(ForStmt& f) {
  open_block();
  if (auto* d = dyn<DefineStmt>(f.init.get())) {
    define(*d, /*loop_var=*/true);
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
  close_block();
}

void Resolver::range_stmt(RangeStmt& r) {
  expr(*r.x);  // evaluated once, outside the loop variables' scope
  open_block();
  if (r.define) {
    std::vector<Ident*> names;
    for (Expr* e : {r.key.get(), r.value.get()}) {
      if (auto* id = dyn<Ident>(e)) names.push_back(id);
    }
    declare_new(names, /*loop_var=*/true);
  } else {
    if (r.key) target(*r.key, true);
    if (r.value) target(*r.value, true);
  }
  ++fs_->loops;
  ++fs_->breakables;
  stmt(*r.body);
  --fs_->breakables;
  --fs_->loops;
  close_block();
}

void Resolver::switch_stmt(SwitchStmt& s) {
  open_block();
  if (s.init) stmt(*s.init);
  if (s.tag) expr(*s.tag);
  ++fs_->breakables;
  for (auto& c : s.clauses) {
    for (auto& e : c.exprs) expr(*e);
    open_block();
    stmts(c.body);
    close_block();
  }
  --fs_->breakables;
  close_block();
}

void Resolver::select_stmt(SelectStmt& s) {
  ++fs_->breakables;
  for (auto& c : s.clauses) {
    open_block();
    if (c.kind == CommKind::Recv) {
      expr(*c.chan);
      if (c.define) {
        std::vector<Ident*> names;
        for (auto& e : c.lhs) names.push_back(&as<Ident>(*e));
        declare_new(names, false);
      } else {
        for (auto& e : c.lhs) target(*e, true);
      }
    } else if (c.kind == CommKind::Send) {
      expr(*c.chan);
      expr(*c.value);
    }
    stmts(c.body);
    close_block();
  }
  --fs_->breakables;
}

// Declares the names of a fresh block (range and select variables): all
// are new, and a name may not appear twice.
void Resolver::declare_new(std::vector<Ident*> names, bool loop_var) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i == 1 && names[0]->name == names[1]->name && names[1]->name != "_") {
      error(names[1]->pos, names[1]->name + " repeated on left side of :=");
      continue;
    }
    declare(*names[i], loop_var);
  }
}

// An assignment target: a variable, `_` (when allowed), or an index
// expression.
void Resolver::target(Expr& e, bool allow_blank) {
  if (auto* id = dyn<Ident>(&e)) {
    if (id->name == "_" && allow_blank) {
      id->ref = Ref::Blank;
      return;
    }
    use(*id, Use::Target);
    if (id->var != nullptr && id->var->is_func) error(id->pos, cannot_assign(id->name));
    return;
  }
  if (auto* ix = dyn<Index>(&e)) {
    expr(*ix->x);
    expr(*ix->index);
    return;
  }
  expr(e);
  error(e.pos, cannot_assign(go_syntax(e)));
}

// n variables from rhs: counts must match, except for one call (it may
// return several values) or, for two variables, one comma-ok form
// (m[k], <-ch). Reported at the first value, as Go does.
void Resolver::check_counts(size_t nl, const ExprList& rhs) {
  size_t nr = rhs.size();
  if (nr == nl) return;
  if (nr == 1) {
    const Expr& r = *rhs[0];
    if (r.kind == NodeKind::Call) return;
    if (nl == 2 && (r.kind == NodeKind::Index || is_call_or_recv(r))) return;
  }
  error(rhs[0]->pos, "assignment mismatch: " + count_of(nl, "variable") + " but " + count_of(nr, "value"));
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
      std::string name = fs_->info->name + (fs_->is_literal ? "." : ".func") + std::to_string(++fs_->literals);
      function(as<FuncLit>(e), std::move(name), true);
      break;
    }
    case NodeKind::ChanType: error(e.pos, "chan (type) is not an expression"); break;
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
      error(c.args[0]->pos, go_syntax(*c.args[0]) + " is not a type");
    } else {
      first = 1;
    }
    if (c.args.size() > 2) {
      error(c.pos, "invalid operation: " + go_syntax(c) + " expects 1 or 2 arguments; found " +
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
  if (auto m = lookup_member(static_cast<Module>(id->index), s.name)) {
    s.member = static_cast<int32_t>(*m);
  } else {
    error(s.name_pos, "undefined: " + id->name + "." + s.name);
  }
}

// ---------------------------------------------------------------------------
// Functions

void Resolver::function(FuncLit& f, std::string name, bool is_literal) {
  FuncState st;
  st.info = &f.info;
  st.parent = fs_;
  st.is_literal = is_literal;
  f.info.name = std::move(name);
  f.info.num_params = static_cast<int32_t>(f.params.size());
  f.info.variadic = f.variadic;
  FuncState* saved = fs_;
  fs_ = &st;
  open_block();  // parameters and body share one block, as in Go
  for (auto& p : f.params) {
    if (p->name == "_") {  // still takes its argument's slot
      p->ref = Ref::Blank;
      p->index = st.next_slot++;
      if (st.next_slot > f.info.num_slots) f.info.num_slots = st.next_slot;
      continue;
    }
    if (find_in_block(p->name) != nullptr) error(p->pos, "duplicate argument " + p->name);
    Var* v = new_local(*p);
    v->param = true;
    bindings_.push_back({v->name, v});
    bind(*p, v);
    p->is_decl = true;
  }
  stmts(f.body->stmts);
  close_block();
  check_returns(st);
  fs_ = saved;
}

void Resolver::check_returns(FuncState& st) {
  auto lone_call = [](const ReturnStmt* r) {
    return r->values.size() == 1 && r->values[0]->kind == NodeKind::Call;
  };
  int fixed = -1;
  bool any_call = false;
  for (const ReturnStmt* r : st.returns) {
    if (lone_call(r)) {
      any_call = true;
    } else if (!r->values.empty() && fixed < 0) {
      fixed = static_cast<int>(r->values.size());
    }
  }
  st.info->result_count = fixed >= 0 ? fixed : any_call ? -1 : 0;
  if (fixed < 0) return;
  // Positions as in Go: the first extra value, else the last value, else
  // the return keyword.
  for (const ReturnStmt* r : st.returns) {
    auto n = static_cast<int>(r->values.size());
    if (lone_call(r) || n == fixed) continue;
    if (n > fixed) {
      error(r->values[fixed]->pos, "too many return values");
    } else {
      error(n > 0 ? r->values.back()->pos : r->pos, "not enough return values");
    }
  }
}

}  // namespace

bool resolve(File& file, Diagnostics& diags) {
  Resolver r(file, diags);
  return r.run();
}

}  // namespace goro::lang::syntax

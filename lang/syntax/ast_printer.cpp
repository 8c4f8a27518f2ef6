// lang/syntax/ast_printer.cpp: s-expression and Go-syntax renderings of the AST
// (formats in ast_printer.h).
#include "lang/syntax/ast_printer.h"

#include <charconv>
#include <cmath>

#include "lang/syntax/utf8.h"

namespace goro::lang::syntax {
namespace {

std::string floatText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

class SexprPrinter {
 public:
  explicit SexprPrinter(SexprOptions opts) : opts_(opts) {}

  void node(const Node* n) {
    if (n == nullptr) {
      out_ += "-";
      return;
    }
    switch (n->kind) {
      case NodeKind::NilLit: out_ += "nil"; break;
      case NodeKind::BoolLit: out_ += as<BoolLit>(*n).value ? "true" : "false"; break;
      case NodeKind::IntLit: out_ += std::to_string(as<IntLit>(*n).value); break;
      case NodeKind::FloatLit: out_ += floatText(as<FloatLit>(*n).value); break;
      case NodeKind::StringLit: out_ += quoteString(as<StringLit>(*n).value); break;
      case NodeKind::Ident: ident(as<Ident>(*n)); break;
      case NodeKind::Unary: {
        const auto& u = as<Unary>(*n);
        open(tokenSpelling(u.op));
        child(u.x.get());
        close();
        break;
      }
      case NodeKind::Binary: {
        const auto& b = as<Binary>(*n);
        open(tokenSpelling(b.op));
        child(b.x.get());
        child(b.y.get());
        close();
        break;
      }
      case NodeKind::Call: {
        const auto& c = as<Call>(*n);
        open("call");
        child(c.fn.get());
        list(c.args);
        if (c.spread) out_ += "...";
        close();
        break;
      }
      case NodeKind::Index: {
        const auto& ix = as<Index>(*n);
        open("index");
        child(ix.x.get());
        child(ix.index.get());
        close();
        break;
      }
      case NodeKind::Slice: {
        const auto& s = as<Slice>(*n);
        open("slice");
        child(s.x.get());
        child(s.lo.get());
        child(s.hi.get());
        close();
        break;
      }
      case NodeKind::Selector: {
        const auto& s = as<Selector>(*n);
        open(".");
        child(s.x.get());
        out_ += " " + s.name;
        close();
        break;
      }
      case NodeKind::ArrayLit:
        open("array");
        list(as<ArrayLit>(*n).elems);
        close();
        break;
      case NodeKind::MapLit:
        open("map");
        for (const auto& e : as<MapLit>(*n).entries) {
          out_ += " (";
          node(e.key.get());
          child(e.value.get());
          out_ += ")";
        }
        close();
        break;
      case NodeKind::FuncLit: {
        const auto& f = as<FuncLit>(*n);
        open("func");
        params(f);
        child(f.body.get());
        close();
        break;
      }
      case NodeKind::ChanType: out_ += "chan"; break;
      case NodeKind::RecordLit: {
        const auto& r = as<RecordLit>(*n);
        open(r.addressed ? "&record" : "record");
        child(r.type.get());
        for (size_t i = 0; i < r.values.size(); ++i) {
          if (r.keyed) out_ += " " + r.keys[i] + ":";
          child(r.values[i].get());
        }
        close();
        break;
      }
      default: stmt(*n); break;
    }
  }

  std::string take() { return std::move(out_); }

 private:
  void open(std::string_view head) {
    out_ += "(";
    out_ += head;
  }
  void close() { out_ += ")"; }
  void child(const Node* n) {
    out_ += " ";
    node(n);
  }
  template <class List>
  void list(const List& l) {
    for (const auto& x : l) child(x.get());
  }
  // " (a b)" or " a" for a single element, as the assignment forms print.
  template <class List>
  void group(const List& l) {
    if (l.size() == 1) {
      child(l[0].get());
      return;
    }
    out_ += " (";
    for (size_t i = 0; i < l.size(); ++i) {
      if (i > 0) out_ += " ";
      node(l[i].get());
    }
    out_ += ")";
  }
  void params(const FuncLit& f) {
    out_ += " (";
    for (size_t i = 0; i < f.params.size(); ++i) {
      if (i > 0) out_ += " ";
      ident(*f.params[i]);
    }
    if (f.variadic) out_ += "...";
    out_ += ")";
  }

  void ident(const Ident& id) {
    out_ += id.name;
    if (!opts_.annotate || id.ref == Ref::Blank) return;
    switch (id.ref) {
      case Ref::Unresolved: out_ += "@?"; break;
      case Ref::Local: out_ += "@L" + std::to_string(id.index); break;
      case Ref::Upvalue: out_ += "@U" + std::to_string(id.index); break;
      case Ref::Global: out_ += "@G" + std::to_string(id.index); break;
      case Ref::Builtin: out_ += "@B"; break;
      case Ref::Module: out_ += "@M"; break;
      case Ref::Blank: break;
      case Ref::Const: out_ += "@C"; break;
      case Ref::Iota: out_ += "@I"; break;
    }
    if (id.var != nullptr) {
      if (id.var->captured) out_ += "c";
      if (id.var->loopVar) out_ += "l";
    }
    if (id.isDecl) out_ += "!";
  }

  void stmt(const Node& n) {
    switch (n.kind) {
      case NodeKind::ExprStmt: node(as<ExprStmt>(n).x.get()); break;
      case NodeKind::SendStmt: {
        const auto& s = as<SendStmt>(n);
        open("send");
        child(s.chan.get());
        child(s.value.get());
        close();
        break;
      }
      case NodeKind::IncDecStmt: {
        const auto& s = as<IncDecStmt>(n);
        open(s.inc ? "++" : "--");
        child(s.x.get());
        close();
        break;
      }
      case NodeKind::AssignStmt: {
        const auto& s = as<AssignStmt>(n);
        open(tokenSpelling(s.op));
        group(s.lhs);
        group(s.rhs);
        close();
        break;
      }
      case NodeKind::DefineStmt: {
        const auto& s = as<DefineStmt>(n);
        open(":=");
        group(s.lhs);
        group(s.rhs);
        close();
        break;
      }
      case NodeKind::VarDecl: {
        const auto& s = as<VarDecl>(n);
        open("var");
        group(s.names);
        if (!s.values.empty()) group(s.values);
        close();
        break;
      }
      case NodeKind::ConstDecl: {
        const auto& s = as<ConstDecl>(n);
        open("const");
        group(s.names);
        group(s.exprs());
        close();
        break;
      }
      case NodeKind::BlockStmt:
        open("block");
        list(as<BlockStmt>(n).stmts);
        close();
        break;
      case NodeKind::IfStmt: {
        const auto& s = as<IfStmt>(n);
        open("if");
        child(s.init.get());
        child(s.cond.get());
        child(s.then.get());
        child(s.els.get());
        close();
        break;
      }
      case NodeKind::ForStmt: {
        const auto& s = as<ForStmt>(n);
        open("for");
        child(s.init.get());
        child(s.cond.get());
        child(s.post.get());
        child(s.body.get());
        close();
        break;
      }
      case NodeKind::RangeStmt: {
        const auto& s = as<RangeStmt>(n);
        open("range");
        if (s.key) {
          out_ += " (";
          node(s.key.get());
          if (s.value) {
            out_ += " ";
            node(s.value.get());
          }
          out_ += s.define ? ") :=" : ") =";
        }
        child(s.x.get());
        child(s.body.get());
        close();
        break;
      }
      case NodeKind::SwitchStmt: {
        const auto& s = as<SwitchStmt>(n);
        open("switch");
        child(s.init.get());
        child(s.tag.get());
        for (const auto& c : s.clauses) {
          out_ += " (";
          if (c.isDefault) {
            out_ += "default";
          } else {
            out_ += "case (";
            for (size_t i = 0; i < c.exprs.size(); ++i) {
              if (i > 0) out_ += " ";
              node(c.exprs[i].get());
            }
            out_ += ")";
          }
          list(c.body);
          out_ += ")";
        }
        close();
        break;
      }
      case NodeKind::SelectStmt: {
        const auto& s = as<SelectStmt>(n);
        open("select");
        for (const auto& c : s.clauses) {
          out_ += " (";
          switch (c.kind) {
            case CommKind::Default: out_ += "default"; break;
            case CommKind::Send:
              out_ += "send";
              child(c.chan.get());
              child(c.value.get());
              break;
            case CommKind::Recv:
              out_ += "recv ";
              if (c.lhs.empty()) {
                out_ += "-";
              } else {
                out_ += "(";
                for (size_t i = 0; i < c.lhs.size(); ++i) {
                  if (i > 0) out_ += " ";
                  node(c.lhs[i].get());
                }
                out_ += c.define ? ") :=" : ") =";
              }
              child(c.chan.get());
              break;
          }
          list(c.body);
          out_ += ")";
        }
        close();
        break;
      }
      case NodeKind::BreakStmt: out_ += "(break)"; break;
      case NodeKind::ContinueStmt: out_ += "(continue)"; break;
      case NodeKind::ReturnStmt:
        open("return");
        list(as<ReturnStmt>(n).values);
        close();
        break;
      case NodeKind::GoStmt:
        open("go");
        child(as<GoStmt>(n).call.get());
        close();
        break;
      case NodeKind::DeferStmt:
        open("defer");
        child(as<DeferStmt>(n).call.get());
        close();
        break;
      case NodeKind::TypeDecl: {
        const auto& d = as<TypeDecl>(n);
        open("typedecl");
        child(d.name.get());
        for (const std::string& f : d.fields) out_ += " " + f;
        close();
        break;
      }
      case NodeKind::FuncDecl: {
        const auto& d = as<FuncDecl>(n);
        open("funcdecl");
        if (d.recvType) out_ += std::string(" (") + (d.recvPointer ? "*" : "") + d.recvType->name + ")";
        child(d.name.get());
        params(*d.func);
        child(d.func->body.get());
        close();
        break;
      }
      default: out_ += "?"; break;
    }
  }

  SexprOptions opts_;
  std::string out_;
};

// ---------------------------------------------------------------------------
// Go syntax

// Precedence for parenthesization: binary levels 1..5, unary 6, primary 7.
int exprPrec(const Expr& e) {
  if (e.kind == NodeKind::Binary) return binaryPrecedence(as<Binary>(e).op);
  if (e.kind == NodeKind::Unary) return 6;
  return 7;
}

void goExpr(const Expr* e, std::string& out);

void goOperand(const Expr* e, int minPrec, std::string& out) {
  if (e != nullptr && exprPrec(*e) < minPrec) {
    out += "(";
    goExpr(e, out);
    out += ")";
  } else {
    goExpr(e, out);
  }
}

template <class List>
void goList(const List& l, std::string& out) {
  for (size_t i = 0; i < l.size(); ++i) {
    if (i > 0) out += ", ";
    goExpr(l[i].get(), out);
  }
}

void goExpr(const Expr* e, std::string& out) {
  if (e == nullptr) return;
  switch (e->kind) {
    case NodeKind::NilLit: out += "nil"; break;
    case NodeKind::BoolLit: out += as<BoolLit>(*e).value ? "true" : "false"; break;
    case NodeKind::IntLit: out += std::to_string(as<IntLit>(*e).value); break;
    case NodeKind::FloatLit: out += floatText(as<FloatLit>(*e).value); break;
    case NodeKind::StringLit: out += quoteString(as<StringLit>(*e).value); break;
    case NodeKind::Ident: out += as<Ident>(*e).name; break;
    case NodeKind::Unary: {
      const auto& u = as<Unary>(*e);
      out += tokenSpelling(u.op);
      goOperand(u.x.get(), 6, out);
      break;
    }
    case NodeKind::Binary: {
      const auto& b = as<Binary>(*e);
      int p = binaryPrecedence(b.op);
      goOperand(b.x.get(), p, out);
      out += " ";
      out += tokenSpelling(b.op);
      out += " ";
      goOperand(b.y.get(), p + 1, out);
      break;
    }
    case NodeKind::Call: {
      const auto& c = as<Call>(*e);
      goOperand(c.fn.get(), 7, out);
      out += "(";
      goList(c.args, out);
      if (c.spread) out += "...";
      out += ")";
      break;
    }
    case NodeKind::Index: {
      const auto& ix = as<Index>(*e);
      goOperand(ix.x.get(), 7, out);
      out += "[";
      goExpr(ix.index.get(), out);
      out += "]";
      break;
    }
    case NodeKind::Slice: {
      const auto& s = as<Slice>(*e);
      goOperand(s.x.get(), 7, out);
      out += "[";
      goExpr(s.lo.get(), out);
      out += ":";
      goExpr(s.hi.get(), out);
      out += "]";
      break;
    }
    case NodeKind::Selector: {
      const auto& s = as<Selector>(*e);
      goOperand(s.x.get(), 7, out);
      out += "." + s.name;
      break;
    }
    case NodeKind::ArrayLit:
      out += "[";
      goList(as<ArrayLit>(*e).elems, out);
      out += "]";
      break;
    case NodeKind::MapLit: {
      const auto& m = as<MapLit>(*e);
      out += "{";
      for (size_t i = 0; i < m.entries.size(); ++i) {
        if (i > 0) out += ", ";
        goExpr(m.entries[i].key.get(), out);
        out += ": ";
        goExpr(m.entries[i].value.get(), out);
      }
      out += "}";
      break;
    }
    case NodeKind::FuncLit: {
      const auto& f = as<FuncLit>(*e);
      out += "func(";
      goList(f.params, out);
      if (f.variadic) out += "...";
      out += ") {\u2026}";
      break;
    }
    case NodeKind::ChanType: out += "chan"; break;
    case NodeKind::RecordLit: {
      const auto& r = as<RecordLit>(*e);
      if (r.addressed) out += "&";
      out += r.type->name + "{\u2026}";
      break;
    }
    default: out += "?"; break;
  }
}

}  // namespace

std::string toSexpr(const Node& n, SexprOptions opts) {
  SexprPrinter p(opts);
  p.node(&n);
  return p.take();
}

std::string toSexpr(const File& f, SexprOptions opts) {
  std::string out;
  for (const auto& s : f.stmts) {
    out += toSexpr(*s, opts);
    out += "\n";
  }
  return out;
}

std::string goSyntax(const Expr& e) {
  std::string out;
  goExpr(&e, out);
  return out;
}

std::string goSyntax(const Stmt& s) {
  std::string out;
  switch (s.kind) {
    case NodeKind::ExprStmt: goExpr(as<ExprStmt>(s).x.get(), out); break;
    case NodeKind::SendStmt:
      goExpr(as<SendStmt>(s).chan.get(), out);
      out += " <- ";
      goExpr(as<SendStmt>(s).value.get(), out);
      break;
    case NodeKind::IncDecStmt:
      goExpr(as<IncDecStmt>(s).x.get(), out);
      out += as<IncDecStmt>(s).inc ? "++" : "--";
      break;
    case NodeKind::AssignStmt: {
      const auto& a = as<AssignStmt>(s);
      goList(a.lhs, out);
      out += " ";
      out += tokenSpelling(a.op);
      out += " ";
      goList(a.rhs, out);
      break;
    }
    case NodeKind::DefineStmt: {
      const auto& d = as<DefineStmt>(s);
      goList(d.lhs, out);
      out += " := ";
      goList(d.rhs, out);
      break;
    }
    default: out += std::string(nodeKindName(s.kind)); break;
  }
  return out;
}

std::string quoteString(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::string out = "\"";
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      int len;
      if (utf8::decode(p, end, &len) >= 0) {
        out.append(p, static_cast<size_t>(len));
        p += len;
        continue;
      }
    }
    ++p;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\v': out += "\\v"; break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += "\"";
  return out;
}

}  // namespace goro::lang::syntax

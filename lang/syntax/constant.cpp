// lang/syntax/constant.cpp: folding constant expressions (constant.h).
#include "lang/syntax/constant.h"

#include <cmath>
#include <cstdio>

#include "lang/syntax/ast_printer.h"
#include "lang/syntax/universe.h"

namespace goro::lang::syntax {
namespace {

// len(s) of a constant string is a constant, as in Go.
bool isConstLen(const Call& c) {
  const auto* fn = dyn<Ident>(c.fn.get());
  return fn != nullptr && fn->ref == Ref::Builtin && fn->index == static_cast<int32_t>(Builtin::Len) &&
         c.args.size() == 1 && !c.spread;
}

bool isNumber(const ConstValue& c) { return c.kind == ConstValue::Kind::Int || c.kind == ConstValue::Kind::Float; }
double asDouble(const ConstValue& c) { return c.kind == ConstValue::Kind::Int ? static_cast<double>(c.i) : c.f; }

bool isComparison(TokenKind op) {
  return op == TokenKind::Eql || op == TokenKind::Neq || op == TokenKind::Lss || op == TokenKind::Leq ||
         op == TokenKind::Gtr || op == TokenKind::Geq;
}

template <class T>
bool compare(TokenKind op, const T& a, const T& b) {
  switch (op) {
    case TokenKind::Eql: return a == b;
    case TokenKind::Neq: return a != b;
    case TokenKind::Lss: return a < b;
    case TokenKind::Leq: return a <= b;
    case TokenKind::Gtr: return a > b;
    default: return a >= b;
  }
}

// An int operation; false where it cannot be folded: division by zero or a
// negative shift (they panic at run time), or, when exact, a result outside
// int64. Otherwise wraps around as Go's int64 does at run time.
bool foldInt(TokenKind op, int64_t a, int64_t b, bool exact, int64_t* out) {
  auto ua = static_cast<uint64_t>(a), ub = static_cast<uint64_t>(b);
  switch (op) {
    case TokenKind::Add:
      *out = static_cast<int64_t>(ua + ub);
      return !exact || !__builtin_add_overflow(a, b, out);
    case TokenKind::Sub:
      *out = static_cast<int64_t>(ua - ub);
      return !exact || !__builtin_sub_overflow(a, b, out);
    case TokenKind::Mul:
      *out = static_cast<int64_t>(ua * ub);
      return !exact || !__builtin_mul_overflow(a, b, out);
    case TokenKind::Quo:
      if (b == 0 || (exact && a == INT64_MIN && b == -1)) return false;
      *out = (b == -1) ? static_cast<int64_t>(0 - ua) : a / b;
      return true;
    case TokenKind::Rem:
      if (b == 0) return false;
      *out = (b == -1) ? 0 : a % b;
      return true;
    case TokenKind::And: *out = a & b; return true;
    case TokenKind::Or: *out = a | b; return true;
    case TokenKind::Xor: *out = a ^ b; return true;
    case TokenKind::AndNot: *out = a & ~b; return true;
    case TokenKind::Shl:
      if (b < 0) return false;
      *out = b >= 64 ? 0 : static_cast<int64_t>(ua << b);
      if (exact && a != 0 && (b >= 64 || (*out >> b) != a)) return false;
      return true;
    case TokenKind::Shr:
      if (b < 0) return false;
      *out = b >= 64 ? (a < 0 ? -1 : 0) : a >> b;
      return true;
    default: return false;
  }
}

std::string floatText(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

class Evaluator {
 public:
  explicit Evaluator(int64_t iota, int depth = 0) : iota_(iota), depth_(depth) {}

  // nullopt with error_ empty: not folded (a module constant).
  std::optional<ConstValue> eval(const Expr& e) {
    switch (e.kind) {
      case NodeKind::BoolLit: return ConstValue::ofBool(as<BoolLit>(e).value);
      case NodeKind::IntLit: return ConstValue::ofInt(as<IntLit>(e).value, as<IntLit>(e).rune);
      case NodeKind::FloatLit: return ConstValue::ofFloat(as<FloatLit>(e).value);
      case NodeKind::StringLit: return ConstValue::ofString(as<StringLit>(e).value);
      case NodeKind::Ident: {
        const auto& id = as<Ident>(e);
        if (id.ref == Ref::Iota) return ConstValue::ofInt(iota_);
        if (id.ref != Ref::Const || id.var == nullptr || id.var->constExpr == nullptr) return std::nullopt;
        if (id.var->constFolded) return id.var->constValue;  // at its declaration
        // Another constant: its own expression with its own iota. (One whose
        // declaration failed has no constExpr: its error is reported once.)
        // (The resolver lets no constant refer to itself; the depth bound
        // keeps a mistake there from overflowing the stack.)
        if (depth_ >= kMaxDepth) return std::nullopt;
        Evaluator inner(id.var->constIota, depth_ + 1);
        auto v = inner.eval(*id.var->constExpr);
        return inner.error.empty() ? v : std::nullopt;
      }
      case NodeKind::Unary: return unary(as<Unary>(e));
      case NodeKind::Binary: return binary(as<Binary>(e));
      case NodeKind::Call: {  // len of a constant (isConstExpr allowed no other call)
        const Expr& arg = *as<Call>(e).args[0];
        auto x = eval(arg);
        if (!x) return std::nullopt;
        if (x->kind == ConstValue::Kind::String) return ConstValue::ofInt(static_cast<int64_t>(x->s.size()));
        fail(arg.pos, "invalid argument: " + operand(arg, *x) + " for built-in len");
        return std::nullopt;
      }
      default: return std::nullopt;  // a module constant (isConstExpr checked the rest)
    }
  }

  std::string error;
  Pos errorPos;

 private:
  void fail(Pos pos, std::string msg) {
    if (!error.empty()) return;
    error = std::move(msg);
    errorPos = pos;
  }

  std::optional<ConstValue> unary(const Unary& u) {
    auto x = eval(*u.x);
    if (!x) return std::nullopt;
    if (auto r = foldUnary(u.op, *x)) return r;
    fail(u.pos, "invalid operation: operator " + std::string(tokenSpelling(u.op)) + " not defined on " +
                    operand(*u.x, *x));
    return std::nullopt;
  }

  std::optional<ConstValue> binary(const Binary& b) {
    auto x = eval(*b.x);
    if (!error.empty()) return std::nullopt;
    auto y = eval(*b.y);
    if (!x || !y) return std::nullopt;
    if (auto r = foldBinary(b.op, *x, *y, true)) return r;
    fail(b.opPos, whyNot(b, *x, *y));
    return std::nullopt;
  }

  // "x (untyped int constant 5)", as Go describes an operand: without the
  // value when the expression is already its text ("1.5 (untyped float
  // constant)").
  static std::string operand(const Expr& e, const ConstValue& v) {
    std::string text = goSyntax(e);
    std::string d = describeConst(v);
    std::string valueText = d.substr(d.rfind(" constant ") + 10);
    if (valueText == text) d.resize(d.size() - valueText.size() - 1);
    return text + " (" + d + ")";
  }

  // Go's wording for an operation foldBinary refused.
  static std::string whyNot(const Binary& b, const ConstValue& x, const ConstValue& y) {
    std::string op(tokenSpelling(b.op));
    bool numbers = isNumber(x) && isNumber(y);
    bool ints = x.kind == ConstValue::Kind::Int && y.kind == ConstValue::Kind::Int;
    if (!numbers && x.kind != y.kind) {
      auto typeOf = [](const ConstValue& c) {
        std::string d = describeConst(c);
        return d.substr(0, d.find(" constant"));
      };
      return "invalid operation: " + goSyntax(b) + " (mismatched types " + typeOf(x) + " and " + typeOf(y) + ")";
    }
    if ((b.op == TokenKind::Quo || b.op == TokenKind::Rem) && numbers && asDouble(y) == 0) {
      return "invalid operation: division by zero";
    }
    if ((b.op == TokenKind::Shl || b.op == TokenKind::Shr) && ints && y.i < 0) {
      return "invalid shift count " + operand(*b.y, y);
    }
    if (ints || (numbers && x.kind == ConstValue::Kind::Int)) {
      return "constant " + goSyntax(b) + " overflows int (Goro's int constants are int64)";
    }
    return "invalid operation: operator " + op + " not defined on " + operand(*b.x, x);
  }

  static constexpr int kMaxDepth = 10000;
  int64_t iota_;
  int depth_;  // constants being evaluated around this one
};

}  // namespace

ConstValue ConstValue::ofInt(int64_t v, bool rune) {
  ConstValue c;
  c.kind = Kind::Int;
  c.i = v;
  c.rune = rune;
  return c;
}

// Go's constants are exact: there is no negative zero among them.
ConstValue ConstValue::ofFloat(double v) {
  ConstValue c;
  c.kind = Kind::Float;
  c.f = v == 0 ? 0.0 : v;
  return c;
}

ConstValue ConstValue::ofBool(bool v) {
  ConstValue c;
  c.kind = Kind::Bool;
  c.i = v ? 1 : 0;
  return c;
}

ConstValue ConstValue::ofString(std::string v) {
  ConstValue c;
  c.kind = Kind::String;
  c.s = std::move(v);
  return c;
}

std::string describeConst(const ConstValue& c) {
  switch (c.kind) {
    case ConstValue::Kind::Bool: return std::string("untyped bool constant ") + (c.i != 0 ? "true" : "false");
    case ConstValue::Kind::Int:
      return std::string(c.rune ? "untyped rune constant " : "untyped int constant ") + std::to_string(c.i);
    case ConstValue::Kind::Float: return "untyped float constant " + floatText(c.f);
    case ConstValue::Kind::String: return "untyped string constant " + quoteString(c.s);
  }
  return "constant";
}

std::optional<ConstValue> foldUnary(TokenKind op, const ConstValue& x) {
  switch (op) {
    case TokenKind::Sub:
      if (x.kind == ConstValue::Kind::Int) {
        return ConstValue::ofInt(static_cast<int64_t>(0 - static_cast<uint64_t>(x.i)), x.rune);
      }
      if (x.kind == ConstValue::Kind::Float) return ConstValue::ofFloat(-x.f);
      return std::nullopt;
    case TokenKind::Add: return isNumber(x) ? std::optional(x) : std::nullopt;
    case TokenKind::Xor: return x.kind == ConstValue::Kind::Int ? std::optional(ConstValue::ofInt(~x.i, x.rune)) : std::nullopt;
    case TokenKind::Not: return x.kind == ConstValue::Kind::Bool ? std::optional(ConstValue::ofBool(x.i == 0)) : std::nullopt;
    default: return std::nullopt;
  }
}

std::optional<ConstValue> foldBinary(TokenKind op, const ConstValue& x, const ConstValue& y, bool exact) {
  using K = ConstValue::Kind;
  if (x.kind == K::Bool && y.kind == K::Bool) {
    switch (op) {
      case TokenKind::LAnd: return ConstValue::ofBool(x.i != 0 && y.i != 0);
      case TokenKind::LOr: return ConstValue::ofBool(x.i != 0 || y.i != 0);
      case TokenKind::Eql: return ConstValue::ofBool(x.i == y.i);
      case TokenKind::Neq: return ConstValue::ofBool(x.i != y.i);
      default: return std::nullopt;
    }
  }
  if (x.kind == K::Int && y.kind == K::Int) {
    if (isComparison(op)) return ConstValue::ofBool(compare(op, x.i, y.i));
    int64_t r;
    if (!foldInt(op, x.i, y.i, exact, &r)) return std::nullopt;
    // A shift's result has its left operand's kind.
    bool shift = op == TokenKind::Shl || op == TokenKind::Shr;
    return ConstValue::ofInt(r, shift ? x.rune : x.rune || y.rune);
  }
  if (isNumber(x) && isNumber(y)) {
    double a = asDouble(x), b = asDouble(y);
    if (isComparison(op)) return ConstValue::ofBool(compare(op, a, b));
    switch (op) {
      case TokenKind::Add: return ConstValue::ofFloat(a + b);
      case TokenKind::Sub: return ConstValue::ofFloat(a - b);
      case TokenKind::Mul: return ConstValue::ofFloat(a * b);
      case TokenKind::Quo:
        if (exact && b == 0) return std::nullopt;
        return ConstValue::ofFloat(a / b);
      default: return std::nullopt;
    }
  }
  if (x.kind == K::String && y.kind == K::String) {
    if (isComparison(op)) return ConstValue::ofBool(compare(op, x.s, y.s));
    if (op == TokenKind::Add) return ConstValue::ofString(x.s + y.s);
  }
  return std::nullopt;
}

bool isConstExpr(const Expr& e, const Expr** bad) {
  switch (e.kind) {
    case NodeKind::BoolLit:
    case NodeKind::IntLit:
    case NodeKind::FloatLit:
    case NodeKind::StringLit: return true;
    case NodeKind::Ident: {
      auto ref = as<Ident>(e).ref;
      // (An undefined name has been reported already.)
      if (ref == Ref::Const || ref == Ref::Iota || ref == Ref::Unresolved) return true;
      break;
    }
    case NodeKind::Selector: {
      int32_t m = as<Selector>(e).member;
      if (m >= 0 && memberInfo(static_cast<Member>(m)).kind == MemberKind::Const) return true;
      break;
    }
    case NodeKind::Unary:
      if (as<Unary>(e).op == TokenKind::Arrow) break;
      return isConstExpr(*as<Unary>(e).x, bad);
    case NodeKind::Binary: return isConstExpr(*as<Binary>(e).x, bad) && isConstExpr(*as<Binary>(e).y, bad);
    case NodeKind::Call:
      if (isConstLen(as<Call>(e))) return isConstExpr(*as<Call>(e).args[0], bad);
      break;
    default: break;
  }
  *bad = &e;
  return false;
}

ConstEval evalConst(const Expr& e, int64_t iota) {
  Evaluator ev(iota);
  ConstEval out;
  out.value = ev.eval(e);
  if (!ev.error.empty()) {
    out.value.reset();
    out.error = std::move(ev.error);
    out.errorPos = ev.errorPos;
  }
  return out;
}

std::string notConstantMessage(const Expr& bad) {
  if (bad.kind == NodeKind::NilLit) return "nil is not constant";
  const auto* id = dyn<Ident>(&bad);
  bool variable = id != nullptr && (id->ref == Ref::Local || id->ref == Ref::Upvalue || id->ref == Ref::Global) &&
                  !(id->var != nullptr && id->var->isFunc);
  return goSyntax(bad) + (variable ? " (variable) is not constant" : " (value) is not constant");
}

}  // namespace goro::lang::syntax

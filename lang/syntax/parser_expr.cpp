// lang/syntax/parser_expr.cpp: expressions, by precedence climbing over Go's
// five binary levels (token.h binaryPrecedence), all left-associative; unary
// operators + - ! ^ <- bind tighter than any binary operator, and primary
// suffixes (.name, [i], [lo:hi], (args)) tighter still.
#include <cstdint>

#include "lang/syntax/parser_impl.h"

namespace goro::lang::syntax {
namespace {

template <class T>
std::unique_ptr<T> make(Pos p) {
  return std::make_unique<T>(p);
}

constexpr uint64_t kMinInt64Magnitude = uint64_t{1} << 63;

}  // namespace

ExprPtr Parser::expr() { return binaryExpr(1); }

ExprList Parser::exprList() {
  ExprList list;
  list.push_back(expr());
  while (got(TokenKind::Comma)) list.push_back(expr());
  return list;
}

ExprPtr Parser::binaryExpr(int minPrec) {
  Nest nest(*this);
  ExprPtr x = unaryExpr();
  for (;;) {
    int prec = binaryPrecedence(tok_.kind);
    if (prec == 0 || prec < minPrec) return x;
    nest.step();  // the chain grows the tree to the left
    auto b = make<Binary>(x->pos);
    b->op = tok_.kind;
    b->opPos = pos();
    next();
    b->x = std::move(x);
    b->y = binaryExpr(prec + 1);
    x = std::move(b);
  }
}

ExprPtr Parser::unaryExpr() {
  Nest nest(*this);
  nest.step();
  switch (tok_.kind) {
    case TokenKind::Add:
    case TokenKind::Sub:
    case TokenKind::Not:
    case TokenKind::Xor:
    case TokenKind::Arrow: {
      Pos start = pos();
      TokenKind op = tok_.kind;
      next();
      // -9223372036854775808 is the one literal that only fits negated.
      if (op == TokenKind::Sub && at(TokenKind::Int) && !tok_.overflow &&
          tok_.intValue == kMinInt64Magnitude) {
        return intLit(true, start);
      }
      auto u = make<Unary>(start);
      u->op = op;
      u->x = unaryExpr();
      return u;
    }
    case TokenKind::And: {
      // &T{...} is the literal itself, addressed; &x of anything else is
      // a Unary the compiler checks (docs/language.md, "Records").
      Pos start = pos();
      next();
      ExprPtr x = unaryExpr();
      if (auto* lit = dyn<RecordLit>(x.get())) {
        lit->addressed = true;
        lit->pos = start;
        return x;
      }
      auto u = make<Unary>(start);
      u->op = TokenKind::And;
      u->x = std::move(x);
      return u;
    }
    default: return primaryExpr();
  }
}

ExprPtr Parser::primaryExpr() {
  Nest nest(*this);
  ExprPtr x = operand();
  for (;;) {
    if (at(TokenKind::Period) || at(TokenKind::LBrack) || at(TokenKind::LParen) || atRecordLit(*x)) nest.step();
    switch (tok_.kind) {
      case TokenKind::Period: {
        next();
        auto s = make<Selector>(x->pos);
        s->namePos = pos();
        if (!at(TokenKind::Ident)) fail("expected name");
        s->name = std::string(tok_.text);
        next();
        s->x = std::move(x);
        x = std::move(s);
        break;
      }
      case TokenKind::LBrack: x = indexOrSlice(std::move(x)); break;
      case TokenKind::LParen: x = call(std::move(x)); break;
      case TokenKind::LBrace:
        if (!atRecordLit(*x)) return x;
        x = recordLit(std::move(x));
        break;
      default: return x;
    }
  }
}

ExprPtr Parser::operand() {
  if (pendingOperand_) return std::move(pendingOperand_);
  switch (tok_.kind) {
    case TokenKind::Int: return intLit(false, pos());
    case TokenKind::Char: {
      auto lit = make<IntLit>(pos());
      lit->value = static_cast<int64_t>(tok_.intValue);
      lit->rune = true;
      next();
      return lit;
    }
    case TokenKind::Float: {
      auto lit = make<FloatLit>(pos());
      lit->value = tok_.floatValue;
      next();
      return lit;
    }
    case TokenKind::String: {
      auto lit = make<StringLit>(pos());
      lit->value = std::move(tok_.strValue);
      next();
      return lit;
    }
    case TokenKind::Ident: return ident();
    case TokenKind::Nil: {
      auto lit = make<NilLit>(pos());
      next();
      return lit;
    }
    case TokenKind::True:
    case TokenKind::False: {
      auto lit = make<BoolLit>(pos());
      lit->value = at(TokenKind::True);
      next();
      return lit;
    }
    case TokenKind::LParen: {
      next();
      RecordLitsAllowed allowed(*this);
      ExprPtr x = expr();
      want(TokenKind::RParen);
      return x;
    }
    case TokenKind::LBrack: return arrayLit();
    case TokenKind::LBrace: return mapLit();
    case TokenKind::Func: {
      Pos start = pos();
      next();
      return funcLit(start);
    }
    case TokenKind::Chan: {
      auto c = make<ChanType>(pos());
      next();
      return c;
    }
    default: fail("expected expression");
  }
}

// An int literal must fit int64 (negated, when the caller saw a unary
// minus); Go reports the overflow when the constant is used as an int.
ExprPtr Parser::intLit(bool negated, Pos start) {
  auto lit = make<IntLit>(start);
  if (!tok_.bad) {
    if (tok_.overflow || (tok_.intValue > static_cast<uint64_t>(INT64_MAX) && !negated)) {
      reportError(tok_.pos, "cannot use " + std::string(negated ? "-" : "") + std::string(tok_.text) +
                                 " (untyped int constant) as int value (overflows)");
    } else if (negated) {
      lit->value = INT64_MIN;
    } else {
      lit->value = static_cast<int64_t>(tok_.intValue);
    }
  }
  next();
  return lit;
}

ExprPtr Parser::indexOrSlice(ExprPtr x) {
  RecordLitsAllowed allowed(*this);
  Pos lbrack = pos();
  next();
  ExprPtr lo;
  if (!at(TokenKind::Colon)) {
    lo = expr();
    if (got(TokenKind::RBrack)) {
      auto ix = make<Index>(x->pos);
      ix->lbrack = lbrack;
      ix->x = std::move(x);
      ix->index = std::move(lo);
      return ix;
    }
    if (!at(TokenKind::Colon)) fail("expected : or ]");
  }
  next();  // ':'
  auto s = make<Slice>(x->pos);
  s->lbrack = lbrack;
  s->x = std::move(x);
  s->lo = std::move(lo);
  if (!at(TokenKind::RBrack)) {
    s->hi = expr();
    if (at(TokenKind::Colon)) fail("3-index slices are not supported");
  }
  want(TokenKind::RBrack);
  return s;
}

ExprPtr Parser::call(ExprPtr fn) {
  RecordLitsAllowed allowed(*this);
  auto c = make<Call>(fn->pos);
  c->lparen = pos();
  c->fn = std::move(fn);
  next();
  while (!at(TokenKind::RParen) && !at(TokenKind::Eof)) {
    if (c->spread) reportError(pos(), "can only use ... with final argument in list");
    c->args.push_back(expr());
    if (got(TokenKind::Ellipsis)) c->spread = true;
    if (!got(TokenKind::Comma) && !at(TokenKind::RParen)) {
      fail("in argument list; possibly missing comma or )");
    }
  }
  want(TokenKind::RParen);
  return c;
}

ExprPtr Parser::arrayLit() {
  RecordLitsAllowed allowed(*this);
  auto a = make<ArrayLit>(pos());
  next();
  while (!at(TokenKind::RBrack) && !at(TokenKind::Eof)) {
    a->elems.push_back(expr());
    if (!got(TokenKind::Comma) && !at(TokenKind::RBrack)) {
      fail("in composite literal; possibly missing comma or ]");
    }
  }
  want(TokenKind::RBrack);
  return a;
}

ExprPtr Parser::mapLit() {
  RecordLitsAllowed allowed(*this);
  auto m = make<MapLit>(pos());
  next();
  while (!at(TokenKind::RBrace) && !at(TokenKind::Eof)) {
    MapEntry e;
    e.key = expr();
    want(TokenKind::Colon);
    e.value = expr();
    m->entries.push_back(std::move(e));
    if (!got(TokenKind::Comma) && !at(TokenKind::RBrace)) {
      fail("in composite literal; possibly missing comma or }");
    }
  }
  want(TokenKind::RBrace);
  return m;
}

// After `func` (of a literal or a declaration): (params) { body }.
std::unique_ptr<FuncLit> Parser::funcLit(Pos start) {
  want(TokenKind::LParen);
  return funcLitAfterLParen(start);
}

std::unique_ptr<FuncLit> Parser::funcLitAfterLParen(Pos start) {
  auto f = make<FuncLit>(start);
  struct InFunction {
    int& depth;
    explicit InFunction(int& d) : depth(d) { ++depth; }
    ~InFunction() { --depth; }
  } inFunction(funcDepth_);
  RecordLitsAllowed allowed(*this);
  while (!at(TokenKind::RParen) && !at(TokenKind::Eof)) {
    if (f->variadic) reportError(pos(), "can only use ... with final parameter in list");
    f->params.push_back(ident());
    if (got(TokenKind::Ellipsis)) f->variadic = true;
    if (!got(TokenKind::Comma) && !at(TokenKind::RParen)) {
      fail("in parameter list; possibly missing comma or )");
    }
  }
  want(TokenKind::RParen);
  f->body = block("");
  return f;
}

std::unique_ptr<Ident> Parser::ident() {
  if (!at(TokenKind::Ident)) fail("expected name");
  auto id = make<Ident>(pos());
  id->name = std::string(tok_.text);
  if (funcDepth_ > 0) namesInFunctions_.insert(id->name);
  next();
  return id;
}

}  // namespace goro::lang::syntax

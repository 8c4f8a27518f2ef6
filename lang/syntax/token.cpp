// lang/syntax/token.cpp: token tables (see token.h).
#include "lang/syntax/token.h"

#include <array>

namespace goro::lang::syntax {
namespace {

struct KindInfo {
  std::string_view spelling;
  std::string_view name;
  TokenClass cls;
};

constexpr std::array<KindInfo, static_cast<size_t>(TokenKind::Count)> kKinds = {{
#define GORO_TOKEN_INFO(name, spelling, cls) {spelling, #name, TokenClass::cls},
    GORO_TOKENS(GORO_TOKEN_INFO)
#undef GORO_TOKEN_INFO
}};

const KindInfo& info(TokenKind k) { return kKinds[static_cast<size_t>(k)]; }

}  // namespace

std::string_view tokenSpelling(TokenKind k) { return info(k).spelling; }
TokenClass tokenClass(TokenKind k) { return info(k).cls; }
std::string_view tokenKindName(TokenKind k) { return info(k).name; }

TokenKind lookupKeyword(std::string_view text) {
  // Keywords are 2 to 8 lowercase letters; most identifiers fail here.
  if (text.size() < 2 || text.size() > 8 || text[0] < 'b' || text[0] > 'v') return TokenKind::Ident;
  for (auto k = static_cast<size_t>(TokenKind::Break); k <= static_cast<size_t>(TokenKind::Var); ++k) {
    if (kKinds[k].spelling == text) return static_cast<TokenKind>(k);
  }
  return TokenKind::Ident;
}

std::string expectedName(TokenKind k) {
  switch (k) {
    case TokenKind::Comma: return "comma";
    case TokenKind::Semicolon: return "semicolon or newline";
    default: return std::string(tokenSpelling(k));
  }
}

std::string describe(const Token& t) {
  switch (t.kind) {
    case TokenKind::Ident: return "name " + std::string(t.text);
    case TokenKind::Int:
    case TokenKind::Float:
    case TokenKind::Char:
    case TokenKind::String: return "literal " + std::string(t.text);
    case TokenKind::Semicolon:
      if (t.text == "\n") return "newline";
      if (t.text.empty()) return "EOF";
      return "semicolon";
    case TokenKind::Comma: return "comma";
    default:
      if (tokenClass(t.kind) == TokenClass::Keyword) return "keyword " + std::string(tokenSpelling(t.kind));
      return std::string(tokenSpelling(t.kind));
  }
}

int binaryPrecedence(TokenKind k) {
  switch (k) {
    case TokenKind::Mul:
    case TokenKind::Quo:
    case TokenKind::Rem:
    case TokenKind::Shl:
    case TokenKind::Shr:
    case TokenKind::And:
    case TokenKind::AndNot: return 5;
    case TokenKind::Add:
    case TokenKind::Sub:
    case TokenKind::Or:
    case TokenKind::Xor: return 4;
    case TokenKind::Eql:
    case TokenKind::Neq:
    case TokenKind::Lss:
    case TokenKind::Leq:
    case TokenKind::Gtr:
    case TokenKind::Geq: return 3;
    case TokenKind::LAnd: return 2;
    case TokenKind::LOr: return 1;
    default: return 0;
  }
}

TokenKind opAssignBase(TokenKind k) {
  switch (k) {
    case TokenKind::AddAssign: return TokenKind::Add;
    case TokenKind::SubAssign: return TokenKind::Sub;
    case TokenKind::MulAssign: return TokenKind::Mul;
    case TokenKind::QuoAssign: return TokenKind::Quo;
    case TokenKind::RemAssign: return TokenKind::Rem;
    case TokenKind::AndAssign: return TokenKind::And;
    case TokenKind::OrAssign: return TokenKind::Or;
    case TokenKind::XorAssign: return TokenKind::Xor;
    case TokenKind::ShlAssign: return TokenKind::Shl;
    case TokenKind::ShrAssign: return TokenKind::Shr;
    case TokenKind::AndNotAssign: return TokenKind::AndNot;
    default: return TokenKind::Count;
  }
}

}  // namespace goro::lang::syntax

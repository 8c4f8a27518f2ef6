// lang/syntax/ast.cpp: node kind names (see ast.h).
#include "lang/syntax/ast.h"

#include <array>

namespace goro::lang::syntax {

std::string_view nodeKindName(NodeKind k) {
  static constexpr std::array kNames = {
#define GORO_AST_NAME(name) std::string_view(#name),
      GORO_AST_NODES(GORO_AST_NAME)
#undef GORO_AST_NAME
  };
  return kNames[static_cast<size_t>(k)];
}

}  // namespace goro::lang::syntax

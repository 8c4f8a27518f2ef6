// lang/syntax/frontend.cpp: parse, then resolve (see frontend.h).
#include "lang/syntax/frontend.h"

#include "lang/syntax/parser.h"
#include "lang/syntax/resolver.h"

namespace goro::lang::syntax {

std::unique_ptr<File> parseAndResolve(const Source& src, Diagnostics& diags) {
  std::unique_ptr<File> file = parseFile(src, diags);
  if (diags.hasErrors() || !resolve(*file, diags)) return nullptr;
  return file;
}

}  // namespace goro::lang::syntax

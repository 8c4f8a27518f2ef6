// lang/syntax/frontend.cpp: parse, then resolve (see frontend.h).
#include "lang/syntax/frontend.h"

#include "lang/syntax/parser.h"
#include "lang/syntax/resolver.h"

namespace goro::lang::syntax {

std::unique_ptr<File> parse_and_resolve(const Source& src, Diagnostics& diags) {
  std::unique_ptr<File> file = parse_file(src, diags);
  if (diags.has_errors() || !resolve(*file, diags)) return nullptr;
  return file;
}

}  // namespace goro::lang::syntax

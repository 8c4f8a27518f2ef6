// lang/frontend.cpp: parse, then resolve (see frontend.h).
#include "lang/frontend.h"

#include "lang/parser.h"
#include "lang/resolver.h"

namespace goro::lang {

std::unique_ptr<File> parse_and_resolve(const Source& src, Diagnostics& diags) {
  std::unique_ptr<File> file = parse_file(src, diags);
  if (diags.has_errors() || !resolve(*file, diags)) return nullptr;
  return file;
}

}  // namespace goro::lang

// lang/syntax/frontend.h: the front end in one call, for the goro command and
// the compiler: lex and parse a Source, then resolve names; on any error the
// Diagnostics holds the report (print diags.format() and exit with status 2, as
// docs/language.md says for syntax errors) and nothing may run.
//
//   Source src(path, text);
//   Diagnostics diags(src);
//   std::unique_ptr<File> file = parseAndResolve(src, diags);
//   if (!file) { fputs(diags.format().c_str(), stderr); exit(2); }
//
// Resolution only runs on a file that parsed cleanly, as Go type-checks
// only after a clean parse.
#pragma once

#include <memory>

#include "lang/syntax/ast.h"
#include "lang/syntax/diagnostics.h"
#include "lang/syntax/source.h"

namespace goro::lang::syntax {

// The resolved File, or null if an error was reported.
std::unique_ptr<File> parseAndResolve(const Source& src, Diagnostics& diags);

}  // namespace goro::lang::syntax

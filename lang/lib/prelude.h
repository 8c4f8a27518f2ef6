// lang/lib/prelude.h: the modules' preludes, the members written in Goro.
//
// A native runs to completion (native_context.h), so a member that calls a
// script's function (sort.Slice calls less) cannot be a native. Such a
// member is a Script member in the table of natives
// (lang/syntax/universe.h), a top-level function of its module's prelude:
// Goro source embedded in the binary, which the compiler compiles together
// with a program that uses one of the module's Script members (and only
// then, so other programs pay nothing for it). Its functions become
// globals of the program, named "sort.Slice", "sort.pdqsort" in
// tracebacks and root reports (`globals: sort.Slice`); a Script member
// reads its function's global. lang/lib/README.md says why this design.
//
// A prelude holds only `func` declarations (and a package clause naming
// the module); its functions see the built-ins and modules, and each other,
// but none of the program's names.
#pragma once

#include <optional>
#include <string_view>

#include "lang/syntax/universe.h"

namespace goro::lang::lib {

struct Prelude {
  std::string_view file;    // the name tracebacks give it: "prelude/sort.goro"
  std::string_view source;  // the Goro text
};

// Module m's prelude, or nothing if m has no Script member.
std::optional<Prelude> modulePrelude(syntax::Module m);

// The prelude function that implements the Script member m (the table's
// implementation column); empty for the other kinds.
std::string_view scriptFunctionName(syntax::Member m);

// The preludes' texts, one file each (prelude_sort.cpp, prelude_rand.cpp).
std::string_view sortPreludeSource();
std::string_view randPreludeSource();

}  // namespace goro::lang::lib

// fuzz/fuzz_parse.cpp: the front end (lang/syntax/frontend.h) on arbitrary
// bytes. Lexing, parsing and resolving any input must end with a syntax tree
// or diagnostics; a crash, a sanitizer report or a hang is a bug. The
// diagnostics are formatted too, since formatting echoes the source line
// under a caret and so reads the input again.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "lang/syntax/frontend.h"

using namespace goro::lang::syntax;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Source src("fuzz.goro", std::string(reinterpret_cast<const char*>(data), size));
  Diagnostics diags(src);
  std::unique_ptr<File> file = parseAndResolve(src, diags);
  if (file == nullptr) {
    std::string report = diags.format();
    if (report.empty()) __builtin_trap();  // an error was reported, so the report says something
  }
  return 0;
}

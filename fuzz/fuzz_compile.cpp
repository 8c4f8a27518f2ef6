// fuzz/fuzz_compile.cpp: the front end and the bytecode compiler
// (lang/compiler/compiler.h, phase 1) on arbitrary bytes, and the
// disassembler (lang/compiler/disassembler.h) on whatever compiles. Inputs
// that do not parse stop after the front end, as `goro run` does. Phase 2
// (materialize, which allocates in the collected heap) runs in fuzz_run.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "lang/compiler/compiler.h"
#include "lang/compiler/disassembler.h"
#include "lang/syntax/frontend.h"

using namespace goro::lang;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  syntax::Source src("fuzz.goro", std::string(reinterpret_cast<const char*>(data), size));
  syntax::Diagnostics diags(src);
  std::unique_ptr<syntax::File> file = syntax::parseAndResolve(src, diags);
  if (file == nullptr) return 0;
  compiler::Program program;
  if (!compiler::compileProgram(*file, diags, program)) {
    if (diags.format().empty()) __builtin_trap();  // a failed compile says why
    return 0;
  }
  std::string listing = compiler::disassemble(*program.chunk);
  if (listing.empty()) __builtin_trap();  // every program has a chunk to list
  return 0;
}

// lang/driver.cpp: running a program (lang/driver.h).
#include "lang/driver.h"

#include <cstdio>

#include "alloc/mcache.h"
#include "gc/handles.h"
#include "lang/compiler/compiler.h"
#include "lang/compiler/disassembler.h"
#include "lang/syntax/frontend.h"
#include "lang/vm/interp.h"
#include "lang/vm/scheduler_runner.h"

namespace goro::lang {

// The driver strings the rooms together, in their own terms.
using namespace syntax;
using namespace compiler;
using namespace vm;

namespace {

// Compiles; on errors prints them and returns false.
bool compile(const Source& src, Diagnostics& diags, compiler::Program& program) {
  std::unique_ptr<File> file = parseAndResolve(src, diags);
  if (file == nullptr || !compileProgram(*file, diags, program)) {
    std::fflush(stdout);
    std::fputs(diags.format().c_str(), stderr);
    return false;
  }
  return true;
}

}  // namespace

int runProgram(const std::string& name, std::string text, const RunOptions& options) {
  Source src(name, std::move(text));
  Diagnostics diags(src);
  compiler::Program program;
  if (!compile(src, diags, program)) return 2;
  runCompiled(name, program, options, nullptr);
}

void runCompiled(const std::string& name, const compiler::Program& program, const RunOptions& options,
                 vm::MainGoroutine* mainGoroutine) {
  alloc::MCache cache;
  Interp in;
  in.setScriptArgs(options.args);
  in.maxStackBytes = options.maxStackBytes;
  {
    gc::Handle<runtime::FuncProto> chunk(materialize(cache, *program.chunk, name));
    in.load(cache, program, chunk.get());
  }
  runtime::GState* g = in.newGoroutine(cache, in.chunkClosure(), nullptr, 0);
  runOnScheduler(in, g, mainGoroutine);  // never returns: the process exits with the program's status
}

int disassembleProgram(const std::string& name, std::string text) {
  Source src(name, std::move(text));
  Diagnostics diags(src);
  compiler::Program program;
  if (!compile(src, diags, program)) return 2;
  std::fputs(disassemble(*program.chunk).c_str(), stdout);
  return 0;
}

}  // namespace goro::lang

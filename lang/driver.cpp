// lang/driver.cpp: running a program (lang/driver.h).
#include "lang/driver.h"

#include <cstdio>

#include "alloc/mcache.h"
#include "gc/handles.h"
#include "lang/compiler.h"
#include "lang/disasm.h"
#include "lang/frontend.h"
#include "lang/interp.h"

namespace goro::lang {

namespace {

// Compiles; on errors prints them and returns false.
bool compile(const Source& src, Diagnostics& diags, Program& program) {
  std::unique_ptr<File> file = parse_and_resolve(src, diags);
  if (file == nullptr || !compileProgram(*file, diags, program)) {
    std::fflush(stdout);
    std::fputs(diags.format().c_str(), stderr);
    return false;
  }
  return true;
}

// Runs g until it ends; returns the exit status.
int finish(Interp& in, runtime::GState* g, RunContext& rc) {
  for (;;) {
    switch (runGoroutine(in, g, rc)) {
      case RunResult::Returned: return 0;
      case RunResult::Panicked: in.reportPanic(g, 2); return 2;
      case RunResult::StackOverflow: in.reportStackOverflow(g, 2); return 2;
      case RunResult::Preempted:
      case RunResult::Yielded:
      case RunResult::Blocked: break;  // one goroutine: resume it at once
    }
  }
}

}  // namespace

int runProgram(const std::string& name, std::string text, const RunOptions& options) {
  Source src(name, std::move(text));
  Diagnostics diags(src);
  Program program;
  if (!compile(src, diags, program)) return 2;
  alloc::MCache cache;
  Interp in;
  in.setScriptArgs(options.args);
  in.maxStackBytes = options.maxStackBytes;
  {
    gc::Handle<runtime::FuncProto> chunk(materialize(cache, *program.chunk, name));
    in.load(cache, program, chunk.get());
  }
  RunContext rc;
  rc.cache = &cache;
  runtime::GState* g = in.newGoroutine(cache, in.chunkClosure(), nullptr, 0);
  int status = finish(in, g, rc);
  if (status == 0) {
    runtime::Value main = in.mainFunction();
    if (!main.isNil()) {
      in.prepareCall(cache, g, main, nullptr, 0);
      status = finish(in, g, rc);
    }
  }
  in.flushStdout();
  return status;
}

int disassembleProgram(const std::string& name, std::string text) {
  Source src(name, std::move(text));
  Diagnostics diags(src);
  Program program;
  if (!compile(src, diags, program)) return 2;
  std::fputs(disassemble(*program.chunk).c_str(), stdout);
  return 0;
}

}  // namespace goro::lang

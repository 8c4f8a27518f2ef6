// lang/driver.h: a whole program run, front to back: parse and resolve
// (lang/syntax/frontend.h), compile (lang/compiler/compiler.h), load into an
// Interp, run the top-level code and then `main` on goroutine 1, report a panic
// or a stack overflow. The goro command is a thin layer over these.
//
// Exit statuses: 0 when main (or the top-level code) returns; 2 for compile
// errors (the diagnostics on stderr, nothing run), an unrecovered panic or
// a fatal error (a deadlock included); os.Exit(n) exits with n.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace goro::lang {

namespace compiler {
struct Program;  // lang/compiler/compiler.h
}
namespace vm {
class MainGoroutine;  // lang/vm/scheduler_runner.h
}

struct RunOptions {
  std::vector<std::string> args;  // os.Args
  uint64_t maxStackBytes = 1000000000;
};

// Runs the program `text` named `name` (a path, "-e" or "<stdin>") on the
// scheduler. Returns only on compile errors (status 2); otherwise the
// process exits with the program's status when it ends.
int runProgram(const std::string& name, std::string text, const RunOptions& options);

// Runs a compiled program (its chunk named `name` in tracebacks), with
// program.globalCount globals, on the scheduler; its main goroutine does
// what mainGoroutine says (null: a program's top-level code, then main).
// Never returns.
[[noreturn]] void runCompiled(const std::string& name, const compiler::Program& program, const RunOptions& options,
                              vm::MainGoroutine* mainGoroutine);

// Writes the disassembly of the program to stdout; 2 on compile errors.
int disassembleProgram(const std::string& name, std::string text);

}  // namespace goro::lang

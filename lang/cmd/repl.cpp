// lang/cmd/repl.cpp: the interactive session (lang/cmd/repl.h).
#include "lang/cmd/repl.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "gc/handles.h"
#include "lang/lib/native_table.h"
#include "lang/lib/natives.h"
#include "lang/cmd/entry_reader.h"
#include "lang/compiler/compiler.h"
#include "lang/value/format.h"
#include "lang/vm/interp.h"
#include "lang/compiler/opcodes.h"
#include "lang/syntax/parser.h"
#include "lang/syntax/resolver.h"
#include "lang/vm/scheduler_runner.h"
#include "runtime/fatal.h"
#include "sched/proc.h"

namespace goro::lang::cmd {

// The session strings the rooms together, as the driver does.
using namespace syntax;
using namespace compiler;
using namespace vm;
using namespace lib;
using namespace value;

namespace {

// GETGLOBAL and SETGLOBAL address globals with a Bx operand.
constexpr uint32_t kSessionGlobals = kMaxBx + 1;

// Global 0: the native that prints a bare expression's values. Its name
// is no identifier, so no entry can name it.
constexpr uint32_t kShowGlobal = 0;
constexpr const char* kShowName = "<show>";

uint32_t showValues(NativeContext& cx, const runtime::Value* args, uint32_t nargs, runtime::Value*) {
  if (nargs == 0) return 0;
  std::string text;
  for (uint32_t n = 0; n < nargs; n++) {
    if (n > 0) text += ' ';
    appendValue(text, args[n]);
  }
  text += '\n';
  cx.writeStdout(text);
  return 0;
}

// fmt.Print(...), fmt.Println(...) or fmt.Printf(...).
bool printsItself(const Expr& e) {
  const auto* call = dyn<Call>(&e);
  const auto* sel = call != nullptr ? dyn<Selector>(call->fn.get()) : nullptr;
  const auto* module = sel != nullptr ? dyn<Ident>(sel->x.get()) : nullptr;
  return module != nullptr && module->name == "fmt" &&
         (sel->name == "Print" || sel->name == "Println" || sel->name == "Printf");
}

// Each bare expression statement `e` of the top level becomes `show(e)`.
void showBareExpressions(File& file) {
  for (StmtPtr& s : file.stmts) {
    auto* stmt = dyn<ExprStmt>(s.get());
    if (stmt == nullptr || printsItself(*stmt->x)) continue;
    Pos pos = stmt->x->pos;
    auto show = std::make_unique<Ident>(pos);
    show->name = kShowName;
    auto call = std::make_unique<Call>(pos);
    call->fn = std::move(show);
    call->lparen = pos;
    call->args.push_back(std::move(stmt->x));
    stmt->x = std::move(call);
  }
}

std::string historyPath() {
  const char* home = std::getenv("HOME");
  return home != nullptr && *home != 0 ? std::string(home) + "/.goro_history" : std::string();
}

class Session final : public MainGoroutine {
 public:
  Session() : reader_(historyPath()) { globals_.push_back({kShowName, true}); }

  // Compiles the entry `text` named `name`; on errors prints them and
  // returns false. The session's globals grow by the ones it declares.
  bool compile(const std::string& name, std::string text, Program& program) {
    Source src(name, std::move(text));
    Diagnostics diags(src);
    std::unique_ptr<File> file = parseFile(src, diags);
    if (!diags.hasErrors()) {
      showBareExpressions(*file);
      if (resolve(*file, diags, globals_, /*session=*/true) && compileProgram(*file, diags, program)) {
        if (program.globalNames.size() > kSessionGlobals) {
          std::fprintf(stderr, "%s: too many globals in one session (the limit is %u)\n", name.c_str(),
                       kSessionGlobals);
          return false;
        }
        // The entry's globals, then those of the preludes it loaded
        // (compiler.h, Program), which later entries find by name.
        globals_.resize(program.globalNames.size());
        for (size_t n = 0; n < globals_.size(); n++) {
          globals_[n].name = program.globalNames[n];
          globals_[n].isFunc = n >= file->globals.size() || file->globals[n]->isFunc;
        }
        return true;
      }
    }
    std::fflush(stdout);
    std::fputs(diags.format().c_str(), stderr);
    return false;
  }

  // The chunk that ran last (the empty first one, or an entry) has ended:
  // read, compile and start the next entry.
  Next next(Interp& in, sched::G* g, bool) override {
    if (!showInstalled_) {
      showInstalled_ = true;
      in.globals()->slots[kShowGlobal] =
          runtime::Value::object(newNativeFunc(*sched::currentCache(), "repl.show", showValues));
    }
    for (;;) {
      in.flushStdout();
      sched::entersyscall();
      std::optional<std::string> text = reader_.read();
      sched::exitsyscall();
      if (!text) return Next::Exit;
      std::string name = "<input " + std::to_string(++entries_) + ">";
      Program program;
      if (!compile(name, std::move(*text), program)) continue;
      alloc::MCache& cache = *sched::currentCache();
      gc::Handle<runtime::FuncProto> chunk(materialize(cache, *program.chunk, name));
      in.setChunk(cache, chunk.get());
      in.setGlobalNames(program.globalNames);
      // A new state, whatever the last entry left in the old one (a
      // failed entry's frames, a stack grown by deep recursion).
      runtime::GState* state = in.newGoroutine(cache, in.chunkClosure(), nullptr, 0);
      in.releaseGoroutine(g->state);
      g->state = state;
      return Next::Run;
    }
  }

 private:
  EntryReader reader_;
  std::vector<EarlierGlobal> globals_;  // every global the session has, by index
  int entries_ = 0;                     // entries read so far
  bool showInstalled_ = false;          // global 0 holds show (set by the first next)
};

}  // namespace

void runRepl(const RunOptions& options, std::string_view banner) {
  // Before anything is written: program output shows line by line.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("%.*s\nCtrl-D leaves the session.\n", static_cast<int>(banner.size()), banner.data());
  auto* session = new Session();  // lives until the process ends
  // The first chunk is empty: the main goroutine starts, ends it at once,
  // and asks the session for the first entry.
  Program program;
  if (!session->compile("<start>", "", program)) runtime::fatal("repl: the empty first chunk did not compile");
  program.globalCount = kSessionGlobals;
  runCompiled("<start>", program, options, session);
}

}  // namespace goro::lang::cmd

// lang/compiler/compiler_prelude.cpp: the modules' preludes compiled with a
// program (lang/lib/prelude.h; the globals' layout is in compiler.h,
// Program).
#include "lang/compiler/compiler_impl.h"
#include "lang/lib/prelude.h"
#include "lang/syntax/parser.h"
#include "lang/syntax/resolver.h"
#include "runtime/fatal.h"

namespace goro::lang::compiler::detail {

namespace {

std::string qualifiedName(Module m, std::string_view name) {
  return std::string(moduleName(m)) + "." + std::string(name);
}

// The global of file named `name`, or -1.
int32_t findGlobal(const File& file, std::string_view name) {
  for (const Var* v : file.globals) {
    if (v->name == name) return v->index;
  }
  return -1;
}

}  // namespace

ProgramCompiler::ProgramCompiler(const File& file, Diagnostics& diags)
    : file(file), diags(diags), scriptGlobals_(static_cast<size_t>(Member::Count), -1) {
  for (const Var* v : file.globals) globalNames_.push_back(v->name);
}

void ProgramCompiler::loadPreludes() {
  for (uint8_t id : file.preludeModules) {
    auto module = static_cast<Module>(id);
    std::optional<lib::Prelude> prelude = lib::modulePrelude(module);
    if (!prelude) runtime::fatal("compiler: module " + std::string(moduleName(module)) + " has Script members but no prelude");
    // Each Script member's function: a global of the file already (a
    // session's earlier chunk loaded the prelude), else of the prelude.
    const File* functions = &file;
    int32_t base = 0;
    for (size_t m = 0; m < static_cast<size_t>(Member::Count); m++) {
      if (memberInfo(static_cast<Member>(m)).module != module) continue;
      std::string_view name = lib::scriptFunctionName(static_cast<Member>(m));
      if (name.empty()) continue;
      if (functions == &file && findGlobal(file, qualifiedName(module, name)) < 0) {
        // Not loaded yet: parse and resolve the prelude on its own.
        LoadedPrelude& p = preludes_.emplace_back();
        p.fileName = prelude->file;
        p.source = std::make_unique<Source>(p.fileName, std::string(prelude->source));
        p.diags = std::make_unique<Diagnostics>(*p.source);
        p.file = parseFile(*p.source, *p.diags);
        if (!p.diags->hasErrors()) {
          p.file->funcPrefix = std::string(moduleName(module));
          resolve(*p.file, *p.diags);
        }
        if (p.diags->hasErrors()) runtime::fatal("compiler: the prelude does not compile:\n" + p.diags->format());
        p.base = static_cast<int32_t>(globalNames_.size());
        for (const Var* v : p.file->globals) globalNames_.push_back(qualifiedName(module, v->name));
        functions = p.file.get();
        base = p.base;
      }
      int32_t global = functions == &file ? findGlobal(file, qualifiedName(module, name))
                                          : findGlobal(*functions, name);
      if (global < 0) {
        runtime::fatal("compiler: the prelude of " + std::string(moduleName(module)) + " has no function " +
                       std::string(name));
      }
      scriptGlobals_[m] = base + global;
    }
  }
}

}  // namespace goro::lang::compiler::detail

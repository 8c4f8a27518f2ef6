// lang/lib/prelude.cpp: which module has a prelude, and which prelude
// function each Script member is (lib/prelude.h).
#include "lang/lib/prelude.h"

namespace goro::lang::lib {

namespace {

#define GORO_SCRIPT_NAME(mod, name, kind, impl, effect) GORO_SCRIPT_NAME_##kind(impl)
#define GORO_SCRIPT_NAME_Func(impl) std::string_view(),
#define GORO_SCRIPT_NAME_Const(impl) std::string_view(),
#define GORO_SCRIPT_NAME_Var(impl) std::string_view(),
#define GORO_SCRIPT_NAME_Script(impl) std::string_view(#impl),
constexpr std::string_view kScriptNames[] = {GORO_MODULE_MEMBERS(GORO_SCRIPT_NAME)};
#undef GORO_SCRIPT_NAME
#undef GORO_SCRIPT_NAME_Func
#undef GORO_SCRIPT_NAME_Const
#undef GORO_SCRIPT_NAME_Var
#undef GORO_SCRIPT_NAME_Script

}  // namespace

std::optional<Prelude> modulePrelude(syntax::Module m) {
  switch (m) {
    case syntax::Module::Sort: return Prelude{"prelude/sort.goro", sortPreludeSource()};
    case syntax::Module::Rand: return Prelude{"prelude/rand.goro", randPreludeSource()};
    default: return std::nullopt;
  }
}

std::string_view scriptFunctionName(syntax::Member m) { return kScriptNames[static_cast<size_t>(m)]; }

}  // namespace goro::lang::lib

// lang/syntax/universe.cpp: lookups over the universe's tables (see
// universe.h). The tables are tiny; linear search is fast enough and keeps
// them constexpr.
#include "lang/syntax/universe.h"

#include <array>

namespace goro::lang::syntax {
namespace {

constexpr std::array kBuiltinNames = {
#define GORO_BUILTIN_NAME(name, text, fn, effect) std::string_view(text),
    GORO_BUILTINS(GORO_BUILTIN_NAME)
#undef GORO_BUILTIN_NAME
};

constexpr std::array kModuleNames = {
#define GORO_MODULE_NAME(name, text) std::string_view(text),
    GORO_MODULES(GORO_MODULE_NAME)
#undef GORO_MODULE_NAME
};

constexpr std::array kMembers = {
#define GORO_MEMBER_INFO(mod, name, kind, impl, effect) MemberInfo{Module::mod, #name, MemberKind::kind},
    GORO_MODULE_MEMBERS(GORO_MEMBER_INFO)
#undef GORO_MEMBER_INFO
};

}  // namespace

std::optional<Builtin> lookupBuiltin(std::string_view name) {
  for (size_t i = 0; i < kBuiltinNames.size(); ++i) {
    if (kBuiltinNames[i] == name) return static_cast<Builtin>(i);
  }
  return std::nullopt;
}

std::optional<Module> lookupModule(std::string_view name) {
  for (size_t i = 0; i < kModuleNames.size(); ++i) {
    if (kModuleNames[i] == name) return static_cast<Module>(i);
  }
  return std::nullopt;
}

std::optional<Member> lookupMember(Module m, std::string_view name) {
  for (size_t i = 0; i < kMembers.size(); ++i) {
    if (kMembers[i].module == m && kMembers[i].name == name) return static_cast<Member>(i);
  }
  return std::nullopt;
}

std::string_view builtinName(Builtin b) { return kBuiltinNames[static_cast<size_t>(b)]; }
std::string_view moduleName(Module m) { return kModuleNames[static_cast<size_t>(m)]; }
const MemberInfo& memberInfo(Member m) { return kMembers[static_cast<size_t>(m)]; }

std::string memberQualifiedName(Member m) {
  const MemberInfo& info = memberInfo(m);
  return std::string(moduleName(info.module)) + "." + std::string(info.name);
}

}  // namespace goro::lang::syntax

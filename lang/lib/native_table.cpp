// lang/lib/native_table.cpp: the table of natives (lang/syntax/universe.h)
// expanded into the arrays the interpreter calls through. Each line takes
// the address of the function it names, declared from the same table in
// natives.h: a line whose function is not written fails to link.
#include "lang/lib/native_table.h"

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/lib/natives.h"

namespace goro::lang::lib {

using runtime::Value;
using syntax::Builtin;
using syntax::Member;

namespace {

constexpr NativeFn kBuiltinNatives[] = {
#define GORO_BUILTIN_NATIVE(name, text, fn, effect) &fn,
    GORO_BUILTINS(GORO_BUILTIN_NATIVE)
#undef GORO_BUILTIN_NATIVE
};

#define GORO_MEMBER_NATIVE(mod, name, kind, impl, effect) GORO_MEMBER_NATIVE_##kind(impl)
#define GORO_MEMBER_NATIVE_Func(impl) &impl,
#define GORO_MEMBER_NATIVE_Const(impl) nullptr,
#define GORO_MEMBER_NATIVE_Var(impl) nullptr,
#define GORO_MEMBER_NATIVE_Script(impl) nullptr,
constexpr NativeFn kMemberNatives[] = {GORO_MODULE_MEMBERS(GORO_MEMBER_NATIVE)};
#undef GORO_MEMBER_NATIVE
#undef GORO_MEMBER_NATIVE_Func
#undef GORO_MEMBER_NATIVE_Const
#undef GORO_MEMBER_NATIVE_Var
#undef GORO_MEMBER_NATIVE_Script

using ConstantFn = Value (*)(alloc::MCache& cache);
#define GORO_MEMBER_CONSTANT(mod, name, kind, impl, effect) GORO_MEMBER_CONSTANT_##kind(impl)
#define GORO_MEMBER_CONSTANT_Func(impl) nullptr,
#define GORO_MEMBER_CONSTANT_Const(impl) &impl,
#define GORO_MEMBER_CONSTANT_Var(impl) nullptr,
#define GORO_MEMBER_CONSTANT_Script(impl) nullptr,
constexpr ConstantFn kMemberConstants[] = {GORO_MODULE_MEMBERS(GORO_MEMBER_CONSTANT)};
#undef GORO_MEMBER_CONSTANT
#undef GORO_MEMBER_CONSTANT_Func
#undef GORO_MEMBER_CONSTANT_Const
#undef GORO_MEMBER_CONSTANT_Var
#undef GORO_MEMBER_CONSTANT_Script

struct MethodEntry {
  runtime::Kind receiver;
  std::string_view name;
  NativeFn fn;
  std::string_view fullName;
};

// In the order of syntax::Method.
constexpr MethodEntry kMethods[] = {
#define GORO_METHOD_ENTRY(receiver, name, fn, effect) {runtime::Kind::receiver, #name, &fn, #receiver "." #name},
    GORO_METHODS(GORO_METHOD_ENTRY)
#undef GORO_METHOD_ENTRY
};

}  // namespace

NativeFn builtinNative(Builtin b) { return kBuiltinNatives[static_cast<size_t>(b)]; }

NativeFn memberNative(Member m) { return kMemberNatives[static_cast<size_t>(m)]; }

Value memberConstant(alloc::MCache& cache, Member m) {
  ConstantFn f = kMemberConstants[static_cast<size_t>(m)];
  return f != nullptr ? f(cache) : Value::nil();
}

std::optional<syntax::Method> findMethod(runtime::Kind receiver, std::string_view name) {
  for (size_t i = 0; i < std::size(kMethods); i++) {
    if (kMethods[i].receiver == receiver && kMethods[i].name == name) return static_cast<syntax::Method>(i);
  }
  return std::nullopt;
}

NativeFn syncMethod(runtime::Kind receiver, std::string_view name) {
  auto m = findMethod(receiver, name);
  return m ? methodNative(*m) : nullptr;
}

NativeFn methodNative(syntax::Method m) { return kMethods[static_cast<size_t>(m)].fn; }

std::string_view methodName(syntax::Method m) { return kMethods[static_cast<size_t>(m)].fullName; }

runtime::NativeFunc* newNativeFunc(alloc::MCache& cache, std::string_view name, NativeFn fn) {
  gc::Handle<runtime::String> s(gc::newString(cache, name));
  auto* f = gc::allocateAs<runtime::NativeFunc>(cache, runtime::Kind::NativeFunc, sizeof(runtime::NativeFunc));
  f->name = s.get();
  f->receiver = Value::nil();
  f->entry = reinterpret_cast<void*>(fn);
  return f;
}

}  // namespace goro::lang::lib

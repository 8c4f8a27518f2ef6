// lang/lib/native_table.h: from a line of the table of natives
// (lang/syntax/universe.h) to what the interpreter calls.
//
// The compiler's constants name built-ins and members by their enums; when
// a program is loaded (compiler/heap_protos.cpp) each becomes a NativeFunc
// holding the native's address, or, for a Const member, its value. Calls
// then go straight through that address: no lookup happens while the
// program runs, except the one by name that a method needs (findMethod,
// when a script selects or calls wg.Done: the receiver's kind is known only
// then).
#pragma once

#include <optional>
#include <string_view>

#include "alloc/mcache.h"
#include "lang/lib/native_context.h"
#include "lang/syntax/universe.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::lib {

NativeFn builtinNative(syntax::Builtin b);
// The native of a Func member; null for Const and Var members.
NativeFn memberNative(syntax::Member m);
// The value of a Const member (math.Pi, time.Second, math.MaxInt64 ...);
// may allocate. Nil for the other kinds.
runtime::Value memberConstant(alloc::MCache& cache, syntax::Member m);
// The method `name` of a receiver of kind `receiver` (sync's WaitGroup and
// Mutex are the objects with methods), or null if it has none.
NativeFn syncMethod(runtime::Kind receiver, std::string_view name);
// The same, as the method's entry in the table (lang/syntax/universe.h).
std::optional<syntax::Method> findMethod(runtime::Kind receiver, std::string_view name);
NativeFn methodNative(syntax::Method m);
// "WaitGroup.Done": the receiver's type and the method's name.
std::string_view methodName(syntax::Method m);

// A NativeFunc object for fn, named as tracebacks and messages show it
// ("len", "fmt.Println", "WaitGroup.Done"). May collect.
runtime::NativeFunc* newNativeFunc(alloc::MCache& cache, std::string_view name, NativeFn fn);

}  // namespace goro::lang::lib

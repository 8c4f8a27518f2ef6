// lang/builtins.h: the interpreter's table of callable built-ins and module
// functions. It takes the value library's natives (lang/natives.h) and adds
// the ones that belong to the interpreter: panic and recover as values (for
// `defer panic(x)`), len, and, until the scheduler exists (issue 4), the
// runtime members that need no more than one goroutine: runtime.GOMAXPROCS
// (returns the current setting and records a new one), NumGoroutine (1),
// GC and Gosched.
//
// A null result means the member needs the scheduler: the compiler reports
// it ("... need the scheduler (not yet available)") and nothing runs.
#pragma once

#include <string_view>

#include "alloc/mcache.h"
#include "lang/native.h"
#include "lang/universe.h"
#include "runtime/objects.h"

namespace goro::lang {

NativeFn builtinNative(Builtin b);
NativeFn memberNative(Member m);

// "len", "fmt.Println".
std::string builtinQualifiedName(Builtin b);
std::string memberQualifiedName(Member m);

// A NativeFunc object for fn (may collect).
runtime::NativeFunc* newNativeFunc(alloc::MCache& cache, std::string_view name, NativeFn fn);

// The GOMAXPROCS that runtime.GOMAXPROCS reports until the scheduler owns
// it (set from the settings at start-up by the goro command).
void setFallbackGomaxprocs(int n);

}  // namespace goro::lang

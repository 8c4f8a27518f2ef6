// lang/lib/scheduler_natives.h: the interpreter's table of callable built-ins
// and module functions. It takes the value library's natives
// (lang/lib/native_table.h) and adds the ones that belong to the interpreter
// and the scheduler: panic and recover as values (for `defer panic(x)`),
// make(chan) and close, the runtime members (GOMAXPROCS, NumGoroutine, GC,
// Gosched), time.Sleep, and sync's WaitGroup and Mutex with their methods
// (sync.cpp).
//
// A null result means the member is not callable (a constant): the
// compiler reports it.
#pragma once

#include <string_view>

#include "alloc/mcache.h"
#include "lang/lib/native_context.h"
#include "lang/syntax/universe.h"
#include "runtime/object_layouts.h"

namespace goro::lang::lib {

NativeFn builtinNative(syntax::Builtin b);
NativeFn memberNative(syntax::Member m);

// "len", "fmt.Println".
std::string builtinQualifiedName(syntax::Builtin b);
std::string memberQualifiedName(syntax::Member m);

// A NativeFunc object for fn (may collect).
runtime::NativeFunc* newNativeFunc(alloc::MCache& cache, std::string_view name, NativeFn fn);

// The GOMAXPROCS that runtime.GOMAXPROCS reports when no scheduler runs
// (the interpreter's unit tests); set from the settings by the goro command.
void setFallbackGomaxprocs(int n);

// sync (sync.cpp): the constructors, and the method `name` of a
// WaitGroup or Mutex receiver (null if it has none).
uint32_t syncNewWaitGroup(NativeContext& cx, const runtime::Value* args, uint32_t nargs, runtime::Value* results);
uint32_t syncNewMutex(NativeContext& cx, const runtime::Value* args, uint32_t nargs, runtime::Value* results);
NativeFn syncMethod(runtime::Kind receiver, std::string_view name);

}  // namespace goro::lang::lib

// lang/lib/natives.h: the native functions behind the built-in functions,
// the module members and the methods, declared here from the table of
// natives (lang/syntax/universe.h), so that their names and signatures are
// the table's; defined one file per module (builtins.cpp, fmt.cpp,
// strings.cpp, math.cpp, os.cpp, time.cpp, runtime.cpp, sync.cpp, utf8.cpp), and
// gathered by address into the tables the interpreter calls through
// (native_table.cpp). Also the argument checks natives share (args.cpp).
//
// Every native follows lang/lib/native_context.h: arguments in rooted stack
// slots, results written to rooted slots, errors reported with cx.panic...()
// and a return of 0. Anything a native allocates and still needs after a
// further allocation is held in a gc::Handle or gc::Root until it is stored.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "alloc/mcache.h"
#include "lang/lib/native_context.h"
#include "lang/syntax/universe.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::lib {

// A native, as NativeFn calls it.
#define GORO_NATIVE(name) \
  uint32_t name(NativeContext& cx, const runtime::Value* args, uint32_t nargs, runtime::Value* results)

// Every built-in function: builtinLen ... (builtins.cpp).
#define GORO_DECLARE_BUILTIN(name, text, fn, effect) GORO_NATIVE(fn);
GORO_BUILTINS(GORO_DECLARE_BUILTIN)
#undef GORO_DECLARE_BUILTIN

// Every module member by kind: a Func is a native, a Const the function
// that makes its value, a Var the interpreter's and a Script the prelude's
// (nothing here).
#define GORO_DECLARE_MEMBER(mod, name, kind, impl, effect) GORO_DECLARE_MEMBER_##kind(impl)
#define GORO_DECLARE_MEMBER_Func(impl) GORO_NATIVE(impl);
#define GORO_DECLARE_MEMBER_Const(impl) runtime::Value impl(alloc::MCache& cache);
#define GORO_DECLARE_MEMBER_Var(impl)
#define GORO_DECLARE_MEMBER_Script(impl)
GORO_MODULE_MEMBERS(GORO_DECLARE_MEMBER)
#undef GORO_DECLARE_MEMBER
#undef GORO_DECLARE_MEMBER_Func
#undef GORO_DECLARE_MEMBER_Const
#undef GORO_DECLARE_MEMBER_Var
#undef GORO_DECLARE_MEMBER_Script

// Every method: the receiver is args[0] (sync.cpp).
#define GORO_DECLARE_METHOD(receiver, name, fn, effect) GORO_NATIVE(fn);
GORO_METHODS(GORO_DECLARE_METHOD)
#undef GORO_DECLARE_METHOD

#undef GORO_NATIVE

// The GOMAXPROCS that runtime.GOMAXPROCS reports when no scheduler runs
// (the interpreter's unit tests); set from the settings by the goro
// command (runtime.cpp).
void setFallbackGomaxprocs(int n);

// Argument checking for one call of the native called `fn` (as the script
// wrote it: "strings.Split"). Each check panics with Go's wording and
// returns false on a mismatch; the native then returns 0.
class Args {
 public:
  Args(NativeContext& cx, std::string_view fn, const runtime::Value* args, uint32_t nargs)
      : cx_(cx), fn_(fn), args_(args), nargs_(nargs) {}

  // Exactly `want` arguments: "not enough arguments in call to F" / "too
  // many arguments in call to F".
  bool count(uint32_t want);
  // At least `want` arguments.
  bool atLeast(uint32_t want);
  // "cannot use int as string value in argument to F".
  bool string(uint32_t i, std::string_view* out);
  bool integer(uint32_t i, int64_t* out);
  // A number: an int converts to float.
  bool number(uint32_t i, double* out);
  bool array(uint32_t i, runtime::Array** out);

  // Panics with "cannot use TYPE as WANT value in argument to F".
  void typeError(uint32_t i, std::string_view want);

 private:
  NativeContext& cx_;
  std::string_view fn_;
  const runtime::Value* args_;
  uint32_t nargs_;
};

// os.cpp: whether v is a *os.File, and Go's (n, err) results of writing
// text to one (fmt.Fprint..., f.WriteString): the standard output and
// error streams are written, other files give Go's error
// ("write PATH: bad file descriptor": os.Open opens for reading).
bool isFile(runtime::Value v);
// The descriptor of f, -1 once closed: f's own for a file from os.Open,
// one process-wide word per standard file (so that os.Stdin.Close() in one
// function closes every function's os.Stdin).
std::atomic_ref<int32_t> fileDescriptor(runtime::File* f);
uint32_t writeFileResults(NativeContext& cx, runtime::Value file, std::string_view text, runtime::Value* results);

// Stores a new string in *result; returns 1 (the result count).
uint32_t returnString(NativeContext& cx, runtime::Value* result, std::string_view s);

}  // namespace goro::lang::lib

// lang/lib/natives.h: the native functions behind the built-ins and module
// members (one file per module: builtins.cpp, fmt.cpp, strings.cpp, math.cpp,
// os.cpp, time.cpp, runtime.cpp), gathered into the table of
// lang/lib/native_table.cpp, and the argument checks they share (args.cpp).
//
// Every native follows lang/lib/native_context.h: arguments in rooted stack
// slots, results written to rooted slots, errors reported with cx.panic...()
// and a return of 0. Anything a native allocates and still needs after a
// further allocation is held in a gc::Handle or gc::Root until it is stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lang/lib/native_context.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::lib {

#define GORO_NATIVE(name) \
  uint32_t name(NativeContext& cx, const runtime::Value* args, uint32_t nargs, runtime::Value* results)

// Built-ins.
GORO_NATIVE(builtinLen);
GORO_NATIVE(builtinCap);
GORO_NATIVE(builtinAppend);
GORO_NATIVE(builtinDelete);
GORO_NATIVE(builtinPrint);
GORO_NATIVE(builtinPrintln);
GORO_NATIVE(builtinStr);
GORO_NATIVE(builtinInt);
GORO_NATIVE(builtinFloat);
GORO_NATIVE(builtinType);

// fmt
GORO_NATIVE(fmtPrintln);
GORO_NATIVE(fmtPrint);
GORO_NATIVE(fmtPrintf);
GORO_NATIVE(fmtSprintf);
GORO_NATIVE(fmtSprint);

// strings
GORO_NATIVE(stringsSplit);
GORO_NATIVE(stringsJoin);
GORO_NATIVE(stringsContains);
GORO_NATIVE(stringsHasPrefix);
GORO_NATIVE(stringsHasSuffix);
GORO_NATIVE(stringsRepeat);
GORO_NATIVE(stringsIndex);
GORO_NATIVE(stringsToUpper);
GORO_NATIVE(stringsToLower);
GORO_NATIVE(stringsTrimSpace);
GORO_NATIVE(stringsFields);

// math
GORO_NATIVE(mathSqrt);
GORO_NATIVE(mathFloor);
GORO_NATIVE(mathCeil);
GORO_NATIVE(mathAbs);
GORO_NATIVE(mathPow);
GORO_NATIVE(mathMax);
GORO_NATIVE(mathMin);
GORO_NATIVE(mathInf);
GORO_NATIVE(mathNaN);

// os
GORO_NATIVE(osExit);
GORO_NATIVE(osGetenv);
GORO_NATIVE(osReadFile);

// time
GORO_NATIVE(timeNow);
GORO_NATIVE(timeSince);

// runtime
GORO_NATIVE(runtimeNumCPU);
GORO_NATIVE(runtimeReadMemStats);

#undef GORO_NATIVE

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

// Stores a new string in *result; returns 1 (the result count).
uint32_t returnString(NativeContext& cx, runtime::Value* result, std::string_view s);

}  // namespace goro::lang::lib

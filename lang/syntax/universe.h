// lang/syntax/universe.h: the names every Goro program can use without
// declaring them (docs/language.md, "Built-in functions" and "Modules"),
// and the one table of natives: each built-in function, module member and
// method is declared here once, on one line that also names the C++
// function implementing it and says whether it suspends its goroutine.
//
// Every room reads this table through its own expansion of the X-macros:
//   - the resolver (syntax): which names exist; others are "undefined: x"
//     or "undefined: fmt.Foo" (universe.cpp);
//   - the natives (lang/lib): the function of each line is declared from
//     the table (lib/natives.h) and its address taken into the tables the
//     interpreter calls through (lib/native_table.cpp), so a line whose
//     function is not written fails to link, and a native that suspends its
//     goroutine without the table saying so fails to compile
//     (lib/native_context.h, parkAfterReturn and friends);
//   - the compiler (lang/compiler): how a member is used: called, a
//     constant, or a variable read by an opcode.
//
// Adding a module member: a line in GORO_MODULE_MEMBERS, and its function
// in lang/lib/<module>.cpp (lang/README.md has the recipe). A new module
// also needs a line in GORO_MODULES.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace goro::lang::syntax {

// What calling a native may do to its goroutine besides returning
// (lib/native_context.h, "Blocking").
enum class NativeEffect : uint8_t {
  Plain,    // returns (or panics) and the goroutine runs on
  Parks,    // may park the goroutine until another readies it
  Yields,   // may put the goroutine back on a run queue (runtime.Gosched)
  Syscall,  // may make a blocking system call, giving up its P meanwhile
};

// The built-in functions. X(Name, "spelling", function, effect): every one
// is a native, which a call calls and which go and defer statements hold
// as a function value (defer panic(x)); the compiler turns calls of len,
// panic and recover into instructions of their own.
#define GORO_BUILTINS(X)                        \
  X(Len, "len", builtinLen, Plain)              \
  X(Cap, "cap", builtinCap, Plain)              \
  X(Append, "append", builtinAppend, Plain)     \
  X(Delete, "delete", builtinDelete, Plain)     \
  X(Make, "make", builtinMakeChan, Plain)       \
  X(Close, "close", builtinClose, Plain)        \
  X(Panic, "panic", builtinPanic, Plain)        \
  X(Recover, "recover", builtinRecover, Plain)  \
  X(Print, "print", builtinPrint, Plain)        \
  X(Println, "println", builtinPrintln, Plain)  \
  X(Str, "str", builtinStr, Plain)              \
  X(Int, "int", builtinInt, Plain)              \
  X(Float, "float", builtinFloat, Plain)        \
  X(Type, "type", builtinType, Plain)          \
  /* Go 1.21's built-ins; code points */        \
  X(Copy, "copy", builtinCopy, Plain)           \
  X(Min, "min", builtinMin, Plain)              \
  X(Max, "max", builtinMax, Plain)              \
  X(Clear, "clear", builtinClear, Plain)        \
  X(Runes, "runes", builtinRunes, Plain)        \
  X(String, "string", builtinString, Plain)

enum class Builtin : uint8_t {
#define GORO_BUILTIN_ENUM(name, text, fn, effect) name,
  GORO_BUILTINS(GORO_BUILTIN_ENUM)
#undef GORO_BUILTIN_ENUM
  Count
};

#define GORO_MODULES(X)  \
  X(Fmt, "fmt")          \
  X(Runtime, "runtime")  \
  X(Debug, "debug")      \
  X(Time, "time")        \
  X(Sync, "sync")        \
  X(Os, "os")            \
  X(Strings, "strings")  \
  X(Math, "math")        \
  /* sort, strconv (issue 14, library) */ \
  X(Sort, "sort")        \
  X(Strconv, "strconv") \
  X(Utf8, "utf8") \
  /* issue 14, library: sync/atomic, math/rand, bufio */ \
  X(Atomic, "atomic")    \
  X(Rand, "rand")        \
  X(Bufio, "bufio")

enum class Module : uint8_t {
#define GORO_MODULE_ENUM(name, text) name,
  GORO_MODULES(GORO_MODULE_ENUM)
#undef GORO_MODULE_ENUM
  Count
};

// The members of the modules. X(Module, Name, Kind, implementation, effect),
// by kind:
//   Func   called; the implementation is a native (lib/natives.h's
//          GORO_NATIVE signature)
//   Const  a constant, made once when the program is loaded; the
//          implementation returns it: runtime::Value f(alloc::MCache&)
//   Var    program state the interpreter keeps (os.Args); the
//          implementation is the opcode that reads it (compiler/opcodes.h)
//   Script a function written in Goro, in the module's prelude
//          (lib/prelude.h): the implementation is the prelude function's
//          name; the prelude is compiled with a program that uses one of
//          its members, and the member reads the prelude's global
#define GORO_MODULE_MEMBERS(X)                                        \
  X(Fmt, Println, Func, fmtPrintln, Plain)                            \
  X(Fmt, Print, Func, fmtPrint, Plain)                                \
  X(Fmt, Printf, Func, fmtPrintf, Plain)                              \
  X(Fmt, Sprintf, Func, fmtSprintf, Plain)                            \
  X(Fmt, Sprint, Func, fmtSprint, Plain)                              \
  X(Runtime, GOMAXPROCS, Func, runtimeGOMAXPROCS, Plain)              \
  X(Runtime, NumGoroutine, Func, runtimeNumGoroutine, Plain)          \
  X(Runtime, GC, Func, runtimeGC, Plain)                              \
  X(Runtime, Gosched, Func, runtimeGosched, Yields)                   \
  X(Runtime, NumCPU, Func, runtimeNumCPU, Plain)                      \
  X(Runtime, ReadMemStats, Func, runtimeReadMemStats, Plain)          \
  X(Runtime, HeapDump, Func, runtimeHeapDump, Syscall)                \
  X(Runtime, Roots, Func, runtimeRoots, Plain)                        \
  X(Runtime, WhyAlive, Func, runtimeWhyAlive, Plain)                  \
  X(Debug, SetGCPercent, Func, debugSetGCPercent, Plain)              \
  X(Debug, SetMemoryLimit, Func, debugSetMemoryLimit, Plain)          \
  X(Debug, SetMaxThreads, Func, debugSetMaxThreads, Plain)            \
  X(Time, Sleep, Func, timeSleep, Parks)                              \
  X(Time, Now, Func, timeNow, Plain)                                  \
  X(Time, Since, Func, timeSince, Plain)                              \
  X(Time, Nanosecond, Const, timeNanosecond, Plain)                   \
  X(Time, Microsecond, Const, timeMicrosecond, Plain)                 \
  X(Time, Millisecond, Const, timeMillisecond, Plain)                 \
  X(Time, Second, Const, timeSecond, Plain)                           \
  /* timers (issue 14, point 3): lib/time.cpp */                      \
  X(Time, Minute, Const, timeMinute, Plain)                           \
  X(Time, Hour, Const, timeHour, Plain)                               \
  X(Time, After, Func, timeAfter, Plain)                              \
  X(Time, Tick, Func, timeTick, Plain)                                \
  X(Time, NewTimer, Func, timeNewTimer, Plain)                        \
  X(Time, NewTicker, Func, timeNewTicker, Plain)                      \
  X(Time, Duration, Func, timeDuration, Plain)                        \
  X(Time, ParseDuration, Func, timeParseDuration, Plain)              \
  X(Sync, WaitGroup, Func, syncWaitGroup, Plain)                      \
  X(Sync, Mutex, Func, syncMutex, Plain)                              \
  X(Os, Args, Var, OSARGS, Plain)                                     \
  X(Os, Exit, Func, osExit, Plain)                                    \
  X(Os, Getenv, Func, osGetenv, Plain)                                \
  X(Os, ReadFile, Func, osReadFile, Syscall)                          \
  X(Strings, Split, Func, stringsSplit, Plain)                        \
  X(Strings, Join, Func, stringsJoin, Plain)                          \
  X(Strings, Contains, Func, stringsContains, Plain)                  \
  X(Strings, HasPrefix, Func, stringsHasPrefix, Plain)                \
  X(Strings, HasSuffix, Func, stringsHasSuffix, Plain)                \
  X(Strings, Repeat, Func, stringsRepeat, Plain)                      \
  X(Strings, Index, Func, stringsIndex, Plain)                        \
  X(Strings, ToUpper, Func, stringsToUpper, Plain)                    \
  X(Strings, ToLower, Func, stringsToLower, Plain)                    \
  X(Strings, TrimSpace, Func, stringsTrimSpace, Plain)                \
  X(Strings, Fields, Func, stringsFields, Plain)                      \
  X(Math, Sqrt, Func, mathSqrt, Plain)                                \
  X(Math, Floor, Func, mathFloor, Plain)                              \
  X(Math, Ceil, Func, mathCeil, Plain)                                \
  X(Math, Abs, Func, mathAbs, Plain)                                  \
  X(Math, Pow, Func, mathPow, Plain)                                  \
  X(Math, Max, Func, mathMax, Plain)                                  \
  X(Math, Min, Func, mathMin, Plain)                                  \
  X(Math, Inf, Func, mathInf, Plain)                                  \
  X(Math, NaN, Func, mathNaN, Plain)                                  \
  X(Math, Pi, Const, mathPi, Plain)                                   \
  X(Math, MaxInt64, Const, mathMaxInt64, Plain)                       \
  X(Math, MinInt64, Const, mathMinInt64, Plain)                       \
  /* strings, sort, strconv (issue 14, library) */                    \
  X(Strings, Count, Func, stringsCount, Plain)                        \
  X(Strings, Replace, Func, stringsReplace, Plain)                    \
  X(Strings, ReplaceAll, Func, stringsReplaceAll, Plain)              \
  X(Strings, LastIndex, Func, stringsLastIndex, Plain)                \
  X(Strings, IndexByte, Func, stringsIndexByte, Plain)                \
  X(Strings, SplitN, Func, stringsSplitN, Plain)                      \
  X(Strings, Trim, Func, stringsTrim, Plain)                          \
  X(Strings, TrimLeft, Func, stringsTrimLeft, Plain)                  \
  X(Strings, TrimRight, Func, stringsTrimRight, Plain)                \
  X(Strings, TrimPrefix, Func, stringsTrimPrefix, Plain)              \
  X(Strings, TrimSuffix, Func, stringsTrimSuffix, Plain)              \
  X(Strings, EqualFold, Func, stringsEqualFold, Plain)                \
  X(Strings, ContainsAny, Func, stringsContainsAny, Plain)            \
  X(Strings, ContainsRune, Func, stringsContainsRune, Plain)          \
  X(Strings, Builder, Func, stringsBuilder, Plain)                    \
  X(Sort, Ints, Func, sortInts, Plain)                                \
  X(Sort, Strings, Func, sortStrings, Plain)                          \
  X(Sort, Float64s, Func, sortFloat64s, Plain)                        \
  X(Sort, IntsAreSorted, Func, sortIntsAreSorted, Plain)              \
  X(Sort, StringsAreSorted, Func, sortStringsAreSorted, Plain)        \
  X(Sort, Float64sAreSorted, Func, sortFloat64sAreSorted, Plain)      \
  X(Sort, SearchInts, Func, sortSearchInts, Plain)                    \
  X(Sort, SearchStrings, Func, sortSearchStrings, Plain)              \
  X(Sort, Slice, Script, Slice, Plain)                                \
  X(Sort, SliceStable, Script, SliceStable, Plain)                    \
  X(Sort, SliceIsSorted, Script, SliceIsSorted, Plain)                \
  X(Sort, Search, Script, Search, Plain)                              \
  X(Strconv, Itoa, Func, strconvItoa, Plain)                          \
  X(Strconv, Atoi, Func, strconvAtoi, Plain)                          \
  X(Strconv, ParseInt, Func, strconvParseInt, Plain)                  \
  X(Strconv, ParseUint, Func, strconvParseUint, Plain)                \
  X(Strconv, ParseFloat, Func, strconvParseFloat, Plain)              \
  X(Strconv, ParseBool, Func, strconvParseBool, Plain)                \
  X(Strconv, FormatInt, Func, strconvFormatInt, Plain)                \
  X(Strconv, FormatFloat, Func, strconvFormatFloat, Plain)            \
  X(Strconv, FormatBool, Func, strconvFormatBool, Plain)              \
  X(Strconv, Quote, Func, strconvQuote, Plain) \
  /* code points (utf8.cpp) and math.Sin, math.Cos */                 \
  X(Math, Sin, Func, mathSin, Plain)                                  \
  X(Math, Cos, Func, mathCos, Plain)                                  \
  X(Utf8, RuneCountInString, Func, utf8RuneCountInString, Plain)      \
  X(Utf8, RuneLen, Func, utf8RuneLen, Plain)                          \
  X(Utf8, ValidString, Func, utf8ValidString, Plain)                  \
  X(Utf8, ValidRune, Func, utf8ValidRune, Plain)                      \
  X(Utf8, DecodeRuneInString, Func, utf8DecodeRuneInString, Plain)    \
  X(Utf8, DecodeLastRuneInString, Func, utf8DecodeLastRuneInString, Plain) \
  X(Utf8, RuneError, Const, utf8RuneError, Plain)                     \
  X(Utf8, UTFMax, Const, utf8UTFMax, Plain) \
  /* issue 14, library: sync/atomic, math/rand, os files, bufio */    \
  X(Atomic, Int64, Func, atomicInt64, Plain)                          \
  X(Atomic, Int, Func, atomicInt, Plain)                              \
  X(Rand, Seed, Func, randSeed, Plain)                                \
  X(Rand, Int, Func, randInt, Plain)                                  \
  X(Rand, Int63, Func, randInt63, Plain)                              \
  X(Rand, Intn, Func, randIntn, Plain)                                \
  X(Rand, Float64, Func, randFloat64, Plain)                          \
  X(Rand, Perm, Func, randPerm, Plain)                                \
  X(Rand, Shuffle, Script, Shuffle, Plain)                            \
  X(Os, WriteFile, Func, osWriteFile, Syscall)                        \
  X(Os, Remove, Func, osRemove, Syscall)                              \
  X(Os, Stdin, Const, osStdin, Plain)                                 \
  X(Os, Open, Func, osOpen, Syscall)                                  \
  X(Os, Stdout, Const, osStdout, Plain)                               \
  X(Os, Stderr, Const, osStderr, Plain)                               \
  X(Fmt, Fprintln, Func, fmtFprintln, Plain)                          \
  X(Fmt, Fprint, Func, fmtFprint, Plain)                              \
  X(Fmt, Fprintf, Func, fmtFprintf, Plain)                            \
  X(Bufio, NewScanner, Func, bufioNewScanner, Plain)

enum class Member : uint16_t {
#define GORO_MEMBER_ENUM(mod, name, kind, impl, effect) mod##name,
  GORO_MODULE_MEMBERS(GORO_MEMBER_ENUM)
#undef GORO_MEMBER_ENUM
  Count
};

enum class MemberKind : uint8_t { Func, Const, Var, Script };

// The methods of the runtime's objects, found by name when a script
// selects one (wg.Done: a native bound to wg, made by GETFIELD).
// X(Receiver, Name, function, effect); Receiver is the receiver's
// runtime::Kind, and the native gets the receiver as its first argument.
#define GORO_METHODS(X)                             \
  X(WaitGroup, Add, waitGroupAdd, Plain)            \
  X(WaitGroup, Done, waitGroupDone, Plain)          \
  X(WaitGroup, Wait, waitGroupWait, Parks)          \
  X(Mutex, Lock, mutexLock, Parks)                  \
  X(Mutex, Unlock, mutexUnlock, Plain)              \
  /* strings.Builder (issue 14, library) */         \
  X(Builder, WriteString, builderWriteString, Plain) \
  X(Builder, WriteByte, builderWriteByte, Plain)     \
  X(Builder, WriteRune, builderWriteRune, Plain)     \
  X(Builder, String, builderString, Plain)           \
  X(Builder, Len, builderLen, Plain)                 \
  X(Builder, Reset, builderReset, Plain) \
  /* issue 14, library: atomic.Int64, bufio.Scanner */ \
  X(AtomicInt, Add, atomicIntAdd, Plain)            \
  X(AtomicInt, Load, atomicIntLoad, Plain)          \
  X(AtomicInt, Store, atomicIntStore, Plain)        \
  X(AtomicInt, Swap, atomicIntSwap, Plain)          \
  X(AtomicInt, CompareAndSwap, atomicIntCompareAndSwap, Plain) \
  X(File, Close, fileClose, Syscall)                \
  X(File, WriteString, fileWriteString, Plain)      \
  X(Scanner, Scan, scannerScan, Syscall)            \
  X(Scanner, Text, scannerText, Plain)              \
  X(Scanner, Err, scannerErr, Plain) \
  /* timers (issue 14, point 3): lib/time.cpp */    \
  X(Timer, Stop, timerStop, Plain)                  \
  X(Timer, Reset, timerReset, Plain)                \
  X(Duration, Nanoseconds, durationNanoseconds, Plain)   \
  X(Duration, Microseconds, durationMicroseconds, Plain) \
  X(Duration, Milliseconds, durationMilliseconds, Plain) \
  X(Duration, Seconds, durationSeconds, Plain)           \
  X(Duration, Minutes, durationMinutes, Plain)           \
  X(Duration, Hours, durationHours, Plain)               \
  X(Duration, String, durationString, Plain)

enum class Method : uint8_t {
#define GORO_METHOD_ENUM(receiver, name, fn, effect) receiver##name,
  GORO_METHODS(GORO_METHOD_ENUM)
#undef GORO_METHOD_ENUM
  Count
};

struct MemberInfo {
  Module module;
  std::string_view name;
  MemberKind kind;
};

std::optional<Builtin> lookupBuiltin(std::string_view name);
std::optional<Module> lookupModule(std::string_view name);
std::optional<Member> lookupMember(Module m, std::string_view name);

std::string_view builtinName(Builtin b);
std::string_view moduleName(Module m);
const MemberInfo& memberInfo(Member m);
// "fmt.Println", as tracebacks and messages name a member.
std::string memberQualifiedName(Member m);

// What each native may do to its goroutine, from the table (constexpr, so
// that lib/native_context.h can check it at compile time).
constexpr NativeEffect nativeEffect(Builtin b) {
  constexpr NativeEffect kEffects[] = {
#define GORO_BUILTIN_EFFECT(name, text, fn, effect) NativeEffect::effect,
      GORO_BUILTINS(GORO_BUILTIN_EFFECT)
#undef GORO_BUILTIN_EFFECT
  };
  return kEffects[static_cast<size_t>(b)];
}
constexpr NativeEffect nativeEffect(Member m) {
  constexpr NativeEffect kEffects[] = {
#define GORO_MEMBER_EFFECT(mod, name, kind, impl, effect) NativeEffect::effect,
      GORO_MODULE_MEMBERS(GORO_MEMBER_EFFECT)
#undef GORO_MEMBER_EFFECT
  };
  return kEffects[static_cast<size_t>(m)];
}
constexpr NativeEffect nativeEffect(Method m) {
  constexpr NativeEffect kEffects[] = {
#define GORO_METHOD_EFFECT(receiver, name, fn, effect) NativeEffect::effect,
      GORO_METHODS(GORO_METHOD_EFFECT)
#undef GORO_METHOD_EFFECT
  };
  return kEffects[static_cast<size_t>(m)];
}

}  // namespace goro::lang::syntax

// lang/syntax/universe.h: the names every Goro program can use without
// declaring them (docs/language.md, "Built-in functions" and "Modules"): the
// built-in functions, the modules, and each module's members.
//
// These lists are the one place that says which names exist: the resolver
// rejects others ("undefined: fmt.Foo"), and the compiler and runtime key
// their implementations by these enums. Adding a member means adding a
// line to GORO_MODULE_MEMBERS (and its implementation).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace goro::lang::syntax {

#define GORO_BUILTINS(X) \
  X(Len, "len")          \
  X(Cap, "cap")          \
  X(Append, "append")    \
  X(Delete, "delete")    \
  X(Make, "make")        \
  X(Close, "close")      \
  X(Panic, "panic")      \
  X(Recover, "recover")  \
  X(Print, "print")      \
  X(Println, "println")  \
  X(Str, "str")          \
  X(Int, "int")          \
  X(Float, "float")      \
  X(Type, "type")

enum class Builtin : uint8_t {
#define GORO_BUILTIN_ENUM(name, text) name,
  GORO_BUILTINS(GORO_BUILTIN_ENUM)
#undef GORO_BUILTIN_ENUM
  Count
};

#define GORO_MODULES(X)  \
  X(Fmt, "fmt")          \
  X(Runtime, "runtime")  \
  X(Time, "time")        \
  X(Sync, "sync")        \
  X(Os, "os")            \
  X(Strings, "strings")  \
  X(Math, "math")

enum class Module : uint8_t {
#define GORO_MODULE_ENUM(name, text) name,
  GORO_MODULES(GORO_MODULE_ENUM)
#undef GORO_MODULE_ENUM
  Count
};

// X(Module, Name, Kind): Func members are called, Value members are read.
#define GORO_MODULE_MEMBERS(X)         \
  X(Fmt, Println, Func)                \
  X(Fmt, Print, Func)                  \
  X(Fmt, Printf, Func)                 \
  X(Fmt, Sprintf, Func)                \
  X(Fmt, Sprint, Func)                 \
  X(Runtime, GOMAXPROCS, Func)         \
  X(Runtime, NumGoroutine, Func)       \
  X(Runtime, GC, Func)                 \
  X(Runtime, Gosched, Func)            \
  X(Runtime, NumCPU, Func)             \
  X(Runtime, ReadMemStats, Func)       \
  X(Time, Sleep, Func)                 \
  X(Time, Now, Func)                   \
  X(Time, Since, Func)                 \
  X(Time, Nanosecond, Value)           \
  X(Time, Microsecond, Value)          \
  X(Time, Millisecond, Value)          \
  X(Time, Second, Value)               \
  X(Sync, WaitGroup, Func)             \
  X(Sync, Mutex, Func)                 \
  X(Os, Args, Value)                   \
  X(Os, Exit, Func)                    \
  X(Os, Getenv, Func)                  \
  X(Os, ReadFile, Func)                \
  X(Strings, Split, Func)              \
  X(Strings, Join, Func)               \
  X(Strings, Contains, Func)           \
  X(Strings, HasPrefix, Func)          \
  X(Strings, HasSuffix, Func)          \
  X(Strings, Repeat, Func)             \
  X(Strings, Index, Func)              \
  X(Strings, ToUpper, Func)            \
  X(Strings, ToLower, Func)            \
  X(Strings, TrimSpace, Func)          \
  X(Strings, Fields, Func)             \
  X(Math, Sqrt, Func)                  \
  X(Math, Floor, Func)                 \
  X(Math, Ceil, Func)                  \
  X(Math, Abs, Func)                   \
  X(Math, Pow, Func)                   \
  X(Math, Max, Func)                   \
  X(Math, Min, Func)                   \
  X(Math, Inf, Func)                   \
  X(Math, NaN, Func)                   \
  X(Math, Pi, Value)                   \
  X(Math, MaxInt64, Value)             \
  X(Math, MinInt64, Value)

enum class Member : uint16_t {
#define GORO_MEMBER_ENUM(mod, name, kind) mod##name,
  GORO_MODULE_MEMBERS(GORO_MEMBER_ENUM)
#undef GORO_MEMBER_ENUM
  Count
};

enum class MemberKind : uint8_t { Func, Value };

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

}  // namespace goro::lang::syntax

// The natives behind built-ins and module members (lang/lib/native_table.h),
// called through the native convention with a test NativeContext, and a
// GC-stress run of map growth, formatting and the allocating natives.
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>

#include "gc/allocate.h"
#include "gc/collector.h"
#include "lang/lib/native_table.h"
#include "lang/lib/prelude.h"
#include "lang/value/array_ops.h"
#include "lang/value/map_ops.h"
#include "tests/lang/library_fixture.h"

namespace goro::lang::lib {
namespace {

using namespace goro::lang::syntax;
using namespace goro::lang::value;

using runtime::Value;
using testing::CallResult;
using testing::LibTest;

NativeFn builtin(Builtin b) { return builtinNative(b); }
NativeFn member(Module mod, std::string_view name) { return memberNative(*lookupMember(mod, name)); }

class LibNativesTest : public LibTest {
 protected:
  // Calls and expects no panic; returns the %v of the first result.
  std::string ok(NativeFn fn, std::initializer_list<Value> args) {
    CallResult r = call(fn, args);
    EXPECT_FALSE(cx.panicked) << cx.panicMessage;
    return r.count > 0 ? text(r.r0) : "(none)";
  }
  // Calls and expects a panic; returns its message.
  std::string panics(NativeFn fn, std::initializer_list<Value> args) {
    cx.panicked = false;
    CallResult r = call(fn, args);
    EXPECT_TRUE(cx.panicked);
    EXPECT_EQ(r.count, 0u);
    cx.panicked = false;
    return cx.panicMessage;
  }
  Value array(std::initializer_list<Value> values) {
    size_t base = roots.size();
    for (Value v : values) roots.push_back(v);
    return keep(Value::object(newArrayFrom(cache, roots.data() + base, values.size())));
  }
};

// The table of natives (lang/syntax/universe.h) leaves no hole: every
// built-in and Func member has a native, every Const member a value, and
// every method is found by its receiver and name.
TEST_F(LibNativesTest, TheTableCoversEveryNativeMember) {
  for (size_t i = 0; i < static_cast<size_t>(Builtin::Count); i++) {
    EXPECT_NE(builtinNative(static_cast<Builtin>(i)), nullptr) << builtinName(static_cast<Builtin>(i));
  }
  for (size_t i = 0; i < static_cast<size_t>(Member::Count); i++) {
    auto mem = static_cast<Member>(i);
    std::string name = memberQualifiedName(mem);
    switch (memberInfo(mem).kind) {
      case MemberKind::Func: EXPECT_NE(memberNative(mem), nullptr) << name; break;
      case MemberKind::Const:
        EXPECT_EQ(memberNative(mem), nullptr) << name;
        EXPECT_FALSE(keep(memberConstant(cache, mem)).isNil()) << name;
        break;
      case MemberKind::Var: EXPECT_EQ(memberNative(mem), nullptr) << name; break;
      case MemberKind::Script:
        EXPECT_EQ(memberNative(mem), nullptr) << name;
        EXPECT_FALSE(scriptFunctionName(mem).empty()) << name;
        EXPECT_TRUE(modulePrelude(memberInfo(mem).module).has_value()) << name;
        break;
    }
  }
  EXPECT_NE(syncMethod(runtime::Kind::WaitGroup, "Wait"), nullptr);
  EXPECT_NE(syncMethod(runtime::Kind::Mutex, "Unlock"), nullptr);
  EXPECT_EQ(syncMethod(runtime::Kind::Mutex, "Wait"), nullptr);
  EXPECT_EQ(syncMethod(runtime::Kind::Map, "Lock"), nullptr);
}

// What the table says a native may do to its goroutine.
TEST(NativeEffects, TheTableMarksTheNativesThatSuspend) {
  EXPECT_EQ(nativeEffect(Member::TimeSleep), NativeEffect::Parks);
  EXPECT_EQ(nativeEffect(Method::WaitGroupWait), NativeEffect::Parks);
  EXPECT_EQ(nativeEffect(Method::MutexLock), NativeEffect::Parks);
  EXPECT_EQ(nativeEffect(Member::RuntimeGosched), NativeEffect::Yields);
  EXPECT_EQ(nativeEffect(Member::OsReadFile), NativeEffect::Syscall);
  EXPECT_EQ(nativeEffect(Member::FmtPrintln), NativeEffect::Plain);
  EXPECT_EQ(nativeEffect(Builtin::Len), NativeEffect::Plain);
}

TEST_F(LibNativesTest, MemberConstants) {
  // The time units are Durations (lang/value/duration.h): ints that print
  // as Go's Duration.String.
  Value second = keep(memberConstant(cache, Member::TimeSecond));
  EXPECT_EQ(typeName(second), "time.Duration");
  EXPECT_EQ(intOf(second), 1000000000);
  EXPECT_EQ(text(second), "1s");
  EXPECT_EQ(text(keep(memberConstant(cache, Member::TimeNanosecond))), "1ns");
  EXPECT_EQ(text(keep(memberConstant(cache, Member::TimeMicrosecond))), "1\u00b5s");
  EXPECT_EQ(text(keep(memberConstant(cache, Member::TimeMillisecond))), "1ms");
  EXPECT_EQ(text(keep(memberConstant(cache, Member::TimeMinute))), "1m0s");
  EXPECT_EQ(text(keep(memberConstant(cache, Member::TimeHour))), "1h0m0s");
  EXPECT_EQ(text(memberConstant(cache, Member::MathPi)), "3.141592653589793");
  Value max = keep(memberConstant(cache, Member::MathMaxInt64));
  EXPECT_EQ(typeName(max), "int");
  EXPECT_EQ(text(max), "9223372036854775807");
  EXPECT_EQ(text(keep(memberConstant(cache, Member::MathMinInt64))), "-9223372036854775808");
}

TEST_F(LibNativesTest, LenCapAppendDelete) {
  NativeFn len = builtin(Builtin::Len);
  NativeFn cap = builtin(Builtin::Cap);
  NativeFn append = builtin(Builtin::Append);
  Value a = array({Value::smallInt(1), Value::smallInt(2)});
  EXPECT_EQ(ok(len, {str("héllo")}), "6");  // bytes
  EXPECT_EQ(ok(len, {a}), "2");
  EXPECT_EQ(ok(len, {Value::nil()}), "0");
  EXPECT_EQ(ok(cap, {a}), "2");
  EXPECT_EQ(ok(append, {a, Value::smallInt(3), str("x")}), "[1 2 3 x]");
  EXPECT_EQ(text(a), "[1 2 3 x]");  // in place
  EXPECT_EQ(ok(len, {a}), "4");
  EXPECT_GE(intOf(call(cap, {a}).r0), 4);
  EXPECT_EQ(ok(append, {a}), "[1 2 3 x]");
  EXPECT_EQ(ok(append, {Value::nil(), Value::smallInt(7)}), "[7]");
  EXPECT_EQ(panics(append, {Value::smallInt(1), Value::smallInt(2)}),
            "first argument to append must be an array; have int");
  EXPECT_EQ(panics(append, {}), "not enough arguments in call to append");
  EXPECT_EQ(panics(len, {Value::smallInt(5)}), "invalid argument: int for built-in len");
  EXPECT_EQ(panics(cap, {str("s")}), "invalid argument: string for built-in cap");
  EXPECT_EQ(panics(len, {a, a}), "too many arguments in call to len");

  Value m = keep(Value::object(newMap(cache, 0)));
  auto* map = static_cast<runtime::Map*>(m.asObject());
  mapSet(cache, map, str("a"), Value::smallInt(1));
  mapSet(cache, map, str("b"), Value::smallInt(2));
  EXPECT_EQ(ok(len, {m}), "2");
  EXPECT_EQ(ok(builtin(Builtin::Delete), {m, str("a")}), "(none)");
  EXPECT_EQ(text(m), "map[b:2]");
  EXPECT_EQ(ok(builtin(Builtin::Delete), {m, str("zz")}), "(none)");
  EXPECT_EQ(ok(builtin(Builtin::Delete), {Value::nil(), str("a")}), "(none)");
  EXPECT_EQ(panics(builtin(Builtin::Delete), {m, a}), "runtime error: hash of unhashable type array");
  EXPECT_EQ(panics(builtin(Builtin::Delete), {a, Value::smallInt(0)}),
            "first argument to delete must be a map; have array");

  Value ch = keep(Value::object(gc::allocate(cache, runtime::Kind::Chan, sizeof(runtime::Chan))));
  static_cast<runtime::Chan*>(ch.asObject())->capacity = 4;
  static_cast<runtime::Chan*>(ch.asObject())->count = 3;
  EXPECT_EQ(ok(len, {ch}), "3");
  EXPECT_EQ(ok(cap, {ch}), "4");
}

TEST_F(LibNativesTest, CopyMinMaxClear) {
  NativeFn copy = builtin(Builtin::Copy);
  NativeFn min = builtin(Builtin::Min);
  NativeFn max = builtin(Builtin::Max);
  NativeFn clear = builtin(Builtin::Clear);
  Value dst = array({Value::nil(), Value::nil()});
  EXPECT_EQ(ok(copy, {dst, array({Value::smallInt(1), Value::smallInt(2), Value::smallInt(3)})}), "2");
  EXPECT_EQ(text(dst), "[1 2]");
  EXPECT_EQ(ok(copy, {dst, str("\xff")}), "1");
  EXPECT_EQ(text(dst), "[255 2]");
  EXPECT_EQ(ok(copy, {dst, dst}), "2");
  EXPECT_EQ(panics(copy, {str("s"), dst}), "invalid argument: copy expects array arguments; found string");

  EXPECT_EQ(ok(min, {Value::smallInt(2), Value::fromFloat(1.5), Value::smallInt(3)}), "1.5");
  EXPECT_EQ(ok(max, {Value::smallInt(2), Value::fromFloat(1.5), Value::smallInt(3)}), "3");
  EXPECT_EQ(ok(max, {str("b"), str("c"), str("a")}), "c");
  EXPECT_EQ(ok(min, {Value::smallInt(1), Value::fromFloat(std::nan(""))}), "NaN");
  EXPECT_EQ(panics(min, {}), "not enough arguments in call to min");
  EXPECT_EQ(panics(max, {str("a"), Value::smallInt(1)}),
            "invalid argument: mismatched types string and int in call to max");

  Value m = keep(Value::object(newMap(cache, 0)));
  auto* map = static_cast<runtime::Map*>(m.asObject());
  mapSet(cache, map, str("a"), Value::smallInt(1));
  mapSet(cache, map, str("b"), Value::smallInt(2));
  EXPECT_EQ(ok(clear, {m}), "(none)");
  EXPECT_EQ(text(m), "map[]");
  mapSet(cache, map, str("a"), Value::smallInt(3));  // a cleared key is set anew
  EXPECT_EQ(text(m), "map[a:3]");
  EXPECT_EQ(ok(clear, {dst}), "(none)");
  EXPECT_EQ(text(dst), "[<nil> <nil>]");
  EXPECT_EQ(panics(clear, {Value::smallInt(1)}), "invalid argument: int for built-in clear");
}

TEST_F(LibNativesTest, RunesStringAndUtf8) {
  EXPECT_EQ(ok(builtin(Builtin::Runes), {str("a\xffé")}), "[97 65533 233]");
  EXPECT_EQ(ok(builtin(Builtin::String), {Value::smallInt(0x4e16)}), "世");
  EXPECT_EQ(ok(builtin(Builtin::String), {Value::smallInt(0x110000)}), "\uFFFD");
  EXPECT_EQ(ok(builtin(Builtin::String), {array({Value::smallInt('o'), Value::smallInt('k')})}), "ok");
  EXPECT_EQ(ok(member(Module::Utf8, "RuneCountInString"), {str("a\xffé")}), "3");
  EXPECT_EQ(ok(member(Module::Utf8, "ValidString"), {str("a\xffé")}), "false");
  EXPECT_EQ(ok(member(Module::Utf8, "RuneLen"), {Value::smallInt(0x10000)}), "4");
  EXPECT_EQ(panics(member(Module::Utf8, "RuneLen"), {str("x")}),
            "cannot use string as int value in argument to utf8.RuneLen");
}

TEST_F(LibNativesTest, PrintAndPrintlnGoToStderr) {
  ok(builtin(Builtin::Print), {str("a"), Value::smallInt(1), Value::smallInt(2), flt(1e6), Value::nil()});
  EXPECT_EQ(cx.err, "a121e+06<nil>");
  cx.err.clear();
  ok(builtin(Builtin::Println), {str("a"), Value::smallInt(1), array({Value::boolean(true)})});
  EXPECT_EQ(cx.err, "a 1 [true]\n");
  EXPECT_EQ(cx.out, "");
}

TEST_F(LibNativesTest, StrIntFloatType) {
  EXPECT_EQ(ok(builtin(Builtin::Str), {flt(2.5)}), "2.5");
  EXPECT_EQ(ok(builtin(Builtin::Str), {array({Value::smallInt(1), str("b")})}), "[1 b]");
  EXPECT_EQ(typeName(call(builtin(Builtin::Str), {Value::smallInt(3)}).r0), "string");
  EXPECT_EQ(ok(builtin(Builtin::Int), {str("12")}), "12");
  EXPECT_EQ(ok(builtin(Builtin::Int), {flt(-7.9)}), "-7");
  EXPECT_EQ(panics(builtin(Builtin::Int), {str("x")}), "strconv.Atoi: parsing \"x\": invalid syntax");
  EXPECT_EQ(ok(builtin(Builtin::Float), {Value::smallInt(3)}), "3");
  EXPECT_EQ(typeName(call(builtin(Builtin::Float), {Value::smallInt(3)}).r0), "float");
  EXPECT_EQ(ok(builtin(Builtin::Float), {str("2.5e1")}), "25");
  EXPECT_EQ(panics(builtin(Builtin::Float), {str("1.2.3")}), "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax");
  EXPECT_EQ(ok(builtin(Builtin::Type), {flt(1)}), "float");
  EXPECT_EQ(ok(builtin(Builtin::Type), {Value::nil()}), "nil");
  EXPECT_EQ(ok(builtin(Builtin::Type), {keep(Value::object(newMap(cache, 0)))}), "map");
  EXPECT_EQ(panics(builtin(Builtin::Type), {}), "not enough arguments in call to type");
}

TEST_F(LibNativesTest, FmtPrinting) {
  CallResult r = call(member(Module::Fmt, "Println"), {str("total"), Value::smallInt(3), flt(0.5)});
  EXPECT_EQ(cx.out, "total 3 0.5\n");
  EXPECT_EQ(r.count, 2u);
  EXPECT_EQ(r.r0, Value::smallInt(12));
  EXPECT_TRUE(r.r1.isNil());
  cx.out.clear();
  call(member(Module::Fmt, "Print"), {str("a"), Value::smallInt(1), Value::smallInt(2), str("b")});
  EXPECT_EQ(cx.out, "a1 2b");
  cx.out.clear();
  call(member(Module::Fmt, "Printf"), {str("%5d|%-4s|%.2f\n"), Value::smallInt(42), str("go"), flt(3.14159)});
  EXPECT_EQ(cx.out, "   42|go  |3.14\n");
  EXPECT_EQ(ok(member(Module::Fmt, "Sprintf"), {str("%v-%q"), Value::nil(), str("x")}), "<nil>-\"x\"");
  EXPECT_EQ(ok(member(Module::Fmt, "Sprint"), {Value::smallInt(1), Value::smallInt(2)}), "1 2");
  EXPECT_EQ(ok(member(Module::Fmt, "Sprint"), {}), "");
  EXPECT_EQ(panics(member(Module::Fmt, "Printf"), {Value::smallInt(1)}),
            "cannot use int as string value in argument to fmt.Printf");
  EXPECT_EQ(panics(member(Module::Fmt, "Sprintf"), {}), "not enough arguments in call to fmt.Sprintf");
}

TEST_F(LibNativesTest, StringsSplitJoinFields) {
  NativeFn split = member(Module::Strings, "Split");
  EXPECT_EQ(ok(split, {str("a,b,c"), str(",")}), "[a b c]");
  EXPECT_EQ(ok(split, {str("a,b,"), str(",")}), "[a b ]");
  EXPECT_EQ(ok(split, {str("abc"), str("")}), "[a b c]");
  EXPECT_EQ(ok(split, {str("日本\xff"), str("")}), "[日 本 \xff]");
  EXPECT_EQ(ok(split, {str("a--b--c"), str("--")}), "[a b c]");
  EXPECT_EQ(ok(split, {str("abc"), str("x")}), "[abc]");
  CallResult r = call(split, {str(""), str(",")});
  EXPECT_EQ(arrayView(static_cast<runtime::Array*>(r.r0.asObject())).length, 1u);  // [""]
  r = call(split, {str(""), str("")});
  EXPECT_EQ(arrayView(static_cast<runtime::Array*>(r.r0.asObject())).length, 0u);
  EXPECT_EQ(panics(split, {str("a")}), "not enough arguments in call to strings.Split");
  EXPECT_EQ(panics(split, {str("a"), Value::smallInt(1)}),
            "cannot use int as string value in argument to strings.Split");

  NativeFn join = member(Module::Strings, "Join");
  EXPECT_EQ(ok(join, {array({str("a"), str("b"), str("c")}), str(", ")}), "a, b, c");
  EXPECT_EQ(ok(join, {array({}), str(",")}), "");
  EXPECT_EQ(panics(join, {array({str("a"), Value::smallInt(1)}), str(",")}),
            "cannot use int as string value in array element of argument to strings.Join");
  EXPECT_EQ(panics(join, {str("a"), str(",")}), "cannot use string as array value in argument to strings.Join");

  NativeFn fields = member(Module::Strings, "Fields");
  EXPECT_EQ(ok(fields, {str("  a b\t c \n ")}), "[a b c]");
  EXPECT_EQ(ok(fields, {str("x\u00a0y\u3000z")}), "[x y z]");
  EXPECT_EQ(ok(fields, {str("")}), "[]");
  EXPECT_EQ(ok(fields, {str("   ")}), "[]");
}

TEST_F(LibNativesTest, StringsPredicatesAndTransforms) {
  EXPECT_EQ(ok(member(Module::Strings, "Contains"), {str("seafood"), str("foo")}), "true");
  EXPECT_EQ(ok(member(Module::Strings, "Contains"), {str("seafood"), str("bar")}), "false");
  EXPECT_EQ(ok(member(Module::Strings, "Contains"), {str(""), str("")}), "true");
  EXPECT_EQ(ok(member(Module::Strings, "HasPrefix"), {str("golang"), str("go")}), "true");
  EXPECT_EQ(ok(member(Module::Strings, "HasPrefix"), {str("go"), str("golang")}), "false");
  EXPECT_EQ(ok(member(Module::Strings, "HasSuffix"), {str("golang"), str("lang")}), "true");
  EXPECT_EQ(ok(member(Module::Strings, "Index"), {str("chicken"), str("ken")}), "4");
  EXPECT_EQ(ok(member(Module::Strings, "Index"), {str("chicken"), str("dmr")}), "-1");
  EXPECT_EQ(ok(member(Module::Strings, "Index"), {str("日本"), str("本")}), "3");
  EXPECT_EQ(ok(member(Module::Strings, "Index"), {str("x"), str("")}), "0");

  NativeFn repeat = member(Module::Strings, "Repeat");
  EXPECT_EQ(ok(repeat, {str("ab"), Value::smallInt(3)}), "ababab");
  EXPECT_EQ(ok(repeat, {str("ab"), Value::smallInt(0)}), "");
  EXPECT_EQ(panics(repeat, {str("ab"), Value::smallInt(-1)}), "strings: negative Repeat count");
  EXPECT_EQ(panics(repeat, {str("ab"), num(std::numeric_limits<int64_t>::max())}),
            "strings: Repeat output length overflow");
  EXPECT_EQ(panics(repeat, {str("ab"), flt(2.0)}), "cannot use float as int value in argument to strings.Repeat");

  EXPECT_EQ(ok(member(Module::Strings, "ToUpper"), {str("Hello, wörld 1")}), "HELLO, WöRLD 1");
  EXPECT_EQ(ok(member(Module::Strings, "ToLower"), {str("HeLLO ÄB")}), "hello Äb");
  EXPECT_EQ(ok(member(Module::Strings, "ToUpper"), {str("a\xff")}), "A\uFFFD");  // invalid UTF-8: U+FFFD
  NativeFn trim = member(Module::Strings, "TrimSpace");
  EXPECT_EQ(ok(trim, {str("  \t hi there \n")}), "hi there");
  EXPECT_EQ(ok(trim, {str("\u00a0hi\u3000")}), "hi");
  EXPECT_EQ(ok(trim, {str("   ")}), "");
  EXPECT_EQ(ok(trim, {str("x\xff ")}), "x\xff");
  EXPECT_EQ(ok(trim, {str("\xe3\x80")}), "\xe3\x80");  // a cut-off sequence is not space
  Value same = str("untouched");
  EXPECT_EQ(call(trim, {same}).r0, same);
}

TEST_F(LibNativesTest, MathFunctions) {
  EXPECT_EQ(ok(member(Module::Math, "Sqrt"), {Value::smallInt(2)}), "1.4142135623730951");
  EXPECT_EQ(typeName(call(member(Module::Math, "Sqrt"), {Value::smallInt(4)}).r0), "float");
  EXPECT_EQ(ok(member(Module::Math, "Sqrt"), {flt(-1)}), "NaN");
  EXPECT_EQ(ok(member(Module::Math, "Floor"), {flt(-1.5)}), "-2");
  EXPECT_EQ(ok(member(Module::Math, "Ceil"), {flt(1.2)}), "2");
  EXPECT_EQ(ok(member(Module::Math, "Abs"), {Value::smallInt(-3)}), "3");
  EXPECT_EQ(ok(member(Module::Math, "Pow"), {Value::smallInt(2), Value::smallInt(10)}), "1024");
  EXPECT_EQ(ok(member(Module::Math, "Pow"), {Value::smallInt(10), Value::smallInt(-2)}), "0.01");
  EXPECT_EQ(ok(member(Module::Math, "Pow"), {flt(NAN), Value::smallInt(0)}), "1");
  NativeFn max = member(Module::Math, "Max");
  NativeFn min = member(Module::Math, "Min");
  EXPECT_EQ(ok(max, {Value::smallInt(1), flt(2.5)}), "2.5");
  EXPECT_EQ(ok(max, {Value::smallInt(1), flt(NAN)}), "NaN");
  EXPECT_EQ(ok(max, {flt(INFINITY), flt(NAN)}), "+Inf");
  EXPECT_EQ(ok(max, {flt(-0.0), flt(0.0)}), "0");
  EXPECT_EQ(ok(max, {flt(-0.0), flt(-0.0)}), "-0");
  EXPECT_EQ(ok(min, {flt(0.0), flt(-0.0)}), "-0");
  EXPECT_EQ(ok(min, {flt(-INFINITY), flt(NAN)}), "-Inf");
  EXPECT_EQ(ok(min, {Value::smallInt(3), Value::smallInt(-4)}), "-4");
  EXPECT_EQ(ok(member(Module::Math, "Inf"), {Value::smallInt(1)}), "+Inf");
  EXPECT_EQ(ok(member(Module::Math, "Inf"), {Value::smallInt(0)}), "+Inf");
  EXPECT_EQ(ok(member(Module::Math, "Inf"), {Value::smallInt(-1)}), "-Inf");
  EXPECT_EQ(ok(member(Module::Math, "NaN"), {}), "NaN");
  EXPECT_EQ(panics(member(Module::Math, "Sqrt"), {str("x")}),
            "cannot use string as float value in argument to math.Sqrt");
  EXPECT_EQ(panics(member(Module::Math, "Inf"), {flt(1)}), "cannot use float as int value in argument to math.Inf");
  EXPECT_EQ(panics(member(Module::Math, "NaN"), {flt(1)}), "too many arguments in call to math.NaN");
}

TEST_F(LibNativesTest, OsGetenvAndReadFile) {
  ::setenv("GORO_LIB_TEST_VAR", "hello", 1);
  EXPECT_EQ(ok(member(Module::Os, "Getenv"), {str("GORO_LIB_TEST_VAR")}), "hello");
  EXPECT_EQ(ok(member(Module::Os, "Getenv"), {str("GORO_LIB_TEST_UNSET_VAR")}), "");

  std::string path = ::testing::TempDir() + "goro_readfile_test.txt";
  {
    std::ofstream f(path, std::ios::binary);
    f << "line 1\nline 2\n";
  }
  NativeFn readFile = member(Module::Os, "ReadFile");
  CallResult r = call(readFile, {str(path)});
  EXPECT_EQ(r.count, 2u);
  EXPECT_EQ(text(r.r0), "line 1\nline 2\n");
  EXPECT_TRUE(r.r1.isNil());
  std::remove(path.c_str());

  r = call(readFile, {str("/nonexistent/goro.txt")});
  EXPECT_EQ(r.count, 2u);
  EXPECT_TRUE(r.r0.isNil());
  EXPECT_EQ(text(r.r1), "open /nonexistent/goro.txt: no such file or directory");
  r = call(readFile, {str("/")});
  EXPECT_EQ(text(r.r1), "read /: is a directory");
}

TEST_F(LibNativesTest, OsExitFlushesAndExits) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  struct ExitContext : testing::TestContext {
    using TestContext::TestContext;
    [[noreturn]] void exitProcess(int code) override {
      std::fputs("flushed", stderr);
      std::fflush(stderr);
      ::_exit(code);
    }
  };
  EXPECT_EXIT(
      {
        ExitContext exitCx(cache);
        Value arg = Value::smallInt(3);
        Value results[2];
        member(Module::Os, "Exit")(exitCx, &arg, 1, results);
      },
      ::testing::ExitedWithCode(3), "flushed");
}

TEST_F(LibNativesTest, TimeAndRuntime) {
  CallResult a = call(member(Module::Time, "Now"), {});
  CallResult b = call(member(Module::Time, "Now"), {});
  ASSERT_TRUE(isInt(a.r0));
  EXPECT_LE(intOf(a.r0), intOf(b.r0));
  CallResult since = call(member(Module::Time, "Since"), {a.r0});
  EXPECT_GE(intOf(since.r0), 0);
  EXPECT_EQ(typeName(since.r0), "time.Duration");
  EXPECT_EQ(panics(member(Module::Time, "Since"), {str("x")}),
            "cannot use string as int value in argument to time.Since");

  CallResult cpus = call(member(Module::Runtime, "NumCPU"), {});
  EXPECT_GE(intOf(cpus.r0), 1);

  CallResult stats = call(member(Module::Runtime, "ReadMemStats"), {});
  ASSERT_EQ(typeName(stats.r0), "map");
  auto* m = static_cast<runtime::Map*>(stats.r0.asObject());
  for (const char* key : {"HeapAlloc", "HeapObjects", "TotalAlloc", "Mallocs", "Frees", "HeapSys", "NumGC",
                          "PauseTotalNs"}) {
    bool found = false;
    Value v = mapGet(m, str(key), &found);
    EXPECT_TRUE(found) << key;
    EXPECT_TRUE(isInt(v)) << key;
  }
  bool found = false;
  EXPECT_GT(intOf(mapGet(m, str("HeapAlloc"), &found)), 0);
}

TEST_F(LibNativesTest, StrconvParsesAsGo) {
  NativeFn parseInt = member(Module::Strconv, "ParseInt");
  auto parsed = [&](std::string_view s, int64_t base, int64_t bits) {
    CallResult r = call(parseInt, {str(s), Value::smallInt(base), Value::smallInt(bits)});
    EXPECT_EQ(r.count, 2u);
    return text(r.r0) + "|" + text(r.r1);
  };
  EXPECT_EQ(parsed("9223372036854775807", 10, 64), "9223372036854775807|<nil>");
  EXPECT_EQ(parsed("-9223372036854775808", 10, 64), "-9223372036854775808|<nil>");
  EXPECT_EQ(parsed("-9223372036854775809", 10, 64),
            "-9223372036854775808|strconv.ParseInt: parsing \"-9223372036854775809\": value out of range");
  EXPECT_EQ(parsed("18446744073709551616", 10, 64),
            "9223372036854775807|strconv.ParseInt: parsing \"18446744073709551616\": value out of range");
  EXPECT_EQ(parsed("-1", 10, 1), "-1|<nil>");
  EXPECT_EQ(parsed("1", 10, 1), "0|strconv.ParseInt: parsing \"1\": value out of range");
  EXPECT_EQ(parsed("0B11", 0, 64), "3|<nil>");
  EXPECT_EQ(parsed("0_7", 0, 64), "7|<nil>");
  EXPECT_EQ(parsed("0x_", 0, 64), "0|strconv.ParseInt: parsing \"0x_\": invalid syntax");
  EXPECT_EQ(parsed("+", 10, 64), "0|strconv.ParseInt: parsing \"+\": invalid syntax");
  EXPECT_EQ(parsed("12", 10, -1), "0|strconv.ParseInt: parsing \"12\": invalid bit size -1");
  NativeFn parseUint = member(Module::Strconv, "ParseUint");
  CallResult u = call(parseUint, {str("18446744073709551615"), Value::smallInt(10), Value::smallInt(64)});
  EXPECT_EQ(text(u.r0), "9223372036854775807");  // Goro's ints stop at int64
  EXPECT_EQ(text(u.r1), "strconv.ParseUint: parsing \"18446744073709551615\": value out of range");
  EXPECT_EQ(panics(member(Module::Strconv, "FormatInt"), {Value::smallInt(1), Value::smallInt(1)}),
            "strconv: illegal AppendInt/FormatInt base");
  EXPECT_EQ(panics(member(Module::Strconv, "Atoi"), {Value::smallInt(1)}),
            "cannot use int as string value in argument to strconv.Atoi");
  EXPECT_EQ(panics(member(Module::Strconv, "FormatBool"), {Value::smallInt(1)}),
            "cannot use int as bool value in argument to strconv.FormatBool");
  EXPECT_EQ(ok(member(Module::Strconv, "FormatInt"), {num(INT64_MIN / 2), Value::smallInt(36)}),
            "-z1ci99jj7474");
}

TEST_F(LibNativesTest, SortNativesSortInPlace) {
  Value a = array({Value::smallInt(3), num(int64_t{1} << 60), Value::smallInt(-2), Value::smallInt(3)});
  EXPECT_EQ(call(member(Module::Sort, "Ints"), {a}).count, 0u);
  EXPECT_EQ(text(a), "[-2 3 3 1152921504606846976]");
  Value f = array({flt(1.5), flt(std::nan("")), Value::smallInt(1), flt(-0.0)});
  call(member(Module::Sort, "Float64s"), {f});
  EXPECT_EQ(text(f), "[NaN -0 1 1.5]");
  EXPECT_EQ(ok(member(Module::Sort, "SearchInts"), {a, Value::smallInt(3)}), "1");
  EXPECT_EQ(panics(member(Module::Sort, "Strings"), {array({str("a"), Value::nil()})}),
            "cannot use nil as string value in array element of argument to sort.Strings");
}

// With a collection at every allocation, every object a native or the map
// holds across an allocation must be rooted, or the checks below read
// freed memory (poisoned or clobbered).
class LibStressTest : public LibNativesTest {
 protected:
  void SetUp() override {
    LibNativesTest::SetUp();
    gc::setStressMode(true);
  }
  void TearDown() override {
    gc::setStressMode(false);
    LibNativesTest::TearDown();
  }
};

TEST_F(LibStressTest, MapGrowthAndFormattingSurviveCollections) {
  uint64_t before = gc::numGC();
  Value m = keep(Value::object(newMap(cache, 0)));
  auto* map = static_cast<runtime::Map*>(m.asObject());
  NativeFn str_ = builtin(Builtin::Str);
  for (int i = 0; i < 600; i++) {
    CallResult k = call(str_, {Value::smallInt(i)});       // a fresh string key
    Value v = str("value-" + std::to_string(i));
    ASSERT_TRUE(mapSet(cache, map, k.r0, v));
    ASSERT_TRUE(mapSet(cache, map, flt(1e15 + i), Value::smallInt(i)));  // boxed-int keys
    if (i % 3 == 0) mapDelete(map, k.r0);
    roots.resize(roots.size() - 4);  // call()'s three slots and v: only the map keeps them now
  }
  EXPECT_GT(gc::numGC(), before + 1000);
  EXPECT_EQ(mapLen(map), 1000u);
  for (int i = 0; i < 600; i++) {
    bool found = false;
    Value v = mapGet(map, str(std::to_string(i)), &found);
    ASSERT_EQ(found, i % 3 != 0) << i;
    if (found) {
      ASSERT_EQ(text(v), "value-" + std::to_string(i));
    }
    v = mapGet(map, num(1000000000000000 + i), &found);
    ASSERT_TRUE(found);
    ASSERT_EQ(v, Value::smallInt(i));
  }
  std::string all = text(m);
  EXPECT_EQ(all.substr(0, 61), "map[1000000000000000:0 1:value-1 1000000000000001:1 2:value-2");
  EXPECT_NE(all.find(" 1000000000000599:599]"), std::string::npos);

  // The allocating natives, under the same regime.
  CallResult parts = call(member(Module::Strings, "Split"), {str("a b c d e f g h"), str(" ")});
  EXPECT_EQ(text(parts.r0), "[a b c d e f g h]");
  CallResult joined = call(member(Module::Strings, "Join"), {parts.r0, str("-")});
  EXPECT_EQ(text(joined.r0), "a-b-c-d-e-f-g-h");
  CallResult fields = call(member(Module::Strings, "Fields"), {str(" x  y z ")});
  EXPECT_EQ(text(fields.r0), "[x y z]");
  Value a = array({});
  for (int i = 0; i < 200; i++) call(builtin(Builtin::Append), {a, str(std::to_string(i)), flt(i + 0.5)});
  EXPECT_EQ(arrayView(static_cast<runtime::Array*>(a.asObject())).length, 400u);
  EXPECT_EQ(text(keep(toStr(cache, a))).substr(0, 20), "[0 0.5 1 1.5 2 2.5 3");
  std::string error;
  runtime::Array* slice = arraySlice(cache, static_cast<runtime::Array*>(a.asObject()), 396, kSliceToEnd, &error);
  ASSERT_NE(slice, nullptr);
  EXPECT_EQ(text(Value::object(slice)), "[198 198.5 199 199.5]");
  CallResult sprintf = call(member(Module::Fmt, "Sprintf"), {str("%v|%5.1f|%q"), m, flt(2.25), parts.r0});
  std::string formatted = text(sprintf.r0);
  EXPECT_EQ(formatted.substr(0, 22), "map[1000000000000000:0");
  EXPECT_TRUE(formatted.ends_with(" 1000000000000599:599]|  2.2|[\"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" \"h\"]"))
      << formatted.substr(formatted.size() - 60);
  CallResult stats = call(member(Module::Runtime, "ReadMemStats"), {});
  EXPECT_EQ(mapLen(static_cast<runtime::Map*>(stats.r0.asObject())), 11u);

  // A strings.Builder's buffer is reachable only through the builder: it
  // must survive every collection while it grows.
  Value b = keep(call(member(Module::Strings, "Builder"), {}).r0);
  NativeFn writeString = methodNative(*findMethod(runtime::Kind::Builder, "WriteString"));
  std::string want;
  for (int i = 0; i < 300; i++) {
    std::string piece = std::to_string(i) + ",";
    call(writeString, {b, str(piece)});
    want += piece;
  }
  CallResult built = call(methodNative(*findMethod(runtime::Kind::Builder, "String")), {b});
  EXPECT_EQ(text(built.r0), want);
  CallResult replaced = call(member(Module::Strings, "ReplaceAll"), {built.r0, str(","), str(";;")});
  EXPECT_EQ(text(replaced.r0).substr(0, 12), "0;;1;;2;;3;;");
  EXPECT_EQ(text(keep(memberConstant(cache, Member::MathMinInt64))), "-9223372036854775808");
}

}  // namespace
}  // namespace goro::lang::lib

// lang/lib/native_table.cpp: the table from built-ins and module members to
// natives (lang/lib/native_table.h), and the values of the Value members.
//
// nullptr marks what the interpreter and scheduler implement themselves:
// make, close, panic, recover; time.Sleep; sync.WaitGroup and sync.Mutex;
// runtime.GOMAXPROCS, NumGoroutine, GC and Gosched; os.Args.
#include "lang/lib/native_table.h"

#include <cstdint>
#include <limits>

#include "gc/constructors.h"
#include "lang/lib/natives.h"

namespace goro::lang::lib {

using runtime::Value;

NativeFn nativeForBuiltin(syntax::Builtin b) {
  switch (b) {
    case syntax::Builtin::Len: return lib::builtinLen;
    case syntax::Builtin::Cap: return lib::builtinCap;
    case syntax::Builtin::Append: return lib::builtinAppend;
    case syntax::Builtin::Delete: return lib::builtinDelete;
    case syntax::Builtin::Print: return lib::builtinPrint;
    case syntax::Builtin::Println: return lib::builtinPrintln;
    case syntax::Builtin::Str: return lib::builtinStr;
    case syntax::Builtin::Int: return lib::builtinInt;
    case syntax::Builtin::Float: return lib::builtinFloat;
    case syntax::Builtin::Type: return lib::builtinType;
    case syntax::Builtin::Make:
    case syntax::Builtin::Close:
    case syntax::Builtin::Panic:
    case syntax::Builtin::Recover:
    case syntax::Builtin::Count: return nullptr;
  }
  return nullptr;
}

NativeFn nativeForMember(syntax::Member m) {
  switch (m) {
    case syntax::Member::FmtPrintln: return lib::fmtPrintln;
    case syntax::Member::FmtPrint: return lib::fmtPrint;
    case syntax::Member::FmtPrintf: return lib::fmtPrintf;
    case syntax::Member::FmtSprintf: return lib::fmtSprintf;
    case syntax::Member::FmtSprint: return lib::fmtSprint;
    case syntax::Member::RuntimeNumCPU: return lib::runtimeNumCPU;
    case syntax::Member::RuntimeReadMemStats: return lib::runtimeReadMemStats;
    case syntax::Member::TimeNow: return lib::timeNow;
    case syntax::Member::TimeSince: return lib::timeSince;
    case syntax::Member::OsExit: return lib::osExit;
    case syntax::Member::OsGetenv: return lib::osGetenv;
    case syntax::Member::OsReadFile: return lib::osReadFile;
    case syntax::Member::StringsSplit: return lib::stringsSplit;
    case syntax::Member::StringsJoin: return lib::stringsJoin;
    case syntax::Member::StringsContains: return lib::stringsContains;
    case syntax::Member::StringsHasPrefix: return lib::stringsHasPrefix;
    case syntax::Member::StringsHasSuffix: return lib::stringsHasSuffix;
    case syntax::Member::StringsRepeat: return lib::stringsRepeat;
    case syntax::Member::StringsIndex: return lib::stringsIndex;
    case syntax::Member::StringsToUpper: return lib::stringsToUpper;
    case syntax::Member::StringsToLower: return lib::stringsToLower;
    case syntax::Member::StringsTrimSpace: return lib::stringsTrimSpace;
    case syntax::Member::StringsFields: return lib::stringsFields;
    case syntax::Member::MathSqrt: return lib::mathSqrt;
    case syntax::Member::MathFloor: return lib::mathFloor;
    case syntax::Member::MathCeil: return lib::mathCeil;
    case syntax::Member::MathAbs: return lib::mathAbs;
    case syntax::Member::MathPow: return lib::mathPow;
    case syntax::Member::MathMax: return lib::mathMax;
    case syntax::Member::MathMin: return lib::mathMin;
    case syntax::Member::MathInf: return lib::mathInf;
    case syntax::Member::MathNaN: return lib::mathNaN;
    default: return nullptr;  // the scheduler's and interpreter's, and Value members
  }
}

Value memberValue(alloc::MCache& cache, syntax::Member m) {
  switch (m) {
    case syntax::Member::TimeNanosecond: return Value::smallInt(1);
    case syntax::Member::TimeMicrosecond: return Value::smallInt(1000);
    case syntax::Member::TimeMillisecond: return Value::smallInt(1000000);
    case syntax::Member::TimeSecond: return Value::smallInt(1000000000);
    case syntax::Member::MathPi: return Value::fromFloat(3.141592653589793);
    case syntax::Member::MathMaxInt64: return gc::makeInt(cache, std::numeric_limits<int64_t>::max());
    case syntax::Member::MathMinInt64: return gc::makeInt(cache, std::numeric_limits<int64_t>::min());
    default: return Value::nil();
  }
}

}  // namespace goro::lang::lib

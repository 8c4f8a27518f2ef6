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

namespace goro::lang {

using runtime::Value;

NativeFn nativeForBuiltin(Builtin b) {
  switch (b) {
    case Builtin::Len: return lib::builtinLen;
    case Builtin::Cap: return lib::builtinCap;
    case Builtin::Append: return lib::builtinAppend;
    case Builtin::Delete: return lib::builtinDelete;
    case Builtin::Print: return lib::builtinPrint;
    case Builtin::Println: return lib::builtinPrintln;
    case Builtin::Str: return lib::builtinStr;
    case Builtin::Int: return lib::builtinInt;
    case Builtin::Float: return lib::builtinFloat;
    case Builtin::Type: return lib::builtinType;
    case Builtin::Make:
    case Builtin::Close:
    case Builtin::Panic:
    case Builtin::Recover:
    case Builtin::Count: return nullptr;
  }
  return nullptr;
}

NativeFn nativeForMember(Member m) {
  switch (m) {
    case Member::FmtPrintln: return lib::fmtPrintln;
    case Member::FmtPrint: return lib::fmtPrint;
    case Member::FmtPrintf: return lib::fmtPrintf;
    case Member::FmtSprintf: return lib::fmtSprintf;
    case Member::FmtSprint: return lib::fmtSprint;
    case Member::RuntimeNumCPU: return lib::runtimeNumCPU;
    case Member::RuntimeReadMemStats: return lib::runtimeReadMemStats;
    case Member::TimeNow: return lib::timeNow;
    case Member::TimeSince: return lib::timeSince;
    case Member::OsExit: return lib::osExit;
    case Member::OsGetenv: return lib::osGetenv;
    case Member::OsReadFile: return lib::osReadFile;
    case Member::StringsSplit: return lib::stringsSplit;
    case Member::StringsJoin: return lib::stringsJoin;
    case Member::StringsContains: return lib::stringsContains;
    case Member::StringsHasPrefix: return lib::stringsHasPrefix;
    case Member::StringsHasSuffix: return lib::stringsHasSuffix;
    case Member::StringsRepeat: return lib::stringsRepeat;
    case Member::StringsIndex: return lib::stringsIndex;
    case Member::StringsToUpper: return lib::stringsToUpper;
    case Member::StringsToLower: return lib::stringsToLower;
    case Member::StringsTrimSpace: return lib::stringsTrimSpace;
    case Member::StringsFields: return lib::stringsFields;
    case Member::MathSqrt: return lib::mathSqrt;
    case Member::MathFloor: return lib::mathFloor;
    case Member::MathCeil: return lib::mathCeil;
    case Member::MathAbs: return lib::mathAbs;
    case Member::MathPow: return lib::mathPow;
    case Member::MathMax: return lib::mathMax;
    case Member::MathMin: return lib::mathMin;
    case Member::MathInf: return lib::mathInf;
    case Member::MathNaN: return lib::mathNaN;
    default: return nullptr;  // the scheduler's and interpreter's, and Value members
  }
}

Value memberValue(alloc::MCache& cache, Member m) {
  switch (m) {
    case Member::TimeNanosecond: return Value::smallInt(1);
    case Member::TimeMicrosecond: return Value::smallInt(1000);
    case Member::TimeMillisecond: return Value::smallInt(1000000);
    case Member::TimeSecond: return Value::smallInt(1000000000);
    case Member::MathPi: return Value::fromFloat(3.141592653589793);
    case Member::MathMaxInt64: return gc::makeInt(cache, std::numeric_limits<int64_t>::max());
    case Member::MathMinInt64: return gc::makeInt(cache, std::numeric_limits<int64_t>::min());
    default: return Value::nil();
  }
}

}  // namespace goro::lang

// lang/lib/fmt.cpp: the fmt module (Println, Print, Printf, Sprintf,
// Sprint) over lang/value/format.h. The printing functions return Go's results,
// the number of bytes written and a nil error.
#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "lang/value/format.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

uint32_t wrote(NativeContext& cx, const std::string& text, Value* results) {
  cx.writeStdout(text);
  results[0] = gc::makeInt(cx.cache(), static_cast<int64_t>(text.size()));
  results[1] = Value::nil();
  return 2;
}

}  // namespace

uint32_t fmtPrintln(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string text;
  value::appendSprintln(text, args, nargs);
  return wrote(cx, text, results);
}

uint32_t fmtPrint(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string text;
  value::appendSprint(text, args, nargs);
  return wrote(cx, text, results);
}

uint32_t fmtPrintf(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "fmt.Printf", args, nargs);
  std::string_view format;
  if (!check.atLeast(1) || !check.string(0, &format)) return 0;
  std::string text;
  value::appendSprintf(text, format, args + 1, nargs - 1);
  return wrote(cx, text, results);
}

uint32_t fmtSprintf(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "fmt.Sprintf", args, nargs);
  std::string_view format;
  if (!check.atLeast(1) || !check.string(0, &format)) return 0;
  std::string text;
  value::appendSprintf(text, format, args + 1, nargs - 1);
  return returnString(cx, results, text);
}

uint32_t fmtSprint(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string text;
  value::appendSprint(text, args, nargs);
  return returnString(cx, results, text);
}

}  // namespace goro::lang::lib

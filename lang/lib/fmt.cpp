// lang/lib/fmt.cpp: the fmt module (Println, Print, Printf, Sprintf,
// Sprint, and Fprintln, Fprint, Fprintf to a *os.File) over
// lang/value/format.h. The printing functions return Go's results, the
// number of bytes written and a nil error (or the write's error).
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

// fmt.Fprintln(w, ...), Fprint, Fprintf: w is a *os.File (os.Stdout,
// os.Stderr; writing a file from os.Open gives Go's error).
namespace {

bool fileArgument(Args& check, const Value* args) {
  if (!check.atLeast(1)) return false;
  if (isFile(args[0])) return true;
  check.typeError(0, "*os.File");
  return false;
}

// Fprintln and Fprint: the operands after the file, formatted by `format`.
uint32_t fprintOperands(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, Value* results,
                        void (*format)(std::string&, const Value*, size_t)) {
  Args check(cx, fn, args, nargs);
  if (!fileArgument(check, args)) return 0;
  std::string text;
  format(text, args + 1, nargs - 1);
  return writeFileResults(cx, args[0], text, results);
}

}  // namespace

uint32_t fmtFprintln(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return fprintOperands(cx, "fmt.Fprintln", args, nargs, results, value::appendSprintln);
}

uint32_t fmtFprint(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return fprintOperands(cx, "fmt.Fprint", args, nargs, results, value::appendSprint);
}

uint32_t fmtFprintf(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "fmt.Fprintf", args, nargs);
  std::string_view format;
  if (!fileArgument(check, args) || !check.atLeast(2) || !check.string(1, &format)) return 0;
  std::string text;
  value::appendSprintf(text, format, args + 2, nargs - 2);
  return writeFileResults(cx, args[0], text, results);
}

}  // namespace goro::lang::lib

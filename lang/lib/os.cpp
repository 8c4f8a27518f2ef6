// lang/lib/os.cpp: the os module's functions (os.Args is the
// interpreter's). ReadFile returns (contents, nil) or (nil, error text),
// the text being Go's *PathError (runtime/whole_file.h): "open PATH: no such
// file or directory", "read PATH: is a directory".
#include <cstdlib>
#include <string>

#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "runtime/whole_file.h"

namespace goro::lang::lib {

using runtime::Value;

uint32_t osExit(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "os.Exit", args, nargs);
  int64_t code;
  if (!check.count(1) || !check.integer(0, &code)) return 0;
  cx.exitProcess(static_cast<int>(code));
  return 0;  // not reached
}

uint32_t osGetenv(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "os.Getenv", args, nargs);
  std::string_view name;
  if (!check.count(1) || !check.string(0, &name)) return 0;
  const char* value = std::getenv(std::string(name).c_str());
  return returnString(cx, results, value != nullptr ? value : "");
}

uint32_t osReadFile(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "os.ReadFile", args, nargs);
  std::string_view path;
  if (!check.count(1) || !check.string(0, &path)) return 0;
  std::string contents;
  std::string error;
  std::string file(path);  // copied: no heap access inside the system call
  bool ok;
  {
    // A blocking system call: the P is free for other goroutines meanwhile.
    BlockingCall<syntax::Member::OsReadFile> call(cx);
    ok = runtime::readWholeFile(file, &contents, &error);
  }
  results[ok ? 1 : 0] = Value::nil();
  returnString(cx, &results[ok ? 0 : 1], ok ? contents : error);
  return 2;
}

}  // namespace goro::lang::lib

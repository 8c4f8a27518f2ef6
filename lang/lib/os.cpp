// lang/lib/os.cpp: the os module's functions (os.Args is the
// interpreter's). ReadFile returns (contents, nil) or (nil, error text),
// the text being Go's *PathError: "open PATH: no such file or directory",
// "read PATH: is a directory"; the errno descriptions are the C library's
// with a lower-case first letter, which is how Go spells them.
#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "gc/constructors.h"
#include "lang/lib/natives.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

// strerror_r, which unlike strerror may be called from several threads at
// once, comes in two flavours: GNU's returns the text (not necessarily in
// buf), XSI's fills buf and returns 0.
[[maybe_unused]] const char* errorText(const char* gnuResult, const char*) { return gnuResult; }
[[maybe_unused]] const char* errorText(int xsiResult, const char* buf) {
  return xsiResult == 0 ? buf : "unknown error";
}

std::string pathError(std::string_view op, std::string_view path, int err) {
  std::string msg(op);
  msg += ' ';
  msg += path;
  msg += ": ";
  char buf[256];
  std::string text = errorText(::strerror_r(err, buf, sizeof buf), buf);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  msg += text;
  return msg;
}

// Reads the whole file, or returns the Go error text in *error.
bool readWholeFile(const std::string& path, std::string* contents, std::string* error) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    *error = pathError("open", path, errno);
    return false;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = pathError("read", path, errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    contents->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

}  // namespace

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
    ok = readWholeFile(file, &contents, &error);
  }
  results[ok ? 1 : 0] = Value::nil();
  returnString(cx, &results[ok ? 0 : 1], ok ? contents : error);
  return 2;
}

}  // namespace goro::lang::lib

// lang/lib/os.cpp: the os module's functions (os.Args is the
// interpreter's). ReadFile returns (contents, nil) or (nil, error text),
// the text being Go's *PathError (runtime/whole_file.h): "open PATH: no such
// file or directory", "read PATH: is a directory". WriteFile(path, data[,
// perm]) and Remove(path) return nil or such an error text. Each file
// operation is a blocking system call (BlockingCall): the goroutine's P
// runs other goroutines meanwhile. os.Stdin is a *os.File object for
// descriptor 0, and os.Open(path) returns such an object (and nil) or nil
// and the error; both are read through bufio.NewScanner (bufio.cpp), and
// f.Close() closes the descriptor (nil, or the error; Go's "file already
// closed" the second time). Closing os.Stdin is allowed, as in Go.
#include <atomic>
#include <cstdlib>
#include <string>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
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

uint32_t osWriteFile(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "os.WriteFile", args, nargs);
  std::string_view path;
  std::string_view data;
  int64_t perm = 0644;
  if (!check.atLeast(2) || (nargs > 3 && !check.count(3)) || !check.string(0, &path) || !check.string(1, &data) ||
      (nargs == 3 && !check.integer(2, &perm))) {
    return 0;
  }
  // Copied: no heap access inside the system call.
  std::string file(path);
  std::string contents(data);
  std::string error;
  bool ok;
  {
    BlockingCall<syntax::Member::OsWriteFile> call(cx);
    ok = runtime::writeWholeFile(file, contents, &error, static_cast<unsigned>(perm) & 07777);
  }
  if (ok) {
    results[0] = Value::nil();
    return 1;
  }
  return returnString(cx, results, error);
}

uint32_t osRemove(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "os.Remove", args, nargs);
  std::string_view path;
  if (!check.count(1) || !check.string(0, &path)) return 0;
  std::string file(path);
  std::string error;
  bool ok;
  {
    BlockingCall<syntax::Member::OsRemove> call(cx);
    ok = runtime::removePath(file, &error);
  }
  if (ok) {
    results[0] = Value::nil();
    return 1;
  }
  return returnString(cx, results, error);
}

namespace {

runtime::File* newFile(alloc::MCache& cache, std::string_view name, int fd) {
  gc::Handle<runtime::String> n(gc::newString(cache, name));
  auto* f = gc::allocateAs<runtime::File>(cache, runtime::Kind::File, sizeof(runtime::File));
  f->name = n.get();
  f->fd = fd;
  f->padding = 0;
  return f;
}

}  // namespace

// Go names standard input "/dev/stdin" in its errors.
Value osStdin(alloc::MCache& cache) { return Value::object(newFile(cache, "/dev/stdin", 0)); }

uint32_t osOpen(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "os.Open", args, nargs);
  std::string_view path;
  if (!check.count(1) || !check.string(0, &path)) return 0;
  std::string file(path);
  std::string error;
  int fd;
  {
    BlockingCall<syntax::Member::OsOpen> call(cx);
    fd = runtime::openForReading(file, &error);
  }
  if (fd < 0) {
    results[0] = Value::nil();
    returnString(cx, &results[1], error);
    return 2;
  }
  results[1] = Value::nil();
  results[0] = Value::object(newFile(cx.cache(), file, fd));
  return 2;
}

uint32_t fileClose(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "File.Close", args + 1, nargs - 1).count(0)) return 0;
  auto* f = static_cast<runtime::File*>(args[0].asObject());
  std::string name(f->name->data, f->name->length);
  int fd = std::atomic_ref<int32_t>(f->fd).exchange(-1);
  if (fd < 0) return returnString(cx, results, "close " + name + ": file already closed");
  std::string error;
  bool ok;
  {
    BlockingCall<syntax::Method::FileClose> call(cx);
    ok = runtime::closeFile(fd, name, &error);
  }
  if (ok) {
    results[0] = Value::nil();
    return 1;
  }
  return returnString(cx, results, error);
}

}  // namespace goro::lang::lib

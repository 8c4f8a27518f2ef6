// lang/lib/os.cpp: the os module's functions (os.Args is the
// interpreter's). ReadFile returns (contents, nil) or (nil, error text),
// the text being Go's *PathError (runtime/whole_file.h): "open PATH: no such
// file or directory", "read PATH: is a directory". WriteFile(path, data[,
// perm]) and Remove(path) return nil or such an error text. Each file
// operation is a blocking system call (BlockingCall): the goroutine's P
// runs other goroutines meanwhile. os.Stdin is a *os.File object for
// descriptor 0 (os.Stdout and os.Stderr the same for 1 and 2, written
// with f.WriteString(s) and fmt.Fprintln(f, ...)), and os.Open(path) returns such an object (and nil) or nil
// and the error; both are read through bufio.NewScanner (bufio.cpp), and
// f.Close() closes the descriptor (nil, or the error; Go's "file already
// closed" the second time). Closing os.Stdin is allowed, as in Go.
#include <atomic>
#include <cerrno>
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

// The descriptors of the three standard files, shared by every object
// that stands for one (each function's os.Stdin constant is its own
// object), so that closing os.Stdin anywhere closes it everywhere.
alignas(std::atomic_ref<int32_t>::required_alignment) int32_t standardFds[] = {0, 1, 2};  // only through atomic_ref

}  // namespace

std::atomic_ref<int32_t> fileDescriptor(runtime::File* f) {
  switch (f->stream) {
    case runtime::FileStream::Stdin:
    case runtime::FileStream::Stdout:
    case runtime::FileStream::Stderr:
      return std::atomic_ref<int32_t>(standardFds[static_cast<int>(f->stream) - 1]);
    default: return std::atomic_ref<int32_t>(f->fd);
  }
}

namespace {

runtime::File* newFile(alloc::MCache& cache, std::string_view name, int fd, runtime::FileStream stream) {
  gc::Handle<runtime::String> n(gc::newString(cache, name));
  auto* f = gc::allocateAs<runtime::File>(cache, runtime::Kind::File, sizeof(runtime::File));
  f->name = n.get();
  f->fd = fd;
  f->stream = stream;
  return f;
}

}  // namespace

// Go names the standard files "/dev/stdin" ... in its errors.
Value osStdin(alloc::MCache& cache) {
  return Value::object(newFile(cache, "/dev/stdin", 0, runtime::FileStream::Stdin));
}
Value osStdout(alloc::MCache& cache) {
  return Value::object(newFile(cache, "/dev/stdout", 1, runtime::FileStream::Stdout));
}
Value osStderr(alloc::MCache& cache) {
  return Value::object(newFile(cache, "/dev/stderr", 2, runtime::FileStream::Stderr));
}

namespace {

// Writes text to f as Go's f.WriteString does: standard output and error
// through the interpreter (in order with fmt.Println and println); a file
// from os.Open was opened read-only. Returns false with *error set.
bool writeToFile(NativeContext& cx, runtime::File* f, std::string_view text, std::string* error) {
  std::string name(f->name->data, f->name->length);
  if (fileDescriptor(f).load() < 0) {
    *error = "write " + name + ": file already closed";
    return false;
  }
  switch (f->stream) {
    case runtime::FileStream::Stdout: cx.writeStdout(text); return true;
    case runtime::FileStream::Stderr: cx.writeStderr(text); return true;
    default: *error = runtime::pathError("write", name, EBADF); return false;
  }
}

}  // namespace

bool isFile(Value v) { return v.isObject() && v.asObject()->kind == runtime::Kind::File; }

uint32_t writeFileResults(NativeContext& cx, Value file, std::string_view text, Value* results) {
  std::string error;
  bool ok = writeToFile(cx, static_cast<runtime::File*>(file.asObject()), text, &error);
  results[0] = gc::makeInt(cx.cache(), ok ? static_cast<int64_t>(text.size()) : 0);
  if (ok) {
    results[1] = Value::nil();
    return 2;
  }
  returnString(cx, &results[1], error);
  return 2;
}

uint32_t fileWriteString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "File.WriteString", args + 1, nargs - 1);
  std::string_view text;
  if (!check.count(1) || !check.string(0, &text)) return 0;
  std::string copy(text);  // makeInt and returnString may collect
  return writeFileResults(cx, args[0], copy, results);
}

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
  results[0] = Value::object(newFile(cx.cache(), file, fd, runtime::FileStream::Opened));
  return 2;
}

uint32_t fileClose(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "File.Close", args + 1, nargs - 1).count(0)) return 0;
  auto* f = static_cast<runtime::File*>(args[0].asObject());
  std::string name(f->name->data, f->name->length);
  int fd = fileDescriptor(f).exchange(-1);
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

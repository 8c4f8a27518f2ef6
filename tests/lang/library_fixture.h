// tests/lang/library_fixture.h: a heap fixture for the value library's tests
// (values, maps, arrays, formatting, natives) and a NativeContext that
// captures what natives write and the panics they raise.
//
// Rooting: every Value a test makes goes into the fixture's `roots` (the
// `test` root class) before the next allocation, through str()/keep(); the
// arguments and results of call() live there too, as a goroutine's stack
// slots would.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "gc/constructors.h"
#include "lang/lib/native_context.h"
#include "lang/value/format.h"
#include "lang/value/value_ops.h"
#include "tests/support/heap_fixture.h"

namespace goro::lang::testing {

class TestContext : public lib::NativeContext {
 public:
  explicit TestContext(alloc::MCache& cache) : cache_(cache) {}

  alloc::MCache& cache() override { return cache_; }
  void panicValue(runtime::Value v) override {
    panicked = true;
    panicMessage.clear();
    value::appendValue(panicMessage, v);
  }
  void panicString(std::string_view msg) override {
    panicked = true;
    panicMessage = msg;
  }
  bool panicking() const override { return panicked; }
  void writeStdout(std::string_view text) override { out += text; }
  void writeStderr(std::string_view text) override { err += text; }
  const std::vector<std::string>& scriptArgs() const override { return args; }

  bool panicked = false;
  std::string panicMessage;
  std::string out;
  std::string err;
  std::vector<std::string> args;

 private:
  alloc::MCache& cache_;
};

// What a native returned.
struct CallResult {
  uint32_t count = 0;
  runtime::Value r0;
  runtime::Value r1;
};

class LibTest : public goro::testing::HeapTest {
 protected:
  void SetUp() override {
    HeapTest::SetUp();
    roots.reserve(1 << 16);
  }

  // A rooted Value.
  runtime::Value keep(runtime::Value v) {
    roots.push_back(v);
    return v;
  }
  runtime::Value str(std::string_view s) { return keep(runtime::Value::object(gc::newString(cache, s))); }
  runtime::Value num(int64_t i) { return keep(gc::makeInt(cache, i)); }
  static runtime::Value flt(double d) { return runtime::Value::fromFloat(d); }

  // Calls a native with rooted argument and result slots.
  CallResult call(lib::NativeFn fn, std::initializer_list<runtime::Value> args) {
    size_t base = roots.size();
    for (runtime::Value v : args) roots.push_back(v);
    size_t resultsAt = roots.size();
    roots.push_back(runtime::Value::nil());
    roots.push_back(runtime::Value::nil());
    CallResult r;
    r.count = fn(cx, roots.data() + base, static_cast<uint32_t>(args.size()), roots.data() + resultsAt);
    r.r0 = roots[resultsAt];
    r.r1 = roots[resultsAt + 1];
    return r;
  }

  // The %v text of v.
  static std::string text(runtime::Value v) {
    std::string s;
    value::appendValue(s, v);
    return s;
  }
  static std::string sprintf(std::string_view format, std::initializer_list<runtime::Value> args) {
    std::string s;
    value::appendSprintf(s, format, args.begin(), args.size());
    return s;
  }

  TestContext cx{cache};
};

}  // namespace goro::lang::testing

// Interpreter unit tests: running a goroutine to completion, preemption and
// resumption at safe points, collection at every allocation, panics and
// stack overflow as RunResults, and goroutines started with arguments (what
// the scheduler does). The compiler has its own tests
// (tests/lang/compiler/compiler_test.cpp); the language itself is tested by
// the golden scripts (tests/lang/golden, run_golden.sh).
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "alloc/mcache.h"
#include "gc/collector.h"
#include "gc/handles.h"
#include "lang/compiler/compiler.h"
#include "lang/syntax/frontend.h"
#include "lang/value/value_ops.h"
#include "lang/vm/interp.h"

namespace goro::lang::vm {
namespace {

using namespace goro::lang::compiler;
using namespace goro::lang::syntax;
using namespace goro::lang::value;

using runtime::Value;

// A compiled and loaded program with goroutine 1 ready to run its chunk.
struct Loaded {
  alloc::MCache cache;
  Interp in;
  Program program;
  runtime::GState* g = nullptr;
  std::string errors;

  bool load(const std::string& text) {
    Source src("test.goro", text);
    Diagnostics diags(src);
    std::unique_ptr<File> file = parseAndResolve(src, diags);
    if (file == nullptr || !compileProgram(*file, diags, program)) {
      errors = diags.format();
      return false;
    }
    gc::Handle<runtime::FuncProto> chunk(materialize(cache, *program.chunk, "test.goro"));
    in.load(cache, program, chunk.get());
    g = in.newGoroutine(cache, in.chunkClosure(), nullptr, 0);
    return true;
  }
  RunResult run(const std::atomic<uint32_t>* preempt = nullptr) {
    RunContext rc;
    rc.cache = &cache;
    rc.preempt = preempt;
    return runGoroutine(in, g, rc);
  }
  Value global(const std::string& name) const {
    for (size_t i = 0; i < program.globalNames.size(); i++) {
      if (program.globalNames[i] == name) return in.globals()->slots[i];
    }
    ADD_FAILURE() << "no global " << name;
    return Value::nil();
  }
  int64_t intGlobal(const std::string& name) const { return intOf(global(name)); }
  std::string stringGlobal(const std::string& name) const { return std::string(stringView(global(name))); }
};

TEST(Interp, RunsTheChunk) {
  Loaded l;
  // (var, not :=, so that they are globals the test can read: resolver.h)
  ASSERT_TRUE(l.load("var x = 6 * 7\nvar s = \"go\" + \"ro\"\nvar big = 1 << 62\n"));
  EXPECT_EQ(l.run(), RunResult::Returned);
  EXPECT_EQ(l.intGlobal("x"), 42);
  EXPECT_EQ(l.stringGlobal("s"), "goro");
  EXPECT_EQ(l.intGlobal("big"), int64_t{1} << 62);
  EXPECT_TRUE(l.global("big").isObject());  // boxed: outside the 50-bit range
}

TEST(Interp, PreemptionAtBackEdgesAndCallsIsResumable) {
  Loaded l;
  ASSERT_TRUE(l.load(
      "func f(n) { if n == 0 { return 0 }\n return f(n - 1) + 1 }\n"
      "var n = 0\nfor i := 0; i < 2000; i++ { n += i }\nvar d = f(300)\n"));
  std::atomic<uint32_t> preempt{1};
  int stops = 0;
  RunResult r;
  while ((r = l.run(&preempt)) == RunResult::Preempted) stops++;
  EXPECT_EQ(r, RunResult::Returned);
  EXPECT_GT(stops, 2000);  // every back-edge and every call is a safe point
  EXPECT_EQ(l.intGlobal("n"), 1999 * 2000 / 2);
  EXPECT_EQ(l.intGlobal("d"), 300);
}

TEST(Interp, CollectingAtEveryAllocationChangesNothing) {
  Loaded l;
  ASSERT_TRUE(l.load(R"(
    func build(n) {
      m := {}
      for i := range n {
        key := "k" + str(i)
        m[key] = [i, i * 1000000000000, func() { return key }]
      }
      return m
    }
    m := build(50)
    var total = 0
    var names = ""
    for k, v := range m {
      total += v[1]
      names += v[2]()
    }
    var count = len(m)
  )"));
  uint64_t cycles = gc::numGC();
  gc::setStressMode(true);
  RunResult r = l.run();
  gc::setStressMode(false);
  EXPECT_GT(gc::numGC() - cycles, 300u);  // a collection at each allocation
  EXPECT_EQ(r, RunResult::Returned);
  EXPECT_EQ(l.intGlobal("count"), 50);
  EXPECT_EQ(l.intGlobal("total"), int64_t{1225} * 1000000000000);
  EXPECT_EQ(l.stringGlobal("names").substr(0, 6), "k0k1k2");
}

TEST(Interp, PanicKeepsTheFramesForTheTraceback) {
  Loaded l;
  ASSERT_TRUE(l.load("func inner() { panic(\"boom\") }\nfunc outer(x) { inner() }\nouter(1)\n"));
  EXPECT_EQ(l.run(), RunResult::Panicked);
  std::string tb;
  l.in.writeTraceback(l.g, tb);
  EXPECT_EQ(tb,
            "goroutine 1 [running]:\n"
            "main.inner()\n\ttest.goro:1\n"
            "main.outer(...)\n\ttest.goro:2\n"
            "main.init()\n\ttest.goro:3\n");
}

TEST(Interp, StackOverflowIsAResult) {
  Loaded l;
  ASSERT_TRUE(l.load("func f(n) { return f(n + 1) }\nf(0)\n"));
  l.in.maxStackBytes = 64 * 1024;
  EXPECT_EQ(l.run(), RunResult::StackOverflow);
  EXPECT_GT(l.g->frameCount, 100u);
  EXPECT_LE(l.g->frameCount * Interp::kFrameBytes, 64u * 1024);
}

TEST(Interp, GoroutineStartedWithArguments) {
  Loaded l;
  ASSERT_TRUE(l.load("var got\nfunc worker(a, rest...) { got = str(a) + \":\" + str(len(rest)) }\n"));
  ASSERT_EQ(l.run(), RunResult::Returned);
  gc::Root fn(l.global("worker"));
  Value args[3] = {Value::smallInt(7), Value::smallInt(8), Value::smallInt(9)};
  runtime::GState* g2 = l.in.newGoroutine(l.cache, fn.get(), args, 3);
  EXPECT_EQ(g2->goid, 2u);
  RunContext rc;
  rc.cache = &l.cache;
  EXPECT_EQ(runGoroutine(l.in, g2, rc), RunResult::Returned);
  EXPECT_EQ(l.stringGlobal("got"), "7:2");
  l.in.releaseGoroutine(g2);
}

// newGoroutine's state (the main goroutine's) starts its call half a page
// into its stack, the slots below it nil (interp.cpp, kEntrySkew: 4K
// aliasing between registers and bytecode); a go statement's goroutine
// starts at slot 0. Both run the same.
TEST(Interp, TheFirstStackStartsHalfAPageIn) {
  Loaded l;
  ASSERT_TRUE(l.load("var got\nfunc worker(a, rest...) { got = str(a) + \":\" + str(len(rest)) }\n"));
  const runtime::GState* g = l.g;
  EXPECT_EQ(g->entrySlot * sizeof(Value), 2048u);
  auto* slots = reinterpret_cast<const Value*>(g->stack->data);
  for (size_t n = 0; n < g->entrySlot; n++) ASSERT_TRUE(slots[n].isNil()) << "slot " << n;
  EXPECT_EQ(slots[g->entrySlot].bits(), l.in.chunkClosure().bits());
  EXPECT_EQ(g->stackTop, g->entrySlot + 1);
  EXPECT_GE(g->stackCapacity(), g->entrySlot + 256);
  ASSERT_EQ(l.run(), RunResult::Returned);

  gc::Root fn(l.global("worker"));
  Value call[3] = {fn.get(), Value::smallInt(1), Value::smallInt(2)};
  gc::Handle<runtime::GState> g2(l.in.prepareGoroutine(l.cache, nullptr, call, 2));  // rooted here, not in allgs
  EXPECT_EQ(g2->entrySlot, 0u);
  EXPECT_EQ(g2->stackTop, 3u);
  RunContext rc;
  rc.cache = &l.cache;
  EXPECT_EQ(runGoroutine(l.in, g2.get(), rc), RunResult::Returned);
  EXPECT_EQ(l.stringGlobal("got"), "1:1");
}

}  // namespace
}  // namespace goro::lang::vm

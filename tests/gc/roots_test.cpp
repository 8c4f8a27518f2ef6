// Root classes: every class is named, scanners are called per class, and
// the counts per class (gctrace) and the retention report (gcroots) are
// right.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "gc/gctrace.h"
#include "gc/handles.h"
#include "runtime/settings.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Value;
using runtime::Vector;

class RootsTest : public testing::HeapTest {};

TEST(RootClasses, EveryClassHasADistinctName) {
  std::set<std::string> names;
  for (size_t c = 0; c < kRootClassCount; c++) names.insert(rootClassName(static_cast<RootClass>(c)));
  EXPECT_EQ(names.size(), kRootClassCount);
  for (const char* n : {"globals", "allgs", "allm", "allp", "sched", "handles"}) EXPECT_TRUE(names.count(n)) << n;
}

struct FakeGlobals {
  std::vector<Value> values;
  static void scan(RootVisitor& v, void* self) {
    auto* g = static_cast<FakeGlobals*>(self);
    v.visitRange(g->values.data(), g->values.size());
  }
};

TEST_F(RootsTest, CountsPerClass) {
  FakeGlobals globals;
  int id = registerRoots(RootClass::globals, FakeGlobals::scan, &globals);
  globals.values.push_back(obj(node(Value::smallInt(1))));
  globals.values.push_back(Value::smallInt(5));  // not a reference
  globals.values.push_back(obj(node(Value::smallInt(2))));
  Handle<Vector> h(node(Value::smallInt(3)));
  roots.push_back(obj(node(Value::smallInt(4))));
  collect();
  const CycleReport& r = lastCycle();
  EXPECT_EQ(r.rootRefs[size_t(RootClass::globals)], 2u);
  EXPECT_EQ(r.rootRefs[size_t(RootClass::handles)], 1u);
  EXPECT_EQ(r.rootRefs[size_t(RootClass::test)], 1u);
  EXPECT_EQ(r.rootRefs[size_t(RootClass::allm)], 0u);
  EXPECT_EQ(r.marked.objects, 4u);
  unregisterRoots(id);
}

TEST_F(RootsTest, RetentionReportSaysWhatOnlyEachClassKeepsAlive) {
  FakeGlobals globals;
  int id = registerRoots(RootClass::globals, FakeGlobals::scan, &globals);
  // shared: reachable from globals and from test; onlyGlobals: from globals.
  Vector* shared = node(Value::smallInt(1));
  roots.push_back(obj(shared));
  globals.values.push_back(obj(shared));
  Vector* onlyGlobals = node(Value::smallInt(2), obj(node(Value::smallInt(3))));  // 2 objects
  globals.values.push_back(obj(onlyGlobals));
  runtime::settings().gcroots = true;
  ::testing::internal::CaptureStderr();
  collect();
  std::string out = ::testing::internal::GetCapturedStderr();
  runtime::settings().gcroots = false;
  const CycleReport& r = lastCycle();
  ASSERT_TRUE(r.rootReport);
  size_t g = size_t(RootClass::globals), t = size_t(RootClass::test);
  EXPECT_EQ(r.reachable[g].objects, 3u);
  EXPECT_EQ(r.retained[g].objects, 2u);
  EXPECT_EQ(r.retained[g].bytes, 48u);
  EXPECT_EQ(r.reachable[t].objects, 1u);
  EXPECT_EQ(r.retained[t].objects, 0u);
  EXPECT_NE(out.find("globals refs=2 reaches=3 objects/72 B retains=2 objects/48 B"), std::string::npos) << out;
  unregisterRoots(id);
}

TEST_F(RootsTest, GctraceLineHasGosShape) {
  roots.push_back(obj(node(Value::smallInt(1))));
  runtime::settings().gctrace = 1;
  ::testing::internal::CaptureStderr();
  collect();
  std::string out = ::testing::internal::GetCapturedStderr();
  runtime::settings().gctrace = 0;
  EXPECT_TRUE(::testing::internal::RE::PartialMatch(
      out, ::testing::internal::RE("^gc [0-9]+ @[0-9]+\\.[0-9]+s [0-9]+%: [0-9.]+\\+[0-9.]+ ms stw \\(mark\\+sweep\\), "
                                   "[0-9]+->[0-9]+->[0-9]+ MB, [0-9]+ MB goal, roots globals=[0-9]+ allgs=0 allm=0 "
                                   "allp=0 sched=0 handles=[0-9]+ test=1, 1 P \\(forced\\)\n$")))
      << out;
}

}  // namespace
}  // namespace goro::gc

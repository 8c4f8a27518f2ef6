// Root classes: every class is named, scanners are called per class, and
// the counts per class (gctrace) and the retention report (gcroots) are
// right.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "gc/gctrace.h"
#include "gc/handles.h"
#include "gc/report_hooks.h"
#include "gc/root_slots.h"
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

// Globals with named slots, as the interpreter's scanner names them.
struct NamedGlobals {
  std::vector<std::pair<std::string, Value>> values;
  static void scan(RootVisitor& v, void* self) {
    for (auto& [name, value] : static_cast<NamedGlobals*>(self)->values) {
      v.visit(value, [&name](std::string& out) { out += "globals: " + name; });
    }
  }
};

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
  EXPECT_NE(out.find("globals refs=2 slots=2 reaches=3 objects/72 B retains=2 objects/48 B"), std::string::npos) << out;
  // Below the class, its slot that alone keeps the two objects alive; the
  // slot holding `shared` retains nothing alone and is not listed.
  EXPECT_NE(out.find(":   globals -> vector [2], retains 2 objects/48 B\n"), std::string::npos) << out;
  EXPECT_NE(out.find(", retains 2 objects/48 B\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("retains 1 objects/24 B\n"), std::string::npos) << out;
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

// The slot report: a slot retains what no other slot reaches (forward and
// reverse crediting, gc/root_slots.h); a shared object is retained by none.
TEST_F(RootsTest, EachSlotIsNamedWithWhatItAloneRetains) {
  NamedGlobals globals;
  int id = registerRoots(RootClass::globals, NamedGlobals::scan, &globals);
  Vector* shared = node(Value::smallInt(1));
  Vector* list = node(Value::smallInt(2), obj(node(Value::smallInt(3), obj(shared))));  // 2 + shared
  Vector* alone = node(Value::smallInt(4));
  globals.values.push_back({"list", obj(list)});
  globals.values.push_back({"shared", obj(shared)});
  globals.values.push_back({"alone", obj(alone)});
  globals.values.push_back({"alias", obj(alone)});  // a second slot on the same object
  roots.push_back(obj(node(Value::smallInt(5))));   // an unnamed `test` slot
  std::vector<RootSlot> slots = rootSlots(true);
  auto find = [&](const std::string& name) -> const RootSlot* {
    for (const RootSlot& s : slots) {
      if (s.name == name) return &s;
    }
    return nullptr;
  };
  ASSERT_NE(find("globals: list"), nullptr);
  EXPECT_EQ(find("globals: list")->retains.objects, 2u);
  EXPECT_EQ(find("globals: list")->rootClass, RootClass::globals);
  EXPECT_EQ(find("globals: shared")->retains.objects, 0u);
  EXPECT_EQ(find("globals: alone")->retains.objects, 0u);  // alias reaches it too
  EXPECT_EQ(find("globals: alias")->retains.objects, 0u);
  ASSERT_NE(find("test"), nullptr);  // unnamed: the class's name
  EXPECT_EQ(find("test")->retains.objects, 1u);
  EXPECT_EQ(find("test")->retains.bytes, 24u);

  // Why is `shared` alive? The shortest chain is the direct slot.
  std::optional<RootPath> path = findRootPath(shared);
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->slot, "globals: shared");
  EXPECT_EQ(path->chain.size(), 1u);
  // Without that slot: through the list, three objects long.
  globals.values.erase(globals.values.begin() + 1);
  path = findRootPath(shared);
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(path->slot, "globals: list");
  ASSERT_EQ(path->chain.size(), 3u);
  EXPECT_EQ(path->chain.front(), list);
  EXPECT_EQ(path->chain.back(), shared);
  EXPECT_EQ(describeRootPath(*path), "globals: list -> vector [2] -> vector [2] -> vector [2]");

  // Retainers of an object two slots hold: neither retains it alone, yet
  // nothing else keeps it.
  Retainers r = findRetainers(alone);
  EXPECT_EQ(r.direct, (std::vector<std::string>{"globals: alone", "globals: alias"}));
  EXPECT_TRUE(r.reachable);
  EXPECT_FALSE(r.reachableWithoutDirect);
  r = findRetainers(shared);
  EXPECT_TRUE(r.direct.empty());
  EXPECT_TRUE(r.reachableWithoutDirect);
  // A pointer nothing reaches (never dereferenced).
  EXPECT_FALSE(findRootPath(reinterpret_cast<const runtime::Object*>(0x10)).has_value());
  EXPECT_FALSE(findRetainers(reinterpret_cast<const runtime::Object*>(0x10)).reachable);
  // Every mark bit is left clear: the next cycle frees what is garbage.
  globals.values.clear();
  roots.clear();
  collect();
  EXPECT_EQ(lastCycle().marked.objects, 0u);
  unregisterRoots(id);
}

// An object whose parts a layer above names (RootVisitor::visitParts, as
// the scheduler reports a goroutine's state): a cycle marks it whole; a slot
// report marks it alone and credits each part to its own named slot.
struct PartsRoot {
  Vector* holder = nullptr;
  static void scan(RootVisitor& v, void* self) {
    v.visitParts(static_cast<PartsRoot*>(self)->holder, [](std::string& n) { n += "allgs: holder"; });
  }
  // The test's part namer for vectors: entry i is "<prefix> entry i".
  static void nameEntries(const runtime::Object* o, const std::string& prefix, RootVisitor& v) {
    auto* vec = static_cast<const Vector*>(o);
    for (uint32_t i = 0; i < vec->count(); i++) {
      v.visit(vec->slots[i], [&](std::string& n) { n += prefix + " entry " + std::to_string(i); });
    }
  }
};

TEST_F(RootsTest, PartsOfAnObjectAreSlotsNamedByItsLayer) {
  PartsRoot root;
  int id = registerRoots(RootClass::allgs, PartsRoot::scan, &root);
  Vector* first = node(Value::smallInt(1), obj(node(Value::smallInt(2))));  // 2 objects
  Vector* second = node(Value::smallInt(3));
  root.holder = node(obj(first), obj(second));

  // Without a part namer for its kind, the object is one slot.
  std::vector<RootSlot> slots = rootSlots(true);
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(slots[0].name, "allgs: holder");
  EXPECT_EQ(slots[0].retains.objects, 4u);

  setPartNamer(runtime::Kind::Vector, PartsRoot::nameEntries);
  slots = rootSlots(true);
  setPartNamer(runtime::Kind::Vector, nullptr);
  ASSERT_EQ(slots.size(), 3u);
  EXPECT_EQ(slots[0].name, "allgs: holder");
  EXPECT_TRUE(slots[0].table);
  EXPECT_EQ(slots[0].retains.objects, 1u);  // itself only
  EXPECT_EQ(slots[1].name, "allgs: holder entry 0");
  EXPECT_EQ(slots[1].retains.objects, 2u);
  EXPECT_EQ(slots[2].name, "allgs: holder entry 1");
  EXPECT_EQ(slots[2].retains.objects, 1u);

  // A cycle marks it whole, namer or not, and counts one reference.
  setPartNamer(runtime::Kind::Vector, PartsRoot::nameEntries);
  collect();
  setPartNamer(runtime::Kind::Vector, nullptr);
  EXPECT_EQ(lastCycle().rootRefs[size_t(RootClass::allgs)], 1u);
  EXPECT_EQ(lastCycle().marked.objects, 4u);
  unregisterRoots(id);
}

// A describer says what the runtime cannot; reports never print addresses.
TEST_F(RootsTest, ReportsDescribeObjectsByKindThroughTheirDescribers) {
  Vector* v = node(Value::smallInt(1));
  EXPECT_EQ(describeForReport(v), "vector [2]");
  setDescriber(runtime::Kind::Vector, [](const runtime::Object*, std::string& out) {
    out += "a described vector";
    return true;
  });
  EXPECT_EQ(describeForReport(v), "a described vector");
  setDescriber(runtime::Kind::Vector, [](const runtime::Object*, std::string&) { return false; });
  EXPECT_EQ(describeForReport(v), "vector [2]");
  setDescriber(runtime::Kind::Vector, nullptr);
}

}  // namespace
}  // namespace goro::gc

// Heap graphs and dumps (gc/heap_graph.h, heap_summary.h, heap_dot.h,
// heap_json.h, heap_dump.h): the exact graph of a small known heap, mark
// bits left alone, table slots, summaries, the DOT and JSON texts, and the
// files, with their errors.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "alloc/arena.h"
#include "alloc/span.h"
#include "gc/heap_dot.h"
#include "gc/heap_dump.h"
#include "gc/heap_json.h"
#include "gc/heap_summary.h"
#include "gc/world.h"
#include "runtime/settings.h"
#include "runtime/whole_file.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Kind;
using runtime::Value;
using runtime::Vector;

// The edges of a DOT text: "a -> b" for every line that draws one.
std::set<std::string> dotEdges(const std::string& dot) {
  std::set<std::string> edges;
  std::regex edge(R"re(^  (\w+) -> (\w+)(?: \[label="(\d+)"\])?;$)re");
  size_t start = 0;
  while (start < dot.size()) {
    size_t end = dot.find('\n', start);
    std::string line = dot.substr(start, end - start);
    std::smatch m;
    if (std::regex_match(line, m, edge)) {
      std::string e = m[1].str() + " -> " + m[2].str();
      if (m[3].matched) e += " " + m[3].str();
      edges.insert(e);
    }
    start = end == std::string::npos ? dot.size() : end + 1;
  }
  return edges;
}

// The summary's node names: k<Kind>, c<RootClass>.
std::string kindNode(Kind kind) { return "k" + std::to_string(static_cast<size_t>(kind)); }
std::string classNode(RootClass rc) { return "c" + std::to_string(static_cast<size_t>(rc)); }
const std::string kVec = kindNode(Kind::Vector), kStr = kindNode(Kind::String);

std::string readFile(const std::string& path) {
  std::string contents, error;
  EXPECT_TRUE(runtime::readWholeFile(path, &contents, &error)) << error;
  return contents;
}

class HeapDumpTest : public testing::HeapTest {
 protected:
  // The known heap:  a = vector[3]{str, c, str}, c = vector[2]{5, a},
  // str = "hi"; the test roots are a, c and the int 7 (not a reference).
  void buildSmallHeap() {
    roots.push_back(obj(newString(cache, "hi")));
    roots.push_back(obj(newVector(cache, 3)));
    roots.push_back(obj(node(Value::smallInt(5))));
    str = roots[0].asObject();
    a = static_cast<Vector*>(roots[1].asObject());
    c = static_cast<Vector*>(roots[2].asObject());
    a->slots[0] = obj(str);
    a->slots[1] = obj(c);
    a->slots[2] = obj(str);
    c->slots[1] = obj(a);
    roots = {obj(a), obj(c), Value::smallInt(7)};
  }

  HeapGraph capture() {
    StoppedWorld world(StwReason::TestOnly);
    return captureHeapGraph();
  }

  std::string tempPath(const char* name) {
    std::string dir = ::testing::TempDir();
    if (dir.empty() || dir.back() != '/') dir += '/';
    return dir + "goro_heap_dump_test_" + std::to_string(::getpid()) + "_" + name;
  }

  runtime::Object* str = nullptr;
  Vector* a = nullptr;
  Vector* c = nullptr;
};

TEST_F(HeapDumpTest, CapturesTheExactGraphOfASmallHeap) {
  buildSmallHeap();
  HeapGraph g = capture();

  ASSERT_EQ(g.roots.size(), 2u);  // the int is not a slot
  for (const HeapRoot& r : g.roots) {
    EXPECT_EQ(r.rootClass, RootClass::test);
    EXPECT_EQ(r.slot, "test");  // the fixture's scanner names no slot
    EXPECT_FALSE(r.table);
  }
  EXPECT_EQ(g.roots[0].object, 0u);
  EXPECT_EQ(g.roots[1].object, 1u);

  // Root objects first, in slot order, then breadth first in trace order;
  // a's two references to str are one edge.
  ASSERT_EQ(g.objects.size(), 3u);
  const HeapObject& na = g.objects[0];
  const HeapObject& nc = g.objects[1];
  const HeapObject& ns = g.objects[2];
  EXPECT_EQ(na.address, reinterpret_cast<uintptr_t>(a));
  EXPECT_EQ(nc.address, reinterpret_cast<uintptr_t>(c));
  EXPECT_EQ(ns.address, reinterpret_cast<uintptr_t>(str));
  EXPECT_EQ(na.kind, Kind::Vector);
  EXPECT_EQ(nc.kind, Kind::Vector);
  EXPECT_EQ(ns.kind, Kind::String);
  EXPECT_EQ(na.label, "[3]");
  EXPECT_EQ(nc.label, "[2]");
  EXPECT_EQ(ns.label, "\"hi\"");
  EXPECT_EQ(na.refs, (std::vector<uint32_t>{2, 1}));
  EXPECT_EQ(nc.refs, (std::vector<uint32_t>{0}));
  EXPECT_TRUE(ns.refs.empty());
  // Bytes are the allocated size, as marking counts it.
  EXPECT_EQ(na.bytes, alloc::spanOf(a)->elemSize);
  EXPECT_EQ(ns.bytes, alloc::spanOf(str)->elemSize);
  EXPECT_GE(na.bytes, runtime::typeInfo(Kind::Vector).sizeOf(a));
  EXPECT_EQ(g.totalBytes(), na.bytes + nc.bytes + ns.bytes);
  EXPECT_EQ(g.cycle, numGC());
}

TEST_F(HeapDumpTest, LeavesEveryMarkBitAsItWas) {
  buildSmallHeap();
  collect();  // the survivors' bits are now what the sweep left
  bool before[] = {isMarked(a), isMarked(c), isMarked(str)};
  HeapGraph g = capture();
  EXPECT_EQ(g.objects.size(), 3u);
  EXPECT_EQ(isMarked(a), before[0]);
  EXPECT_EQ(isMarked(c), before[1]);
  EXPECT_EQ(isMarked(str), before[2]);
  collect();  // and the collector still finds them all live
  EXPECT_EQ(lastCycle().marked.objects, 3u);
}

// A table slot (visitTable) is drawn without its references: its entries
// are slots of their own, named, as the interpreter's globals are.
struct NamedTable {
  Vector* table = nullptr;
  static void scan(RootVisitor& v, void* self) {
    Vector* t = static_cast<NamedTable*>(self)->table;
    v.visitTable(t, [](std::string& n) { n += "globals: the table"; });
    if (!v.namesSlots()) return;
    const char* names[] = {"first", "second"};
    for (uint32_t i = 0; i < 2; i++) {
      v.visit(t->slots[i], [&](std::string& n) { n += std::string("globals: ") + names[i]; });
    }
  }
};

TEST_F(HeapDumpTest, TableSlotsAreNotExpanded) {
  NamedTable globals;
  roots.push_back(obj(newVector(cache, 2)));
  roots.push_back(obj(newString(cache, "one")));
  globals.table = static_cast<Vector*>(roots[0].asObject());
  globals.table->slots[0] = roots[1];
  globals.table->slots[1] = Value::smallInt(2);
  roots.clear();
  int id = registerRoots(RootClass::globals, NamedTable::scan, &globals);
  HeapGraph g = capture();
  unregisterRoots(id);

  ASSERT_EQ(g.roots.size(), 2u);
  EXPECT_EQ(g.roots[0].slot, "globals: the table");
  EXPECT_TRUE(g.roots[0].table);
  EXPECT_EQ(g.roots[1].slot, "globals: first");
  ASSERT_EQ(g.objects.size(), 2u);
  EXPECT_TRUE(g.objects[0].refs.empty());  // the table: not expanded
  EXPECT_EQ(g.objects[1].label, "\"one\"");
}

TEST_F(HeapDumpTest, LabelsAreValidUtf8WithControlsEscaped) {
  roots.push_back(obj(newString(cache, std::string_view("caf\xC3\xA9\n\xFF\x01", 8))));
  HeapGraph g = capture();
  ASSERT_EQ(g.objects.size(), 1u);
  EXPECT_EQ(g.objects[0].label, "\"caf\xC3\xA9\\n\xEF\xBF\xBD\\x01\"");
}

TEST_F(HeapDumpTest, KindNamesAreDistinct) {
  std::set<std::string> names;
  for (size_t k = 0; k < runtime::kKindCount; k++) names.insert(heapKindName(static_cast<Kind>(k)));
  EXPECT_EQ(names.size(), runtime::kKindCount);
  EXPECT_EQ(heapKindName(Kind::Map), "map");
  EXPECT_EQ(heapKindName(Kind::Closure), "func (Closure)");
  EXPECT_EQ(heapKindName(Kind::NativeFunc), "func (NativeFunc)");
}

TEST_F(HeapDumpTest, DotDrawsRootsInClustersAndEveryReference) {
  buildSmallHeap();
  HeapGraph g = capture();
  std::string dot = heapGraphToDot(g);
  EXPECT_EQ(dot.find("digraph goro_heap {"), dot.find('\n') + 1);
  EXPECT_NE(dot.find("  subgraph cluster_test {\n"), std::string::npos);
  EXPECT_NE(dot.find("    r0 [shape=box, style=\"rounded,filled\", fillcolor=white, label=\"test\"];"),
            std::string::npos);
  EXPECT_NE(dot.find("  o0 [shape=box, fillcolor=\"#cfe2f3\", "), std::string::npos);
  EXPECT_NE(dot.find("label=\"string\\n\\\"hi\\\"\\n"), std::string::npos);  // quotes escaped
  EXPECT_EQ(dotEdges(dot), (std::set<std::string>{"r0 -> o0", "r1 -> o1", "o0 -> o2", "o0 -> o1", "o1 -> o0"}));
  EXPECT_EQ(dot.find("summarized"), std::string::npos);
  EXPECT_EQ(dot.back(), '\n');
  EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
}

TEST_F(HeapDumpTest, SummaryCountsKindsEdgesAndSlots) {
  buildSmallHeap();
  HeapSummary s = summarizeHeapGraph(capture());
  EXPECT_EQ(s.objects, 3u);
  ASSERT_EQ(s.kinds.size(), 2u);
  EXPECT_EQ(s.kinds[0].kind, Kind::String);
  EXPECT_EQ(s.kinds[0].objects, 1u);
  EXPECT_EQ(s.kinds[1].kind, Kind::Vector);
  EXPECT_EQ(s.kinds[1].objects, 2u);
  // vector -> string once (a's two references are one edge), vector ->
  // vector twice (a -> c, c -> a).
  ASSERT_EQ(s.edges.size(), 2u);
  EXPECT_EQ(s.edges[0].to, Kind::String);
  EXPECT_EQ(s.edges[0].references, 1u);
  EXPECT_EQ(s.edges[1].to, Kind::Vector);
  EXPECT_EQ(s.edges[1].references, 2u);
  ASSERT_EQ(s.classes.size(), 1u);
  EXPECT_EQ(s.classes[0].slots, 2u);
  ASSERT_EQ(s.classEdges.size(), 1u);
  EXPECT_EQ(s.classEdges[0].to, Kind::Vector);
  EXPECT_EQ(s.classEdges[0].slots, 2u);
}

TEST_F(HeapDumpTest, DotSummarizesAboveTheThreshold) {
  buildSmallHeap();
  HeapGraph g = capture();
  std::string dot = heapGraphToDot(g, DotOptions{.maxObjects = 2});
  EXPECT_NE(dot.find("summarized by kind: more than 2 objects"), std::string::npos);
  EXPECT_EQ(dot.find(" o0 "), std::string::npos);  // no object nodes
  EXPECT_NE(dot.find("label=\"vector\\n2 objects\\n"), std::string::npos);
  EXPECT_NE(dot.find("label=\"string\\n1 object\\n"), std::string::npos);
  // The two slots are kept.
  EXPECT_EQ(dotEdges(dot), (std::set<std::string>{"r0 -> " + kVec, "r1 -> " + kVec, kVec + " -> " + kStr + " 1",
                                                  kVec + " -> " + kVec + " 2"}));

  // With more slots in a class than allowed, the class is one node.
  dot = heapGraphToDot(g, DotOptions{.maxObjects = 2, .maxSlotsPerClass = 1});
  EXPECT_NE(dot.find("label=\"test\\n2 slots\""), std::string::npos);
  EXPECT_EQ(dotEdges(dot), (std::set<std::string>{classNode(RootClass::test) + " -> " + kVec + " 2",
                                                  kVec + " -> " + kStr + " 1", kVec + " -> " + kVec + " 2"}));
}

TEST_F(HeapDumpTest, BigHeapsAreSummarizedByDefault) {
  // A list of 200 nodes, each holding a string of its own: 400 objects.
  Value list = Value::nil();
  for (int i = 0; i < 200; i++) {
    roots.push_back(list);
    roots.push_back(obj(newString(cache, "item " + std::to_string(i))));
    list = obj(node(roots.back(), roots[roots.size() - 2]));
    roots.resize(roots.size() - 2);
  }
  roots.push_back(list);
  HeapGraph g = capture();
  ASSERT_EQ(g.objects.size(), 400u);
  ASSERT_GT(g.objects.size(), kDotMaxObjects);
  std::string dot = heapGraphToDot(g);
  EXPECT_NE(dot.find("summarized by kind: more than 300 objects"), std::string::npos);
  EXPECT_EQ(dotEdges(dot), (std::set<std::string>{"r0 -> " + kVec, kVec + " -> " + kStr + " 200",
                                                  kVec + " -> " + kVec + " 199"}));
  EXPECT_NE(dot.find("label=\"vector\\n200 objects\\n"), std::string::npos);
}

TEST_F(HeapDumpTest, JsonListsRootsObjectsAndSummary) {
  buildSmallHeap();
  HeapGraph g = capture();
  std::string json = heapGraphToJson(g);
  EXPECT_NE(json.find("\"format\": \"goro-heap-graph\""), std::string::npos);
  EXPECT_NE(json.find("{\"class\": \"test\", \"slot\": \"test\", \"object\": 1, \"table\": false}"),
            std::string::npos);
  char address[32];
  std::snprintf(address, sizeof address, "0x%llx", static_cast<unsigned long long>(g.objects[0].address));
  EXPECT_NE(json.find("{\"id\": 0, \"address\": \"" + std::string(address) +
                      "\", \"kind\": \"vector\", \"bytes\": " + std::to_string(g.objects[0].bytes) +
                      ", \"offHeap\": false, \"label\": \"[3]\", \"refs\": [2, 1]}"),
            std::string::npos);
  EXPECT_NE(json.find("\"label\": \"\\\"hi\\\"\", \"refs\": []}"), std::string::npos);
  EXPECT_NE(json.find("{\"from\": \"vector\", \"to\": \"vector\", \"references\": 2}"), std::string::npos);
  EXPECT_NE(json.find("\"classEdges\": [\n      {\"class\": \"test\", \"to\": \"vector\", \"slots\": 2}\n    ]"),
            std::string::npos);
}

TEST_F(HeapDumpTest, FormatFollowsTheSuffix) {
  EXPECT_EQ(heapDumpFormatFor("heap.json"), HeapDumpFormat::Json);
  EXPECT_EQ(heapDumpFormatFor("/a/b.json"), HeapDumpFormat::Json);
  EXPECT_EQ(heapDumpFormatFor("heap.dot"), HeapDumpFormat::Dot);
  EXPECT_EQ(heapDumpFormatFor("json"), HeapDumpFormat::Dot);
  EXPECT_EQ(heapDumpFormatFor("heap.json.dot"), HeapDumpFormat::Dot);
}

TEST_F(HeapDumpTest, WritesFilesAndSaysWhyItCannot) {
  buildSmallHeap();
  HeapGraph g = capture();
  std::string dotPath = tempPath("w.dot"), jsonPath = tempPath("w.json");
  std::string error;
  ASSERT_TRUE(writeHeapDump(g, dotPath, &error)) << error;
  ASSERT_TRUE(writeHeapDump(g, jsonPath, &error)) << error;
  EXPECT_EQ(readFile(dotPath), heapGraphToDot(g));
  EXPECT_EQ(readFile(jsonPath), heapGraphToJson(g));
  std::remove(dotPath.c_str());
  std::remove(jsonPath.c_str());

  std::string dir = std::filesystem::path(dotPath).parent_path().string();
  EXPECT_FALSE(writeHeapDump(g, dir, &error));
  EXPECT_EQ(error, "open " + dir + ": is a directory");
  std::string missing = dir + "/goro-no-such-dir/heap.dot";
  EXPECT_FALSE(writeHeapDump(g, missing, &error));
  EXPECT_EQ(error, "open " + missing + ": no such file or directory");
}

TEST_F(HeapDumpTest, CycleDumpsKeepTheLatestAndReportFailuresOnce) {
  buildSmallHeap();
  HeapGraph newer = capture();
  HeapGraph older = newer;
  newer.cycle = 20;
  older.cycle = 10;
  older.objects[0].label = "older";
  std::string path = tempPath("cycle.dot");
  writeCycleHeapDump(newer, path);
  writeCycleHeapDump(older, path);  // finished later, but an earlier cycle
  EXPECT_EQ(readFile(path), heapGraphToDot(newer));
  std::remove(path.c_str());

  std::string bad = ::testing::TempDir() + "/goro-no-such-dir/heap.dot";
  ::testing::internal::CaptureStderr();
  newer.cycle = 21;
  writeCycleHeapDump(newer, bad);
  newer.cycle = 22;
  writeCycleHeapDump(newer, bad);  // the same failure: not repeated
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(err, "goro: GODEBUG heapdump: open " + bad + ": no such file or directory\n");
}

TEST_F(HeapDumpTest, GodebugHeapdumpWritesTheHeapOfEachCycle) {
  buildSmallHeap();
  std::string path = tempPath("godebug.json");
  runtime::settings().heapdump = path;
  collect();
  runtime::settings().heapdump.clear();
  std::string json = readFile(path);
  std::remove(path.c_str());
  EXPECT_NE(json.find("\"cycle\": " + std::to_string(numGC()) + ",\n"), std::string::npos);
  EXPECT_NE(json.find("\"label\": \"[3]\", \"refs\": [2, 1]}"), std::string::npos);
  EXPECT_NE(json.find("\"summary\": {\n    \"objects\": 3,\n"), std::string::npos);
}

}  // namespace
}  // namespace goro::gc

// Parallel marking (gc/parallel_mark.h, gc/work_buffer.h, gc/mark_workers.h):
// the same marks as the sequential mark on random graphs with 1, 2, 4 and 8
// workers, a queue that never declares the end while a worker still holds
// work, and whole cycles with several workers (counts, gctrace, gccheckmark).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "alloc/mheap.h"
#include "gc/mark.h"
#include "gc/mark_loop.h"
#include "gc/mark_workers.h"
#include "gc/parallel_mark.h"
#include "gc/work_buffer.h"
#include "gc/world.h"
#include "runtime/settings.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Object;
using runtime::Value;
using runtime::Vector;
using testing::HeapTest;

constexpr int kWorkerCounts[] = {1, 2, 4, 8};

// A graph of Vectors: every node allocated, some reachable from `roots`.
struct Graph {
  std::vector<Vector*> nodes;  // every node, reachable or not
};

class ParallelMarkTest : public HeapTest {
 protected:
  void SetUp() override {
    wasStress_ = stressMode();
    setStressMode(false);  // the graphs are built between collections
    keepId_ = registerRoots(RootClass::test, &ParallelMarkTest::scanKeep, this);
    HeapTest::SetUp();
  }
  void TearDown() override {
    setMarkWorkers(0);
    keep_.clear();
    unregisterRoots(keepId_);
    HeapTest::TearDown();
    setStressMode(wasStress_);
  }

  // A node with `fanout` nil slots; it stays alive through `keep` until the
  // graph is wired.
  Vector* newNode(Graph& g, uint32_t fanout) {
    Vector* v = newVector(cache, std::max<uint32_t>(fanout, 1));
    keep_.push_back(obj(v));
    g.nodes.push_back(v);
    return v;
  }
  // A hub of `width` slots, each holding its own 2-slot leaf {i, nil};
  // with `garbageThirds`, every third leaf is left out of the hub (garbage).
  Vector* newFanOut(Graph& g, uint32_t width, bool garbageThirds) {
    Vector* hub = newNode(g, width);
    for (uint32_t i = 0; i < width; i++) {
      Vector* leaf = newNode(g, 2);
      leaf->slots[0] = Value::smallInt(i);
      if (!garbageThirds || i % 3 != 0) hub->slots[i] = obj(leaf);
    }
    return hub;
  }
  // Drops the building's references: from now on only `roots` holds the graph.
  void finish() { keep_.clear(); }

  // The mark set and counts of a sequential mark from the test class.
  struct Marks {
    std::vector<bool> marked;
    MarkCounts counts;
  };
  Marks sequentialMarks(const Graph& g) {
    StoppedWorld world(StwReason::TestOnly);
    clearAllMarks();
    runtime::Tracer tracer;
    RootVisitor visitor(tracer);
    scanRootClass(RootClass::test, visitor);
    Marks m;
    m.counts = drainMarkStack(tracer, false);
    for (Vector* v : g.nodes) m.marked.push_back(isMarked(v));
    clearAllMarks();
    return m;
  }
  Marks parallelMarks(const Graph& g, int workers, std::vector<MarkCounts>* perWorker = nullptr) {
    StoppedWorld world(StwReason::TestOnly);
    clearAllMarks();
    ParallelMarker marker(workers, false);
    uint64_t refs = 0;
    Marks m;
    m.counts = marker.markClass(RootClass::test, &refs);
    for (Vector* v : g.nodes) m.marked.push_back(isMarked(v));
    if (perWorker != nullptr) {
      for (int w = 0; w < workers; w++) perWorker->push_back(marker.workerMarked(w));
    }
    clearAllMarks();
    return m;
  }

  // What a plain walk from `roots` over the nodes' slots reaches, in
  // g.nodes order: the answer the marks are checked against, computed
  // without the marking loop.
  std::vector<bool> reachable(const Graph& g) {
    std::unordered_map<const Object*, size_t> index;
    for (size_t i = 0; i < g.nodes.size(); i++) index[g.nodes[i]] = i;
    std::vector<bool> seen(g.nodes.size(), false);
    std::vector<const Vector*> work;
    auto reach = [&](Value v) {
      if (!v.isObject()) return;
      auto it = index.find(v.asObject());
      if (it == index.end() || seen[it->second]) return;
      seen[it->second] = true;
      work.push_back(g.nodes[it->second]);
    };
    for (Value r : roots) reach(r);
    while (!work.empty()) {
      const Vector* v = work.back();
      work.pop_back();
      for (uint32_t s = 0; s < v->count(); s++) reach(v->slots[s]);
    }
    return seen;
  }
  // Checks that the sequential mark and every worker count mark exactly
  // what the walk reaches.
  void expectReachableMarked(const Graph& g, const std::string& what) {
    std::vector<bool> expected = reachable(g);
    auto live = static_cast<uint64_t>(std::count(expected.begin(), expected.end(), true));
    Marks one = sequentialMarks(g);
    EXPECT_EQ(one.counts.objects, live) << what << ", sequential";
    EXPECT_TRUE(one.marked == expected) << what << ", sequential: not the reachable set";
    for (int workers : kWorkerCounts) {
      Marks got = parallelMarks(g, workers);
      EXPECT_EQ(got.counts.objects, live) << what << ", " << workers << " workers";
      EXPECT_TRUE(got.marked == expected) << what << ", " << workers << " workers: not the reachable set";
    }
  }

  // Checks that every worker count marks what the sequential mark marks,
  // and that some of the graph is garbage and some is not.
  void expectSameMarks(const Graph& g, const std::string& what) {
    Marks expected = sequentialMarks(g);
    size_t live = static_cast<size_t>(std::count(expected.marked.begin(), expected.marked.end(), true));
    ASSERT_GT(live, 0u) << what;
    for (int workers : kWorkerCounts) {
      std::vector<MarkCounts> perWorker;
      Marks got = parallelMarks(g, workers, &perWorker);
      EXPECT_EQ(got.counts.objects, expected.counts.objects) << what << ", " << workers << " workers";
      EXPECT_EQ(got.counts.bytes, expected.counts.bytes) << what << ", " << workers << " workers";
      EXPECT_TRUE(got.marked == expected.marked) << what << ", " << workers << " workers: different mark sets";
      MarkCounts sum;
      for (const MarkCounts& c : perWorker) sum += c;
      EXPECT_EQ(sum.objects, expected.counts.objects) << what << ", " << workers << " workers";
    }
  }

 private:
  // keep_ is a root while the graph is built.
  static void scanKeep(RootVisitor& v, void* self) {
    auto& k = static_cast<ParallelMarkTest*>(self)->keep_;
    v.visitRange(k.data(), k.size());
  }
  std::vector<Value> keep_;
  int keepId_ = 0;
  bool wasStress_ = false;
};

TEST_F(ParallelMarkTest, DeepChainMarksTheSame) {
  Graph g;
  Vector* head = nullptr;
  for (size_t i = 0; i < 50000; i++) {
    Vector* v = newNode(g, 2);
    v->slots[0] = Value::smallInt(static_cast<int64_t>(i));
    v->slots[1] = head == nullptr ? Value::nil() : obj(head);
    head = v;
  }
  for (size_t i = 0; i < 1000; i++) newNode(g, 2);  // garbage
  roots.push_back(obj(head));
  finish();
  expectSameMarks(g, "a chain of 50000");
}

TEST_F(ParallelMarkTest, WideFanOutMarksTheSame) {
  Graph g;
  Vector* hub = newFanOut(g, 40000, /*garbageThirds=*/true);  // a third of the leaves are garbage
  roots.push_back(obj(hub));
  finish();
  expectSameMarks(g, "a fan-out of 40000");
}

TEST_F(ParallelMarkTest, RandomGraphsWithCyclesAndSharingMarkTheSame) {
  for (uint64_t seed = 1; seed <= 6; seed++) {
    std::mt19937_64 rng(seed);
    Graph g;
    size_t n = 5000 + rng() % 20000;
    for (size_t i = 0; i < n; i++) newNode(g, 1 + static_cast<uint32_t>(rng() % 6));
    // Edges to any node, earlier or later: cycles, and subgraphs shared by
    // many parents; now and then a deep run of single links.
    for (size_t i = 0; i < n; i++) {
      Vector* v = g.nodes[i];
      for (uint32_t s = 0; s < v->count(); s++) {
        switch (rng() % 5) {
          case 0: v->slots[s] = Value::smallInt(static_cast<int64_t>(s)); break;
          case 1: if (i + 1 < n) v->slots[s] = obj(g.nodes[i + 1]); break;  // long chains
          default: v->slots[s] = obj(g.nodes[rng() % n]);
        }
      }
    }
    for (int r = 0; r < 4; r++) roots.push_back(obj(g.nodes[rng() % n]));
    finish();
    expectSameMarks(g, "random graph, seed " + std::to_string(seed));
    roots.clear();
  }
}

// Vectors of every size around the limits of gc/mark_loop.h: scanned
// whole (up to kSmallVector slots), one chunk, several chunks, and the
// last kChunkPrefetchSlots slots of each, which are not prefetched. Each
// slot holds a leaf, an int or nil, and every fifth leaf leads on to a
// second one (an object marked next from inside a chunk); a third of the
// leaves made are garbage.
TEST_F(ParallelMarkTest, VectorsOfEverySizeMarkExactlyTheReachable) {
  constexpr uint32_t kC = detail::kVectorChunk;
  constexpr uint32_t kS = detail::kSmallVector;
  for (uint32_t size : {1u, kS - 1, kS, kS + 1, kS + 16, kS + 17, 100u, kC - 1, kC, kC + 1, 2 * kC, 2 * kC + 1,
                        2 * kC + 17, 3 * kC + 5, 5000u}) {
    Graph g;
    Vector* hub = newNode(g, size);
    for (uint32_t i = 0; i < size; i++) {
      Vector* leaf = newNode(g, 2);
      if (i % 5 == 0) leaf->slots[1] = obj(newNode(g, 1));
      switch (i % 3) {
        case 0: hub->slots[i] = Value::smallInt(i); break;  // the leaf is garbage
        default: hub->slots[i] = obj(leaf);
      }
    }
    hub->slots[size - 1] = obj(g.nodes[1]);  // the last slot holds an object
    roots.push_back(obj(hub));
    finish();
    expectReachableMarked(g, "a vector of " + std::to_string(size));
    roots.clear();
  }
}

// A chunk marks its objects in place (gc/mark_loop.h), and what they
// reference goes on the stack; a vector of more than kSmallVector slots
// goes there as one entry. So 2100 vectors of 200 leaves each, held by one
// vector, keep the stack to a few thousand entries, not the 200,000
// references the leaves are.
TEST_F(ParallelMarkTest, ChunksOfWideObjectsKeepTheStackShallow) {
  Graph g;
  constexpr uint32_t kHubs = 2100;
  constexpr uint32_t kLeaves = 200;
  Vector* top = newNode(g, kHubs);
  for (uint32_t h = 0; h < kHubs; h++) {
    Vector* hub = newNode(g, kLeaves);
    for (uint32_t i = 0; i < kLeaves; i++) hub->slots[i] = obj(newNode(g, 1));
    top->slots[h] = obj(hub);
  }
  roots.push_back(obj(top));
  finish();
  expectReachableMarked(g, "2100 vectors of 200");
  StoppedWorld world(StwReason::TestOnly);
  clearAllMarks();
  runtime::Tracer tracer;
  tracer.push(top);
  MarkCounts counts = drainMarkStack(tracer, false);
  clearAllMarks();
  EXPECT_EQ(counts.objects, g.nodes.size());
  EXPECT_LE(tracer.capacity(), 4u * detail::kVectorChunk);
}

// The hand-off that termination must wait for: one long chain (only one
// worker can make progress; the others go idle) that ends in a wide fan-out
// (then every worker has work again). Ending the phase while the chain's
// worker still holds its stack would leave the fan-out unmarked.
TEST_F(ParallelMarkTest, ChainEndingInFanOutIsMarkedWhole) {
  Graph g;
  Vector* head = newFanOut(g, 20000, /*garbageThirds=*/false);
  for (size_t i = 0; i < 20000; i++) {
    Vector* v = newNode(g, 1);
    v->slots[0] = obj(head);
    head = v;
  }
  roots.push_back(obj(head));
  finish();
  for (int workers : kWorkerCounts) {
    Marks m = parallelMarks(g, workers);
    EXPECT_EQ(m.counts.objects, g.nodes.size()) << workers << " workers";
    EXPECT_TRUE(std::all_of(m.marked.begin(), m.marked.end(), [](bool b) { return b; })) << workers << " workers";
  }
}

// Several scanners in one class: the jobs are shared out, each run once.
TEST_F(ParallelMarkTest, RootJobsOfOneClassAreEachScannedOnce) {
  constexpr int kScanners = 12;
  struct Part {
    std::vector<Value> values;
    std::atomic<int> scans{0};
  };
  std::vector<std::unique_ptr<Part>> parts;
  std::vector<int> ids;
  Graph g;
  for (int p = 0; p < kScanners; p++) {
    parts.push_back(std::make_unique<Part>());
    for (int i = 0; i < 300; i++) parts.back()->values.push_back(obj(newNode(g, 2)));
    ids.push_back(registerRoots(
        RootClass::test,
        [](RootVisitor& v, void* part) {
          auto* self = static_cast<Part*>(part);
          self->scans.fetch_add(1);
          v.visitRange(self->values.data(), self->values.size());
        },
        parts.back().get()));
  }
  finish();
  {
    StoppedWorld world(StwReason::TestOnly);
    clearAllMarks();
    ParallelMarker marker(4, false);
    uint64_t refs = 0;
    MarkCounts marked = marker.markClass(RootClass::test, &refs);
    EXPECT_EQ(refs, uint64_t{kScanners} * 300);
    EXPECT_EQ(marked.objects, uint64_t{kScanners} * 300);
    clearAllMarks();
  }
  for (auto& p : parts) EXPECT_EQ(p->scans.load(), 1);
  for (int id : ids) unregisterRoots(id);
}

// The queue alone, with tokens for references (never dereferenced): each
// token of depth d > 0 makes two of depth d-1. A worker holds its first
// buffer for a while before it publishes what the buffer leads to; every
// other worker is then idle, and the phase must not end. When a worker is
// told the phase is over, every token must already have been processed.
TEST(WorkQueueTest, PhaseNeverEndsWhileAWorkerHoldsWork) {
  constexpr uintptr_t kDepth = 12;
  constexpr uint64_t kTokens = (uint64_t{1} << (kDepth + 1)) - 1;
  for (int workers : kWorkerCounts) {
    WorkQueue queue;
    queue.startPhase(workers);
    WorkBuffer* first = queue.emptyBuffer();
    first->entries[first->count++] = reinterpret_cast<Object*>(kDepth);
    queue.putFull(first);
    std::atomic<uint64_t> processed{0};
    std::atomic<int> endedEarly{0};
    std::atomic<bool> heldOnce{false};
    auto work = [&](int) {
      std::vector<uintptr_t> local;
      for (;;) {
        WorkBuffer* b = queue.getFull();
        if (b == nullptr) {
          if (processed.load() != kTokens) endedEarly.fetch_add(1);
          return;
        }
        for (size_t i = 0; i < b->count; i++) local.push_back(reinterpret_cast<uintptr_t>(b->entries[i]));
        queue.putEmpty(b);
        if (!heldOnce.exchange(true)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        while (!local.empty()) {
          uintptr_t depth = local.back();
          local.pop_back();
          processed.fetch_add(1);
          if (depth == 0) continue;
          local.push_back(depth - 1);
          local.push_back(depth - 1);
          // Give half away in buffers now and then, as spill and balance do.
          if (local.size() >= 8 && queue.hasIdleWorkers()) {
            WorkBuffer* out = queue.emptyBuffer();
            while (local.size() > 4 && out->count < WorkBuffer::kEntries) {
              out->entries[out->count++] = reinterpret_cast<Object*>(local.back());
              local.pop_back();
            }
            queue.putFull(out);
          }
        }
      }
    };
    runOnWorkers(workers, work);
    EXPECT_EQ(processed.load(), kTokens) << workers << " workers";
    EXPECT_EQ(endedEarly.load(), 0) << workers << " workers";
  }
}

// Chunks of a large vector (gc/mark_loop.h): at least kVectorChunk slots,
// never more than 65535 chunks, continuations that decode back.
TEST(VectorChunkTest, ChunksCoverEveryVectorAndFitTheirField) {
  for (uint32_t count : {2049u, 40000u, 67107840u, 67107841u, 200000000u, UINT32_MAX}) {
    uint32_t size = detail::vectorChunkSize(count);
    uint64_t chunks = (uint64_t{count} + size - 1) / size;
    EXPECT_LE(chunks, detail::kMaxChunks) << count;
    EXPECT_GE(size, detail::kVectorChunk) << count;
  }
  alignas(8) static char fake[64];
  auto* v = reinterpret_cast<const Vector*>(fake);
  Object* entry = detail::continuation(v, 1234);
  EXPECT_TRUE(detail::isContinuation(entry));
  EXPECT_FALSE(detail::isContinuation(reinterpret_cast<Object*>(fake)));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(entry) >> detail::kChunkShift, 1234u);
}

TEST(MarkWorkersTest, EveryWorkerRunsOnItsOwnThreadOnce) {
  for (int workers : kWorkerCounts) {
    std::vector<std::thread::id> ids(static_cast<size_t>(workers));
    std::atomic<int> calls{0};
    auto task = [&](int w) {
      ids[static_cast<size_t>(w)] = std::this_thread::get_id();
      calls.fetch_add(1);
    };
    runOnWorkers(workers, task);
    EXPECT_EQ(calls.load(), workers);
    EXPECT_EQ(ids[0], std::this_thread::get_id());
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end()) << workers << " workers share a thread";
  }
}

TEST(MarkWorkersTest, SmallHeapsAndOneProcMarkAlone) {
  setMarkWorkers(0);
  EXPECT_EQ(markWorkersFor(kParallelMarkMinHeap - 1), 1);
  EXPECT_EQ(markWorkersFor(kParallelMarkMinHeap), 1);  // the default World has one P
  setMarkWorkers(3);
  EXPECT_EQ(markWorkersFor(0), 3);
  setMarkWorkers(1000);
  EXPECT_EQ(markWorkersFor(0), kMaxMarkWorkers);
  setMarkWorkers(0);
}

// Whole cycles: the same counts, per class and in total, with 1 and 4
// workers; gctrace shows each worker's share; gccheckmark verifies the
// parallel mark.
TEST_F(ParallelMarkTest, CyclesWithSeveralWorkersCountAndReportTheSame) {
  Graph g;
  constexpr uint32_t kWidth = 30000;
  Vector* hub = newNode(g, kWidth);
  for (uint32_t i = 0; i < kWidth; i++) {
    Vector* leaf = newNode(g, 2);
    leaf->slots[1] = obj(newString(cache, "leaf"));
    hub->slots[i] = obj(leaf);
  }
  roots.push_back(obj(hub));
  finish();
  setMarkWorkers(1);
  collect();
  CycleReport one = lastCycle();
  EXPECT_EQ(one.markWorkers, 1);

  setMarkWorkers(4);
  runtime::settings().gctrace = 1;
  runtime::settings().gccheckmark = true;
  ::testing::internal::CaptureStderr();
  collect();
  std::string trace = ::testing::internal::GetCapturedStderr();
  runtime::settings().gctrace = 0;
  runtime::settings().gccheckmark = false;
  const CycleReport& four = lastCycle();
  EXPECT_EQ(four.markWorkers, 4);
  EXPECT_EQ(four.marked.objects, one.marked.objects);
  EXPECT_EQ(four.marked.bytes, one.marked.bytes);
  for (size_t c = 0; c < kRootClassCount; c++) {
    EXPECT_EQ(four.rootRefs[c], one.rootRefs[c]) << rootClassName(static_cast<RootClass>(c));
    EXPECT_EQ(four.rootMarked[c].objects, one.rootMarked[c].objects) << rootClassName(static_cast<RootClass>(c));
  }
  uint64_t sum = 0;
  for (int w = 0; w < 4; w++) sum += four.workerMarked[w].objects;
  EXPECT_EQ(sum, four.marked.objects);
  EXPECT_NE(trace.find(", mark workers 4: "), std::string::npos) << trace;
  EXPECT_NE(trace.find("% objects\n"), std::string::npos) << trace;
  EXPECT_EQ(four.freedObjects, 0u);
  EXPECT_TRUE(alloc::Heap::instance().isAllocatedObject(hub));
}

}  // namespace
}  // namespace goro::gc

// Random object graphs checked against a model: after every collection,
// everything reachable from the roots survives with its contents, and
// everything unreachable (cycles included) is freed.
#include <gtest/gtest.h>

#include <random>
#include <unordered_map>
#include <vector>

#include "gc/verify.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Value;
using runtime::Vector;

struct ModelNode {
  Vector* object;
  int64_t payload;
  std::vector<int> edges;  // model ids, -1 for nil; slot i+1 holds edge i
};

class GraphTest : public testing::HeapTest {
 protected:
  std::mt19937_64 rng{static_cast<uint64_t>(GTEST_FLAG_GET(random_seed)) + 12345};
  std::unordered_map<int, ModelNode> model;
  std::vector<int> rootIds;
  int nextId = 0;

  int random(int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); }

  // A node with `fanout` edges, initially nil; big ones land in large spans.
  int makeNode(int fanout) {
    Vector* v = newVector(cache, static_cast<uint32_t>(fanout + 1));
    int id = nextId++;
    int64_t payload = static_cast<int64_t>(rng() >> 20) - (int64_t{1} << 40);
    v->slots[0] = Value::smallInt(payload);
    model[id] = {v, payload, std::vector<int>(static_cast<size_t>(fanout), -1)};
    return id;
  }

  void setEdge(int from, size_t slot, int to) {
    ModelNode& n = model.at(from);
    n.edges[slot] = to;
    n.object->slots[slot + 1] = to < 0 ? Value::nil() : Value::object(model.at(to).object);
  }

  void syncRoots() {
    roots.clear();
    for (int id : rootIds) roots.push_back(Value::object(model.at(id).object));
  }

  std::vector<bool> reachable() {
    std::vector<bool> seen(static_cast<size_t>(nextId), false);
    std::vector<int> work(rootIds);
    while (!work.empty()) {
      int id = work.back();
      work.pop_back();
      if (seen[static_cast<size_t>(id)]) continue;
      seen[static_cast<size_t>(id)] = true;
      for (int e : model.at(id).edges) {
        if (e >= 0) work.push_back(e);
      }
    }
    return seen;
  }

  void collectAndCheck() {
    syncRoots();
    std::vector<bool> live = reachable();
    cache.releaseAll();
    collect();
    alloc::Heap& heap = alloc::Heap::instance();
    uint64_t liveCount = 0;
    for (auto it = model.begin(); it != model.end();) {
      auto& [id, n] = *it;
      if (live[static_cast<size_t>(id)]) {
        liveCount++;
        ASSERT_TRUE(heap.isAllocatedObject(n.object)) << "reachable node " << id << " was freed";
        ASSERT_EQ(n.object->slots[0].asSmallInt(), n.payload);
        for (size_t e = 0; e < n.edges.size(); e++) {
          Value want = n.edges[e] < 0 ? Value::nil() : Value::object(model.at(n.edges[e]).object);
          ASSERT_EQ(n.object->slots[e + 1], want) << "node " << id << " edge " << e;
        }
        ++it;
      } else {
        ASSERT_FALSE(heap.isAllocatedObject(n.object)) << "unreachable node " << id << " survived";
        it = model.erase(it);
      }
    }
    EXPECT_EQ(lastCycle().marked.objects, liveCount);
    verifyHeap();
  }
};

TEST_F(GraphTest, RandomGraphsMatchTheModel) {
  for (int round = 0; round < 12; round++) {
    int fresh = 2000 + random(3000);
    std::vector<int> ids;
    for (auto& [id, n] : model) ids.push_back(id);
    // Nodes are created before any edge refers to them; creation may collect,
    // so nodes of this round are kept rooted until linked.
    for (int i = 0; i < fresh; i++) {
      int fanout = random(100) == 0 ? 3000 + random(3000) : random(5);
      int id = makeNode(fanout);
      ids.push_back(id);
      rootIds.push_back(id);
      roots.push_back(Value::object(model.at(id).object));
    }
    // Random edges, cycles and self-loops included.
    for (int id : ids) {
      ModelNode& n = model.at(id);
      for (size_t e = 0; e < n.edges.size(); e++) {
        int r = random(10);
        setEdge(id, e, r < 3 ? -1 : ids[static_cast<size_t>(random(static_cast<int>(ids.size())))]);
      }
    }
    // Keep a few roots.
    std::shuffle(rootIds.begin(), rootIds.end(), rng);
    rootIds.resize(static_cast<size_t>(1 + random(8)));
    collectAndCheck();
  }
}

TEST_F(GraphTest, DroppingEveryRootFreesEverything) {
  for (int i = 0; i < 3000; i++) {
    int id = makeNode(2);
    rootIds.push_back(id);
    roots.push_back(Value::object(model.at(id).object));
  }
  for (int id = 0; id < 3000; id++) setEdge(id, 0, (id + 1) % 3000);  // one big cycle
  rootIds.clear();
  collectAndCheck();
  EXPECT_TRUE(model.empty());
}

}  // namespace
}  // namespace goro::gc

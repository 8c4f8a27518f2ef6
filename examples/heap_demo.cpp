// goro-demo: the allocator and the collector at work, with GODEBUG=gctrace=1
// and gcroots=1 on, on a small program written against the runtime's C++ API:
// a binary tree kept alive by a "global", garbage churned through the
// per-P cache until pacing starts cycles, a subtree that only a scoped
// handle retains, and the heap statistics of runtime.ReadMemStats.
#include <cinttypes>
#include <cstdio>
#include <vector>

#include "alloc/mcache.h"
#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "gc/memstats.h"
#include "gc/roots.h"
#include "runtime/settings.h"
#include "runtime/signals.h"

using namespace goro;
using runtime::Value;
using runtime::Vector;

namespace {

std::vector<Value> gGlobals;  // stands in for the interpreter's globals

void scanGlobals(gc::RootVisitor& v, void*) { v.visitRange(gGlobals.data(), gGlobals.size()); }

// A complete binary tree of the given depth: (left, right) Vectors.
Vector* tree(alloc::MCache& cache, int depth) {
  if (depth == 0) return gc::newVector(cache, 2);
  gc::Handle<Vector> left(tree(cache, depth - 1));
  gc::Handle<Vector> right(tree(cache, depth - 1));
  Vector* node = gc::newVector(cache, 2);
  node->slots[0] = Value::object(left.get());
  node->slots[1] = Value::object(right.get());
  return node;
}

int count(const Vector* node) {
  if (node == nullptr) return 0;
  auto child = [](Value v) { return v.isObject() ? static_cast<const Vector*>(v.asObject()) : nullptr; };
  return 1 + count(child(node->slots[0])) + count(child(node->slots[1]));
}

void printStats(const char* when) {
  gc::MemStats m = gc::readMemStats();
  std::printf("%-26s HeapAlloc=%6.2f MB HeapObjects=%-8" PRIu64 " TotalAlloc=%7.2f MB HeapSys=%6.2f MB NumGC=%" PRIu64
              " PauseTotal=%.2f ms\n",
              when, m.heapAlloc / 1048576.0, m.heapObjects, m.totalAlloc / 1048576.0, m.heapSys / 1048576.0, m.numGC,
              m.pauseTotalNs / 1e6);
}

}  // namespace

int main() {
  runtime::installCrashHandlers();
  runtime::loadFromEnvironment(runtime::settings());
  runtime::settings().gctrace = 1;
  gc::registerRoots(gc::RootClass::globals, scanGlobals, nullptr);
  alloc::MCache cache;  // a P's cache, once the scheduler exists

  std::printf("Goro heap demo: a tree in a global, garbage churn, a handle-only subtree\n\n");
  gGlobals.push_back(Value::object(tree(cache, 16)));
  printStats("after building the tree:");

  std::printf("\n-- churning 40 MB of garbage; pacing starts the cycles (gctrace on stderr):\n");
  for (int i = 0; i < 1'000'000; i++) gc::newString(cache, "garbage, garbage, garbage, garbage");
  printStats("after the churn:");

  std::printf("\n-- a subtree held only by a scoped handle, with GODEBUG=gcroots=1:\n");
  runtime::settings().gcroots = true;
  {
    gc::Handle<Vector> scoped(tree(cache, 12));
    gc::collect();
    std::printf("inside the scope: the handle keeps %d nodes\n", count(scoped.get()));
  }
  runtime::settings().gcroots = false;
  gc::collect();
  std::printf("after the scope:  the collector freed %" PRIu64 " objects\n", gc::lastCycle().freedObjects);

  std::printf("\n-- dropping the global tree:\n");
  std::printf("tree nodes before: %d\n", count(static_cast<Vector*>(gGlobals[0].asObject())));
  gGlobals.clear();
  gc::collect();
  printStats("after the last collection:");
  return 0;
}

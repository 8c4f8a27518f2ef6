// Heap summary: see heap_summary.h.
#include "gc/heap_summary.h"

namespace goro::gc {

namespace {
constexpr size_t kKinds = runtime::kKindCount;
size_t index(runtime::Kind k) { return static_cast<size_t>(k); }
}  // namespace

HeapSummary summarizeHeapGraph(const HeapGraph& graph) {
  // Dense tables by enum, then the non-zero entries in enum order.
  std::vector<HeapSummary::KindTotal> kinds(kKinds);
  std::vector<uint64_t> kindEdges(kKinds * kKinds, 0);
  std::vector<uint64_t> classSlots(kRootClassCount, 0);
  std::vector<uint64_t> classEdges(kRootClassCount * kKinds, 0);

  HeapSummary summary;
  for (const HeapObject& o : graph.objects) {
    HeapSummary::KindTotal& t = kinds[index(o.kind)];
    t.objects++;
    t.bytes += o.bytes;
    summary.objects++;
    summary.bytes += o.bytes;
    for (uint32_t r : o.refs) kindEdges[index(o.kind) * kKinds + index(graph.objects[r].kind)]++;
  }
  for (const HeapRoot& r : graph.roots) {
    size_t c = static_cast<size_t>(r.rootClass);
    classSlots[c]++;
    classEdges[c * kKinds + index(graph.objects[r.object].kind)]++;
  }

  for (size_t k = 0; k < kKinds; k++) {
    if (kinds[k].objects == 0) continue;
    kinds[k].kind = static_cast<runtime::Kind>(k);
    summary.kinds.push_back(kinds[k]);
  }
  for (size_t from = 0; from < kKinds; from++) {
    for (size_t to = 0; to < kKinds; to++) {
      uint64_t n = kindEdges[from * kKinds + to];
      if (n != 0) summary.edges.push_back({static_cast<runtime::Kind>(from), static_cast<runtime::Kind>(to), n});
    }
  }
  for (size_t c = 0; c < kRootClassCount; c++) {
    if (classSlots[c] == 0) continue;
    auto rc = static_cast<RootClass>(c);
    summary.classes.push_back({rc, classSlots[c]});
    for (size_t to = 0; to < kKinds; to++) {
      uint64_t n = classEdges[c * kKinds + to];
      if (n != 0) summary.classEdges.push_back({rc, static_cast<runtime::Kind>(to), n});
    }
  }
  return summary;
}

}  // namespace goro::gc

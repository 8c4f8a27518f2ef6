// Heap dumps: see heap_dump.h.
#include "gc/heap_dump.h"

#include <cstdio>
#include <mutex>

#include "gc/heap_dot.h"
#include "gc/heap_json.h"
#include "runtime/mutex.h"
#include "runtime/whole_file.h"

namespace goro::gc {

namespace {

// The state of GODEBUG=heapdump's writes. lock ranks leaf: nothing else is
// taken while it is held (rendering and writing take no runtime lock).
struct CycleDumps {
  runtime::Mutex lock{runtime::LockRank::leaf};
  // Guarded by lock: the path written to, the cycle whose graph is in it,
  // and the last failure printed (all forgotten when the path changes).
  std::string path;
  uint64_t lastCycle = 0;
  std::string lastError;
};

CycleDumps& cycleDumps() {
  static CycleDumps* d = new CycleDumps();
  return *d;
}

}  // namespace

HeapDumpFormat heapDumpFormatFor(std::string_view path) {
  constexpr std::string_view kJson = ".json";
  bool json = path.size() >= kJson.size() && path.substr(path.size() - kJson.size()) == kJson;
  return json ? HeapDumpFormat::Json : HeapDumpFormat::Dot;
}

std::string renderHeapDump(const HeapGraph& graph, HeapDumpFormat format) {
  return format == HeapDumpFormat::Json ? heapGraphToJson(graph) : heapGraphToDot(graph);
}

bool writeHeapDump(const HeapGraph& graph, const std::string& path, std::string* error) {
  return runtime::writeWholeFile(path, renderHeapDump(graph, heapDumpFormatFor(path)), error);
}

void writeCycleHeapDump(const HeapGraph& graph, const std::string& path) {
  CycleDumps& d = cycleDumps();
  std::lock_guard<runtime::Mutex> guard(d.lock);
  if (path != d.path) {
    d.path = path;
    d.lastCycle = 0;
    d.lastError.clear();
  }
  if (graph.cycle <= d.lastCycle) return;  // a later cycle's heap is already written
  std::string error;
  if (writeHeapDump(graph, path, &error)) {
    d.lastCycle = graph.cycle;
    d.lastError.clear();
    return;
  }
  if (error == d.lastError) return;
  std::fprintf(stderr, "goro: GODEBUG heapdump: %s\n", error.c_str());
  d.lastError = std::move(error);
}

}  // namespace goro::gc

#include "gc/gctrace.h"

#include <cinttypes>
#include <cstdio>
#include <string>

#include "gc/world.h"

namespace goro::gc {

namespace {
uint64_t toMB(uint64_t bytes) { return bytes >> 20; }
}  // namespace

void printGcTrace(const CycleReport& r, uint64_t startNs, uint64_t pauseTotalNs, uint64_t endNs) {
  std::string roots;
  for (size_t c = 0; c < kRootClassCount; c++) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s=%" PRIu64, c == 0 ? "" : " ", rootClassName(static_cast<RootClass>(c)),
                  r.rootRefs[c]);
    roots += buf;
  }
  double percent = endNs == 0 ? 0 : 100.0 * static_cast<double>(pauseTotalNs) / static_cast<double>(endNs);
  std::fprintf(stderr,
               "gc %" PRIu64 " @%.3fs %d%%: %.3f+%.3f ms stw (mark+sweep), %" PRIu64 "->%" PRIu64 "->%" PRIu64
               " MB, %" PRIu64 " MB goal, roots %s, %d P%s\n",
               r.cycle, static_cast<double>(startNs) / 1e9, static_cast<int>(percent),
               static_cast<double>(r.markNs) / 1e6, static_cast<double>(r.sweepNs) / 1e6, toMB(r.heapBefore),
               toMB(r.heapAfter), toMB(r.marked.bytes), r.goal == UINT64_MAX ? 0 : toMB(r.goal), roots.c_str(),
               worldProcs(), r.trigger == GcTrigger::Forced ? " (forced)" : "");
}

void printRootReport(const CycleReport& r) {
  for (size_t c = 0; c < kRootClassCount; c++) {
    std::fprintf(stderr,
                 "gcroots %" PRIu64 ": %s refs=%" PRIu64 " reaches=%" PRIu64 " objects/%" PRIu64
                 " B retains=%" PRIu64 " objects/%" PRIu64 " B\n",
                 r.cycle, rootClassName(static_cast<RootClass>(c)), r.rootRefs[c], r.reachable[c].objects,
                 r.reachable[c].bytes, r.retained[c].objects, r.retained[c].bytes);
  }
}

}  // namespace goro::gc

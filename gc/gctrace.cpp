#include "gc/gctrace.h"

#include <cinttypes>
#include <cstdio>
#include <algorithm>
#include <string>
#include <vector>

#include "gc/report_hooks.h"
#include "gc/world.h"
#include "runtime/object_model.h"

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
  // With several mark workers: each one's share of the objects marked.
  std::string shares;
  if (r.markWorkers > 1) {
    shares = ", mark workers " + std::to_string(r.markWorkers) + ":";
    for (int w = 0; w < r.markWorkers; w++) {
      double share = r.marked.objects == 0 ? 0 : 100.0 * static_cast<double>(r.workerMarked[w].objects) /
                                                     static_cast<double>(r.marked.objects);
      char buf[16];
      std::snprintf(buf, sizeof buf, "%s%.0f%%", w == 0 ? " " : "/", share);
      shares += buf;
    }
    shares += " objects";
  }
  double percent = endNs == 0 ? 0 : 100.0 * static_cast<double>(pauseTotalNs) / static_cast<double>(endNs);
  std::fprintf(stderr,
               "gc %" PRIu64 " @%.3fs %d%%: %.3f+%.3f ms stw (mark+sweep), %" PRIu64 "->%" PRIu64 "->%" PRIu64
               " MB, %" PRIu64 " MB goal, roots %s, %d P%s%s\n",
               r.cycle, static_cast<double>(startNs) / 1e9, static_cast<int>(percent),
               static_cast<double>(r.markNs) / 1e6, static_cast<double>(r.sweepNs) / 1e6, toMB(r.heapBefore),
               toMB(r.heapAfter), toMB(r.marked.bytes), r.goal == UINT64_MAX ? 0 : toMB(r.goal), roots.c_str(),
               worldProcs(),
               r.trigger == GcTrigger::Forced ? " (forced)" : r.trigger == GcTrigger::Limit ? " (heap limit)" : "",
               shares.c_str());
}

std::string describeRootSlot(const RootSlot& s) { return slotLabel(s) + " -> " + describeForReport(s.object); }

size_t slotCount(const CycleReport& r, RootClass c) {
  size_t n = 0;
  for (const RootSlot& s : r.slots) n += s.rootClass == c ? 1 : 0;
  return n;
}

std::vector<const RootSlot*> slotsByRetention(const CycleReport& r) {
  std::vector<const RootSlot*> retaining;
  for (const RootSlot& s : r.slots) {
    if (slotRetention(s).objects != 0) retaining.push_back(&s);
  }
  std::stable_sort(retaining.begin(), retaining.end(), [](const RootSlot* a, const RootSlot* b) {
    return slotRetention(*a).bytes > slotRetention(*b).bytes;
  });
  return retaining;
}

void printRootReport(const CycleReport& r, bool everySlot) {
  std::vector<const RootSlot*> retaining = slotsByRetention(r);
  for (size_t c = 0; c < kRootClassCount; c++) {
    auto rc = static_cast<RootClass>(c);
    std::fprintf(stderr,
                 "gcroots %" PRIu64 ": %s refs=%" PRIu64 " slots=%zu reaches=%" PRIu64 " objects/%" PRIu64
                 " B retains=%" PRIu64 " objects/%" PRIu64 " B\n",
                 r.cycle, rootClassName(rc), r.rootRefs[c], slotCount(r, rc), r.reachable[c].objects,
                 r.reachable[c].bytes, r.retained[c].objects, r.retained[c].bytes);
    size_t shown = 0, more = 0;
    for (const RootSlot* s : retaining) {
      if (s->rootClass != rc) continue;
      if (!everySlot && shown == kSlotsPerClass) {
        more++;
        continue;
      }
      shown++;
      std::string line = describeRootSlot(*s);
      MarkCounts kept = slotRetention(*s);
      std::fprintf(stderr, "gcroots %" PRIu64 ":   %s, %s %" PRIu64 " objects/%" PRIu64 " B\n", r.cycle,
                   line.c_str(), s->heldWith.empty() ? "retains" : "retain", kept.objects, kept.bytes);
    }
    if (more != 0) std::fprintf(stderr, "gcroots %" PRIu64 ":   ... and %zu more (gcroots=2 lists them)\n", r.cycle, more);
  }
}

}  // namespace goro::gc

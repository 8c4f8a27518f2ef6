// GODEBUG=gctrace=1 and gcroots=1 output, on stderr.
//
// gctrace, one line per cycle, modelled on Go's:
//
//   gc 3 @0.105s 4%: 0.12+0.05 ms stw (mark+sweep), 8->8->1 MB, 4 MB goal,
//   roots globals=1 allgs=0 allm=2 allp=0 sched=0 handles=3 runtime=0 test=0, 1 P
//
// (one line on the terminal): cycle number, seconds since start, percentage
// of the time since start spent with the world stopped for GC, the pause
// split into mark and sweep, heap at the start -> in spans after the sweep
// -> live (marked), the next goal, the references each root class reported,
// and the number of Ps. "(forced)" ends the line of a forced cycle, as in Go.
//
// gcroots, after the gctrace line, one line per root class, each followed by
// the class's slots that alone keep something alive, largest first:
//
//   gcroots 3: allm refs=2 slots=6 reaches=2 objects/40 B retains=1 objects/48 B
//   gcroots 3:   allm[3].allpSnapshot -> allp array cap=2 (replaced by the last GOMAXPROCS change), 40 B, retains 1 objects/48 B
//   gcroots 3: allgs refs=4 slots=21 reaches=44 objects/5760 B retains=3 objects/288 B
//   gcroots 3:   allgs: goroutine 2 frame main.worker local "buf" -> map len=1, retains 3 objects/288 B
//
// "refs": the references the class reported to the cycle; "slots": the
// named slots the report found in it (a table and each of its entries, a
// goroutine state and each of its parts, count apiece); "reaches":
// everything marked from that class alone; "retains": what only that class
// (or slot) keeps alive, what a cycle without it would free (in a slot
// line, bytes as allocated, rounded up to a size class). A slot is named by
// its scanner and described without an address (describeRootSlot, gc/
// report_hooks.h). At most kSlotsPerClass slots per class, unless everySlot
// (gcroots=2).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gc/collector.h"

namespace goro::gc {

void printGcTrace(const CycleReport& r, uint64_t startNs, uint64_t pauseTotalNs, uint64_t endNs);
inline constexpr size_t kSlotsPerClass = 10;
// A slot as a gcroots line shows it, before what it retains:
// `allm[3].allpSnapshot -> allp array cap=8 (replaced 2 GOMAXPROCS changes
// ago), 88 B`, `globals: sink -> array len=3`.
std::string describeRootSlot(const RootSlot& s);
// The named slots the report found in class c (a table and each of its
// entries count; see gc/roots.h).
size_t slotCount(const CycleReport& r, RootClass c);
// The report's slots that alone retain something, largest first (stable:
// among equals, in scanning order), as gcroots and runtime.Roots list them.
std::vector<const RootSlot*> slotsByRetention(const CycleReport& r);
void printRootReport(const CycleReport& r, bool everySlot);

}  // namespace goro::gc

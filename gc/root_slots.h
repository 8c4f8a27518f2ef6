// Root slots: which slot keeps what alive. The collector's answer to the
// question Goro exists to study (GODEBUG=gcroots, goro-stress's allp-race
// scenario, tests): not "the allm class marked something" but "the old allp
// array is alive because of allm[2].allpSnapshot, and nothing else".
//
// A slot is one reference a root scanner reports, with the name its scanner
// gives it (gc/roots.h). Both questions below are answered with the world
// stopped, from the collector's own scanners and trace functions, and leave
// every mark bit clear:
//
//  1. What does each slot keep alive on its own? Mark from every slot in
//     order, draining the work list after each, and note for each object
//     the slot that reached it first; then mark again with the slots in the
//     reverse order. An object that slots s and t both reach is credited
//     to the earlier of them in one pass and to the later in the other, so
//     the objects credited to s in both passes are exactly those that no
//     other slot reaches: what s alone retains. (Cost: two marking passes
//     and a hash map entry per live object.)
//  2. Why is x alive? A breadth-first walk from the slots that remembers
//     each object's parent finds a shortest chain of references from a slot
//     to x, as heap-snapshot tools show retainers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gc/mark.h"
#include "gc/root_classes.h"
#include "runtime/object_model.h"

namespace goro::gc {

struct RootSlot {
  RootClass rootClass = RootClass::test;
  std::string name;                        // e.g. "allm[2].allpSnapshot"
  const runtime::Object* object = nullptr;
  MarkCounts retains;                      // objects only this slot keeps alive
  // A table whose entries are slots of their own (RootVisitor::visitTable):
  // the slot's object is marked alone, and a path never passes through it.
  bool table = false;
};

// Every root slot, class by class in gc/root_classes.h order; with
// `retention`, each with what it alone retains (question 1). World stopped.
std::vector<RootSlot> rootSlots(bool retention);

// A shortest chain of references from a root slot to an object.
struct RootPath {
  RootClass rootClass = RootClass::test;
  std::string slot;
  // chain.front() is the slot's object, chain.back() the target.
  std::vector<const runtime::Object*> chain;
};

// Question 2, with the world stopped; nullopt if no slot reaches target.
// target is compared, never dereferenced, so it may be a dangling pointer.
std::optional<RootPath> findRootPath(const runtime::Object* target);
// The same, stopping and starting the world itself.
std::optional<RootPath> whyAlive(const runtime::Object* target);

// runtime.WhyAlive: describeRootPath of target's path, made with the world
// stopped (the chain's objects cannot die before they are described), or
// nullopt if no slot reaches target. Stops and starts the world itself.
std::optional<std::string> whyAliveText(const runtime::Object* target);

// What keeps an object alive when several slots hold it directly (two Ms
// parked with the same allp snapshot: each slot alone retains nothing, as
// question 1 says, yet together they keep it).
struct Retainers {
  std::vector<std::string> direct;  // slots whose own object is the target
  bool reachable = false;           // from any slot
  bool reachableWithoutDirect = false;  // from the slots not in `direct`
};
// World stopped. target is compared, never dereferenced.
Retainers findRetainers(const runtime::Object* target);

// "allm[2].allpSnapshot -> allp array cap=2 (replaced by the last GOMAXPROCS
// change), 40 B", "globals: sink -> array len=1 -> map len=2": objects as
// describeForReport (gc/report_hooks.h) shows them, without addresses. The
// chain's objects must be alive.
std::string describeRootPath(const RootPath& path);

}  // namespace goro::gc

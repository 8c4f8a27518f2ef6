// Root slots: see root_slots.h.
#include "gc/root_slots.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <unordered_map>

#include "gc/report_hooks.h"
#include "gc/roots.h"
#include "gc/world.h"
#include "runtime/tracer.h"

namespace goro::gc {

using runtime::Object;

namespace {

class SlotCollector final : public SlotSink {
 public:
  explicit SlotCollector(std::vector<RootSlot>& out) : out_(out) {}
  void setClass(RootClass c) { class_ = c; }
  void slot(const Object* o, std::string&& name, bool table) override {
    RootSlot& s = out_.emplace_back();
    s.rootClass = class_;
    s.name = name.empty() ? rootClassName(class_) : std::move(name);
    s.object = o;
    s.table = table;
  }

 private:
  std::vector<RootSlot>& out_;
  RootClass class_ = RootClass::test;
};

// First pass: which slot reached each object first.
class CreditFirst final : public MarkObserver {
 public:
  std::unordered_map<const Object*, uint32_t> firstSlot;
  uint32_t current = 0;
  void marked(const Object* o, size_t) override { firstSlot.emplace(o, current); }
};

// Second pass, slots reversed: an object credited to the same slot again is
// reached by that slot alone. It also notes which slot reaches each shared
// candidate (below) first in this order: the last of its holders, if no
// slot after them reaches it.
class CreditAgain final : public MarkObserver {
 public:
  CreditAgain(const CreditFirst& first, std::vector<RootSlot>& slots,
              std::unordered_map<const Object*, uint32_t>& lastSlot)
      : first_(first), slots_(slots), lastSlot_(lastSlot) {}
  uint32_t current = 0;
  void marked(const Object* o, size_t bytes) override {
    auto it = first_.firstSlot.find(o);
    if (it != first_.firstSlot.end() && it->second == current) slots_[current].retains += {1, bytes};
    auto last = lastSlot_.find(o);
    if (last != lastSlot_.end()) last->second = current;
  }

 private:
  const CreditFirst& first_;
  std::vector<RootSlot>& slots_;
  std::unordered_map<const Object*, uint32_t>& lastSlot_;
};

class CountMarks final : public MarkObserver {
 public:
  MarkCounts counts;
  void marked(const Object*, size_t bytes) override { counts += {1, bytes}; }
};

// Marks what slot s reaches: the table alone, or everything from the object.
void markSlot(const RootSlot& s, runtime::Tracer& tracer, MarkObserver& observer) {
  if (s.table) {
    markObjectOnly(s.object, observer);
    return;
  }
  tracer.visit(s.object);
  drainMarkStack(tracer, false, observer);
}

// Objects held directly by two or more slots of one class (tables aside),
// with their holders in scanning order. An object that slots of two classes
// hold is left out: it is no group's alone, and the class lines say so.
std::unordered_map<const Object*, std::vector<uint32_t>> sharedObjects(const std::vector<RootSlot>& slots) {
  std::unordered_map<const Object*, std::vector<uint32_t>> holders;
  for (uint32_t i = 0; i < slots.size(); i++) {
    if (!slots[i].table) holders[slots[i].object].push_back(i);
  }
  std::erase_if(holders, [&slots](const auto& h) {
    const std::vector<uint32_t>& group = h.second;
    return group.size() < 2 || slots[group.front()].rootClass != slots[group.back()].rootClass;
  });
  return holders;
}

// What each group of holders of one object retains together (the top of
// root_slots.h). candidates: the shared objects that the group's first
// holder reached first in the forward pass, each with the slot that
// reached it first in the reverse pass.
void creditGroups(std::vector<RootSlot>& slots,
                  const std::unordered_map<const Object*, std::vector<uint32_t>>& holders,
                  const std::unordered_map<const Object*, uint32_t>& candidates, runtime::Tracer& tracer) {
  // Scanning order, so that the report does not depend on hashing.
  std::vector<const std::vector<uint32_t>*> groups;
  for (const auto& [o, last] : candidates) {
    const std::vector<uint32_t>& group = holders.at(o);
    if (last == group.back()) groups.push_back(&group);
  }
  std::sort(groups.begin(), groups.end(), [](const auto* a, const auto* b) { return a->front() < b->front(); });
  if (groups.size() > kSharedGroups) groups.resize(kSharedGroups);
  std::vector<bool> inGroup(slots.size());
  for (const std::vector<uint32_t>* group : groups) {
    for (uint32_t i : *group) inGroup[i] = true;
    CountMarks others, together;
    clearAllMarks();
    for (uint32_t i = 0; i < slots.size(); i++) {
      if (!inGroup[i]) markSlot(slots[i], tracer, others);
    }
    for (uint32_t i : *group) markSlot(slots[i], tracer, together);
    for (uint32_t i : *group) inGroup[i] = false;
    if (together.counts.objects == 0) continue;
    RootSlot& first = slots[group->front()];
    for (size_t k = 1; k < group->size(); k++) first.heldWith.push_back(slots[(*group)[k]].name);
    first.retainsWith = together.counts;
  }
  clearAllMarks();
}

}  // namespace

MarkCounts slotRetention(const RootSlot& s) {
  MarkCounts c = s.retains;
  c += s.retainsWith;
  return c;
}

std::string slotLabel(const RootSlot& s) {
  if (s.heldWith.empty()) return s.name;
  std::string out = s.name;
  for (size_t k = 0; k < s.heldWith.size(); k++) {
    out += k + 1 == s.heldWith.size() ? " and " : ", ";
    out += s.heldWith[k];
  }
  return out + " (together)";
}

std::vector<RootSlot> rootSlots(bool retention) {
  std::vector<RootSlot> slots;
  SlotCollector collector(slots);
  for (size_t c = 0; c < kRootClassCount; c++) {
    collector.setClass(static_cast<RootClass>(c));
    RootVisitor visitor(collector);
    scanRootClass(static_cast<RootClass>(c), visitor);
  }
  if (!retention) return slots;

  runtime::Tracer tracer;
  CreditFirst first;
  clearAllMarks();
  for (uint32_t i = 0; i < slots.size(); i++) {
    first.current = i;
    markSlot(slots[i], tracer, first);
  }
  clearAllMarks();
  std::unordered_map<const Object*, std::vector<uint32_t>> holders = sharedObjects(slots);
  std::unordered_map<const Object*, uint32_t> candidates;
  for (const auto& [o, group] : holders) {
    auto it = first.firstSlot.find(o);
    if (it != first.firstSlot.end() && it->second == group.front()) candidates.emplace(o, UINT32_MAX);
  }
  CreditAgain again(first, slots, candidates);
  for (uint32_t i = static_cast<uint32_t>(slots.size()); i-- > 0;) {
    again.current = i;
    markSlot(slots[i], tracer, again);
  }
  clearAllMarks();
  if (!candidates.empty()) creditGroups(slots, holders, candidates, tracer);
  return slots;
}

std::optional<RootPath> findRootPath(const Object* target) {
  std::vector<RootSlot> slots = rootSlots(false);
  // Each object reached, with the object it was reached from (null for a
  // slot's own object); slotOf names the slot of such a first object.
  std::unordered_map<const Object*, const Object*> parent;
  std::unordered_map<const Object*, size_t> slotOf;
  std::unordered_map<const Object*, bool> tables;  // not expanded: their entries are slots
  std::deque<const Object*> queue;
  for (size_t i = 0; i < slots.size(); i++) {
    if (parent.emplace(slots[i].object, nullptr).second) {
      slotOf.emplace(slots[i].object, i);
      queue.push_back(slots[i].object);
    }
    if (slots[i].table) tables.emplace(slots[i].object, true);
  }
  runtime::Tracer children;
  while (!queue.empty()) {
    const Object* o = queue.front();
    queue.pop_front();
    if (o == target) {
      RootPath path;
      for (const Object* p = o; p != nullptr; p = parent[p]) path.chain.insert(path.chain.begin(), p);
      const RootSlot& s = slots[slotOf[path.chain.front()]];
      path.rootClass = s.rootClass;
      path.slot = s.name;
      return path;
    }
    const runtime::TypeInfo& type = runtime::typeInfo(o);
    if (type.noScan || tables.count(o) != 0) continue;
    type.trace(const_cast<Object*>(o), children);
    while (!children.empty()) {
      const Object* c = children.pop();
      if (parent.emplace(c, o).second) queue.push_back(c);
    }
  }
  return std::nullopt;
}

namespace {
// Whether marking from the slots that `use` accepts reaches target.
template <typename Use>
bool reaches(const std::vector<RootSlot>& slots, const Object* target, Use&& use) {
  class Watch final : public MarkObserver {
   public:
    explicit Watch(const Object* t) : target_(t) {}
    bool seen = false;
    void marked(const Object* o, size_t) override { seen |= o == target_; }

   private:
    const Object* target_;
  } watch(target);
  runtime::Tracer tracer;
  clearAllMarks();
  for (const RootSlot& s : slots) {
    if (use(s)) markSlot(s, tracer, watch);
  }
  clearAllMarks();
  return watch.seen;
}
}  // namespace

Retainers findRetainers(const Object* target) {
  std::vector<RootSlot> slots = rootSlots(false);
  Retainers r;
  for (const RootSlot& s : slots) {
    if (s.object == target) r.direct.push_back(s.name);
  }
  r.reachable = reaches(slots, target, [](const RootSlot&) { return true; });
  r.reachableWithoutDirect = reaches(slots, target, [target](const RootSlot& s) { return s.object != target; });
  return r;
}

std::optional<RootPath> whyAlive(const Object* target) {
  StoppedWorld world(StwReason::RootReport);
  return findRootPath(target);
}

std::optional<std::string> whyAliveText(const Object* target) {
  StoppedWorld world(StwReason::RootReport);
  std::optional<RootPath> path = findRootPath(target);
  if (!path) return std::nullopt;
  return describeRootPath(*path);
}

std::string describeRootPath(const RootPath& path) {
  std::string out = path.slot;
  for (const Object* o : path.chain) {
    out += " -> ";
    out += describeForReport(o);
  }
  return out;
}

}  // namespace goro::gc

// Root slots: see root_slots.h.
#include "gc/root_slots.h"

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
    out_.push_back({class_, name.empty() ? rootClassName(class_) : std::move(name), o, {}, table});
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
// reached by that slot alone.
class CreditAgain final : public MarkObserver {
 public:
  CreditAgain(const CreditFirst& first, std::vector<RootSlot>& slots) : first_(first), slots_(slots) {}
  uint32_t current = 0;
  void marked(const Object* o, size_t bytes) override {
    auto it = first_.firstSlot.find(o);
    if (it != first_.firstSlot.end() && it->second == current) slots_[current].retains += {1, bytes};
  }

 private:
  const CreditFirst& first_;
  std::vector<RootSlot>& slots_;
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

}  // namespace

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
  CreditAgain again(first, slots);
  for (uint32_t i = static_cast<uint32_t>(slots.size()); i-- > 0;) {
    again.current = i;
    markSlot(slots[i], tracer, again);
  }
  clearAllMarks();
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

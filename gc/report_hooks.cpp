// Report hooks: see report_hooks.h.
#include "gc/report_hooks.h"

#include <atomic>

namespace goro::gc {

namespace {
// Indexed by kind. Atomic because a hook is set by whichever thread first
// uses its layer, while a report may run on another.
std::atomic<PartNamer> gPartNamers[runtime::kKindCount];
std::atomic<Describer> gDescribers[runtime::kKindCount];
}  // namespace

void setPartNamer(runtime::Kind kind, PartNamer namer) {
  gPartNamers[static_cast<size_t>(kind)].store(namer, std::memory_order_release);
}

PartNamer partNamer(runtime::Kind kind) {
  return gPartNamers[static_cast<size_t>(kind)].load(std::memory_order_acquire);
}

void setDescriber(runtime::Kind kind, Describer describer) {
  gDescribers[static_cast<size_t>(kind)].store(describer, std::memory_order_release);
}

std::string describeForReport(const runtime::Object* o) {
  std::string out;
  Describer d = gDescribers[static_cast<size_t>(o->kind)].load(std::memory_order_acquire);
  if (d != nullptr && d(o, out)) return out;
  const runtime::TypeInfo& type = runtime::typeInfo(o);
  out = type.name;
  std::string details;
  type.describe(o, details);
  if (!details.empty()) {
    out += ' ';
    out += details;
  }
  return out;
}

}  // namespace goro::gc

#include "gc/roots.h"

#include <mutex>
#include <vector>

#include "gc/report_hooks.h"
#include "runtime/mutex.h"

namespace goro::gc {

namespace {
#define GORO_ROOT_NAME(e, name) name,
const char* const kRootNames[] = {GORO_ROOT_CLASSES(GORO_ROOT_NAME)};
#undef GORO_ROOT_NAME
static_assert(std::size(kRootNames) == kRootClassCount);

struct Registration {
  int id;
  RootClass rootClass;
  RootScanner scan;
  void* context;
};

struct Registry {
  runtime::Mutex lock{runtime::LockRank::gcRoots};
  std::vector<Registration> entries;
  int nextId = 1;
};

Registry& registry() {
  static Registry* r = new Registry();
  return *r;
}
}  // namespace

const char* rootClassName(RootClass c) { return kRootNames[static_cast<size_t>(c)]; }

int registerRoots(RootClass c, RootScanner scan, void* context) {
  Registry& r = registry();
  std::lock_guard<runtime::Mutex> guard(r.lock);
  int id = r.nextId++;
  r.entries.push_back({id, c, scan, context});
  return id;
}

void unregisterRoots(int id) {
  Registry& r = registry();
  std::lock_guard<runtime::Mutex> guard(r.lock);
  std::erase_if(r.entries, [id](const Registration& e) { return e.id == id; });
}

void RootVisitor::reportParts(const runtime::Object* o, std::string&& name) {
  count_++;
  PartNamer parts = partNamer(o->kind);
  if (parts == nullptr) {
    sink_->slot(o, std::move(name), false);
    return;
  }
  sink_->slot(o, std::string(name), true);
  parts(o, name, *this);
}

RootJobs::RootJobs(RootClass c) {
  Registry& r = registry();
  r.lock.lock();
  for (const Registration& e : r.entries) {
    if (e.rootClass == c) jobs_.push_back({e.scan, e.context});
  }
}

RootJobs::~RootJobs() { registry().lock.unlock(); }

void scanRootClass(RootClass c, RootVisitor& visitor) {
  RootJobs jobs(c);
  for (size_t j = 0; j < jobs.size(); j++) jobs.run(j, visitor);
}

}  // namespace goro::gc

#include "gc/world.h"

#include <atomic>
#include <iterator>

#include "runtime/mutex.h"
#include "runtime/trace_events.h"

namespace goro::gc {

namespace {
#define GORO_STW_NAME(e, name) name,
const char* const kReasonNames[] = {GORO_STW_REASONS(GORO_STW_NAME)};
#undef GORO_STW_NAME
static_assert(std::size(kReasonNames) == static_cast<size_t>(StwReason::Count));

// Before the scheduler exists there are no Ps to stop: the only duty left
// is to keep two stoppers from overlapping.
class LockedWorld final : public World {
 public:
  void stop(StwReason reason) override {
    lock_.lock();
    if (runtime::trace::on()) [[unlikely]] runtime::trace::stopTheWorldBegin(stwReasonName(reason));
  }
  void start() override {
    if (runtime::trace::on()) [[unlikely]] runtime::trace::stopTheWorldEnd();
    lock_.unlock();
  }
  int procs() const override { return 1; }

 private:
  runtime::Mutex lock_{runtime::LockRank::world};
};

LockedWorld& defaultWorld() {
  static LockedWorld* w = new LockedWorld();
  return *w;
}
std::atomic<World*> gWorld{nullptr};

World& current() {
  World* w = gWorld.load(std::memory_order_acquire);
  return w != nullptr ? *w : defaultWorld();
}
}  // namespace

const char* stwReasonName(StwReason r) { return kReasonNames[static_cast<size_t>(r)]; }
void setWorld(World* world) { gWorld.store(world, std::memory_order_release); }
void stopTheWorld(StwReason reason) { current().stop(reason); }
void startTheWorld() { current().start(); }
int worldProcs() { return current().procs(); }

}  // namespace goro::gc

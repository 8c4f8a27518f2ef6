#include "gc/weak_refs.h"

#include <atomic>

#include "runtime/fatal.h"

namespace goro::gc {

namespace {

struct Clearer {
  WeakClearer clear;
  void* context;
};

// A fixed table, so a collection reads it without a lock or an allocation:
// a slot is written before the count that publishes it (release), and
// registration happens at start-up, once per owner.
constexpr int kMaxClearers = 8;
Clearer gClearers[kMaxClearers];
std::atomic<int> gCount{0};
std::atomic<int> gReserved{0};

}  // namespace

void registerWeakClearer(WeakClearer clear, void* context) {
  int slot = gReserved.fetch_add(1);
  if (slot >= kMaxClearers) runtime::fatal("registerWeakClearer: too many clearers");
  gClearers[slot] = Clearer{clear, context};
  // Publish in slot order (registrations are rare: wait for earlier ones).
  int expected = slot;
  while (!gCount.compare_exchange_weak(expected, slot + 1, std::memory_order_release)) expected = slot;
}

void clearWeakRefs() {
  int n = gCount.load(std::memory_order_acquire);
  for (int i = 0; i < n; i++) gClearers[i].clear(gClearers[i].context);
}

}  // namespace goro::gc

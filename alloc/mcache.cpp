#include "alloc/mcache.h"

#include <mutex>

#include "runtime/mutex.h"

namespace goro::alloc {

namespace {
// The registry of every mcache. Guarded by registryLock; walked by
// forEach() only with the world stopped (no cache is created or destroyed
// then).
MCache* gRegistry = nullptr;

Span gEmptySpan{};  // nelems 0, allocCache 0: nextFreeFast always fails
}  // namespace

Span* MCache::emptySpan() { return &gEmptySpan; }
runtime::Mutex& MCache::registryLock() {
  static runtime::Mutex* m = new runtime::Mutex(runtime::LockRank::mcaches);
  return *m;
}
MCache* MCache::registryHead() { return gRegistry; }

MCache::MCache() {
  for (auto& s : spans_) s = emptySpan();
  std::lock_guard<runtime::Mutex> guard(registryLock());
  nextCache_ = gRegistry;
  if (gRegistry != nullptr) gRegistry->prevCache_ = this;
  gRegistry = this;
}

MCache::~MCache() {
  releaseAll();
  std::lock_guard<runtime::Mutex> guard(registryLock());
  if (prevCache_ != nullptr) prevCache_->nextCache_ = nextCache_;
  else gRegistry = nextCache_;
  if (nextCache_ != nullptr) nextCache_->prevCache_ = prevCache_;
}

namespace {
// A span leaves the cache: report what was allocated from it and give back
// the reservation of its unused slots.
void uncache(Span* s) {
  Heap& heap = Heap::instance();
  uint64_t n = s->allocCount - s->allocCountAtCache;
  heap.countAllocations(n, n * s->elemSize);
  heap.addHeapLive(-static_cast<int64_t>(uint64_t{s->nelems - s->allocCount} * s->elemSize));
  heap.central(s->sizeClass).uncacheSpan(s);
}
}  // namespace

uintptr_t MCache::nextFree(uint8_t sizeClass, bool* grew) {
  Span* s = spans_[sizeClass];
  if (s != emptySpan()) {
    if (uintptr_t p = s->nextFreeSlow()) return p;
    uncache(s);
  }
  Heap& heap = Heap::instance();
  s = heap.central(sizeClass).cacheSpan();
  s->allocCountAtCache = s->allocCount;
  // Count the span's free slots as used from now on (Go's heapLive rule):
  // the collector then sees heap growth once per span, not per object.
  heap.addHeapLive(static_cast<int64_t>(uint64_t{s->nelems - s->allocCount} * s->elemSize));
  spans_[sizeClass] = s;
  *grew = true;
  uintptr_t p = s->nextFreeFast();
  if (p == 0) p = s->nextFreeSlow();
  return p;
}

void* MCache::allocLarge(size_t size) {
  return reinterpret_cast<void*>(Heap::instance().allocLargeSpan(size)->base);
}

void MCache::releaseAll() {
  for (size_t c = 1; c < kNumSizeClasses; c++) {
    if (spans_[c] != emptySpan()) {
      uncache(spans_[c]);
      spans_[c] = emptySpan();
    }
  }
}

}  // namespace goro::alloc

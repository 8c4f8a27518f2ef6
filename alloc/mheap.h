// Heap: the page heap under all spans (Go's mheap).
//
// Memory comes from mimalloc in 4 MiB arenas (arena.h). The heap carves them
// into spans of whole pages: small-object spans for the mcentrals and
// one-object spans for large objects. It keeps the list of every span in
// use, which the sweeper walks, and gives empty arenas back to mimalloc when
// more than the retained amount is free.
//
// Locking: the heap lock (rank mheap) guards the arena list, page bitmaps,
// the span list and the counters. spanOf() reads arena tables without it.
// sweep(), forEachSpan() and stats() require the world stopped and every
// mcache flushed (they read span state that mcaches own).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "alloc/arena.h"
#include "alloc/heap_stats.h"
#include "alloc/mcentral.h"
#include "alloc/span.h"
#include "runtime/mutex.h"

namespace goro::alloc {

// Where a heap address stands, as far as the heap's own records tell
// (Heap::objectStateLocked).
enum class ObjectState : uint8_t {
  Allocated,   // the start of an allocated slot in a span in use
  Persistent,  // the start of a persistentAlloc block
  FreeSlot,    // in a span in use, but not the start of an allocated slot
  FreePages,   // in an arena the heap holds, on pages no span in use covers
  NoArena,     // in no arena the heap holds: never heap memory, or its arena
               // was given back to mimalloc (releaseFreeArenas)
};

struct SweepOptions {
  bool clobberFreed = false;  // GODEBUG=clobberfree=1
  // The sweep split among threads (the collector's mark workers,
  // gc/mark_workers.h): runParts(parts, part, context) must call
  // part(k, context) for every k in [0, parts), at once on several threads
  // if it likes, and return when all have returned. Each part sweeps the
  // slots of its own range of spans; the lists are then rebuilt on the
  // calling thread. Null, or parts <= 1: the calling thread sweeps alone.
  int parts = 1;
  void (*runParts)(int parts, void (*part)(int k, void* context), void* context) = nullptr;
};

struct SweepResult {
  uint64_t liveObjects = 0;
  uint64_t liveBytes = 0;
  uint64_t freedObjects = 0;
  uint64_t freedBytes = 0;
  uint64_t spansSwept = 0;
  uint64_t spansFreed = 0;
};

class Heap {
 public:
  static Heap& instance();

  // A fresh span of the class, every slot free (called by MCentral).
  Span* allocSmallSpan(uint8_t sizeClass);
  // A span holding one object of `bytes` (> kMaxSmallSize), zeroed. Counts
  // the allocation at once.
  Span* allocLargeSpan(size_t bytes);

  MCentral& central(size_t sizeClass) { return centrals_[sizeClass]; }

  // World stopped, caches flushed: frees every unmarked object, clears the
  // mark bits, rebuilds the mcentral lists and returns empty spans to the
  // page heap.
  SweepResult sweep(const SweepOptions& options);

  // Gives empty arenas back to mimalloc while more than `retainBytes` of
  // free pages would remain.
  void releaseFreeArenas(size_t retainBytes);

  // World stopped: calls f(Span*) for each span in use.
  template <typename F>
  void forEachSpan(F&& f) {
    for (Span* s : spans_) f(s);
  }

  // Whether p is the start of an allocated slot in a span in use (for the
  // heap verifier and debugging; takes the heap lock).
  bool isAllocatedObject(const void* p);

  // Runs f() holding the heap lock. Sweeping, freeing spans and giving
  // arenas back all hold this lock, so while f runs an object that
  // objectStateLocked() finds Allocated or Persistent is not freed and its
  // memory stays mapped, and an address in an arena the heap holds stays
  // mapped. (A FreeSlot may still be allocated meanwhile: mcaches allocate
  // without the lock.) f must not allocate from the collected heap nor take
  // a lock ranked at or before mheap.
  template <typename F>
  decltype(auto) withLock(F&& f) {
    std::lock_guard<runtime::Mutex> guard(lock_);
    return f();
  }
  // What the heap knows of address p; never dereferences p. Heap lock held
  // (inside withLock).
  ObjectState objectStateLocked(const void* p) const;

  // World stopped: the counters, including what mcaches have allocated but
  // not yet reported.
  HeapStats stats();

  // Bytes allocated or reserved by mcaches (their spans' free slots count
  // as used, as in Go). The collector paces itself on this.
  uint64_t heapLive() const { return heapLive_.load(std::memory_order_relaxed); }
  void addHeapLive(int64_t delta) { heapLive_.fetch_add(static_cast<uint64_t>(delta), std::memory_order_relaxed); }

  // Called by an mcache when a span leaves it: the objects it allocated from
  // the span since taking it.
  void countAllocations(uint64_t objects, uint64_t bytes) {
    mallocs_.fetch_add(objects, std::memory_order_relaxed);
    totalAlloc_.fetch_add(bytes, std::memory_order_relaxed);
  }

  // A never-freed, zeroed allocation outside the collected heap, counted in
  // the stats (GODEBUG=allpsnapshot=persistent).
  void* persistentAlloc(size_t bytes);
  // Whether p is the start of a persistentAlloc block (heap lock).
  bool isPersistentObject(const void* p);

 private:
  Heap();
  [[noreturn]] void outOfMemory(size_t bytes, const char* why);
  Span* allocPagesLocked(size_t npages, uint8_t sizeClass, size_t elemSize, size_t nelems);
  Arena* newArenaLocked(size_t npages, bool huge);
  void freeSpanLocked(Span* s);
  // Sweeping, in two steps: the span's slots (any thread, one span each),
  // then its place in the lists (the sweeping thread, heap lock held).
  static void sweepSlots(Span* s, const SweepOptions& options, SweepResult& r);
  // Returns whether s stays in use (it is then kept in spans_).
  bool settleSweptLocked(Span* s, SweepResult& r);
  void releaseArenaLocked(Arena* a);
  Span* makeSpan(Arena* a, size_t firstPage, size_t npages, uint8_t sizeClass, size_t elemSize,
                 size_t nelems);

  runtime::Mutex lock_;
  MCentral centrals_[kNumSizeClasses];
  Arena* arenas_ = nullptr;
  std::vector<Span*> spans_;  // every span in use
  std::atomic<uint64_t> heapLive_{0};
  std::atomic<uint64_t> mallocs_{0};
  std::atomic<uint64_t> totalAlloc_{0};
  uint64_t frees_ = 0;
  uint64_t freedBytes_ = 0;
  uint64_t heapSys_ = 0;
  uint64_t heapReleased_ = 0;
  uint64_t pagesInUse_ = 0;
  uint64_t persistentAllocs_ = 0;
  uint64_t persistentBytes_ = 0;
  std::unordered_set<const void*> persistentBlocks_;
  std::unordered_set<const Arena*> arenaSet_;  // for objectStateLocked
};

}  // namespace goro::alloc

#include "alloc/mheap.h"

#include <mimalloc.h>

#include <bit>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "alloc/mcache.h"
#include "alloc/poison.h"
#include "runtime/fatal.h"

namespace goro::alloc {

Heap& Heap::instance() {
  // Never destroyed: objects may be reached during static destruction.
  static Heap* heap = new Heap();
  return *heap;
}

Heap::Heap() : lock_(runtime::LockRank::mheap) {
  for (size_t c = 0; c < kNumSizeClasses; c++) centrals_[c].init(static_cast<uint8_t>(c));
}

// Heap lock held. mimalloc refused memory (or a single object is past what
// a span can describe): the process ends with Go's out-of-memory report, naming the
// request and what the heap already holds. Allocates nothing.
[[noreturn]] void Heap::outOfMemory(size_t bytes, const char* why) {
  char detail[200];
  std::snprintf(detail, sizeof detail, "cannot allocate %zu-byte block (%llu in use)%s", bytes,
                static_cast<unsigned long long>(heapSys_), why);
  runtime::fatalOutOfMemory(detail);
}

// ---------------------------------------------------------------------------
// Arenas and pages

Arena* Heap::newArenaLocked(size_t npages, bool huge) {
  size_t bytes = huge ? (npages + 1) * kPageSize : kArenaSize;
  void* mem = mi_malloc_aligned(bytes, kArenaSize);
  if (mem == nullptr) outOfMemory(bytes, "");
  auto* a = static_cast<Arena*>(mem);
  std::memset(a, 0, sizeof(Arena));
  a->bytes = bytes;
  a->huge = huge;
  a->npages = static_cast<uint32_t>(huge ? npages : kUsablePagesPerArena);
  a->nfree = huge ? 0 : a->npages;
  if (!huge) {
    for (size_t p = 1; p < kPagesPerArena; p++) a->freeBits[p / 64] |= uint64_t{1} << (p % 64);
  }
  a->next = arenas_;
  if (arenas_ != nullptr) arenas_->prev = a;
  arenas_ = a;
  arenaSet_.insert(a);
  heapSys_ += bytes;
  poisonFresh(a->pageAddress(1), bytes - kPageSize);
  return a;
}

void Heap::releaseArenaLocked(Arena* a) {
  arenaSet_.erase(a);
  if (a->prev != nullptr) a->prev->next = a->next;
  else arenas_ = a->next;
  if (a->next != nullptr) a->next->prev = a->prev;
  heapSys_ -= a->bytes;
  heapReleased_ += a->bytes;
  unpoison(reinterpret_cast<uintptr_t>(a), a->bytes);
  mi_free(a);
}

namespace {
// The first run of n free pages in an arena's bitmap, or 0 (page 0 is
// never free, so 0 means none).
size_t findFreeRun(const Arena* a, size_t n) {
  size_t run = 0;
  for (size_t w = 0; w < kPagesPerArena / 64; w++) {
    uint64_t bits = a->freeBits[w];
    if (bits == 0) {
      run = 0;
      continue;
    }
    if (bits == ~uint64_t{0}) {
      if (run + 64 >= n) return w * 64 - run;
      run += 64;
      continue;
    }
    for (size_t b = 0; b < 64; b++) {
      if ((bits >> b) & 1) {
        if (++run == n) return w * 64 + b + 1 - n;
      } else {
        run = 0;
      }
    }
  }
  return 0;
}
}  // namespace

Span* Heap::makeSpan(Arena* a, size_t firstPage, size_t npages, uint8_t sizeClass, size_t elemSize,
                     size_t nelems) {
  size_t words = Span::bitmapWords(nelems);
  auto* s = static_cast<Span*>(mi_zalloc(sizeof(Span) + 2 * words * sizeof(uint64_t)));
  if (s == nullptr) outOfMemory(sizeof(Span) + 2 * words * sizeof(uint64_t), " for a span's bitmaps");
  s->base = a->pageAddress(firstPage);
  s->npages = static_cast<uint32_t>(npages);
  s->elemSize = static_cast<uint32_t>(elemSize);
  s->nelems = static_cast<uint32_t>(nelems);
  s->divMul = sizeClass != 0 ? alloc::sizeClass(sizeClass).divMul : 0;
  s->sizeClass = sizeClass;
  s->state = SpanState::InUse;
  s->arena = a;
  s->allocBits = s->bits;
  s->markBits = s->bits + words;
  s->refillAllocCache(0);
  for (size_t p = firstPage; p < firstPage + npages && p < kPagesPerArena; p++) a->spans[p] = s;
  return s;
}

Span* Heap::allocPagesLocked(size_t npages, uint8_t sizeClass, size_t elemSize, size_t nelems) {
  Arena* arena = nullptr;
  size_t first = 0;
  if (npages > kUsablePagesPerArena) {
    arena = newArenaLocked(npages, true);
    first = 1;
  } else {
    for (Arena* a = arenas_; a != nullptr; a = a->next) {
      if (a->huge || a->nfree < npages) continue;
      if ((first = findFreeRun(a, npages)) != 0) {
        arena = a;
        break;
      }
    }
    if (arena == nullptr) {
      arena = newArenaLocked(npages, false);
      first = 1;
    }
    for (size_t p = first; p < first + npages; p++) arena->freeBits[p / 64] &= ~(uint64_t{1} << (p % 64));
    arena->nfree -= static_cast<uint32_t>(npages);
  }
  Span* s = makeSpan(arena, first, npages, sizeClass, elemSize, nelems);
  spans_.push_back(s);
  pagesInUse_ += npages;
  return s;
}

Span* Heap::allocSmallSpan(uint8_t sizeClass) {
  const SizeClass& c = alloc::sizeClass(sizeClass);
  std::lock_guard<runtime::Mutex> guard(lock_);
  return allocPagesLocked(c.npages, sizeClass, c.size, c.nelems);
}

Span* Heap::allocLargeSpan(size_t bytes) {
  size_t npages = (bytes + kPageSize - 1) / kPageSize;
  Span* s;
  {
    std::lock_guard<runtime::Mutex> guard(lock_);
    if (npages * kPageSize > UINT32_MAX) outOfMemory(bytes, ": larger than the largest object the heap can hold (4 GiB)");
    s = allocPagesLocked(npages, 0, npages * kPageSize, 1);
  }
  s->freeIndex = 1;
  s->allocCount = 1;
  s->allocCache = 0;
  unpoison(s->base, s->elemSize);
  std::memset(reinterpret_cast<void*>(s->base), 0, s->elemSize);
  addHeapLive(s->elemSize);
  countAllocations(1, s->elemSize);
  return s;
}

void Heap::freeSpanLocked(Span* s) {
  Arena* a = s->arena;
  pagesInUse_ -= s->npages;
  s->state = SpanState::Free;
  if (a->huge) {
    releaseArenaLocked(a);
  } else {
    size_t first = a->pageOf(reinterpret_cast<void*>(s->base));
    for (size_t p = first; p < first + s->npages; p++) {
      a->spans[p] = nullptr;
      a->freeBits[p / 64] |= uint64_t{1} << (p % 64);
    }
    a->nfree += s->npages;
    poisonFreed(s->base, s->npages * kPageSize);
  }
  mi_free(s);
}

void Heap::releaseFreeArenas(size_t retainBytes) {
  std::lock_guard<runtime::Mutex> guard(lock_);
  uint64_t freeBytes = 0;
  for (Arena* a = arenas_; a != nullptr; a = a->next) freeBytes += uint64_t{a->nfree} * kPageSize;
  for (Arena* a = arenas_; a != nullptr && freeBytes > retainBytes;) {
    Arena* next = a->next;
    if (!a->huge && a->nfree == a->npages) {
      freeBytes -= uint64_t{a->nfree} * kPageSize;
      releaseArenaLocked(a);
    }
    a = next;
  }
}

void* Heap::persistentAlloc(size_t bytes) {
  void* p = mi_zalloc_aligned(bytes, 16);
  std::lock_guard<runtime::Mutex> guard(lock_);
  if (p == nullptr) outOfMemory(bytes, " for a persistent allocation");
  persistentAllocs_++;
  persistentBytes_ += bytes;
  persistentBlocks_.insert(p);
  return p;
}

bool Heap::isPersistentObject(const void* p) {
  return withLock([&] { return objectStateLocked(p) == ObjectState::Persistent; });
}

// ---------------------------------------------------------------------------
// Sweeping

void Heap::sweepSlots(Span* s, const SweepOptions& options, SweepResult& r) {
  size_t words = Span::bitmapWords(s->nelems);
  uint32_t live = 0;
  for (size_t w = 0; w < words; w++) {
    // Allocated: set in allocBits, or below freeIndex.
    uint64_t below = 0;
    if (s->freeIndex >= (w + 1) * 64) below = ~uint64_t{0};
    else if (s->freeIndex > w * 64) below = (uint64_t{1} << (s->freeIndex - w * 64)) - 1;
    uint64_t allocated = s->allocBits[w] | below;
    uint64_t marked = s->markBits[w];
    uint64_t freed = allocated & ~marked;
    live += static_cast<uint32_t>(std::popcount(marked));
    while (freed != 0) {
      unsigned b = static_cast<unsigned>(std::countr_zero(freed));
      freed &= freed - 1;
      uintptr_t addr = s->slotAddress(static_cast<uint32_t>(w * 64 + b));
      if (options.clobberFreed) clobber(addr, s->elemSize);
      poisonFreed(addr, s->elemSize);
    }
  }
  uint32_t freedCount = s->allocCount - live;
  r.freedObjects += freedCount;
  r.freedBytes += uint64_t{freedCount} * s->elemSize;
  r.liveObjects += live;
  r.liveBytes += uint64_t{live} * s->elemSize;
  s->allocCount = live;
  if (live == 0) return;  // the span is freed whole by settleSweptLocked
  std::swap(s->allocBits, s->markBits);
  std::memset(s->markBits, 0, words * sizeof(uint64_t));
  s->freeIndex = 0;
  s->refillAllocCache(0);
}

bool Heap::settleSweptLocked(Span* s, SweepResult& r) {
  r.spansSwept++;
  if (s->allocCount == 0) {
    r.spansFreed++;
    freeSpanLocked(s);
    return false;
  }
  if (!s->isLarge()) centrals_[s->sizeClass].addSwept(s);
  return true;
}

namespace {
SweepResult& operator+=(SweepResult& a, const SweepResult& b) {
  a.liveObjects += b.liveObjects;
  a.liveBytes += b.liveBytes;
  a.freedObjects += b.freedObjects;
  a.freedBytes += b.freedBytes;
  a.spansSwept += b.spansSwept;
  a.spansFreed += b.spansFreed;
  return a;
}
}  // namespace

SweepResult Heap::sweep(const SweepOptions& options) {
  std::lock_guard<runtime::Mutex> guard(lock_);
  SweepResult r;
  for (size_t c = 1; c < kNumSizeClasses; c++) centrals_[c].resetForSweep();
  size_t kept = 0;
  if (options.runParts == nullptr || options.parts <= 1) {
    // One thread: both steps in one pass over the spans.
    for (Span* s : spans_) {
      sweepSlots(s, options, r);
      if (settleSweptLocked(s, r)) spans_[kept++] = s;
    }
  } else {
    // Part k sweeps the slots of spans [n*k/parts, n*(k+1)/parts).
    struct Split {
      const std::vector<Span*>& spans;
      const SweepOptions& options;
      std::vector<SweepResult> results;
    } split{spans_, options, std::vector<SweepResult>(static_cast<size_t>(options.parts))};
    options.runParts(
        options.parts,
        [](int k, void* context) {
          auto& sp = *static_cast<Split*>(context);
          size_t n = sp.spans.size();
          size_t parts = sp.results.size();
          size_t begin = n * static_cast<size_t>(k) / parts;
          size_t end = n * (static_cast<size_t>(k) + 1) / parts;
          SweepResult mine;  // summed here, stored once: the parts' results share cache lines
          for (size_t i = begin; i < end; i++) sweepSlots(sp.spans[i], sp.options, mine);
          sp.results[static_cast<size_t>(k)] = mine;
        },
        &split);
    for (const SweepResult& part : split.results) r += part;
    for (Span* s : spans_) {
      if (settleSweptLocked(s, r)) spans_[kept++] = s;
    }
  }
  spans_.resize(kept);
  frees_ += r.freedObjects;
  freedBytes_ += r.freedBytes;
  heapLive_.store(r.liveBytes, std::memory_order_relaxed);
  return r;
}

bool Heap::isAllocatedObject(const void* p) {
  return withLock([&] { return objectStateLocked(p) == ObjectState::Allocated; });
}

namespace {
// Whether slot `index` of s is allocated, read from outside the mcache that
// may own s. The caller holds the heap lock, so no sweep rewrites allocBits
// or rewinds freeIndex meanwhile, but the owning mcache advances freeIndex
// without any lock: that read races by design, and is harmless. Between two
// sweeps a slot only goes from free to allocated, so a stale freeIndex can
// only call free a slot claimed an instant ago by someone the caller has
// not synchronised with; an object the caller learnt of through a release
// and acquire (as findRunnable's tail learns of allp) was counted in
// freeIndex before that. Hence a relaxed load, left out of the thread
// sanitizer's instrumentation (the owner's stores are plain).
__attribute__((no_sanitize("thread"))) bool slotAllocatedRacy(const Span* s, uint32_t index) {
  return index < __atomic_load_n(&s->freeIndex, __ATOMIC_RELAXED) || ((s->allocBits[index / 64] >> (index % 64)) & 1);
}
}  // namespace

ObjectState Heap::objectStateLocked(const void* p) const {
  if (persistentBlocks_.count(p) != 0) return ObjectState::Persistent;
  // Only the arena's header is read, and only once the set says the heap
  // holds the arena: an address whose arena was released is never touched.
  const Arena* a = Arena::of(p);
  if (arenaSet_.count(a) == 0) return ObjectState::NoArena;
  size_t page = a->pageOf(p);
  if (page == 0 || page >= kPagesPerArena) return ObjectState::FreePages;
  const Span* s = a->spans[page];
  if (s == nullptr) return ObjectState::FreePages;
  auto addr = reinterpret_cast<uintptr_t>(p);
  if (addr < s->base || addr >= s->limit()) return ObjectState::FreeSlot;
  uint32_t index = s->indexOf(addr);
  return s->slotAddress(index) == addr && slotAllocatedRacy(s, index) ? ObjectState::Allocated : ObjectState::FreeSlot;
}

HeapStats Heap::stats() {
  HeapStats st;
  uint64_t inflightObjects = 0, inflightBytes = 0;
  MCache::forEach([&](MCache& cache) {
    cache.forEachCachedSpan([&](Span* s) {
      uint64_t n = s->allocCount - s->allocCountAtCache;
      inflightObjects += n;
      inflightBytes += n * s->elemSize;
    });
  });
  std::lock_guard<runtime::Mutex> guard(lock_);
  st.mallocs = mallocs_.load(std::memory_order_relaxed) + inflightObjects;
  st.totalAlloc = totalAlloc_.load(std::memory_order_relaxed) + inflightBytes;
  st.frees = frees_;
  st.heapObjects = st.mallocs - st.frees;
  st.heapAlloc = st.totalAlloc - freedBytes_;
  st.heapSys = heapSys_;
  st.heapInUse = pagesInUse_ * kPageSize;
  st.heapReleased = heapReleased_;
  st.spansInUse = spans_.size();
  st.persistentAllocs = persistentAllocs_;
  st.persistentBytes = persistentBytes_;
  return st;
}

}  // namespace goro::alloc

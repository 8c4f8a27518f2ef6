// The marking loop, shared by the sequential mark (gc/mark.cpp) and each
// parallel marking worker (gc/parallel_mark.cpp). Internal to gc/.
//
// Pops a reference, sets the object's mark bit and, if it was clear,
// pushes the object's references through its kind's trace function; it
// goes on with an object's last reference directly instead of through the
// stack (a list is then marked without a push or a pop; so is an array's
// vector of items: Vector, Array and Cell are traced here, inline, the
// other kinds through their trace functions). No recursion,
// whatever the depth of the graph.
//
// Vectors of more than kSmallVector slots are marked a chunk of
// kVectorChunk slots at a time (Go's oblets): marking such a vector pushes
// an entry "chunk k of v" for each of its chunks, and popping one marks
// that chunk's objects in slot order, in place (Marker::markChunk): each
// object is marked, and followed, where it is found, without a stack entry
// of its own, while the object 16 slots on is prefetched. The slots are
// read in order, so the prefetch runs ahead of the marking at the rate the
// marking goes. (Before, a chunk pushed each of its references and the
// loop popped them again, prefetching the entry 32 below the top,
// Tracer::prefetchAhead, which ordinary pops still do. 3 million script
// arrays in one vector, alternated runs of bench/gc_full.goro: see
// docs/benchmarks.md, "Marking a chunk in place".)
//
// What a chunk's objects reference, and do not mark at once, goes on the
// stack. A vector of up to kSmallVector slots is scanned whole as soon as
// it is marked (scanSlots: its line was just read) and pushes at most
// kSmallVector - 1 entries; a larger one pushes its chunks; other kinds
// push a few fields. So marking a chunk adds at most about kSmallVector
// entries per slot (64K for a chunk), and usually far fewer, where
// scanning every vector of up to 2048 slots whole could add 2047 per slot
// (1024 vectors of 200 objects: 204,000 entries, spilled and handed about
// between workers; 256 as the limit was 1.5 times slower than 64 on such
// vectors at two workers). A lower limit costs the other way: a vector of
// 32 ints pushed as a chunk is read again after the chunk that reached it,
// when its line is gone (16 as the limit: 200,000 such vectors took 41
// against 11 ms at one worker). See docs/benchmarks.md.
//
// With several workers the chunk entries are work like any other,
// independent of each other: a spill or a balance hands hundreds of them
// to another worker at once, so one huge slice is marked by all of them.
// (A chain, each chunk pushing the next, would leave the others only the
// leaves of one chunk at a time.) A continuation is one stack entry: the
// vector's address with bit 0 set (objects are 8-byte aligned) and the
// chunk number in the top 16 bits (user addresses fit in 47 bits; a vector
// above 2^48, which no Linux x86-64 or arm64 process gets without asking,
// is scanned whole). A vector of more than 65535 chunks gets
// proportionally larger chunks.
//
// Parameters chosen at compile time, so the sequential instantiation costs
// exactly what the loop cost before there were workers (and the pointer
// check of GODEBUG=gccheckmark costs nothing when it is off):
//   kAtomic  set mark bits with an atomic or (several workers), or with a
//            plain one (one thread);
//   onMark   onMark(o, bytes) is told of every object marked (the slot
//            reports; a no-op the compiler removes otherwise);
//   afterPop afterPop(chunk) runs once per entry popped, with whether it
//            is a chunk (a parallel worker counts there and now and then
//            gives work away).
#pragma once

#include <algorithm>
#include <cstdint>

#include "alloc/mheap.h"
#include "alloc/span.h"
#include "gc/mark.h"
#include "runtime/fatal.h"
#include "runtime/object_layouts.h"

namespace goro::gc::detail {

inline constexpr uint32_t kVectorChunk = 1024;
inline constexpr unsigned kChunkShift = 48;
inline constexpr uint64_t kMaxChunks = 0xffff;

inline uint32_t vectorChunkSize(uint32_t count) {
  return std::max<uint32_t>(kVectorChunk, static_cast<uint32_t>((uint64_t{count} + kMaxChunks - 1) / kMaxChunks));
}
inline bool isContinuation(const runtime::Object* entry) { return (reinterpret_cast<uintptr_t>(entry) & 1) != 0; }
inline bool canContinue(const runtime::Vector* v) { return reinterpret_cast<uintptr_t>(v) >> kChunkShift == 0; }
inline runtime::Object* continuation(const runtime::Vector* v, uint64_t chunk) {
  return reinterpret_cast<runtime::Object*>(reinterpret_cast<uintptr_t>(v) | 1 | (chunk << kChunkShift));
}

// Pushes the references in the slots [slot, stop) of a vector, keeping the
// last one in *next to be marked directly (see the top of the file).
//
// The loop walks a pointer from the vector's address, not an index from 0:
// GCC gave the index the register of the mark bit just tested (known to be
// 0 there), which made every slot load wait for the mark word's load, and
// marking a list 2.3 times slower (store-to-load forwarding on the mark
// word, then the slot, then the next object, in one chain).
inline void scanValues(const runtime::Value* slot, const runtime::Value* stop, runtime::Tracer& tracer,
                       runtime::Object*& next) {
  for (; slot < stop; slot++) {
    runtime::Value value = *slot;
    if (!value.isObject()) continue;
    if (next != nullptr) tracer.push(next);
    next = value.asObject();
  }
}
// Returns the new *next rather than taking its address, which would keep
// the caller's `next` in memory.
[[gnu::noinline]] inline runtime::Object* scanValuesOutOfLine(const runtime::Value* slot, const runtime::Value* stop,
                                                              runtime::Tracer& tracer, runtime::Object* next) {
  scanValues(slot, stop, tracer, next);
  return next;
}

// scanValues over the slots [begin, end) of v.
//
// kLeavesFirst is for the objects of a chunk (Marker::markChunk), most of
// them small arrays or vectors of numbers: the slots before the first
// reference are skipped by a loop of their own, which compares each
// slot's 16-bit tag in memory and needs no register but the slot pointer,
// and the rest, from the first reference on, is scanned by a call. For an
// array of numbers the loop is the whole scan, and the chunk loop keeps
// its registers: with scanValues inline there, GCC saved and restored four
// of them around the scan of every object. Elsewhere the scan is inline
// whole: the objects popped from the stack are mostly lists and trees,
// which would make the call on every object.
template <bool kLeavesFirst>
inline void scanSlots(const runtime::Vector* v, uint32_t begin, uint32_t end, runtime::Tracer& tracer,
                      runtime::Object*& next) {
  const runtime::Value* slot = v->slots + begin;
  const runtime::Value* stop = v->slots + end;
  if (kLeavesFirst) {
    while (slot < stop && !slot->isObject()) slot++;
    if (slot != stop) next = scanValuesOutOfLine(slot, stop, tracer, next);
  } else {
    scanValues(slot, stop, tracer, next);
  }
}

// A vector of more than kSmallVector slots, just marked: pushes an entry
// for every chunk, the last first, so that they are popped in slot order,
// each to be marked then (markChunk).
inline void pushChunks(const runtime::Vector* v, runtime::Tracer& tracer) {
  uint32_t n = v->count();
  uint32_t size = vectorChunkSize(n);
  uint64_t chunks = (uint64_t{n} + size - 1) / size;
  for (uint64_t k = chunks; k-- > 0;) tracer.push(continuation(v, k));
}

[[noreturn]] inline void badPointer(const runtime::Object* o) {
  runtime::fatalf("found bad pointer in Goro heap: %p is not an allocated object", static_cast<const void*>(o));
}

// How far ahead of the slot it marks markChunk prefetches: the object of
// the slot that many slots on.
inline constexpr ptrdiff_t kChunkPrefetchSlots = 16;
// Vectors of more slots than this are marked by chunks (markChunk), the
// others by scanSlots (see the top of the file).
inline constexpr uint32_t kSmallVector = 64;

template <bool kAtomic, bool kCheckPointers, typename OnMark>
struct Marker {
  runtime::Tracer& tracer;
  OnMark& onMark;
  MarkCounts counts;

  // Marks o and what it leads to directly: an object's last reference is
  // marked next, the others are pushed; a large vector pushes its chunks.
  // kInChunk: called from markChunk, whose objects scan their slots
  // leaves first (see scanSlots).
  template <bool kInChunk>
  [[gnu::always_inline]] void markFrom(runtime::Object* o) {
    using runtime::Object;
    while (o != nullptr) {
      if (kCheckPointers && !alloc::Heap::instance().isAllocatedObject(o)) {
        if (alloc::Heap::instance().isPersistentObject(o)) break;
        badPointer(o);
      }
      if (o->flags & runtime::kFlagOffHeap) break;
      alloc::Span* s = alloc::spanOf(o);
      uint32_t index = s->indexOf(reinterpret_cast<uintptr_t>(o));
      if (kAtomic ? s->testAndSetMarkAtomic(index) : s->testAndSetMark(index)) break;
      counts.objects++;
      counts.bytes += s->elemSize;
      onMark(o, s->elemSize);
      Object* next = nullptr;
      // Tested in order of frequency (a switch costs a jump table here).
      runtime::Kind kind = o->kind;
      if (kind == runtime::Kind::Vector) [[likely]] {
        auto* v = static_cast<runtime::Vector*>(o);
        uint32_t n = v->count();
        if (n > kSmallVector && canContinue(v)) {
          pushChunks(v, tracer);
        } else {
          scanSlots<kInChunk>(v, 0, n, tracer, next);
        }
      } else if (kind == runtime::Kind::Array) {
        // Its one reference, or its inline slots, as traceArray reports them.
        auto* a = static_cast<runtime::Array*>(o);
        runtime::Vector* items = a->items;
        if (a->isInline(items)) {
          scanSlots<kInChunk>(items, 0, items->count(), tracer, next);
        } else {
          next = items;
        }
      } else if (kind == runtime::Kind::Cell) {
        runtime::Value value = static_cast<runtime::Cell*>(o)->value;
        if (value.isObject()) next = value.asObject();
      } else {
        const runtime::TypeInfo& type = runtime::typeInfo(kind);
        if (!type.noScan) type.trace(o, tracer);
      }
      o = next;
    }
  }

  // Marks the objects of chunk `chunk` of v in slot order, each with
  // markFrom, and with each prefetches the object kChunkPrefetchSlots
  // slots on. The slots are read in order, so the prefetch runs as far
  // ahead as the slots do, and an object costs no stack entry and no pop.
  // The prefetch is on the object's path, and only of an object: the
  // address an int or a float would give is mapped nowhere, and a
  // prefetch of it still walks the page tables. Two loops, with and
  // without it, so that each has one bound to keep.
  //
  // Not inlined into the loop that pops: as a function of its own, its
  // registers are allocated for it alone (inlined, GCC kept both loops'
  // values in the same few registers and moved them about on every
  // object), and a call per 1024 slots costs nothing. The caller gives it
  // a Marker of its own (markLoopWith).
  [[gnu::noinline]] void markChunk(const runtime::Vector* v, uint64_t chunk) {
    uint32_t n = v->count();
    uint32_t size = vectorChunkSize(n);
    uint64_t begin = chunk * size;
    uint64_t end = std::min<uint64_t>(begin + size, n);
    const runtime::Value* slot = v->slots + begin;
    const runtime::Value* stop = v->slots + end;
    // Up to here the slot kChunkPrefetchSlots on is still in the vector.
    const runtime::Value* prefetching =
        std::min(stop, v->slots + (n > kChunkPrefetchSlots ? n - kChunkPrefetchSlots : 0));
    for (; slot < prefetching; slot++) {
      runtime::Value value = *slot;
      if (!value.isObject()) continue;
      runtime::Value ahead = slot[kChunkPrefetchSlots];
      if (ahead.isObject()) __builtin_prefetch(ahead.asObject());
      markFrom<true>(value.asObject());
    }
    for (; slot < stop; slot++) {
      runtime::Value value = *slot;
      if (value.isObject()) markFrom<true>(value.asObject());
    }
  }
};

template <bool kAtomic, bool kCheckPointers, typename OnMark, typename AfterPop>
MarkCounts markLoopWith(runtime::Tracer& tracer, OnMark& onMark, AfterPop& afterPop) {
  Marker<kAtomic, kCheckPointers, OnMark> marker{tracer, onMark, {}};
  while (!tracer.empty()) {
    runtime::Object* o = tracer.pop();
    tracer.prefetchAhead();
    if (isContinuation(o)) [[unlikely]] {
      afterPop(true);
      auto bits = reinterpret_cast<uintptr_t>(o);
      auto* v = reinterpret_cast<const runtime::Vector*>(bits & ((uintptr_t{1} << kChunkShift) - 2));
      // A Marker of its own for the call, so that `marker` never has its
      // address taken and its counts stay in registers.
      Marker<kAtomic, kCheckPointers, OnMark> chunkMarker{tracer, onMark, {}};
      chunkMarker.markChunk(v, bits >> kChunkShift);
      marker.counts += chunkMarker.counts;
    } else {
      afterPop(false);
      marker.template markFrom<false>(o);
    }
  }
  return marker.counts;
}

// The loop, with GODEBUG=gccheckmark's pointer check compiled in or out.
template <bool kAtomic, typename OnMark, typename AfterPop>
MarkCounts markLoop(runtime::Tracer& tracer, bool checkPointers, OnMark&& onMark, AfterPop&& afterPop) {
  return checkPointers ? markLoopWith<kAtomic, true>(tracer, onMark, afterPop)
                       : markLoopWith<kAtomic, false>(tracer, onMark, afterPop);
}

}  // namespace goro::gc::detail

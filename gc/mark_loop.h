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
// Large vectors are scanned a chunk at a time (Go's oblets): when a vector
// of more than 2 * kVectorChunk slots is marked, an entry "chunk k of v" is
// pushed for each chunk but the first, which is scanned at once; popping
// "chunk k of v" scans that chunk. The stack then holds one entry per
// chunk and the references of a chunk or so, instead of all 3 million
// references (the stack stays in cache, and each pop prefetches the entry
// 32 below it: Tracer::prefetchAhead). With several workers the chunk
// entries are work like any other, independent of each other: a spill or
// a balance hands hundreds of them to another worker at once, so one huge
// slice is scanned by all of them. (A chain, each chunk pushing the next, would
// leave the others only the leaves of one chunk at a time.)
// A continuation is one stack entry: the vector's address with bit 0 set
// (objects are 8-byte aligned) and the chunk number in the top 16 bits
// (user addresses fit in 47 bits; a vector above 2^48, which no Linux
// x86-64 or arm64 process gets without asking, is scanned whole). A
// vector of more than 65535 chunks gets proportionally larger chunks.
//
// Parameters chosen at compile time, so the sequential instantiation costs
// exactly what the loop cost before there were workers:
//   kAtomic  set mark bits with an atomic or (several workers), or with a
//            plain one (one thread);
//   onMark   onMark(o, bytes) is told of every object marked (the slot
//            reports; a no-op the compiler removes otherwise);
//   afterPop afterPop() runs once per reference popped (a parallel worker
//            counts there and now and then gives work away).
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

// Pushes the references in the slots [begin, end) of a vector, keeping the last one
// in *next to be marked directly (see the top of the file).
//
// The loop walks a pointer from the vector's address, not an index from 0:
// GCC gave the index the register of the mark bit just tested (known to be
// 0 there), which made every slot load wait for the mark word's load, and
// marking a list 2.3 times slower (store-to-load forwarding on the mark
// word, then the slot, then the next object, in one chain).
inline void scanSlots(const runtime::Vector* v, uint32_t begin, uint32_t end, runtime::Tracer& tracer,
                      runtime::Object*& next) {
  for (const runtime::Value *slot = v->slots + begin, *stop = v->slots + end; slot < stop; slot++) {
    runtime::Value value = *slot;
    if (!value.isObject()) continue;
    if (next != nullptr) tracer.push(next);
    next = value.asObject();
  }
}

// Scans chunk `chunk` of v.
inline void scanChunk(const runtime::Vector* v, uint64_t chunk, runtime::Tracer& tracer, runtime::Object*& next) {
  uint32_t n = v->count();
  uint32_t size = vectorChunkSize(n);
  uint64_t begin = chunk * size;
  uint64_t end = std::min<uint64_t>(begin + size, n);
  scanSlots(v, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), tracer, next);
}

// A large vector just marked: pushes an entry for every chunk but the
// first, then scans the first.
inline void scanLargeVector(const runtime::Vector* v, runtime::Tracer& tracer, runtime::Object*& next) {
  uint32_t n = v->count();
  uint32_t size = vectorChunkSize(n);
  uint64_t chunks = (uint64_t{n} + size - 1) / size;
  for (uint64_t k = chunks - 1; k >= 1; k--) tracer.push(continuation(v, k));
  scanChunk(v, 0, tracer, next);
}

[[noreturn]] inline void badPointer(const runtime::Object* o) {
  runtime::fatalf("found bad pointer in Goro heap: %p is not an allocated object", static_cast<const void*>(o));
}

template <bool kAtomic, typename OnMark, typename AfterPop>
MarkCounts markLoop(runtime::Tracer& tracer, bool checkPointers, OnMark&& onMark, AfterPop&& afterPop) {
  using runtime::Object;
  MarkCounts counts;
  while (!tracer.empty()) {
    Object* o = tracer.pop();
    tracer.prefetchAhead();
    afterPop();
    if (isContinuation(o)) [[unlikely]] {
      auto bits = reinterpret_cast<uintptr_t>(o);
      auto* v = reinterpret_cast<const runtime::Vector*>(bits & ((uintptr_t{1} << kChunkShift) - 2));
      o = nullptr;
      scanChunk(v, bits >> kChunkShift, tracer, o);
    }
    while (o != nullptr) {
      if (checkPointers && !alloc::Heap::instance().isAllocatedObject(o)) {
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
        if (n > 2 * kVectorChunk && canContinue(v)) [[unlikely]] {
          scanLargeVector(v, tracer, next);
        } else {
          scanSlots(v, 0, n, tracer, next);
        }
      } else if (kind == runtime::Kind::Array) {
        // Its one reference, or its inline slots, as traceArray reports them.
        auto* a = static_cast<runtime::Array*>(o);
        runtime::Vector* items = a->items;
        if (a->isInline(items)) {
          scanSlots(items, 0, items->count(), tracer, next);
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
  return counts;
}

}  // namespace goro::gc::detail

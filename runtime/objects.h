// The layout of every kind of heap object (the kinds are listed in
// object.h). Each struct starts with the Object header; the comment on each
// field says whether the collector traces it. Fields that point at C++
// structures outside the collected heap (Ps, Gs, waiter records) are never
// traced: those structures are immortal (allp, allgs, allm) and are scanned
// through their own root classes.
//
// All objects are zeroed by the allocator, so a fresh object holds null
// pointers and zero counts; constructors in gc/objects.h fill the rest.
#pragma once

#include <cstddef>
#include <cstdint>

#include "runtime/object.h"
#include "runtime/value.h"

namespace goro::runtime {

// An immutable byte string. aux: the cached hash, 0 until computed.
struct String : Object {
  size_t length;
  char data[];  // length bytes, then a NUL for C interop (not counted)
};

// An int that does not fit a small Value; always outside +-2^49, so two ints
// are equal exactly when their small bits or boxed values are.
struct BoxedInt : Object {
  int64_t value;
};

// A raw buffer the collector never looks inside (bytecode, hash indexes).
struct Bytes : Object {
  size_t size;
  uint8_t data[];
};

// A fixed number of Values, all traced. aux: the count. The building block
// of arrays, maps, value stacks and constant tables.
struct Vector : Object {
  Value slots[];
  uint32_t count() const { return aux; }
};

// A growable array, shared by reference. Traced: items. Invariant:
// length <= items->count(); a reader racing an append reads items first and
// bounds-checks against items->count() too, so it never reads past the end.
struct Array : Object {
  Vector* items;
  size_t length;
};

// An insertion-ordered hash map. Traced: entries, index.
// entries holds key/value pairs in insertion order (slots 2i, 2i+1), deleted
// pairs are tombstones; index is an open-addressing table of entry numbers.
struct Map : Object {
  Vector* entries;
  Bytes* index;
  size_t count;  // live pairs
  size_t used;   // pairs used in entries, tombstones included
};

// A compiled function (lang/compiler.h builds it, lang/opcodes.h defines
// the code). Traced: every pointer field. Immutable once built.
struct FuncProto : Object {
  String* name;        // Go-style: "main.f", "main.f.func1", "main.init"
  String* file;        // the script path, for tracebacks
  Bytes* code;         // uint32_t instructions
  Vector* constants;   // literal Values, nested FuncProtos, NativeFuncs
  Bytes* lines;        // uint32_t source line per instruction
  Bytes* captures;     // uint16_t per capture: (index << 1) | fromParentLocal
  uint32_t arity;      // parameters, the variadic one included
  uint32_t frameSize;  // registers the function needs (<= 250)
  uint32_t cellCount;  // captured variables a closure of it carries
  uint32_t line;       // line of the declaration
  uint32_t flags;      // kProtoVariadic
  int32_t resultCount; // values each return yields, -1 unknown (resolver)
};
inline constexpr uint32_t kProtoVariadic = 1;

// A function value: a prototype and the cells it captured. aux: cell count.
// Traced: proto and every cell.
struct Closure : Object {
  FuncProto* proto;
  struct Cell* cells[];
};

// One captured variable, shared by every closure that captured it.
struct Cell : Object {
  Value value;
};

// A built-in function (len, fmt.Println) or a bound method (wg.Add).
// Traced: name and receiver; `entry` is a C++ function the language layer
// defines.
struct NativeFunc : Object {
  String* name;
  Value receiver;  // nil for plain functions
  void* entry;
};

// A channel. Traced: buffer. The scheduler owns everything else: `lock`
// is a futex word taken through runtime::Mutex-compatible code in sched, and
// the waiter queues are intrusive lists of records that live inside G
// structures (never in this heap); each waiting G's pending value is reached
// through the allgs root class.
struct Chan : Object {
  Vector* buffer;      // ring of `capacity` slots; null when unbuffered
  uint32_t capacity;
  uint32_t head;       // index of the oldest buffered value
  uint32_t count;      // values buffered
  uint32_t closed;     // 1 once closed
  uint32_t lock;
  uint32_t padding;
  void* recvq[2];      // head, tail
  void* sendq[2];      // head, tail
};

// sync.WaitGroup: no references (waiters live in G structures).
struct WaitGroup : Object {
  int64_t counter;
  uint32_t lock;
  uint32_t padding;
  void* waiters[2];
};

// sync.Mutex: no references.
struct SyncMutex : Object {
  uint32_t state;
  uint32_t lock;
  void* waiters[2];
};

// A call frame record inside GState::frames (lang/interp.h documents the
// protocol). Traced: closure. A frame's registers are the stack slots
// [base, base + closure->proto->frameSize); the function value it was
// called through sits in slot base - 1, where its results go.
struct CallFrame {
  Closure* closure;
  const uint32_t* pc;   // the next instruction, in closure->proto->code (saved at safe points)
  uint32_t base;        // first register slot
  int32_t wanted;       // results the caller wants; -1: all of them
  uint16_t flags;       // interpreter-private (kFrame* in lang/interp_impl.h)
  uint16_t padding;
  int32_t deferOwner;   // for a deferred call: index of the frame that deferred it
  uint32_t retFirst;    // while returning through defers: results at base + retFirst
  uint32_t retCount;    //   and how many
  uint32_t savedTop;    // GState::stackTop when the frame was entered
};

// A goroutine's interpreter state: everything needed to suspend it at a
// safe point and resume it on another thread (lang/interp.h). Traced:
// stack slots [0, stackTop), the closure of each frame [0, frameCount), the
// defer and panic vectors, pending and result. The stack is a noScan Bytes
// buffer so that the stale slots above stackTop never keep anything alive;
// it holds `capacity` Values followed by `capacity` int64 side slots (the
// "wide" ints of arithmetic temporaries, never references).
struct GState : Object {
  Bytes* stack;        // Value[capacity] then int64_t[capacity]; capacity = size / 16
  size_t stackTop;     // slots [0, stackTop) are live
  Bytes* frames;       // CallFrame[size / sizeof(CallFrame)]
  size_t frameCount;   // frames [0, frameCount) are live
  Vector* defers;      // [0, deferCount) pending deferred calls, the rest nil
  size_t deferCount;
  Vector* panics;      // [0, 3 * panicCount) active panic records, the rest nil
  size_t panicCount;
  Value pending;       // a panic raised by a native and not yet started (nil)
  Value result;        // spare rooted slot for the scheduler's hand-offs
  uint64_t goid;       // goroutine id: the main goroutine is 1
  uint32_t status;     // interpreter-private
  uint32_t padding2;
  size_t stackCapacity() const { return stack == nullptr ? 0 : stack->size / 16; }
};

// The backing array of allp (sched/). aux: length; `capacity` slots. The Ps
// themselves are immortal C++ structures, so the array holds no traced
// reference, but the array itself is an ordinary heap object: once the
// scheduler replaces it, it dies unless some root (an M's allpSnapshot)
// still holds it. That is the whole point of DESIGN.md.
struct PArray : Object {
  uint32_t capacity;
  uint32_t padding;
  void* ps[];
  uint32_t length() const { return aux; }
};

}  // namespace goro::runtime

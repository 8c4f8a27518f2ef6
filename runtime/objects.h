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

// A compiled function. Traced: every pointer field.
struct FuncProto : Object {
  String* name;
  String* file;
  Bytes* code;         // bytecode
  Vector* constants;   // literal Values and nested FuncProtos
  Bytes* lines;        // pc -> line table
  uint32_t arity;
  uint32_t frameSize;  // registers the function needs
  uint32_t cellCount;  // captured variables the closure carries
  uint32_t line;       // line of the declaration
};

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

// A call frame record inside GState::frames. Traced: closure.
struct CallFrame {
  Closure* closure;
  uint32_t pc;      // offset into closure->proto->code
  uint32_t base;    // first stack slot of the frame
  uint32_t flags;   // kind-private to the interpreter
  uint32_t extra;
};

// A goroutine's interpreter state: everything needed to suspend it at a
// safe point and resume it on another thread. Traced: stack slots
// [0, stackTop), the closure of each frame [0, frameCount), defers, and the
// panic value. The stack is a noScan Bytes buffer of Values so that the
// stale slots above stackTop never keep anything alive.
struct GState : Object {
  Bytes* stack;        // Value[size / 8]; slots [0, stackTop) are live
  size_t stackTop;
  Bytes* frames;       // CallFrame[frameCount]
  size_t frameCount;
  Vector* defers;      // pending deferred calls, interpreter-defined layout
  Value panicValue;
  Value result;
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

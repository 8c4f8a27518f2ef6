// The object model: the header every heap object starts with, the kinds of
// object, and the type descriptor of each kind.
//
// Invariants:
// - Every object in the collected heap begins with an Object header and was
//   allocated through gc::allocate (the one allocation path). The header is
//   one word; mark bits are not in it but in the span's bitmap (alloc/span.h).
// - Every kind has exactly one TypeInfo, and its trace function visits every
//   reference the object holds, precisely: the collector never guesses
//   whether a word is a pointer. A kind whose objects hold no references is
//   `noScan` and the marker does not call its trace function at all.
// - Adding a kind: add a line to GORO_OBJECT_KINDS, its layout in
//   object_layouts.h, its size/trace/describe functions in types.cpp; the
//   static_asserts there and tests/runtime/types_test.cpp check that none is
//   missing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace goro::runtime {

class Tracer;

// X(Enum, "name", noScan). The name is what type() and debug printers show.
#define GORO_OBJECT_KINDS(X)                                   \
  X(String, "string", true)       /* immutable bytes */        \
  X(BoxedInt, "int", true)        /* an int outside +-2^49 */  \
  X(Bytes, "bytes", true)         /* raw untraced buffer */    \
  X(Vector, "vector", false)      /* fixed count of Values */  \
  X(Array, "array", false)        /* growable, by reference */ \
  X(Map, "map", false)            /* insertion-ordered hash */ \
  X(FuncProto, "proto", false)    /* compiled function */      \
  X(Closure, "func", false)       /* proto + captured cells */ \
  X(Cell, "cell", false)          /* one captured variable */  \
  X(NativeFunc, "func", false)    /* built-in function */      \
  X(Chan, "chan", false)          /* channel */                \
  X(WaitGroup, "WaitGroup", true) /* sync.WaitGroup */         \
  X(Mutex, "Mutex", true)         /* sync.Mutex */             \
  X(GState, "gstate", false)      /* a goroutine's frames */   \
  X(PArray, "allp", true)         /* backing array of allp */  \
  X(Builder, "Builder", false)    /* strings.Builder */ \
  X(Record, "record", false)      /* a record (type T struct) */ \
  X(RecordType, "type", false)    /* a declared record type */  \
  X(BoundMethod, "func", false)   /* a record's method value */ \
  /* issue 14, library (sync/atomic, os, bufio) */             \
  X(AtomicInt, "atomic.Int64", true) /* sync/atomic Int64 */   \
  X(File, "*os.File", false)      /* an open descriptor */     \
  X(Scanner, "*bufio.Scanner", false) /* line reader */ \
  X(Timer, "Timer", false)        /* time.NewTimer, NewTicker */ \
  X(Duration, "time.Duration", true) /* an int that prints as 1.5s */

enum class Kind : uint8_t {
#define GORO_KIND_ENUM(e, name, noscan) e,
  GORO_OBJECT_KINDS(GORO_KIND_ENUM)
#undef GORO_KIND_ENUM
      Count
};

constexpr size_t kKindCount = static_cast<size_t>(Kind::Count);

// The header. `kind` is written once, at allocation, before the object is
// published. `flags`: the top bit (kFlagOffHeap) belongs to the collector
// and is also written only at allocation; the other bits belong to the kind.
// `aux` is a 32-bit field whose meaning each kind documents (String: cached
// hash, Vector: count).
struct Object {
  Kind kind;
  uint8_t flags;
  uint16_t reserved;
  uint32_t aux;
};
static_assert(sizeof(Object) == 8, "the header is one word");

// The object lives outside the collected heap (memory that is never freed,
// e.g. allp arrays under GODEBUG=allpsnapshot=persistent). The marker skips
// such objects: they are neither marked nor traced, so they must hold no
// reference that only they keep alive.
constexpr uint8_t kFlagOffHeap = 0x80;

// The type descriptor of a kind.
struct TypeInfo {
  const char* name;
  bool noScan;
  // Bytes this object occupies, header included (its allocated size may be
  // rounded up to a size class).
  size_t (*sizeOf)(const Object*);
  // Visits every reference the object holds. Never null; a no-op for noScan.
  void (*trace)(Object*, Tracer&);
  // Appends a short debugging description, e.g. `vector[2]` or `"abc"`.
  void (*describe)(const Object*, std::string&);
};

const TypeInfo& typeInfo(Kind k);
inline const TypeInfo& typeInfo(const Object* o) { return typeInfo(o->kind); }

// A one-line debugging description: `kind@0xADDR detail`.
std::string describeObject(const Object* o);

}  // namespace goro::runtime

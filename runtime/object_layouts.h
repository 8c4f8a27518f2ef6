// The layout of every kind of heap object (the kinds are listed in
// object_model.h). Each struct starts with the Object header; the comment on
// each field says whether the collector traces it. Fields that point at C++
// structures outside the collected heap (Ps, Gs, waiter records) are never
// traced: those structures are immortal (allp, allgs, allm) and are scanned
// through their own root classes.
//
// All objects are zeroed by the allocator, so a fresh object holds null
// pointers and zero counts; constructors in gc/constructors.h fill the rest.
#pragma once

#include <cstddef>
#include <cstdint>

#include "runtime/object_model.h"
#include "runtime/value.h"

namespace goro::runtime {

struct Timer;

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

// A growable array, shared by reference. Traced: items. Goroutines may race on
// both words (lang/value/race_safe_access.h): `items` is replaced only by a
// compare-and-swap from the vector a grower copied to a larger one, so its
// count never decreases, and `length` is only ever stored after the vector it
// counts, so length <= items->count() holds at every instant. A reader still
// loads `items` once and bounds-checks against that vector's count
// (lang/value/array_ops.h, arrayView): a length loaded later may count a newer
// one.
//
// A small array (capacity <= kMaxInlineItems when made) carries its first
// vector inline, in the same allocation right after these fields, and says
// so in its header flags (kFlagInlineItems, written once at allocation):
// one object to allocate, mark and sweep instead of two, which halves the
// collector's work on heaps of small arrays. The inline vector has an
// ordinary Vector header but is not an object of its own: nothing may mark
// it, so the trace of an array visits its slots directly while `items`
// points at it, and visits `items` as an object once a grower has replaced
// it. The stale inline slots after a growth are never traced again.
struct Array : Object {
  static constexpr uint8_t kFlagInlineItems = 0x01;
  static constexpr uint32_t kMaxInlineItems = 8;

  Vector* items;  // capacity = items->count(); never null once constructed
  size_t length;

  bool hasInlineItems() const { return (flags & kFlagInlineItems) != 0; }
  // The inline vector; only meaningful when hasInlineItems().
  Vector* inlineItems() { return reinterpret_cast<Vector*>(this + 1); }
  const Vector* inlineItems() const { return reinterpret_cast<const Vector*>(this + 1); }
  // Whether v (this array's items, loaded once) is the inline vector.
  bool isInline(const Vector* v) const { return hasInlineItems() && v == inlineItems(); }
};
static_assert(sizeof(Array) % alignof(Vector) == 0, "the inline vector follows the fields");

// An insertion-ordered hash map (lang/value/map_ops.cpp). Traced: entries,
// index. entries holds key/value pairs in insertion order (slots 2i, 2i+1),
// deleted pairs are tombstones; index is an open-addressing table of entry
// numbers. Goroutines may race on every word; readers bound everything by the
// tables they loaded, and `writing` detects racing writers as Go's hashWriting
// does.
struct Map : Object {
  Vector* entries;
  Bytes* index;
  size_t count;      // live pairs
  uint32_t used;     // pairs used in entries, tombstones included (< 2^30)
  uint32_t writing;  // 1 while a mutation is in progress, else 0; not traced
};

// A compiled function (lang/compiler/compiler.h builds it,
// lang/compiler/opcodes.h defines the code). Traced: every pointer field.
// Immutable once built.
struct FuncProto : Object {
  String* name;        // Go-style: "main.f", "main.f.func1", "main.init"
  String* file;        // the script path, for tracebacks
  Bytes* code;         // uint32_t instructions
  Vector* constants;   // literal Values, nested FuncProtos, NativeFuncs
  Bytes* lines;        // uint32_t source line per instruction
  Bytes* captures;     // uint16_t per capture: (index << 1) | fromParentLocal
  Bytes* locals;       // the named locals' live ranges, for root reports
                       // (lang/compiler/compiler.h, localName), or null
  uint32_t arity;      // parameters, the variadic one included
  uint32_t frameSize;  // registers the function needs (<= 250)
  uint32_t cellCount;  // captured variables a closure of it carries
  uint32_t line;       // line of the declaration
  uint32_t flags;      // kProtoVariadic
  int32_t resultCount; // values each return yields, -1 unknown (resolver)
  // Derived when the proto is made, for the interpreter's call fast path
  // (lang/vm/dispatch.cpp): the arity when the function is not variadic,
  // else kNoFixedArity (one compare instead of two), and the first
  // instruction and constant, each one dependent load nearer than through
  // code and constants (which keep them alive: a proto never changes).
  uint32_t fixedArity;
  const uint32_t* codeStart;     // code->data
  const Value* constSlots;       // constants->slots
};
inline constexpr uint32_t kProtoVariadic = 1;
inline constexpr uint32_t kNoFixedArity = UINT32_MAX;

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
  // Traced. The timer whose C this channel is (time.After, NewTimer,
  // NewTicker, Tick), else null: a goroutine blocked receiving from the
  // channel reaches it through its Sudog, and so keeps the timer alive, which
  // the P's timer heap, holding timers weakly, does not (sched/timers.h).
  Timer* timer;
};

// sync.WaitGroup and sync.Mutex (sched/sync.h): no references. The
// scheduler owns every field: `counter` and `state` are atomic words, and
// `waiters` is a FIFO of waiter records that live outside this heap,
// guarded by a lock of the scheduler's picked by the object's address (so
// the object needs no lock word). A waiting G keeps the object alive through
// the allgs root class. All zero: counter 0, or unlocked with no waiters.
struct WaitGroup : Object {
  int64_t counter;     // never negative
  void* waiters[2];    // head, tail
};

struct SyncMutex : Object {
  uint32_t state;      // free, locked, or locked with waiters queued
  uint32_t padding;
  void* waiters[2];    // head, tail
};

// atomic.Int64() (lang/lib/atomic.cpp): one int64 changed only through
// std::atomic_ref, so every method is one atomic instruction, whichever P
// runs it. No references.
struct AtomicInt : Object {
  alignas(8) int64_t value;
};

// os.Stdin, os.Stdout, os.Stderr and os.Open's files (lang/lib/os.cpp):
// a file descriptor, the name error messages give it ("/dev/stdin", the
// path) and which of those it is. Traced: name. fd is -1 once Close has
// run (atomically swapped, so that two Closes cannot both close it); a
// standard file's descriptor is kept outside, shared by every object for
// it (lang/lib/os.cpp, fileDescriptor). The collector does not close a
// lost file.
enum class FileStream : uint32_t { Opened, Stdin, Stdout, Stderr };
struct File : Object {
  String* name;
  int32_t fd;
  FileStream stream;   // Stdout and Stderr are written through the interpreter's buffers
};

// bufio.NewScanner(f) (lang/lib/bufio.cpp): splits what it reads from
// `source` into lines. Traced: source, buffer. The unread bytes are
// buffer->data[start, end); the last token is
// buffer->data[tokenStart, tokenStart + tokenLength), valid until the next
// Scan. `readError` is an errno (0: none), kScannerTooLong or
// kScannerClosed (the file was closed).
struct Scanner : Object {
  File* source;
  Bytes* buffer;        // null until the first Scan
  uint32_t start;
  uint32_t end;         // start <= end <= buffer->size
  uint32_t tokenStart;
  uint32_t tokenLength;
  int32_t readError;
  uint8_t atEof;        // 1 once a read returned 0
  uint8_t finished;     // 1 once Scan returned false: later Scans return false at once
  uint8_t scanning;     // 1 while a Scan runs (atomic): a second one at once panics
  uint8_t padding;
};
constexpr int32_t kScannerTooLong = -1;
constexpr int32_t kScannerClosed = -2;

// A call frame record inside GState::frames (lang/vm/interp.h documents the
// protocol). Traced: closure. A frame's registers are the stack slots
// [base, base + closure->proto->frameSize); the function value it was
// called through sits in slot base - 1, where its results go.
struct CallFrame {
  Closure* closure;
  const uint32_t* pc;   // the next instruction, in closure->proto->code (saved at safe points)
  uint32_t base;        // first register slot
  // wanted, flags and padding are also read as one 64-bit word by the
  // interpreter's fast return (lang/vm/dispatch.cpp, RETURN1), so every
  // frame is made with padding 0.
  int32_t wanted;       // results the caller wants; -1: all of them
  uint16_t flags;       // interpreter-private (kFrame* in lang/vm/exec.h)
  uint16_t padding;     // 0
  int32_t deferOwner;   // for a deferred call: index of the frame that deferred it
  uint32_t retFirst;    // while returning through defers: results at base + retFirst
  uint32_t retCount;    //   and how many
  uint32_t savedTop;    // GState::stackTop when the frame was entered
};

// A goroutine's interpreter state: everything needed to suspend it at a
// safe point and resume it on another thread (lang/vm/interp.h). Traced:
// stack slots [0, stackTop), the closure of each frame [0, frameCount), the
// defer and panic vectors, pending and result. The stack is a noScan Bytes
// buffer so that the stale slots above stackTop never keep anything alive.
// The int64 side slots of its registers (the "wide" ints of arithmetic
// temporaries, never references) are a separate noScan buffer, `wide`,
// allocated only when a wide result first needs one: most goroutines never
// make one, and a deep stack is not doubled by them. While `wide` exists
// it is at least as large as the stack (slot i's side slot is wide[i]); the
// interpreter grows both together (lang/vm/calls.cpp).
struct GState : Object {
  Bytes* stack;        // Value[capacity]; capacity = size / sizeof(Value)
  Bytes* wide;         // int64_t[size / 8] side slots, or null (none made yet)
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
  // The slot of the call the goroutine starts with: its function, then its
  // arguments up to stackTop (lang/vm/interp.cpp, prepareCall). 0, except
  // for a goroutine state made with the program's first stack, whose
  // registers begin half a page into the buffer (kEntrySkew there says why).
  uint32_t entrySlot;
  size_t stackCapacity() const { return stack == nullptr ? 0 : stack->size / sizeof(Value); }
};

// The backing array of allp (sched/). aux: length; `capacity` slots. The Ps
// themselves are immortal C++ structures, so the array holds no traced
// reference, but the array itself is an ordinary heap object: once the
// scheduler replaces it, it dies unless some root (an M's allpSnapshot)
// still holds it. That is the whole point of docs/design.md. `serial` is unique
// to this array among every allp array and P mask ever made (never 0), so
// that a reader holding a stale pointer can tell this array from another
// one made later in the same freed slot (sched/findrunnable.cpp).
// `replacedAt` numbers the GOMAXPROCS change that replaced the array (sched
// counts them from 1; 0 while it is current), so that a report can say how
// long ago an array still held by a snapshot stopped being allp.
struct PArray : Object {
  uint32_t capacity;
  uint32_t replacedAt;
  uint64_t serial;
  void* ps[];
  uint32_t length() const { return aux; }
};

// strings.Builder (lang/lib/strings_builder.cpp): text appended in place.
// Traced: buffer. The text is buffer->data[0, length); buffer->size is the
// capacity, doubled (at least) when an append does not fit, so appending is
// amortised O(1). A racing goroutine may see a new buffer with an old
// length or the reverse: readers load each word once and clamp length to
// the buffer they loaded, so a race loses text but never reads or writes
// outside a buffer. buffer is null until the first append.
struct StringBuilder : Object {
  Bytes* buffer;
  size_t length;
};

// A declared record type, `type T struct { ... }` (docs/language.md,
// "Records"). Made once, by NEWTYPE at the start of the top-level code, and
// kept in the global its name declares (root class globals), so it lives as
// long as the program. Traced: name, fields, methods. aux: the field count
// (<= 255, the compiler's limit). `id` is unique among the record types of
// the process and never 0: the field-access inline caches are keyed on it
// (lang/compiler/opcodes.h, GETFIELD). `methods` holds (name, function)
// pairs in slots 2i, 2i+1, names given by NEWTYPE and functions filled in
// by SETMETHOD before any of the program's own code runs; read-only after.
struct RecordType : Object {
  String* name;       // "Point"
  Vector* fields;     // the field names (Strings), in declaration order
  Vector* methods;    // (String name, Closure) pairs; never null
  uint32_t id;
  uint32_t padding;
  uint32_t fieldCount() const { return aux; }
  uint32_t methodCount() const { return methods->count() / 2; }
};

// A record, an instance of a RecordType, shared by reference as arrays
// are. Traced: type and every field. aux: the field count (the type's).
// flags: kRecordAddressed when `&T{...}` made it (it prints as Go prints a
// pointer, &{...}, and compares and hashes by identity). A field is one
// Value stored and loaded whole, so racing goroutines see one of the
// values written (lang/value/race_safe_access.h).
struct Record : Object {
  RecordType* type;  // never null
  Value fields[];
  uint32_t fieldCount() const { return aux; }
};
inline constexpr uint8_t kRecordAddressed = 1;

// A method value `r.M`: the record's method bound to it. Calling it calls
// method with receiver as its first argument. Traced: receiver, method.
// With method null it is the callee of `r.F(args)` where F is a field
// holding a function (SELF found no method F): receiver is that function,
// and calling it drops its first argument, r, and calls the function with
// the rest.
struct BoundMethod : Object {
  Value receiver;
  Closure* method;    // null: a field's function (above)
};

// A script's timer (time.NewTimer, After, NewTicker, Tick; sched/timers.h
// has the design). Traced: c, the timer's channel C (capacity 1), whose
// `timer` field points back here, so either keeps the other alive. A pending
// timer sits in one P's timer heap, which holds it WEAKLY: after marking,
// the collector drops the entries of unmarked timers, so a pending timer
// that nothing references (time.After(time.Hour) abandoned by a select that
// took another case) is collected like any garbage.
//   period  0 for a one-shot timer; > 0 for a ticker, re-armed every period
//           ns when it fires. Written under `lock` while the timer is in no
//           heap, else under the lock of the heap holding it too.
//   pp      the sched::P whose heap holds the timer, null while it is not
//           pending. Atomic (std::atomic_ref): set under `lock` and that P's
//           timers lock; cleared by the P's timers lock alone when a
//           one-shot timer fires.
//   index   the timer's position in pp's heap (guarded by pp's timers lock).
//   lock    the timer's lock word (rank timer): serialises Stop and Reset.
struct Timer : Object {
  Chan* c;
  int64_t period;
  void* pp;
  uint32_t index;
  uint32_t lock;
};

// A time.Duration (lang/lib/duration.cpp): an int count of nanoseconds that
// remembers it is a duration, so that fmt prints it as Go's
// Duration.String does ("1.5s"). Immutable; any value, small or not.
struct Duration : Object {
  int64_t ns;
};

}  // namespace goro::runtime

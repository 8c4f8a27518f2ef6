// The type descriptor table: size, trace and describe functions for every
// kind in GORO_OBJECT_KINDS. Trace functions must visit every reference and
// nothing else; tests/runtime/types_test.cpp checks each kind.
#include <cinttypes>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iterator>

#include "runtime/object_layouts.h"
#include "runtime/tracer.h"

namespace goro::runtime {
namespace {

template <typename T>
const T* as(const Object* o) {
  return static_cast<const T*>(o);
}
template <typename T>
T* as(Object* o) {
  return static_cast<T*>(o);
}

void appendf(std::string& out, const char* fmt, auto... args) {
  char buf[96];
  int n = std::snprintf(buf, sizeof buf, fmt, args...);
  if (n > 0) out.append(buf, std::min<size_t>(static_cast<size_t>(n), sizeof buf - 1));
}

void traceNothing(Object*, Tracer&) {}

// String
size_t sizeString(const Object* o) { return sizeof(String) + as<String>(o)->length + 1; }
void describeString(const Object* o, std::string& out) {
  auto* s = as<String>(o);
  out += '"';
  out.append(s->data, std::min<size_t>(s->length, 32));
  if (s->length > 32) out += "...";
  out += '"';
}

// BoxedInt
size_t sizeBoxedInt(const Object*) { return sizeof(BoxedInt); }
void describeBoxedInt(const Object* o, std::string& out) {
  appendf(out, "%" PRId64, as<BoxedInt>(o)->value);
}

// Bytes
size_t sizeBytes(const Object* o) { return sizeof(Bytes) + as<Bytes>(o)->size; }
void describeBytes(const Object* o, std::string& out) { appendf(out, "[%zu bytes]", as<Bytes>(o)->size); }

// Vector
size_t sizeVector(const Object* o) { return sizeof(Vector) + as<Vector>(o)->count() * sizeof(Value); }
void traceVector(Object* o, Tracer& t) {
  auto* v = as<Vector>(o);
  t.visitRange(v->slots, v->count());
}
void describeVector(const Object* o, std::string& out) { appendf(out, "[%u]", as<Vector>(o)->count()); }

// Array
size_t sizeArray(const Object* o) {
  auto* a = as<Array>(o);
  return sizeof(Array) + (a->hasInlineItems() ? sizeVector(a->inlineItems()) : 0);
}
void traceArray(Object* o, Tracer& t) {
  auto* a = as<Array>(o);
  if (a->isInline(a->items)) {
    t.visitRange(a->items->slots, a->items->count());  // part of the array, not an object
  } else {
    t.visit(a->items);
  }
}
void describeArray(const Object* o, std::string& out) { appendf(out, "len=%zu", as<Array>(o)->length); }

// Map
size_t sizeMap(const Object*) { return sizeof(Map); }
void traceMap(Object* o, Tracer& t) {
  auto* m = as<Map>(o);
  t.visit(m->entries);
  t.visit(m->index);
}
void describeMap(const Object* o, std::string& out) { appendf(out, "len=%zu", as<Map>(o)->count); }

// FuncProto
size_t sizeFuncProto(const Object*) { return sizeof(FuncProto); }
void traceFuncProto(Object* o, Tracer& t) {
  auto* p = as<FuncProto>(o);
  t.visit(p->name);
  t.visit(p->file);
  t.visit(p->code);
  t.visit(p->constants);
  t.visit(p->lines);
  t.visit(p->captures);
  t.visit(p->locals);
}
void describeFuncProto(const Object* o, std::string& out) {
  auto* p = as<FuncProto>(o);
  if (p->name != nullptr) out.append(p->name->data, p->name->length);
}

// Closure
size_t sizeClosure(const Object* o) { return sizeof(Closure) + o->aux * sizeof(Cell*); }
void traceClosure(Object* o, Tracer& t) {
  auto* c = as<Closure>(o);
  t.visit(c->proto);
  for (uint32_t i = 0; i < c->aux; i++) t.visit(c->cells[i]);
}
void describeClosure(const Object* o, std::string& out) {
  auto* c = as<Closure>(o);
  if (c->proto != nullptr) describeFuncProto(c->proto, out);
}

// Cell
size_t sizeCell(const Object*) { return sizeof(Cell); }
void traceCell(Object* o, Tracer& t) { t.visit(as<Cell>(o)->value); }
void describeCell(const Object*, std::string&) {}

// NativeFunc
size_t sizeNativeFunc(const Object*) { return sizeof(NativeFunc); }
void traceNativeFunc(Object* o, Tracer& t) {
  auto* f = as<NativeFunc>(o);
  t.visit(f->name);
  t.visit(f->receiver);
}
void describeNativeFunc(const Object* o, std::string& out) {
  auto* f = as<NativeFunc>(o);
  if (f->name != nullptr) out.append(f->name->data, f->name->length);
}

// Chan
size_t sizeChan(const Object*) { return sizeof(Chan); }
void traceChan(Object* o, Tracer& t) {
  t.visit(as<Chan>(o)->buffer);
  t.visit(as<Chan>(o)->timer);
}
void describeChan(const Object* o, std::string& out) {
  auto* c = as<Chan>(o);
  appendf(out, "len=%u cap=%u%s", c->count, c->capacity, c->closed ? " closed" : "");
}

// WaitGroup and Mutex
size_t sizeWaitGroup(const Object*) { return sizeof(WaitGroup); }
void describeWaitGroup(const Object* o, std::string& out) {
  appendf(out, "counter=%" PRId64, as<WaitGroup>(o)->counter);
}
size_t sizeMutex(const Object*) { return sizeof(SyncMutex); }
void describeMutex(const Object* o, std::string& out) { appendf(out, "state=%u", as<SyncMutex>(o)->state); }

// GState
size_t sizeGState(const Object*) { return sizeof(GState); }
void traceGState(Object* o, Tracer& t) {
  auto* g = as<GState>(o);
  // A deep recursion holds the same closure in every frame and in every
  // caller's function slot: each object is pushed once per run of repeats
  // (the mark stack may hold duplicates, but millions of them cost a
  // push, a pop and a mark-bit test each).
  const Object* last = nullptr;
  if (g->stack != nullptr) {
    t.visit(g->stack);  // noScan: marked, never looked inside
    auto* slots = reinterpret_cast<const Value*>(g->stack->data);
    size_t n = std::min(g->stackTop, g->stackCapacity());
    for (size_t i = 0; i < n; i++) {
      if (!slots[i].isObject() || slots[i].asObject() == last) continue;
      last = slots[i].asObject();
      t.visit(last);
    }
  }
  t.visit(g->wide);  // noScan, like the stack
  t.visit(g->frames);
  if (g->frames != nullptr) {
    auto* frames = reinterpret_cast<const CallFrame*>(g->frames->data);
    size_t n = std::min(g->frameCount, g->frames->size / sizeof(CallFrame));
    for (size_t i = 0; i < n; i++) {
      if (frames[i].closure == last) continue;
      last = frames[i].closure;
      t.visit(last);
    }
  }
  t.visit(g->defers);
  t.visit(g->panics);
  t.visit(g->pending);
  t.visit(g->result);
}
void describeGState(const Object* o, std::string& out) {
  auto* g = as<GState>(o);
  appendf(out, "frames=%zu stack=%zu", g->frameCount, g->stackTop);
}

// Timer
size_t sizeTimer(const Object*) { return sizeof(Timer); }
void traceTimer(Object* o, Tracer& t) { t.visit(as<Timer>(o)->c); }
void describeTimer(const Object* o, std::string& out) {
  auto* t = as<Timer>(o);
  if (t->period > 0) appendf(out, "period=%" PRId64 " ", t->period);
  out += std::atomic_ref<void*>(const_cast<Timer*>(t)->pp).load(std::memory_order_relaxed) != nullptr ? "pending" : "idle";
}

// Duration
size_t sizeDuration(const Object*) { return sizeof(Duration); }
void describeDuration(const Object* o, std::string& out) { appendf(out, "%" PRId64 "ns", as<Duration>(o)->ns); }

// PArray
size_t sizePArray(const Object* o) { return sizeof(PArray) + as<PArray>(o)->capacity * sizeof(void*); }
void describePArray(const Object* o, std::string& out) {
  auto* a = as<PArray>(o);
  appendf(out, "len=%u cap=%u serial=%llu", a->length(), a->capacity, static_cast<unsigned long long>(a->serial));
}

// Builder
size_t sizeBuilder(const Object*) { return sizeof(StringBuilder); }
void traceBuilder(Object* o, Tracer& t) { t.visit(as<StringBuilder>(o)->buffer); }
void describeBuilder(const Object* o, std::string& out) {
  appendf(out, "len=%zu", as<StringBuilder>(o)->length);
}

// Record
size_t sizeRecord(const Object* o) { return sizeof(Record) + o->aux * sizeof(Value); }
void traceRecord(Object* o, Tracer& t) {
  auto* r = as<Record>(o);
  t.visit(r->type);
  t.visitRange(r->fields, r->aux);
}
void describeRecord(const Object* o, std::string& out) {
  auto* r = as<Record>(o);
  if (r->type != nullptr && r->type->name != nullptr) out.append(r->type->name->data, r->type->name->length);
  appendf(out, "{%u fields}", r->aux);
}
// RecordType
size_t sizeRecordType(const Object*) { return sizeof(RecordType); }
void traceRecordType(Object* o, Tracer& t) {
  auto* r = as<RecordType>(o);
  t.visit(r->name);
  t.visit(r->fields);
  t.visit(r->methods);
}
void describeRecordType(const Object* o, std::string& out) {
  auto* r = as<RecordType>(o);
  if (r->name != nullptr) out.append(r->name->data, r->name->length);
  appendf(out, " id=%u", r->id);
}
// BoundMethod
size_t sizeBoundMethod(const Object*) { return sizeof(BoundMethod); }
void traceBoundMethod(Object* o, Tracer& t) {
  auto* b = as<BoundMethod>(o);
  t.visit(b->receiver);
  t.visit(b->method);
}
void describeBoundMethod(const Object* o, std::string& out) {
  auto* b = as<BoundMethod>(o);
  if (b->method != nullptr) describeClosure(b->method, out);
}

// AtomicInt, File, Scanner
size_t sizeAtomicInt(const Object*) { return sizeof(AtomicInt); }
void describeAtomicInt(const Object* o, std::string& out) {
  // Read as the methods write it (atomic_ref needs a non-const object).
  appendf(out, "value=%" PRId64, std::atomic_ref<int64_t>(const_cast<AtomicInt*>(as<AtomicInt>(o))->value).load());
}
size_t sizeFile(const Object*) { return sizeof(File); }
void traceFile(Object* o, Tracer& t) { t.visit(as<File>(o)->name); }
void describeFile(const Object* o, std::string& out) { appendf(out, "fd=%d", as<File>(o)->fd); }
size_t sizeScanner(const Object*) { return sizeof(Scanner); }
void traceScanner(Object* o, Tracer& t) {
  auto* s = as<Scanner>(o);
  t.visit(s->source);
  t.visit(s->buffer);
}
void describeScanner(const Object* o, std::string& out) {
  auto* s = as<Scanner>(o);
  appendf(out, "buffered=%u%s", s->end - s->start, s->atEof ? " eof" : "");
}

constexpr TypeInfo kTypes[] = {
    {"string", true, sizeString, traceNothing, describeString},
    {"int", true, sizeBoxedInt, traceNothing, describeBoxedInt},
    {"bytes", true, sizeBytes, traceNothing, describeBytes},
    {"vector", false, sizeVector, traceVector, describeVector},
    {"array", false, sizeArray, traceArray, describeArray},
    {"map", false, sizeMap, traceMap, describeMap},
    {"proto", false, sizeFuncProto, traceFuncProto, describeFuncProto},
    {"func", false, sizeClosure, traceClosure, describeClosure},
    {"cell", false, sizeCell, traceCell, describeCell},
    {"func", false, sizeNativeFunc, traceNativeFunc, describeNativeFunc},
    {"chan", false, sizeChan, traceChan, describeChan},
    {"WaitGroup", true, sizeWaitGroup, traceNothing, describeWaitGroup},
    {"Mutex", true, sizeMutex, traceNothing, describeMutex},
    {"gstate", false, sizeGState, traceGState, describeGState},
    {"allp", true, sizePArray, traceNothing, describePArray},
    {"Builder", false, sizeBuilder, traceBuilder, describeBuilder},
    {"record", false, sizeRecord, traceRecord, describeRecord},
    {"type", false, sizeRecordType, traceRecordType, describeRecordType},
    {"func", false, sizeBoundMethod, traceBoundMethod, describeBoundMethod},
    {"atomic.Int64", true, sizeAtomicInt, traceNothing, describeAtomicInt},
    {"*os.File", false, sizeFile, traceFile, describeFile},
    {"*bufio.Scanner", false, sizeScanner, traceScanner, describeScanner},
    {"Timer", false, sizeTimer, traceTimer, describeTimer},
    {"time.Duration", true, sizeDuration, traceNothing, describeDuration},
};
static_assert(std::size(kTypes) == kKindCount, "one TypeInfo per kind");

// The table must follow the order of GORO_OBJECT_KINDS; check names and
// noScan flags against the X-macro at compile time.
constexpr bool sameName(const char* a, const char* b) {
  while (*a != 0 && *a == *b) a++, b++;
  return *a == *b;
}
#define GORO_KIND_CHECK(e, kindName, noscan)                                              \
  static_assert(sameName(kTypes[static_cast<size_t>(Kind::e)].name, kindName) &&          \
                    kTypes[static_cast<size_t>(Kind::e)].noScan == noscan,             \
                "kTypes is out of order with GORO_OBJECT_KINDS at " #e);
GORO_OBJECT_KINDS(GORO_KIND_CHECK)
#undef GORO_KIND_CHECK

}  // namespace

const TypeInfo& typeInfo(Kind k) { return kTypes[static_cast<size_t>(k)]; }

std::string describeObject(const Object* o) {
  std::string out = typeInfo(o).name;
  appendf(out, "@%p ", static_cast<const void*>(o));
  typeInfo(o).describe(o, out);
  return out;
}

}  // namespace goro::runtime

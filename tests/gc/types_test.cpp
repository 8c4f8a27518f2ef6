// Every kind's descriptor: a name, a size, and a trace function that visits
// exactly the references the layout holds.
#include <gtest/gtest.h>

#include <set>

#include "gc/handles.h"
#include "runtime/tracer.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using namespace runtime;

class TypesTest : public testing::HeapTest {
 protected:
  // The references o's trace function reports.
  std::multiset<Object*> traced(Object* o) {
    Tracer t;
    typeInfo(o).trace(o, t);
    std::multiset<Object*> out;
    while (!t.empty()) out.insert(t.pop());
    return out;
  }
  Object* leaf() {
    Object* s = newString(cache, "leaf");
    roots.push_back(Value::object(s));
    return s;
  }
  template <typename T>
  T* make(Kind k, size_t bytes) {
    T* o = allocateAs<T>(cache, k, bytes);
    roots.push_back(Value::object(o));
    return o;
  }
};

TEST_F(TypesTest, EveryKindHasADescriptor) {
  for (size_t k = 0; k < kKindCount; k++) {
    const TypeInfo& t = typeInfo(static_cast<Kind>(k));
    EXPECT_NE(t.name, nullptr);
    EXPECT_NE(t.sizeOf, nullptr);
    EXPECT_NE(t.trace, nullptr);
    EXPECT_NE(t.describe, nullptr);
  }
  EXPECT_STREQ(typeInfo(Kind::String).name, "string");
  EXPECT_STREQ(typeInfo(Kind::Closure).name, "func");
  EXPECT_STREQ(typeInfo(Kind::Chan).name, "chan");
}

TEST_F(TypesTest, TraceFunctionsVisitExactlyTheReferences) {
  Object *a = leaf(), *b = leaf(), *c = leaf(), *d = leaf(), *e = leaf();

  auto* vec = make<Vector>(Kind::Vector, sizeof(Vector) + 3 * sizeof(Value));
  vec->aux = 3;
  vec->slots[0] = Value::object(a);
  vec->slots[1] = Value::smallInt(3);
  vec->slots[2] = Value::object(b);
  EXPECT_EQ(traced(vec), (std::multiset<Object*>{a, b}));

  auto* arr = make<Array>(Kind::Array, sizeof(Array));
  arr->items = vec;
  EXPECT_EQ(traced(arr), (std::multiset<Object*>{vec}));

  auto* bytes = make<Bytes>(Kind::Bytes, sizeof(Bytes) + 16);
  auto* map = make<Map>(Kind::Map, sizeof(Map));
  map->entries = vec;
  map->index = bytes;
  EXPECT_EQ(traced(map), (std::multiset<Object*>{vec, bytes}));

  auto* proto = make<FuncProto>(Kind::FuncProto, sizeof(FuncProto));
  proto->name = static_cast<String*>(a);
  proto->file = static_cast<String*>(b);
  proto->code = bytes;
  proto->constants = vec;
  proto->lines = nullptr;
  proto->captures = bytes;
  proto->locals = bytes;
  EXPECT_EQ(traced(proto), (std::multiset<Object*>{a, b, bytes, vec, bytes, bytes}));

  auto* cell = make<Cell>(Kind::Cell, sizeof(Cell));
  cell->value = Value::object(c);
  EXPECT_EQ(traced(cell), (std::multiset<Object*>{c}));

  auto* closure = make<Closure>(Kind::Closure, sizeof(Closure) + 2 * sizeof(Cell*));
  closure->aux = 2;
  closure->proto = proto;
  closure->cells[0] = cell;
  closure->cells[1] = nullptr;
  EXPECT_EQ(traced(closure), (std::multiset<Object*>{proto, cell}));

  auto* native = make<NativeFunc>(Kind::NativeFunc, sizeof(NativeFunc));
  native->name = static_cast<String*>(d);
  native->receiver = Value::object(e);
  EXPECT_EQ(traced(native), (std::multiset<Object*>{d, e}));

  auto* chan = make<Chan>(Kind::Chan, sizeof(Chan));
  chan->buffer = vec;
  EXPECT_EQ(traced(chan), (std::multiset<Object*>{vec}));

  auto* file = make<File>(Kind::File, sizeof(File));
  file->name = static_cast<String*>(a);
  EXPECT_EQ(traced(file), (std::multiset<Object*>{a}));
  auto* scanner = make<Scanner>(Kind::Scanner, sizeof(Scanner));
  scanner->source = file;
  scanner->buffer = bytes;
  EXPECT_EQ(traced(scanner), (std::multiset<Object*>{file, bytes}));

  // A goroutine's state: only the live stack slots count, and the side
  // slots (a separate buffer, never looked inside) are marked.
  auto* stack = make<Bytes>(Kind::Bytes, sizeof(Bytes) + 4 * sizeof(Value));
  stack->size = 4 * sizeof(Value);
  auto* wide = make<Bytes>(Kind::Bytes, sizeof(Bytes) + 4 * sizeof(int64_t));
  wide->size = 4 * sizeof(int64_t);
  auto* slots = reinterpret_cast<Value*>(stack->data);
  slots[0] = Value::object(a);
  slots[1] = Value::object(c);
  slots[2] = Value::object(d);  // above stackTop: stale
  slots[3] = Value::nil();
  auto* frames = make<Bytes>(Kind::Bytes, sizeof(Bytes) + sizeof(CallFrame));
  frames->size = sizeof(CallFrame);
  reinterpret_cast<CallFrame*>(frames->data)->closure = closure;
  auto* g = make<GState>(Kind::GState, sizeof(GState));
  g->stack = stack;
  g->wide = wide;
  g->stackTop = 2;
  g->frames = frames;
  g->frameCount = 1;
  g->defers = nullptr;
  g->panics = vec;
  g->pending = Value::object(e);
  g->result = Value::nil();
  EXPECT_EQ(traced(g), (std::multiset<Object*>{stack, wide, a, c, frames, closure, vec, e}));

  // Records: the type and every field; a record type: its name, field
  // names and method table; a method value: receiver and method.
  auto* type = make<RecordType>(Kind::RecordType, sizeof(RecordType));
  type->aux = 2;
  type->name = static_cast<String*>(a);
  type->fields = vec;
  type->methods = vec;
  EXPECT_EQ(traced(type), (std::multiset<Object*>{a, vec, vec}));
  auto* record = make<Record>(Kind::Record, sizeof(Record) + 2 * sizeof(Value));
  record->aux = 2;
  record->type = type;
  record->fields[0] = Value::object(b);
  record->fields[1] = Value::smallInt(7);
  EXPECT_EQ(traced(record), (std::multiset<Object*>{type, b}));
  EXPECT_EQ(typeInfo(record).sizeOf(record), sizeof(Record) + 2 * sizeof(Value));
  auto* bound = make<BoundMethod>(Kind::BoundMethod, sizeof(BoundMethod));
  bound->receiver = Value::object(record);
  bound->method = closure;
  EXPECT_EQ(traced(bound), (std::multiset<Object*>{record, closure}));
  EXPECT_STREQ(typeInfo(Kind::BoundMethod).name, "func");

  for (Kind k : {Kind::String, Kind::BoxedInt, Kind::Bytes, Kind::WaitGroup, Kind::Mutex, Kind::PArray,
                 Kind::AtomicInt, Kind::Duration}) {
    EXPECT_TRUE(typeInfo(k).noScan) << typeInfo(k).name;
  }
  // Sizes and descriptions.
  EXPECT_EQ(typeInfo(vec).sizeOf(vec), sizeof(Vector) + 3 * sizeof(Value));
  EXPECT_NE(describeObject(a).find("\"leaf\""), std::string::npos);
  EXPECT_NE(describeObject(vec).find("vector@0x"), std::string::npos);
}

// A deep recursion holds one closure in every frame and every function
// slot: the scan pushes it once per run of repeats, not once per slot.
TEST_F(TypesTest, GoroutineScanPushesRepeatsOnce) {
  Object *a = leaf(), *b = leaf();
  auto* stack = make<Bytes>(Kind::Bytes, sizeof(Bytes) + 6 * sizeof(Value));
  stack->size = 6 * sizeof(Value);
  auto* slots = reinterpret_cast<Value*>(stack->data);
  Value pattern[] = {Value::object(a), Value::smallInt(1), Value::object(a),
                     Value::object(a), Value::object(b), Value::object(a)};
  for (size_t i = 0; i < 6; i++) slots[i] = pattern[i];
  auto* frames = make<Bytes>(Kind::Bytes, sizeof(Bytes) + 3 * sizeof(CallFrame));
  frames->size = 3 * sizeof(CallFrame);
  for (size_t i = 0; i < 3; i++) reinterpret_cast<CallFrame*>(frames->data)[i].closure = static_cast<Closure*>(a);
  auto* g = make<GState>(Kind::GState, sizeof(GState));
  g->stack = stack;
  g->stackTop = 6;
  g->frames = frames;
  g->frameCount = 3;
  g->pending = Value::nil();
  g->result = Value::nil();
  // a (slots 0-3), b, a (slot 5 and every frame).
  EXPECT_EQ(traced(g), (std::multiset<Object*>{stack, frames, a, b, a}));
}

TEST_F(TypesTest, IntsBoxOnlyOutsideTheSmallRange) {
  for (int64_t v : {int64_t{0}, int64_t{-1}, Value::kSmallIntMax, Value::kSmallIntMin}) {
    Value x = makeInt(cache, v);
    EXPECT_TRUE(x.isSmallInt()) << v;
    EXPECT_EQ(intValue(x), v);
  }
  for (int64_t v : {Value::kSmallIntMax + 1, Value::kSmallIntMin - 1, INT64_MAX, INT64_MIN}) {
    Value x = makeInt(cache, v);
    EXPECT_TRUE(x.isObject()) << v;
    EXPECT_TRUE(isInt(x));
    EXPECT_EQ(intValue(x), v);
  }
}

}  // namespace
}  // namespace goro::gc

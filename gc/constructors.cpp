#include "gc/constructors.h"

#include <cstring>

#include "gc/allocate.h"
#include "gc/handles.h"

namespace goro::gc {

using namespace runtime;

String* newStringUninitialized(alloc::MCache& cache, size_t length) {
  auto* s = allocateAs<String>(cache, Kind::String, sizeof(String) + length + 1);
  s->length = length;
  return s;
}

String* newString(alloc::MCache& cache, std::string_view text) {
  String* s = newStringUninitialized(cache, text.size());
  if (!text.empty()) std::memcpy(s->data, text.data(), text.size());
  return s;
}

Bytes* newBytes(alloc::MCache& cache, size_t size) {
  auto* b = allocateAs<Bytes>(cache, Kind::Bytes, sizeof(Bytes) + size);
  b->size = size;
  return b;
}

Vector* newVector(alloc::MCache& cache, uint32_t count) {
  auto* v = allocateAs<Vector>(cache, Kind::Vector, sizeof(Vector) + size_t{count} * sizeof(Value));
  v->aux = count;
  for (uint32_t i = 0; i < count; i++) v->slots[i] = Value::nil();
  return v;
}

Array* newArray(alloc::MCache& cache, uint32_t capacity) {
  if (capacity <= Array::kMaxInlineItems) {
    // One allocation: the array and its vector (runtime/object_layouts.h).
    auto* a = allocateAs<Array>(cache, Kind::Array, sizeof(Array) + sizeof(Vector) + size_t{capacity} * sizeof(Value));
    a->flags |= Array::kFlagInlineItems;
    Vector* items = a->inlineItems();
    items->kind = Kind::Vector;
    items->aux = capacity;
    for (uint32_t i = 0; i < capacity; i++) items->slots[i] = Value::nil();
    a->items = items;
    a->length = 0;
    return a;
  }
  Handle<Vector> items(newVector(cache, capacity));
  auto* a = allocateAs<Array>(cache, Kind::Array, sizeof(Array));
  a->items = items.get();
  a->length = 0;
  return a;
}

Cell* newCell(alloc::MCache& cache, Value value) {
  Root rooted(value);
  auto* c = allocateAs<Cell>(cache, Kind::Cell, sizeof(Cell));
  c->value = rooted.get();
  return c;
}

Value makeInt(alloc::MCache& cache, int64_t value) {
  if (Value::fitsSmallInt(value)) return Value::smallInt(value);
  auto* b = allocateAs<BoxedInt>(cache, Kind::BoxedInt, sizeof(BoxedInt));
  b->value = value;
  return Value::object(b);
}

bool isInt(Value v) {
  return v.isSmallInt() || (v.isObject() && v.asObject()->kind == Kind::BoxedInt);
}

int64_t intValue(Value v) {
  if (v.isSmallInt()) return v.asSmallInt();
  return static_cast<BoxedInt*>(v.asObject())->value;
}

}  // namespace goro::gc

// lang/vm/records.cpp: the interpreter's side of records (docs/language.md,
// "Records"; the compiler's side is lang/compiler/compiler_records.cpp).
//
// The fast paths are in dispatch.cpp: GETFIELD and SETFIELD compare the
// record's type id with their cache word (lang/compiler/opcodes.h) and load
// or store the slot it names, and SELF does the same with a record's
// method. Everything else is here: the cache misses, which
// look the name up and refill the word; bound method values; building types
// and records; and the panics, worded as Go's compiler words the same
// mistakes (`Point.Z undefined (type Point has no field or method Z)`).
//
// Type ids come from one process-wide counter, so a type made by one
// program run (a test, a REPL chunk) never matches a cache word written
// for another; 2^24 - 1 types can be made in a process.
#include <atomic>
#include <cstring>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/value/race_safe_access.h"
#include "lang/value/record_ops.h"
#include "lang/value/value_ops.h"
#include "lang/vm/exec.h"

namespace goro::lang::vm::detail {

using runtime::BoundMethod;
using runtime::Closure;
using runtime::Kind;
using runtime::Record;
using runtime::RecordType;
using runtime::String;
using runtime::Vector;

namespace {

std::atomic<uint32_t> gNextTypeId{1};

const char* const kNilDereference = "runtime error: invalid memory address or nil pointer dereference";

std::string noFieldOrMethod(Value x, Value name) {
  std::string type(operandType(x));
  std::string n(stringView(name));
  return type + "." + n + " undefined (type " + type + " has no field or method " + n + ")";
}

void fillCache(uint32_t* cache, const RecordType* t, int32_t slot) {
  std::atomic_ref<uint32_t>(*cache).store(fieldCacheWord(t->id, static_cast<uint32_t>(slot)),
                                          std::memory_order_relaxed);
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t end = s.find(' ', i);
    if (end == std::string_view::npos) end = s.size();
    if (end > i) out.push_back(s.substr(i, end - i));
    i = end + 1;
  }
  return out;
}

// A Vector of new strings, one per name.
Vector* namesVector(alloc::MCache& cache, const std::vector<std::string_view>& names, size_t first, uint32_t stride) {
  gc::Handle<Vector> v(gc::newVector(cache, static_cast<uint32_t>((names.size() - first) * stride)));
  for (size_t i = first; i < names.size(); i++) {
    String* s = gc::newString(cache, names[i]);
    v->slots[(i - first) * stride] = Value::object(s);
  }
  return v.get();
}

}  // namespace

Flow Exec::getField(size_t dst, Value x, Value name, uint32_t* cache) {
  if (!isRecord(x)) {
    if (x.isNil()) return throwString(kNilDereference);
    return getMethod(dst, x, name);
  }
  Record* r = recordOf(x);
  int32_t slot = fieldIndex(r->type, stringView(name));
  if (slot >= 0) {
    fillCache(cache, r->type, slot);
    stack()[dst] = loadValue(r->fields[slot]);
    return Flow::Next;
  }
  if (int32_t m = methodIndex(r->type, stringOf(name)); m >= 0) {
    // x stays rooted in its register, and the method through x's type.
    auto* b = gc::allocateAs<BoundMethod>(*cache_, Kind::BoundMethod, sizeof(BoundMethod));
    b->receiver = x;
    b->method = methodAt(r->type, static_cast<uint32_t>(m));
    stack()[dst] = Value::object(b);
    return Flow::Next;
  }
  return throwString(noFieldOrMethod(x, name));
}

Flow Exec::setField(Value x, Value name, Value v, uint32_t* cache) {
  if (!isRecord(x)) {
    if (x.isNil()) return throwString(kNilDereference);
    return throwString(noFieldOrMethod(x, name));
  }
  Record* r = recordOf(x);
  int32_t slot = fieldIndex(r->type, stringView(name));
  if (slot < 0) {
    if (methodIndex(r->type, stringOf(name)) >= 0) {
      return throwString("cannot assign to " + std::string(operandType(x)) + "." + std::string(stringView(name)) +
                         " (neither addressable nor a map index expression)");
    }
    return throwString(noFieldOrMethod(x, name));
  }
  fillCache(cache, r->type, slot);
  storeValue(r->fields[slot], v);
  return Flow::Next;
}

Flow Exec::newRecord(size_t slot, uint32_t count, bool addressed) {
  Value tv = stack()[slot];
  if (!tv.isObject() || tv.asObject()->kind != Kind::RecordType) {
    return throwString("invalid composite literal type " + std::string(operandType(tv)));
  }
  uint32_t want = static_cast<RecordType*>(tv.asObject())->fieldCount();
  if (count != want) {
    std::string type(recordTypeName(static_cast<RecordType*>(tv.asObject())));
    return throwString(std::string(count < want ? "too few" : "too many") + " values in " + type + "{\u2026}");
  }
  // The type and the values stay rooted in their registers.
  auto* r = gc::allocateAs<Record>(*cache_, Kind::Record, sizeof(Record) + count * sizeof(Value));
  Value* s = stack();
  r->aux = count;
  if (addressed) r->flags |= runtime::kRecordAddressed;
  r->type = static_cast<RecordType*>(s[slot].asObject());
  std::memcpy(r->fields, s + slot + 1, count * sizeof(Value));
  s[slot] = Value::object(r);
  return Flow::Next;
}

// The descriptor: "Name F1 F2;M1 M2" (lang/compiler/compiler_records.cpp).
Flow Exec::newRecordType(size_t dst, Value descriptor) {
  std::string_view desc = stringView(descriptor);  // a constant: it outlives the call
  size_t semi = desc.find(';');
  std::vector<std::string_view> names = words(desc.substr(0, semi));
  std::vector<std::string_view> methods =
      words(semi == std::string_view::npos ? std::string_view() : desc.substr(semi + 1));
  uint32_t id = gNextTypeId.fetch_add(1, std::memory_order_relaxed);
  if (names.empty() || id > kMaxRecordTypeId) return throwString("too many record types in one process");
  gc::Handle<String> name(gc::newString(*cache_, names[0]));
  gc::Handle<Vector> fields(namesVector(*cache_, names, 1, 1));
  gc::Handle<Vector> table(namesVector(*cache_, methods, 0, 2));
  auto* t = gc::allocateAs<RecordType>(*cache_, Kind::RecordType, sizeof(RecordType));
  t->aux = static_cast<uint32_t>(names.size() - 1);
  t->name = name.get();
  t->fields = fields.get();
  t->methods = table.get();
  t->id = id;
  stack()[dst] = Value::object(t);
  return Flow::Next;
}

// Before any of the program's code runs (the top-level code's first
// instructions), so no goroutine can be reading the table.
void Exec::setMethod(Value type, Value fn, uint32_t index) {
  auto* t = static_cast<RecordType*>(type.asObject());
  t->methods->slots[2 * index + 1] = fn;
}

Flow Exec::addressOf(size_t dst, Value x) {
  if (!isRecord(x)) {
    return throwString("invalid operation: cannot take address of " + std::string(operandType(x)) +
                       " value (in Goro, & applies only to records)");
  }
  stack()[dst] = x;
  return Flow::Next;
}

Flow Exec::recordMethod(size_t dst, Value x, Value name, uint32_t* cache) {
  if (!isRecord(x)) {
    if (x.isNil()) return throwString(kNilDereference);
    return getMethod(dst, x, name);  // not a method of a built-in object either: the error
  }
  Record* r = recordOf(x);
  if (int32_t m = methodIndex(r->type, stringOf(name)); m >= 0) {
    fillCache(cache, r->type, m);
    stack()[dst] = Value::object(methodAt(r->type, static_cast<uint32_t>(m)));
    return Flow::Next;
  }
  if (int32_t f = fieldIndex(r->type, stringView(name)); f >= 0) {
    // r.F(args) of a field holding a function: the callee drops r.
    gc::Root fn(loadValue(r->fields[f]));
    auto* b = gc::allocateAs<BoundMethod>(*cache_, Kind::BoundMethod, sizeof(BoundMethod));
    b->receiver = fn.get();
    b->method = nullptr;
    stack()[dst] = Value::object(b);
    return Flow::Next;
  }
  return throwString(noFieldOrMethod(x, name));
}

}  // namespace goro::lang::vm::detail

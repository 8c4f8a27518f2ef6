// lang/value/record_ops.cpp: record lookups, equality and hashing
// (lang/value/record_ops.h).
#include "lang/value/record_ops.h"

#include <cstring>

#include "lang/value/value_ops.h"

namespace goro::lang::value {

using runtime::Record;
using runtime::RecordType;
using runtime::String;
using runtime::Value;

namespace {

std::string_view view(const String* s) { return {s->data, s->length}; }

// A record hashed by identity (an addressed one, or one nested too deep):
// its address, mixed (splitmix64's finalizer).
uint64_t identityHash(const Record* r) {
  uint64_t x = reinterpret_cast<uintptr_t>(r);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

bool sameName(const String* a, const String* b) {
  return a == b || (a->length == b->length && std::memcmp(a->data, b->data, a->length) == 0);
}

}  // namespace

std::string_view recordTypeName(const RecordType* t) { return view(t->name); }

int32_t fieldIndex(const RecordType* t, std::string_view name) {
  for (uint32_t i = 0; i < t->fieldCount(); i++) {
    if (view(static_cast<const String*>(t->fields->slots[i].asObject())) == name) return static_cast<int32_t>(i);
  }
  return -1;
}

int32_t methodIndex(const RecordType* t, const String* name) {
  const Value* m = t->methods->slots;
  for (uint32_t i = 0, n = t->methodCount(); i < n; i++) {
    if (sameName(static_cast<const String*>(m[2 * i].asObject()), name)) return static_cast<int32_t>(i);
  }
  return -1;
}

bool recordsEqual(const Record* a, const Record* b, int depth) {
  if (a == b) return true;
  if (isAddressed(a) || isAddressed(b) || a->type != b->type || depth >= kMaxRecordDepth) return false;
  for (uint32_t i = 0; i < a->fieldCount(); i++) {
    Value x = a->fields[i], y = b->fields[i];
    bool same = isRecord(x) && isRecord(y) ? recordsEqual(recordOf(x), recordOf(y), depth + 1) : valuesEqual(x, y);
    if (!same) return false;
  }
  return true;
}

bool isHashableRecord(const Record* r, int depth) {
  if (isAddressed(r)) return true;
  if (depth >= kMaxRecordDepth) return false;
  for (uint32_t i = 0; i < r->fieldCount(); i++) {
    Value f = r->fields[i];
    if (isRecord(f) ? !isHashableRecord(recordOf(f), depth + 1) : !isValidMapKey(f)) return false;
  }
  return true;
}

uint64_t hashRecord(const Record* r, int depth) {
  if (isAddressed(r) || depth >= kMaxRecordDepth) return identityHash(r);
  uint64_t h = r->type->id * 0x9e3779b97f4a7c15ull;
  for (uint32_t i = 0; i < r->fieldCount(); i++) {
    Value f = r->fields[i];
    uint64_t fh = isRecord(f) ? hashRecord(recordOf(f), depth + 1) : hashValue(f);
    h = (h ^ fh) * 0x100000001b3ull + (h >> 29);
  }
  return h;
}

}  // namespace goro::lang::value

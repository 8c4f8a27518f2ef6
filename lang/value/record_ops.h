// lang/value/record_ops.h: what records mean (docs/language.md, "Records"):
// finding a field or a method by name, record equality and hashing, and
// the type name a record reports.
//
// Equality. Go compares struct values field by field and pointers by
// identity. A Goro record is shared by reference, but one made by `T{...}`
// stands for Go's struct value and one made by `&T{...}` for Go's pointer
// (runtime::kRecordAddressed), so: two records are equal when they are the
// same record, or when neither was made by & and they are of the same type
// with equal fields (valuesEqual on each, so records nested in fields are
// compared the same way). A record that contains itself through value
// records compares (and hashes) only so deep, kMaxRecordDepth levels, past
// which identity decides.
#pragma once

#include <cstdint>
#include <string_view>

#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::value {

inline constexpr int kMaxRecordDepth = 64;

inline bool isRecord(runtime::Value v) { return v.isObject() && v.asObject()->kind == runtime::Kind::Record; }
inline runtime::Record* recordOf(runtime::Value v) { return static_cast<runtime::Record*>(v.asObject()); }
inline bool isAddressed(const runtime::Record* r) { return (r->flags & runtime::kRecordAddressed) != 0; }

std::string_view recordTypeName(const runtime::RecordType* t);

// The slot of the field `name` of t, or -1.
int32_t fieldIndex(const runtime::RecordType* t, std::string_view name);

// The number of the method `name` of t, or -1. Names are compared by
// pointer first, then by their bytes.
int32_t methodIndex(const runtime::RecordType* t, const runtime::String* name);
inline runtime::Closure* methodAt(const runtime::RecordType* t, uint32_t index) {
  return static_cast<runtime::Closure*>(t->methods->slots[2 * index + 1].asObject());
}

// Record equality (the file comment); a and b are records.
bool recordsEqual(const runtime::Record* a, const runtime::Record* b, int depth);

// Whether a record can be a map key: an addressed one always (by
// identity), a value one when every field can (Go's comparable structs).
bool isHashableRecord(const runtime::Record* r, int depth);
uint64_t hashRecord(const runtime::Record* r, int depth);

}  // namespace goro::lang::value

// Constructors for the basic heap objects, all through gc::allocate. Each
// may collect before it allocates (see gc/allocate.h for the rooting rule);
// arguments that are heap objects are rooted by the constructor itself.
#pragma once

#include <cstdint>
#include <string_view>

#include "alloc/mcache.h"
#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::gc {

runtime::String* newString(alloc::MCache& cache, std::string_view text);
// A string of `length` bytes to be filled in by the caller (NUL-terminated).
runtime::String* newStringUninitialized(alloc::MCache& cache, size_t length);
runtime::Bytes* newBytes(alloc::MCache& cache, size_t size);
// `count` slots, every one nil.
runtime::Vector* newVector(alloc::MCache& cache, uint32_t count);
// An empty array with room for `capacity` elements.
runtime::Array* newArray(alloc::MCache& cache, uint32_t capacity);
runtime::Cell* newCell(alloc::MCache& cache, runtime::Value value);
// An int Value: small when it fits, else a BoxedInt.
runtime::Value makeInt(alloc::MCache& cache, int64_t value);
// The int a Value holds (small or boxed); the caller checks isInt first.
bool isInt(runtime::Value v);
int64_t intValue(runtime::Value v);

}  // namespace goro::gc

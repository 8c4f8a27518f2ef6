// Value: every Goro value in exactly one 64-bit word (NaN-boxing).
//
// Why NaN-boxing and not pointer tagging: docs/language.md wants IEEE doubles
// and 64-bit ints with no allocation for ordinary arithmetic on either, and
// requires that a racing read never sees a torn value. One word that holds a
// double as itself gives free float arithmetic; pointer tagging would have to
// box every float. The price is that ints get 50 bits inline; the rare int
// outside +-2^49 is boxed in a BoxedInt object, so int arithmetic still wraps
// at 64 bits exactly as Go's does. A Value is always stored and loaded as one
// aligned 64-bit word, so concurrent goroutines can race on a variable and
// still see one of the values written (docs/language.md, "Errors").
//
// Encoding (bit 63 on the left):
//
//   any double that is not one of the patterns below   a float, as itself
//   0x7FF8_0000_0000_0000                               the canonical NaN (a float)
//   0x7FF8_0000_0000_000{1,2,3}                         nil, false, true
//   0x7FF9_PPPP_PPPP_PPPP                               Object* (48-bit address)
//   0x7FFC_... .. 0x7FFF_...  (bits 63..50 = 0x1FFF)    int, 50-bit two's complement
//
// The tagged space is positive quiet NaNs. Hardware arithmetic only ever makes
// the negative default NaN 0xFFF8_0000_0000_0000 or propagates an input NaN,
// so float results never need canonicalising on the hot path; only code that
// builds a double from raw bits (math.NaN, parsing) must use Value::fromFloat,
// which folds every NaN to the canonical one.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace goro::runtime {

struct Object;

class Value {
 public:
  // Tag constants, public for the interpreter's fused fast paths.
  static constexpr uint64_t kCanonicalNaN = 0x7FF8000000000000ull;
  static constexpr uint64_t kNil = 0x7FF8000000000001ull;
  static constexpr uint64_t kFalse = 0x7FF8000000000002ull;
  static constexpr uint64_t kTrue = 0x7FF8000000000003ull;
  static constexpr uint64_t kObjectTag = 0x7FF9000000000000ull;
  static constexpr uint64_t kPayloadMask = 0x0000FFFFFFFFFFFFull;
  static constexpr uint64_t kIntTag = 0x7FFC000000000000ull;
  static constexpr int kIntShift = 14;  // 64 - 50 payload bits
  static constexpr uint64_t kIntMask = (1ull << 50) - 1;
  static constexpr int64_t kSmallIntMax = (int64_t{1} << 49) - 1;
  static constexpr int64_t kSmallIntMin = -(int64_t{1} << 49);

  constexpr Value() : bits_(kNil) {}

  static constexpr Value fromBits(uint64_t b) { return Value(b); }
  static constexpr Value nil() { return Value(kNil); }
  static constexpr Value boolean(bool b) { return Value(b ? kTrue : kFalse); }
  static Value fromFloat(double d) {
    if (d != d) return Value(kCanonicalNaN);
    return Value(std::bit_cast<uint64_t>(d));
  }
  // A small int; the caller guarantees fitsSmallInt(i). Ints that do not fit
  // go through the heap (gc::makeInt) as a BoxedInt.
  static constexpr Value smallInt(int64_t i) {
    return Value((static_cast<uint64_t>(i) & kIntMask) | kIntTag);
  }
  static constexpr bool fitsSmallInt(int64_t i) {
    return i >= kSmallIntMin && i <= kSmallIntMax;
  }
  static Value object(const Object* o) {
    return Value(reinterpret_cast<uint64_t>(o) | kObjectTag);
  }

  constexpr uint64_t bits() const { return bits_; }

  constexpr bool isNil() const { return bits_ == kNil; }
  constexpr bool isBool() const { return (bits_ | 1) == kTrue; }
  constexpr bool isSmallInt() const { return (bits_ >> 50) == 0x1FFF; }
  constexpr bool isObject() const { return (bits_ >> 48) == 0x7FF9; }
  // Everything outside the tagged space (bits 63..51 = 0x0FFF, less the
  // canonical NaN) is a double.
  constexpr bool isFloat() const {
    return (bits_ >> 51) != 0x0FFF || bits_ == kCanonicalNaN;
  }

  constexpr bool asBool() const { return bits_ == kTrue; }
  constexpr int64_t asSmallInt() const {
    return static_cast<int64_t>(bits_ << kIntShift) >> kIntShift;
  }
  double asFloat() const { return std::bit_cast<double>(bits_); }
  Object* asObject() const { return reinterpret_cast<Object*>(bits_ & kPayloadMask); }

  // Both small ints, in one test: the tag bits survive an AND only if both
  // words carry them.
  static constexpr bool bothSmallInts(Value a, Value b) {
    return ((a.bits_ & b.bits_) >> 50) == 0x1FFF;
  }

  constexpr bool operator==(const Value&) const = default;  // identity of bits

 private:
  explicit constexpr Value(uint64_t b) : bits_(b) {}
  uint64_t bits_;
};

static_assert(sizeof(Value) == 8, "a Value is one machine word");

}  // namespace goro::runtime

// lang/value/value_ops.cpp: type names, equality, ordering, hashing and the
// conversions of str/int/float (declared in value_ops.h).
//
// Numbers compare by mathematical value, exactly: an int and a float are
// equal only when the float is integral and equal to the int (never through
// a lossy int-to-double conversion), so equality stays transitive and the
// hash can be consistent with it: an integral float in int64 range hashes
// as that int. Ordering between an int and a float is exact in the same way.
#include "lang/value/value_ops.h"

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "gc/constructors.h"
#include "lang/value/duration.h"
#include "lang/value/format.h"
#include "lang/value/record_ops.h"

namespace goro::lang::value {

using runtime::Kind;
using runtime::Object;
using runtime::String;
using runtime::Value;

namespace {

bool isKind(Value v, Kind k) { return v.isObject() && v.asObject()->kind == k; }

// 2^63 as a double: the first double above every int64.
constexpr double kTwo63 = 9223372036854775808.0;

// The int a float holds exactly, if it is integral and in int64 range.
bool floatAsInt(double d, int64_t* out) {
  if (!(d >= -kTwo63 && d < kTwo63)) return false;  // also rejects NaN
  double t = std::trunc(d);
  if (t != d) return false;
  *out = static_cast<int64_t>(t);
  return true;
}

// -1, 0 or 1 for i <=> d exactly; d must not be NaN.
int compareIntFloat(int64_t i, double d) {
  if (d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  double t = std::trunc(d);  // in int64 range now
  auto ti = static_cast<int64_t>(t);
  if (i < ti) return -1;
  if (i > ti) return 1;
  if (d > t) return -1;  // equal integral parts: the fraction decides
  if (d < t) return 1;
  return 0;
}

// A 64-bit finaliser (splitmix64's): every input bit affects every output
// bit, so the low bits the map index uses are well spread.
uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

uint64_t hashInt(int64_t i) { return mix64(static_cast<uint64_t>(i) ^ 0x9e3779b97f4a7c15ull); }

// The bytes of a string, eight at a time, folded with multiply-xor steps.
uint32_t hashBytes(const char* p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull ^ (n * 0x100000001b3ull);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ mix64(w)) * 0x100000001b3ull;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  h = mix64(h ^ tail ^ (uint64_t{n} << 59));
  auto h32 = static_cast<uint32_t>(h ^ (h >> 32));
  return h32 == 0 ? 1 : h32;  // 0 means "not computed yet" in the header
}

// The hash of a string, computed once and cached in its header. Strings are
// shared between goroutines, so the cache word is read and written
// atomically (racing writers store the same value).
uint64_t hashString(String* s) {
  std::atomic_ref<uint32_t> cached(s->aux);
  uint32_t h = cached.load(std::memory_order_relaxed);
  if (h == 0) {
    h = hashBytes(s->data, s->length);
    cached.store(h, std::memory_order_relaxed);
  }
  return mix64(h);
}

// NaN equals nothing, so its hash only has to spread NaN keys apart (Go
// uses a random number). A per-thread counter, seeded from the thread's own
// address so that threads differ: no shared word that every thread hashing
// a NaN would contend on.
uint64_t hashNaN() {
  thread_local uint64_t counter = 0;
  return mix64(++counter * 0x9e3779b97f4a7c15ull ^ reinterpret_cast<uintptr_t>(&counter));
}

}  // namespace

std::string_view typeName(Value v) {
  if (v.isNil()) return "nil";
  if (v.isBool()) return "bool";
  if (v.isSmallInt()) return "int";
  if (v.isFloat()) return "float";
  if (!v.isObject()) return "invalid";
  switch (v.asObject()->kind) {
    case Kind::String: return "string";
    case Kind::BoxedInt: return "int";
    case Kind::Array: return "array";
    case Kind::Map: return "map";
    case Kind::Closure:
    case Kind::NativeFunc: return "func";
    case Kind::Chan: return "chan";
    case Kind::WaitGroup: return "WaitGroup";
    case Kind::Mutex: return "Mutex";
    case Kind::Builder: return "Builder";
    case Kind::Record: return recordTypeName(recordOf(v)->type);
    case Kind::BoundMethod: return "func";
    case Kind::Timer:  // a Timer with a period is a Ticker (sched/timers.h); never changes
      return std::atomic_ref<int64_t>(static_cast<runtime::Timer*>(v.asObject())->period).load(std::memory_order_relaxed) > 0
                 ? "Ticker"
                 : "Timer";
    default: return runtime::typeInfo(v.asObject()).name;
  }
}

// A Duration is an int that prints differently (duration.h).
bool isInt(Value v) { return v.isSmallInt() || isKind(v, Kind::BoxedInt) || isKind(v, Kind::Duration); }
bool isNumber(Value v) { return v.isFloat() || isInt(v); }
bool isString(Value v) { return isKind(v, Kind::String); }

int64_t intOf(Value v) {
  if (v.isSmallInt()) return v.asSmallInt();
  if (v.asObject()->kind == Kind::Duration) return durationOf(v);
  return static_cast<runtime::BoxedInt*>(v.asObject())->value;
}

double floatOf(Value v) {
  if (v.isFloat()) return v.asFloat();
  return static_cast<double>(intOf(v));
}

String* stringOf(Value v) { return static_cast<String*>(v.asObject()); }

std::string_view stringView(Value v) {
  String* s = stringOf(v);
  return {s->data, s->length};
}

Value makeInt(alloc::MCache& cache, int64_t i) { return gc::makeInt(cache, i); }

Value makeString(alloc::MCache& cache, std::string_view s) {
  return Value::object(gc::newString(cache, s));
}

bool valuesEqual(Value a, Value b) {
  if (a.bits() == b.bits()) return !(a.isFloat() && std::isnan(a.asFloat()));
  if (a.isFloat()) {
    if (b.isFloat()) return a.asFloat() == b.asFloat();  // -0 == 0
    if (!isInt(b)) return false;
    return !std::isnan(a.asFloat()) && compareIntFloat(intOf(b), a.asFloat()) == 0;
  }
  if (b.isFloat()) {
    if (!isInt(a)) return false;
    return !std::isnan(b.asFloat()) && compareIntFloat(intOf(a), b.asFloat()) == 0;
  }
  if (isInt(a)) return isInt(b) && intOf(a) == intOf(b);
  if (isString(a) && isString(b)) return stringView(a) == stringView(b);
  if (isRecord(a) && isRecord(b)) return recordsEqual(recordOf(a), recordOf(b), 0);
  return false;  // identity was checked first; different kinds are unequal
}

std::optional<bool> valuesLess(Value a, Value b) {
  if (isNumber(a) && isNumber(b)) {
    if (a.isFloat() && b.isFloat()) return a.asFloat() < b.asFloat();
    if (!a.isFloat() && !b.isFloat()) return intOf(a) < intOf(b);
    if (a.isFloat()) {
      double d = a.asFloat();
      return !std::isnan(d) && compareIntFloat(intOf(b), d) > 0;
    }
    double d = b.asFloat();
    return !std::isnan(d) && compareIntFloat(intOf(a), d) < 0;
  }
  if (isString(a) && isString(b)) return stringView(a) < stringView(b);
  return std::nullopt;
}

uint64_t hashValue(Value v) {
  if (v.isSmallInt()) return hashInt(v.asSmallInt());
  if (v.isFloat()) {
    double d = v.asFloat();
    int64_t i;
    if (floatAsInt(d, &i)) return hashInt(i);  // 1.0 like 1, -0.0 like 0
    if (std::isnan(d)) return hashNaN();
    return mix64(v.bits());
  }
  if (v.isObject()) {
    Object* o = v.asObject();
    if (o->kind == Kind::String) return hashString(static_cast<String*>(o));
    if (o->kind == Kind::BoxedInt || o->kind == Kind::Duration) return hashInt(intOf(v));
    if (o->kind == Kind::Record) return hashRecord(static_cast<runtime::Record*>(o), 0);
  }
  return mix64(v.bits());  // nil, bools, and everything else by identity
}

bool isValidMapKey(Value v) {
  return v.isNil() || v.isBool() || isNumber(v) || isString(v) || (isRecord(v) && isHashableRecord(recordOf(v), 0));
}

bool normalizedIntKey(Value v, int64_t* out) {
  return v.isFloat() && floatAsInt(v.asFloat(), out);
}

Value toStr(alloc::MCache& cache, Value v) {
  if (isString(v)) return v;
  std::string text;
  appendValue(text, v);
  return makeString(cache, text);
}

namespace {

// strconv.ParseInt(s, 10, 64): an optional sign, then one or more decimal
// digits. As in Go, the magnitude is accumulated as a uint64 and a range
// error is reported as soon as it overflows, before any later bad byte is
// seen; the signed range is checked at the end.
enum class ParseIntResult { Ok, Syntax, Range };

ParseIntResult parseDecimalInt(std::string_view s, int64_t* out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    i++;
  }
  if (i == s.size()) return ParseIntResult::Syntax;
  uint64_t n = 0;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c < '0' || c > '9') return ParseIntResult::Syntax;
    auto d = static_cast<uint64_t>(c - '0');
    if (n > (UINT64_MAX - d) / 10) return ParseIntResult::Range;
    n = n * 10 + d;
  }
  uint64_t limit = neg ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (n > limit) return ParseIntResult::Range;
  *out = neg ? static_cast<int64_t>(0 - n) : static_cast<int64_t>(n);
  return ParseIntResult::Ok;
}

// Go's strconv error text: `strconv.Atoi: parsing "x": invalid syntax`.
// The input is quoted as strconv.Quote does.
std::string strconvError(std::string_view fn, std::string_view input, std::string_view what) {
  std::string msg = "strconv.";
  msg += fn;
  msg += ": parsing ";
  appendQuoted(msg, input, false);
  msg += ": ";
  msg += what;
  return msg;
}

bool equalsFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    char x = a[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (x != b[i]) return false;
  }
  return true;
}

bool isDigit(char c, bool hex) {
  if (c >= '0' && c <= '9') return true;
  return hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

// strconv.ParseFloat's grammar, checked here so that strtod's extra
// leniency (leading blanks, "nan(...)", "infinity" spellings Go does not
// take, a hex mantissa without exponent) never leaks through:
//   [+-] ( inf | infinity | nan | digits[.digits][e[+-]digits]
//          | 0x hexdigits[.hexdigits] p[+-]digits )
// with at least one mantissa digit. Underscores are not accepted.
bool validFloatSyntax(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
  std::string_view rest = s.substr(i);
  if (equalsFold(rest, "inf") || equalsFold(rest, "infinity")) return true;
  if (equalsFold(rest, "nan")) return i == 0;  // Go takes no sign on NaN
  bool hex = rest.size() >= 2 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X');
  if (hex) i += 2;
  size_t digits = 0;
  while (i < s.size() && isDigit(s[i], hex)) i++, digits++;
  if (i < s.size() && s[i] == '.') {
    i++;
    while (i < s.size() && isDigit(s[i], hex)) i++, digits++;
  }
  if (digits == 0) return false;
  char expMark = hex ? 'p' : 'e';
  if (i < s.size() && (s[i] == expMark || s[i] == expMark - 32)) {
    i++;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
    size_t expDigits = 0;
    while (i < s.size() && isDigit(s[i], false)) i++, expDigits++;
    if (expDigits == 0) return false;
  } else if (hex) {
    return false;  // Go: a hexadecimal mantissa requires a 'p' exponent
  }
  return i == s.size();
}

}  // namespace

std::optional<Value> toInt(alloc::MCache& cache, Value v, std::string* error) {
  if (isDuration(v)) return makeInt(cache, durationOf(v));  // int(d): a plain int
  if (isInt(v)) return v;
  if (v.isFloat()) {
    int64_t i;
    double d = v.asFloat();
    if (d >= -kTwo63 && d < kTwo63) {
      i = static_cast<int64_t>(std::trunc(d));
    } else {
      // NaN and out-of-range floats convert to the "integer indefinite"
      // value, as Go's conversion does on amd64.
      i = std::numeric_limits<int64_t>::min();
    }
    return makeInt(cache, i);
  }
  if (isString(v)) {
    std::string_view s = stringView(v);
    int64_t i = 0;
    switch (parseDecimalInt(s, &i)) {
      case ParseIntResult::Ok: return makeInt(cache, i);
      case ParseIntResult::Syntax: *error = strconvError("Atoi", s, "invalid syntax"); break;
      case ParseIntResult::Range: *error = strconvError("Atoi", s, "value out of range"); break;
    }
    return std::nullopt;
  }
  *error = "cannot convert ";
  *error += typeName(v);
  *error += " to int";
  return std::nullopt;
}

std::optional<Value> toFloat(Value v, std::string* error) {
  if (v.isFloat()) return v;
  if (isInt(v)) return Value::fromFloat(static_cast<double>(intOf(v)));
  if (isString(v)) {
    std::string_view s = stringView(v);
    if (!validFloatSyntax(s)) {
      *error = strconvError("ParseFloat", s, "invalid syntax");
      return std::nullopt;
    }
    std::string copy(s);  // strtod needs a terminated string
    errno = 0;
    double d = std::strtod(copy.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(d)) {
      *error = strconvError("ParseFloat", s, "value out of range");
      return std::nullopt;
    }
    return Value::fromFloat(d);  // an underflow to zero is not an error in Go
  }
  *error = "cannot convert ";
  *error += typeName(v);
  *error += " to float";
  return std::nullopt;
}

}  // namespace goro::lang::value

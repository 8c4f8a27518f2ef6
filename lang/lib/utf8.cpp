// lang/lib/utf8.cpp: the utf8 module, Go's unicode/utf8 for strings (Goro
// has no byte slices, so only the ...InString forms and the rune ones).
// A rune is an int code point. Decoding follows Go: an invalid or
// truncated encoding, an overlong form or a surrogate decodes as RuneError
// (U+FFFD) of width 1, and an empty string as (RuneError, 0).
#include <string_view>

#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "lang/syntax/utf8.h"

namespace goro::lang::lib {

using runtime::Value;
namespace utf8 = syntax::utf8;

namespace {

bool oneString(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, std::string_view* s) {
  Args check(cx, fn, args, nargs);
  return check.count(1) && check.string(0, s);
}

bool oneInt(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, int64_t* r) {
  Args check(cx, fn, args, nargs);
  return check.count(1) && check.integer(0, r);
}

uint32_t runeAndSize(NativeContext& cx, Value* results, int32_t rune, size_t size) {
  results[0] = Value::smallInt(rune);
  results[1] = gc::makeInt(cx.cache(), static_cast<int64_t>(size));
  return 2;
}

}  // namespace

uint32_t utf8RuneCountInString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string_view s;
  if (!oneString(cx, "utf8.RuneCountInString", args, nargs, &s)) return 0;
  int64_t n = 0;
  const char* end = s.data() + s.size();
  for (const char* p = s.data(); p < end; ++n) {
    int width = 1;
    if (static_cast<unsigned char>(*p) >= 0x80) utf8::decodeRune(p, end, &width);
    p += width;
  }
  results[0] = gc::makeInt(cx.cache(), n);
  return 1;
}

// The bytes needed to encode r, or -1 when r is not a valid code point.
uint32_t utf8RuneLen(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t r;
  if (!oneInt(cx, "utf8.RuneLen", args, nargs, &r)) return 0;
  int64_t n = -1;
  if (utf8::validRune(r)) n = r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
  results[0] = Value::smallInt(n);
  return 1;
}

uint32_t utf8ValidString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string_view s;
  if (!oneString(cx, "utf8.ValidString", args, nargs, &s)) return 0;
  const char* end = s.data() + s.size();
  bool valid = true;
  for (const char* p = s.data(); p < end && valid;) {
    int width = 1;
    valid = utf8::decode(p, end, &width) >= 0;
    p += width;
  }
  results[0] = Value::boolean(valid);
  return 1;
}

uint32_t utf8ValidRune(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t r;
  if (!oneInt(cx, "utf8.ValidRune", args, nargs, &r)) return 0;
  results[0] = Value::boolean(utf8::validRune(r));
  return 1;
}

// The first rune of s and its width in bytes.
uint32_t utf8DecodeRuneInString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string_view s;
  if (!oneString(cx, "utf8.DecodeRuneInString", args, nargs, &s)) return 0;
  if (s.empty()) return runeAndSize(cx, results, utf8::kRuneError, 0);
  int width = 1;
  int32_t r = utf8::decodeRune(s.data(), s.data() + s.size(), &width);
  return runeAndSize(cx, results, r, static_cast<size_t>(width));
}

// The last rune of s and its width: the rune starting at the last byte
// that does not continue a sequence (at most 4 back), if it reaches the
// end exactly; else RuneError of width 1, as Go's.
uint32_t utf8DecodeLastRuneInString(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  std::string_view s;
  if (!oneString(cx, "utf8.DecodeLastRuneInString", args, nargs, &s)) return 0;
  if (s.empty()) return runeAndSize(cx, results, utf8::kRuneError, 0);
  size_t end = s.size();
  size_t start = end - 1;
  size_t limit = end >= 4 ? end - 4 : 0;
  while (start > limit && utf8::isContinuation(static_cast<unsigned char>(s[start]))) --start;
  int width = 1;
  int32_t r = utf8::decodeRune(s.data() + start, s.data() + end, &width);
  if (start + static_cast<size_t>(width) != end) return runeAndSize(cx, results, utf8::kRuneError, 1);
  return runeAndSize(cx, results, r, static_cast<size_t>(width));
}

Value utf8RuneError(alloc::MCache&) { return Value::smallInt(utf8::kRuneError); }
Value utf8UTFMax(alloc::MCache&) { return Value::smallInt(4); }

}  // namespace goro::lang::lib

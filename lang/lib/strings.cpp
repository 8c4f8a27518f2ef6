// lang/lib/strings.cpp: the strings module, with Go's semantics:
//   Split(s, "")  splits into UTF-8 sequences (an invalid byte alone);
//   Split("", sep) is [""]; Fields and TrimSpace use Unicode white space
//   (unicode.IsSpace); Repeat panics on a negative count ("strings:
//   negative Repeat count") or an overflowing length; Index returns a byte
//   offset or -1; ToUpper and ToLower map ASCII letters and leave other
//   code points as they are; an invalid UTF-8 byte becomes U+FFFD, as in
//   Go's strings.Map.
//
// Pieces taken from an argument string stay valid across allocations: the
// argument is rooted in its stack slot and the collector does not move.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/lib/natives.h"
#include "lang/syntax/utf8.h"
#include "lang/value/array_ops.h"
#include "lang/value/value_ops.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

// unicode.IsSpace.
bool isSpaceRune(int32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

// The code point at p and its length; an invalid byte is -1 of length 1.
int32_t decodeAt(std::string_view s, size_t i, int* len) {
  auto c = static_cast<unsigned char>(s[i]);
  *len = 1;
  if (c < 0x80) return c;
  return syntax::utf8::decode(s.data() + i, s.data() + s.size(), len);
}

// An array of new strings; the pieces must stay valid across allocations.
uint32_t returnStrings(NativeContext& cx, Value* result, const std::vector<std::string_view>& pieces) {
  alloc::MCache& cache = cx.cache();
  gc::Handle<runtime::Array> array(gc::newArray(cache, static_cast<uint32_t>(pieces.size())));
  for (size_t i = 0; i < pieces.size(); i++) {
    runtime::String* s = gc::newString(cache, pieces[i]);
    array->items->slots[i] = Value::object(s);
    array->length = i + 1;
  }
  *result = Value::object(array.get());
  return 1;
}

uint32_t returnBool(Value* result, bool b) {
  *result = Value::boolean(b);
  return 1;
}

// Two string arguments, for the functions that take (s, other).
bool twoStrings(Args& check, std::string_view* a, std::string_view* b) {
  return check.count(2) && check.string(0, a) && check.string(1, b);
}

// Maps ASCII letters by `delta` within [lo, hi]; see the file comment.
uint32_t mapCase(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, Value* results, char lo,
                 char hi, int delta) {
  Args check(cx, fn, args, nargs);
  std::string_view s;
  if (!check.count(1) || !check.string(0, &s)) return 0;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    int len;
    int32_t r = decodeAt(s, i, &len);
    if (r < 0) {
      syntax::utf8::encode(0xFFFD, out);
    } else if (r >= lo && r <= hi) {
      out.push_back(static_cast<char>(r + delta));
    } else {
      out.append(s.substr(i, static_cast<size_t>(len)));
    }
    i += static_cast<size_t>(len);
  }
  return returnString(cx, results, out);
}

}  // namespace

uint32_t stringsSplit(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.Split", args, nargs);
  std::string_view s;
  std::string_view sep;
  if (!twoStrings(check, &s, &sep)) return 0;
  std::vector<std::string_view> pieces;
  if (sep.empty()) {
    for (size_t i = 0; i < s.size();) {
      int len;
      decodeAt(s, i, &len);
      pieces.push_back(s.substr(i, static_cast<size_t>(len)));
      i += static_cast<size_t>(len);
    }
  } else {
    size_t start = 0;
    for (size_t at; (at = s.find(sep, start)) != std::string_view::npos; start = at + sep.size()) {
      pieces.push_back(s.substr(start, at - start));
    }
    pieces.push_back(s.substr(start));
  }
  return returnStrings(cx, results, pieces);
}

uint32_t stringsJoin(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.Join", args, nargs);
  runtime::Array* array;
  std::string_view sep;
  if (!check.count(2) || !check.array(0, &array) || !check.string(1, &sep)) return 0;
  value::ArrayView view = value::arrayView(array);
  std::string out;
  for (size_t i = 0; i < view.length; i++) {
    Value v = view.at(i);
    if (!value::isString(v)) {
      std::string msg = "cannot use ";
      msg += value::typeName(v);
      msg += " as string value in array element of argument to strings.Join";
      cx.panicString(msg);
      return 0;
    }
    if (i > 0) out += sep;
    out += value::stringView(v);
  }
  return returnString(cx, results, out);
}

uint32_t stringsContains(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.Contains", args, nargs);
  std::string_view s;
  std::string_view sub;
  if (!twoStrings(check, &s, &sub)) return 0;
  return returnBool(results, s.find(sub) != std::string_view::npos);
}

uint32_t stringsHasPrefix(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.HasPrefix", args, nargs);
  std::string_view s;
  std::string_view prefix;
  if (!twoStrings(check, &s, &prefix)) return 0;
  return returnBool(results, s.starts_with(prefix));
}

uint32_t stringsHasSuffix(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.HasSuffix", args, nargs);
  std::string_view s;
  std::string_view suffix;
  if (!twoStrings(check, &s, &suffix)) return 0;
  return returnBool(results, s.ends_with(suffix));
}

uint32_t stringsRepeat(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.Repeat", args, nargs);
  std::string_view s;
  int64_t count;
  if (!check.count(2) || !check.string(0, &s) || !check.integer(1, &count)) return 0;
  if (count < 0) {
    cx.panicString("strings: negative Repeat count");
    return 0;
  }
  if (s.empty() || count == 0) return returnString(cx, results, "");
  if (static_cast<uint64_t>(count) > static_cast<uint64_t>(INT64_MAX) / s.size()) {
    cx.panicString("strings: Repeat output length overflow");
    return 0;
  }
  size_t total = s.size() * static_cast<size_t>(count);
  runtime::String* out = gc::newStringUninitialized(cx.cache(), total);
  // Copy s once, then double what is filled (as Go's strings.Repeat does):
  // log2(count) block copies instead of count small ones.
  std::memcpy(out->data, s.data(), s.size());
  for (size_t filled = s.size(); filled < total;) {
    size_t n = std::min(filled, total - filled);
    std::memcpy(out->data + filled, out->data, n);
    filled += n;
  }
  results[0] = Value::object(out);
  return 1;
}

uint32_t stringsIndex(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.Index", args, nargs);
  std::string_view s;
  std::string_view sub;
  if (!twoStrings(check, &s, &sub)) return 0;
  size_t at = s.find(sub);
  results[0] = Value::smallInt(at == std::string_view::npos ? -1 : static_cast<int64_t>(at));
  return 1;
}

uint32_t stringsToUpper(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return mapCase(cx, "strings.ToUpper", args, nargs, results, 'a', 'z', 'A' - 'a');
}

uint32_t stringsToLower(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return mapCase(cx, "strings.ToLower", args, nargs, results, 'A', 'Z', 'a' - 'A');
}

uint32_t stringsTrimSpace(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.TrimSpace", args, nargs);
  std::string_view s;
  if (!check.count(1) || !check.string(0, &s)) return 0;
  size_t start = 0;
  while (start < s.size()) {
    int len;
    int32_t r = decodeAt(s, start, &len);
    if (!isSpaceRune(r)) break;
    start += static_cast<size_t>(len);
  }
  size_t end = s.size();
  while (end > start) {
    // Back up to the start of the last code point.
    size_t begin = end - 1;
    while (begin > start && end - begin < 4 && syntax::utf8::isContinuation(static_cast<unsigned char>(s[begin]))) {
      begin--;
    }
    int len;
    int32_t r = decodeAt(s, begin, &len);
    if (r < 0 || begin + static_cast<size_t>(len) != end) {
      r = -1;  // not a whole code point ending here: an invalid byte
      begin = end - 1;
    }
    if (!isSpaceRune(r)) break;
    end = begin;
  }
  if (start == 0 && end == s.size()) {
    results[0] = args[0];  // unchanged: no new string
    return 1;
  }
  return returnString(cx, results, s.substr(start, end - start));
}

uint32_t stringsFields(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.Fields", args, nargs);
  std::string_view s;
  if (!check.count(1) || !check.string(0, &s)) return 0;
  std::vector<std::string_view> pieces;
  size_t fieldStart = 0;
  bool inField = false;
  for (size_t i = 0; i < s.size();) {
    int len;
    int32_t r = decodeAt(s, i, &len);
    bool space = isSpaceRune(r);
    if (space && inField) {
      pieces.push_back(s.substr(fieldStart, i - fieldStart));
      inField = false;
    } else if (!space && !inField) {
      fieldStart = i;
      inField = true;
    }
    i += static_cast<size_t>(len);
  }
  if (inField) pieces.push_back(s.substr(fieldStart));
  return returnStrings(cx, results, pieces);
}

}  // namespace goro::lang::lib

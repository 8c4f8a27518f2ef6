// lang/lib/strings.cpp: the strings module, with Go's semantics:
//   Split(s, "")  splits into UTF-8 sequences (an invalid byte alone);
//   Split("", sep) is [""]; Fields and TrimSpace use Unicode white space
//   (unicode.IsSpace); Repeat panics on a negative count ("strings:
//   negative Repeat count") or an overflowing length; Index returns a byte
//   offset or -1; ToUpper and ToLower map ASCII letters and leave other
//   code points as they are; an invalid UTF-8 byte becomes U+FFFD, as in
//   Go's strings.Map.
//   Count(s, "") and Replace with an empty old string count code points
//   (one more than there are), as Go; SplitN's n < 0 is Split, 0 an empty
//   array; Trim, TrimLeft and TrimRight take a cutset of code points (an
//   invalid byte, in s or the cutset, is U+FFFD); EqualFold folds ASCII,
//   Latin-1, Greek and Cyrillic letters (Go folds every script; other
//   letters compare exactly here); IndexByte takes an int 0..255.
// strings.Builder is in strings_builder.cpp.
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

// The start of the code point that ends at `end` (> start), or end - 1 when
// the bytes there are no whole code point (an invalid byte alone).
size_t lastRuneStart(std::string_view s, size_t start, size_t end, int32_t* rune) {
  size_t begin = end - 1;
  while (begin > start && end - begin < 4 && syntax::utf8::isContinuation(static_cast<unsigned char>(s[begin]))) {
    begin--;
  }
  int len;
  int32_t r = decodeAt(s, begin, &len);
  if (r < 0 || begin + static_cast<size_t>(len) != end) {
    *rune = -1;
    return end - 1;
  }
  *rune = r;
  return begin;
}

// The code points of s (an invalid byte counts one), as utf8.RuneCountInString.
size_t runeCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); n++) {
    int len;
    decodeAt(s, i, &len);
    i += static_cast<size_t>(len);
  }
  return n;
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

// Go's index result: the position, or -1 for std::string_view::npos.
uint32_t returnIndex(Value* result, size_t at) {
  result[0] = Value::smallInt(at == std::string_view::npos ? -1 : static_cast<int64_t>(at));
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
  return returnIndex(results, at);
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
    int32_t r;
    size_t begin = lastRuneStart(s, start, end, &r);
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


namespace {

// The result s[start:end] of a trim, args[0] itself when nothing went.
uint32_t returnPiece(NativeContext& cx, const Value* args, Value* results, std::string_view s, size_t start,
                     size_t end) {
  if (start == 0 && end == s.size()) {
    results[0] = args[0];
    return 1;
  }
  return returnString(cx, results, s.substr(start, end - start));
}

// The code points of a cutset, invalid bytes as U+FFFD.
std::vector<int32_t> runesOf(std::string_view cutset) {
  std::vector<int32_t> runes;
  for (size_t i = 0; i < cutset.size();) {
    int len;
    int32_t r = decodeAt(cutset, i, &len);
    runes.push_back(r < 0 ? 0xFFFD : r);
    i += static_cast<size_t>(len);
  }
  return runes;
}

bool inCutset(const std::vector<int32_t>& cutset, int32_t r) {
  return std::find(cutset.begin(), cutset.end(), r < 0 ? 0xFFFD : r) != cutset.end();
}

enum TrimSides { kTrimLeft = 1, kTrimRight = 2 };

uint32_t trimCutset(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, Value* results,
                    int sides) {
  Args check(cx, fn, args, nargs);
  std::string_view s;
  std::string_view cutsetText;
  if (!twoStrings(check, &s, &cutsetText)) return 0;
  std::vector<int32_t> cutset = runesOf(cutsetText);
  size_t start = 0;
  size_t end = s.size();
  while ((sides & kTrimLeft) != 0 && start < end) {
    int len;
    if (!inCutset(cutset, decodeAt(s, start, &len))) break;
    start += static_cast<size_t>(len);
  }
  while ((sides & kTrimRight) != 0 && end > start) {
    int32_t r;
    size_t begin = lastRuneStart(s, start, end, &r);
    if (!inCutset(cutset, r)) break;
    end = begin;
  }
  return returnPiece(cx, args, results, s, start, end);
}

// Non-overlapping occurrences of sub in s; sub == "": code points + 1.
size_t countOf(std::string_view s, std::string_view sub) {
  if (sub.empty()) return runeCount(s) + 1;
  size_t n = 0;
  for (size_t at = s.find(sub); at != std::string_view::npos; at = s.find(sub, at + sub.size())) n++;
  return n;
}

// strings.Replace(s, old, new, n), Go's algorithm: an empty old matches at
// the start and after each code point.
uint32_t replace(NativeContext& cx, const Value* args, Value* results, std::string_view s, std::string_view old,
                 std::string_view with, int64_t n) {
  size_t matches = (old == with || n == 0) ? 0 : countOf(s, old);
  if (matches == 0) {
    results[0] = args[0];
    return 1;
  }
  size_t limit = (n < 0 || static_cast<uint64_t>(n) > matches) ? matches : static_cast<size_t>(n);
  std::string out;
  out.reserve(s.size() + limit * with.size());
  size_t start = 0;
  for (size_t i = 0; i < limit; i++) {
    size_t j = start;
    if (old.empty()) {
      if (i > 0 && j < s.size()) {
        int len;
        decodeAt(s, j, &len);
        j += static_cast<size_t>(len);
      }
    } else {
      j = s.find(old, start);
    }
    out.append(s.substr(start, j - start));
    out.append(with);
    start = j + old.size();
  }
  out.append(s.substr(start));
  return returnString(cx, results, out);
}

// Simple case folding for the scripts named in the file comment: the
// lower-case letter of an upper-case one, else r.
int32_t foldRune(int32_t r) {
  if (r >= 'A' && r <= 'Z') return r + ('a' - 'A');
  if (r >= 0xC0 && r <= 0xDE && r != 0xD7) return r + 0x20;    // Latin-1 À..Þ but ×
  if (r >= 0x391 && r <= 0x3AB && r != 0x3A2) return r + 0x20;  // Greek Α..Ϋ
  if (r == 0x3C2) return 0x3C3;                                  // final sigma
  if (r >= 0x410 && r <= 0x42F) return r + 0x20;                 // Cyrillic А..Я
  if (r >= 0x400 && r <= 0x40F) return r + 0x50;                 // Cyrillic Ѐ..Џ
  return r;
}

}  // namespace

uint32_t stringsCount(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.Count", args, nargs);
  std::string_view s;
  std::string_view sub;
  if (!twoStrings(check, &s, &sub)) return 0;
  results[0] = Value::smallInt(static_cast<int64_t>(countOf(s, sub)));
  return 1;
}

uint32_t stringsReplace(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.Replace", args, nargs);
  std::string_view s;
  std::string_view old;
  std::string_view with;
  int64_t n;
  if (!check.count(4) || !check.string(0, &s) || !check.string(1, &old) || !check.string(2, &with) ||
      !check.integer(3, &n)) {
    return 0;
  }
  return replace(cx, args, results, s, old, with, n);
}

uint32_t stringsReplaceAll(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.ReplaceAll", args, nargs);
  std::string_view s;
  std::string_view old;
  std::string_view with;
  if (!check.count(3) || !check.string(0, &s) || !check.string(1, &old) || !check.string(2, &with)) return 0;
  return replace(cx, args, results, s, old, with, -1);
}

uint32_t stringsLastIndex(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.LastIndex", args, nargs);
  std::string_view s;
  std::string_view sub;
  if (!twoStrings(check, &s, &sub)) return 0;
  size_t at = s.rfind(sub);
  return returnIndex(results, at);
}

uint32_t stringsIndexByte(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.IndexByte", args, nargs);
  std::string_view s;
  int64_t c;
  if (!check.count(2) || !check.string(0, &s) || !check.integer(1, &c)) return 0;
  if (c < 0 || c > 255) {
    cx.panicString("strings.IndexByte: byte " + std::to_string(c) + " out of range [0, 255]");
    return 0;
  }
  size_t at = s.find(static_cast<char>(c));
  return returnIndex(results, at);
}

uint32_t stringsSplitN(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.SplitN", args, nargs);
  std::string_view s;
  std::string_view sep;
  int64_t n;
  if (!check.count(3) || !check.string(0, &s) || !check.string(1, &sep) || !check.integer(2, &n)) return 0;
  std::vector<std::string_view> pieces;
  if (n == 0) return returnStrings(cx, results, pieces);
  // At most `limit` pieces, the last holding the rest of s.
  size_t limit = n < 0 ? SIZE_MAX : static_cast<size_t>(n);
  size_t start = 0;
  while (pieces.size() + 1 < limit && start < s.size()) {
    size_t at;
    size_t skip;
    if (sep.empty()) {
      int len;
      decodeAt(s, start, &len);
      at = start + static_cast<size_t>(len);
      skip = 0;
    } else {
      at = s.find(sep, start);
      if (at == std::string_view::npos) break;
      skip = sep.size();
    }
    pieces.push_back(s.substr(start, at - start));
    start = at + skip;
  }
  // Split(s, "") has no empty last piece; Split(s, sep) always has a last.
  if (!sep.empty() || start < s.size()) pieces.push_back(s.substr(start));
  return returnStrings(cx, results, pieces);
}

uint32_t stringsTrim(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return trimCutset(cx, "strings.Trim", args, nargs, results, kTrimLeft | kTrimRight);
}

uint32_t stringsTrimLeft(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return trimCutset(cx, "strings.TrimLeft", args, nargs, results, kTrimLeft);
}

uint32_t stringsTrimRight(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  return trimCutset(cx, "strings.TrimRight", args, nargs, results, kTrimRight);
}

uint32_t stringsTrimPrefix(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.TrimPrefix", args, nargs);
  std::string_view s;
  std::string_view prefix;
  if (!twoStrings(check, &s, &prefix)) return 0;
  return returnPiece(cx, args, results, s, s.starts_with(prefix) ? prefix.size() : 0, s.size());
}

uint32_t stringsTrimSuffix(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.TrimSuffix", args, nargs);
  std::string_view s;
  std::string_view suffix;
  if (!twoStrings(check, &s, &suffix)) return 0;
  return returnPiece(cx, args, results, s, 0, s.ends_with(suffix) ? s.size() - suffix.size() : s.size());
}

uint32_t stringsEqualFold(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.EqualFold", args, nargs);
  std::string_view s;
  std::string_view t;
  if (!twoStrings(check, &s, &t)) return 0;
  size_t i = 0;
  size_t j = 0;
  while (i < s.size() && j < t.size()) {
    int li;
    int lj;
    int32_t a = decodeAt(s, i, &li);
    int32_t b = decodeAt(t, j, &lj);
    if (foldRune(a < 0 ? 0xFFFD : a) != foldRune(b < 0 ? 0xFFFD : b)) return returnBool(results, false);
    i += static_cast<size_t>(li);
    j += static_cast<size_t>(lj);
  }
  return returnBool(results, i == s.size() && j == t.size());
}

uint32_t stringsContainsAny(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.ContainsAny", args, nargs);
  std::string_view s;
  std::string_view chars;
  if (!twoStrings(check, &s, &chars)) return 0;
  std::vector<int32_t> set = runesOf(chars);
  for (size_t i = 0; i < s.size();) {
    int len;
    if (inCutset(set, decodeAt(s, i, &len))) return returnBool(results, true);
    i += static_cast<size_t>(len);
  }
  return returnBool(results, false);
}

uint32_t stringsContainsRune(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strings.ContainsRune", args, nargs);
  std::string_view s;
  int64_t r;
  if (!check.count(2) || !check.string(0, &s) || !check.integer(1, &r)) return 0;
  for (size_t i = 0; i < s.size();) {
    int len;
    int32_t c = decodeAt(s, i, &len);
    if ((c < 0 ? 0xFFFD : c) == r) return returnBool(results, true);
    i += static_cast<size_t>(len);
  }
  return returnBool(results, false);
}

}  // namespace goro::lang::lib

// lang/lib/strconv.cpp: the strconv module, Go's conversions between
// numbers and text.
//
// Errors are values, as os.ReadFile's are: the parsers return (value, nil)
// or (value, error text), the text being what Go's *NumError prints:
//   strconv.Atoi: parsing "x": invalid syntax
//   strconv.ParseInt: parsing "300": value out of range
//   strconv.ParseInt: parsing "1": invalid base 1
//   strconv.ParseInt: parsing "1": invalid bit size 65
// with the value Go returns beside it: 0 for bad syntax, the nearest
// representable value when out of range (math.MaxInt64, +Inf, ...).
//
//   Itoa(i), FormatInt(i, base)      base 2..36, lower-case digits
//   Atoi(s)                          base 10, an optional sign
//   ParseInt(s, base, bits)          base 0 reads the prefixes 0x 0o 0b and
//                                    a leading 0 (octal), and allows `_`
//                                    between digits, as Go's literals;
//                                    bits 0 means 64
//   ParseUint(s, base, bits)         as ParseInt without a sign; a value
//                                    above math.MaxInt64 (Goro's ints are
//                                    int64) is out of range, giving
//                                    math.MaxInt64
//   ParseFloat(s, bits)              decimal and hexadecimal (0x1p-2)
//                                    forms, inf, infinity, nan (any case);
//                                    bits 32 rounds to float32 precision
//   FormatFloat(f, fmt, prec, bits)  fmt 'e' 'E' 'f' 'g' 'G' 'x' 'X' 'b'
//                                    (an int: a rune literal); bits 64
//                                    (32 is refused: its shortest digits
//                                    are float32's, which Goro lacks)
//   ParseBool(s), FormatBool(b)      1 t T TRUE true True / 0 f F FALSE
//                                    false False
//   Quote(s)                         Go's double-quoted form
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <algorithm>
#include <cctype>
#include <string>

#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "lang/value/float_format.h"
#include "lang/value/format.h"
#include "lang/value/value_ops.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

// Go's *NumError text.
std::string numError(std::string_view fn, std::string_view input, std::string_view what) {
  std::string out = "strconv.";
  out += fn;
  out += ": parsing ";
  value::appendQuoted(out, input, false);
  out += ": ";
  out += what;
  return out;
}

// (value, nil), or (value, error) when error is not empty.
uint32_t returnWithError(NativeContext& cx, Value* results, Value v, const std::string& error) {
  results[0] = v;
  results[1] = Value::nil();
  if (!error.empty()) returnString(cx, &results[1], error);  // results[0] stays rooted in its slot
  return 2;
}

char lower(char c) { return static_cast<char>(c | ('x' - 'X')); }

// Go's underscoreOK: underscores only between digits (or after a base
// prefix), in a literal that may have a sign and a prefix.
bool underscoreOK(std::string_view s) {
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); i++) {
    if ((s[i] >= '0' && s[i] <= '9') || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
      saw = '0';
      continue;
    }
    if (s[i] == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

enum class ParseStatus { Ok, Syntax, Range, Base, BitSize };

std::string statusText(ParseStatus status, int64_t base, int64_t bits) {
  switch (status) {
    case ParseStatus::Syntax: return "invalid syntax";
    case ParseStatus::Range: return "value out of range";
    case ParseStatus::Base: return "invalid base " + std::to_string(base);
    case ParseStatus::BitSize: return "invalid bit size " + std::to_string(bits);
    case ParseStatus::Ok: break;
  }
  return "";
}

// Go's ParseUint: *out is the value, or the largest one on a range error.
ParseStatus parseUint(std::string_view s, int64_t base, int64_t bits, uint64_t* out) {
  *out = 0;
  if (s.empty()) return ParseStatus::Syntax;
  std::string_view whole = s;
  bool base0 = base == 0;
  if (base0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower(s[1]) == 'b') {
        base = 2, s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'o') {
        base = 8, s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'x') {
        base = 16, s.remove_prefix(2);
      } else {
        base = 8, s.remove_prefix(1);
      }
    }
  } else if (base < 2 || base > 36) {
    return ParseStatus::Base;
  }
  if (bits == 0) bits = 64;
  if (bits < 0 || bits > 64) return ParseStatus::BitSize;
  uint64_t maxVal = bits == 64 ? UINT64_MAX : (uint64_t{1} << bits) - 1;
  uint64_t cutoff = UINT64_MAX / static_cast<uint64_t>(base) + 1;
  bool underscores = false;
  uint64_t n = 0;
  for (char c : s) {
    if (c == '_' && base0) {
      underscores = true;
      continue;
    }
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      d = lower(c) - 'a' + 10;
    } else {
      return ParseStatus::Syntax;
    }
    if (d >= base) return ParseStatus::Syntax;
    if (n >= cutoff) {
      *out = maxVal;
      return ParseStatus::Range;
    }
    n *= static_cast<uint64_t>(base);
    uint64_t n1 = n + static_cast<uint64_t>(d);
    if (n1 < n || n1 > maxVal) {
      *out = maxVal;
      return ParseStatus::Range;
    }
    n = n1;
  }
  if (underscores && !underscoreOK(whole)) return ParseStatus::Syntax;
  *out = n;
  return ParseStatus::Ok;
}

// Go's ParseInt: the value, clamped to bits on a range error, 0 otherwise.
ParseStatus parseInt(std::string_view s, int64_t base, int64_t bits, int64_t* out) {
  *out = 0;
  if (s.empty()) return ParseStatus::Syntax;
  bool neg = s[0] == '-';
  if (s[0] == '+' || s[0] == '-') s.remove_prefix(1);
  uint64_t un;
  ParseStatus status = parseUint(s, base, bits, &un);
  if (status != ParseStatus::Ok && status != ParseStatus::Range) return status;
  if (bits == 0) bits = 64;
  uint64_t cutoff = uint64_t{1} << (bits - 1);
  if (!neg && un >= cutoff) {
    *out = static_cast<int64_t>(cutoff - 1);
    return ParseStatus::Range;
  }
  if (neg && un > cutoff) {
    *out = static_cast<int64_t>(0 - cutoff);
    return ParseStatus::Range;
  }
  *out = neg ? static_cast<int64_t>(0 - un) : static_cast<int64_t>(un);
  return status;
}

uint32_t returnParsedInt(NativeContext& cx, Value* results, std::string_view fn, std::string_view s,
                         ParseStatus status, int64_t n, int64_t base, int64_t bits) {
  std::string error;
  if (status != ParseStatus::Ok) error = numError(fn, s, statusText(status, base, bits));
  return returnWithError(cx, results, gc::makeInt(cx.cache(), n), error);
}

// Whether s is a float in Go's syntax (strconv's readFloat and special):
// [sign] (digits [. digits] [e [sign] digits] | 0x hexdigits [. hexdigits]
// p [sign] digits | inf | infinity | nan), underscores as underscoreOK
// allows. *clean gets s without its underscores, for strtod.
bool floatSyntax(std::string_view s, std::string* clean) {
  clean->clear();
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean->push_back(s[i++]);
  std::string rest;
  for (char c : s.substr(i)) rest.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (rest == "inf" || rest == "infinity" || (rest == "nan" && i == 0)) {
    *clean += rest;
    return true;
  }
  bool hex = rest.size() >= 2 && rest[0] == '0' && rest[1] == 'x';
  size_t j = hex ? 2 : 0;
  if (hex) *clean += "0x";
  bool digits = false;
  bool dot = false;
  bool underscores = false;
  for (; j < rest.size(); j++) {
    char c = rest[j];
    if (c == '_') {
      underscores = true;
    } else if (c == '.' && !dot) {
      dot = true;
      clean->push_back(c);
    } else if ((c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f')) {
      digits = true;
      clean->push_back(c);
    } else {
      break;
    }
  }
  if (!digits) return false;
  if (j < rest.size() && rest[j] == (hex ? 'p' : 'e')) {
    clean->push_back(rest[j++]);
    if (j < rest.size() && (rest[j] == '+' || rest[j] == '-')) clean->push_back(rest[j++]);
    bool expDigits = false;
    for (; j < rest.size(); j++) {
      if (rest[j] == '_') {
        underscores = true;
      } else if (rest[j] >= '0' && rest[j] <= '9') {
        expDigits = true;
        clean->push_back(rest[j]);
      } else {
        break;
      }
    }
    if (!expDigits) return false;
  } else if (hex) {
    return false;  // Go: a hexadecimal mantissa requires a 'p' exponent
  }
  if (j != rest.size()) return false;
  return !underscores || underscoreOK(s);
}

}  // namespace

uint32_t strconvItoa(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.Itoa", args, nargs);
  int64_t n;
  if (!check.count(1) || !check.integer(0, &n)) return 0;
  return returnString(cx, results, std::to_string(n));
}

uint32_t strconvFormatInt(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.FormatInt", args, nargs);
  int64_t n;
  int64_t base;
  if (!check.count(2) || !check.integer(0, &n) || !check.integer(1, &base)) return 0;
  if (base < 2 || base > 36) {
    cx.panicString("strconv: illegal AppendInt/FormatInt base");
    return 0;
  }
  uint64_t u = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  std::string digits;
  do {
    digits.push_back("0123456789abcdefghijklmnopqrstuvwxyz"[u % static_cast<uint64_t>(base)]);
    u /= static_cast<uint64_t>(base);
  } while (u != 0);
  if (n < 0) digits.push_back('-');
  return returnString(cx, results, std::string(digits.rbegin(), digits.rend()));
}

uint32_t strconvAtoi(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.Atoi", args, nargs);
  std::string_view s;
  if (!check.count(1) || !check.string(0, &s)) return 0;
  int64_t n;
  ParseStatus status = parseInt(s, 10, 0, &n);
  return returnParsedInt(cx, results, "Atoi", s, status, n, 10, 0);
}

uint32_t strconvParseInt(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.ParseInt", args, nargs);
  std::string_view s;
  int64_t base;
  int64_t bits;
  if (!check.count(3) || !check.string(0, &s) || !check.integer(1, &base) || !check.integer(2, &bits)) return 0;
  int64_t n;
  ParseStatus status = parseInt(s, base, bits, &n);
  return returnParsedInt(cx, results, "ParseInt", s, status, n, base, bits);
}

uint32_t strconvParseUint(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.ParseUint", args, nargs);
  std::string_view s;
  int64_t base;
  int64_t bits;
  if (!check.count(3) || !check.string(0, &s) || !check.integer(1, &base) || !check.integer(2, &bits)) return 0;
  uint64_t un;
  ParseStatus status = parseUint(s, base, bits, &un);
  if (un > static_cast<uint64_t>(INT64_MAX)) {
    un = static_cast<uint64_t>(INT64_MAX);
    status = ParseStatus::Range;
  }
  return returnParsedInt(cx, results, "ParseUint", s, status, static_cast<int64_t>(un), base, bits);
}

uint32_t strconvParseFloat(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.ParseFloat", args, nargs);
  std::string_view s;
  int64_t bits;
  if (!check.count(2) || !check.string(0, &s) || !check.integer(1, &bits)) return 0;
  std::string clean;
  if (!floatSyntax(s, &clean)) {
    return returnWithError(cx, results, Value::fromFloat(0), numError("ParseFloat", s, "invalid syntax"));
  }
  double f = std::strtod(clean.c_str(), nullptr);
  bool overflow = std::isinf(f);
  if (bits == 32) {
    auto narrow = static_cast<float>(f);
    overflow = std::isinf(narrow);
    f = narrow;
  }
  // An infinity written as such is no overflow.
  bool spelledInf = clean.find("inf") != std::string::npos;
  std::string error = overflow && !spelledInf ? numError("ParseFloat", s, "value out of range") : "";
  return returnWithError(cx, results, Value::fromFloat(f), error);
}

uint32_t strconvFormatFloat(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.FormatFloat", args, nargs);
  double f;
  int64_t fmt;
  int64_t prec;
  int64_t bits;
  if (!check.count(4) || !check.number(0, &f) || !check.integer(1, &fmt) || !check.integer(2, &prec) ||
      !check.integer(3, &bits)) {
    return 0;
  }
  if (bits != 64) {
    cx.panicString("strconv.FormatFloat: bit size " + std::to_string(bits) + " is not supported (only 64)");
    return 0;
  }
  std::string out;
  value::appendFloat(out, f, static_cast<char>(fmt), prec < 0 ? -1 : static_cast<int>(std::min<int64_t>(prec, 1000)));
  return returnString(cx, results, out);
}

uint32_t strconvParseBool(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.ParseBool", args, nargs);
  std::string_view s;
  if (!check.count(1) || !check.string(0, &s)) return 0;
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") {
    return returnWithError(cx, results, Value::boolean(true), "");
  }
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
    return returnWithError(cx, results, Value::boolean(false), "");
  }
  return returnWithError(cx, results, Value::boolean(false), numError("ParseBool", s, "invalid syntax"));
}

uint32_t strconvFormatBool(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.FormatBool", args, nargs);
  if (!check.count(1)) return 0;
  if (!args[0].isBool()) {
    check.typeError(0, "bool");
    return 0;
  }
  return returnString(cx, results, args[0].asBool() ? "true" : "false");
}

uint32_t strconvQuote(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  Args check(cx, "strconv.Quote", args, nargs);
  std::string_view s;
  if (!check.count(1) || !check.string(0, &s)) return 0;
  std::string out;
  value::appendQuoted(out, s, false);
  return returnString(cx, results, out);
}

}  // namespace goro::lang::lib

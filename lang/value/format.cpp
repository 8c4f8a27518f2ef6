// lang/value/format.cpp: Go's fmt printer over Goro values
// (lang/value/format.h).
//
// The structure is Go's: a Printer holds the flags of the directive being
// formatted; printArg dispatches on the operand's type to a per-type
// formatter (integer, float, string, bool, pointer-like), arrays and maps
// apply the verb to each element (so %5d pads every element and %q quotes
// every string in an array), and a verb the type does not take is written
// as %!verb(type=value), the value printed with %v and the same flags.
//
// Goro-specific choices, where Go has no equivalent: the type names are
// Goro's (int, float, string, array...); functions, channels, WaitGroups
// and Mutexes print as `chan 0xADDR`; %#v of an array or map is Goro
// literal syntax ([1, "a"], {"k": 1}); cycles and excessive nesting are cut
// short instead of recursing without end.
//
// Print, Println and the Printf directive parser are in format_printf.cpp.
#include "lang/value/format.h"

#include <algorithm>
#include <cstdint>

#include "lang/syntax/utf8.h"
#include "lang/value/array_ops.h"
#include "lang/value/duration.h"
#include "lang/value/float_format.h"
#include "lang/value/format_printer.h"
#include "lang/value/map_ops.h"
#include "lang/value/quote.h"
#include "lang/value/record_ops.h"
#include "lang/value/value_ops.h"
#include "runtime/object_layouts.h"

namespace goro::lang::value::detail {

using runtime::Kind;
using runtime::Object;
using runtime::Value;

namespace {

constexpr char kLowerHex[] = "0123456789abcdefx";
constexpr char kUpperHex[] = "0123456789ABCDEFX";

// utf8.RuneCountInString: an invalid byte counts as one rune.
size_t runeCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); n++) {
    int len = 1;
    if (static_cast<unsigned char>(s[i]) >= 0x80) syntax::utf8::decode(s.data() + i, s.data() + s.size(), &len);
    i += static_cast<size_t>(len);
  }
  return n;
}

}  // namespace

void Printer::writeRune(char32_t r) { syntax::utf8::encode(static_cast<int32_t>(r), out_); }

void Printer::writePadding(int n) {
  if (n <= 0) return;
  out_.append(static_cast<size_t>(n), f_.zero && !f_.minus ? '0' : ' ');
}

void Printer::pad(std::string_view s) {
  if (!f_.widPresent || f_.wid == 0) {
    out_ += s;
    return;
  }
  int width = f_.wid - static_cast<int>(runeCount(s));
  if (!f_.minus) {
    writePadding(width);
    out_ += s;
  } else {
    out_ += s;
    writePadding(width);
  }
}

// The first `precision` runes of s, as Go's truncateString.
std::string_view Printer::truncate(std::string_view s) const {
  if (!f_.precPresent) return s;
  int n = f_.prec;
  for (size_t i = 0; i < s.size();) {
    if (n-- == 0) return s.substr(0, i);
    int len = 1;
    if (static_cast<unsigned char>(s[i]) >= 0x80) syntax::utf8::decode(s.data() + i, s.data() + s.size(), &len);
    i += static_cast<size_t>(len);
  }
  return s;
}

// Go's fmtInteger: precision or the 0 flag give leading zeros, then the
// base prefix (# flag, %O) and the sign, then padding with spaces.
void Printer::fmtInteger(uint64_t u, int base, bool isSigned, char32_t verb, const char* digits) {
  bool negative = isSigned && static_cast<int64_t>(u) < 0;
  if (negative) u = 0 - u;
  int prec = 0;
  if (f_.precPresent) {
    prec = f_.prec;
    if (prec == 0 && u == 0) {  // %.0d of 0 prints nothing but padding
      bool zero = f_.zero;
      f_.zero = false;
      writePadding(f_.wid);
      f_.zero = zero;
      return;
    }
  } else if (f_.zero && !f_.minus && f_.widPresent) {
    prec = f_.wid;
    if (negative || f_.plus || f_.space) prec--;  // room for the sign
  }
  std::string buf;  // built backwards
  do {
    buf.push_back(digits[u % static_cast<unsigned>(base)]);
    u /= static_cast<unsigned>(base);
  } while (u != 0);
  while (static_cast<int>(buf.size()) < prec) buf.push_back('0');
  if (f_.sharp) {
    if (base == 2) {
      buf += "b0";
    } else if (base == 8) {
      if (buf.back() != '0') buf.push_back('0');
    } else if (base == 16) {
      buf.push_back(digits[16]);
      buf.push_back('0');
    }
  }
  if (verb == 'O') buf += "o0";
  if (negative) {
    buf.push_back('-');
  } else if (f_.plus) {
    buf.push_back('+');
  } else if (f_.space) {
    buf.push_back(' ');
  }
  std::reverse(buf.begin(), buf.end());
  bool zero = f_.zero;
  f_.zero = false;  // zeros were added above, as precision
  pad(buf);
  f_.zero = zero;
}

// U+0078, or U+0078 'x' with the # flag.
void Printer::fmtUnicode(uint64_t u) {
  std::string buf = "U+";
  std::string hex;
  for (uint64_t x = u;; x >>= 4) {
    hex.push_back(kUpperHex[x & 0xF]);
    if (x < 16) break;
  }
  int prec = f_.precPresent && f_.prec > 4 ? f_.prec : 4;
  while (static_cast<int>(hex.size()) < prec) hex.push_back('0');
  std::reverse(hex.begin(), hex.end());
  buf += hex;
  if (f_.sharp && u <= syntax::utf8::kMaxRune && isPrintRune(static_cast<int32_t>(u))) {
    buf += " '";
    syntax::utf8::encode(static_cast<int32_t>(u), buf);
    buf += "'";
  }
  bool zero = f_.zero;
  f_.zero = false;
  pad(buf);
  f_.zero = zero;
}

void Printer::fmtIntVerb(Value v, int64_t i, char32_t verb) {
  auto u = static_cast<uint64_t>(i);
  switch (verb) {
    case 'v':
    case 'd': fmtInteger(u, 10, true, verb, kLowerHex); return;
    case 'b': fmtInteger(u, 2, true, verb, kLowerHex); return;
    case 'o':
    case 'O': fmtInteger(u, 8, true, verb, kLowerHex); return;
    case 'x': fmtInteger(u, 16, true, verb, kLowerHex); return;
    case 'X': fmtInteger(u, 16, true, verb, kUpperHex); return;
    case 'c': {
      std::string buf;
      bool valid = i >= 0 && i <= syntax::utf8::kMaxRune && !(i >= 0xD800 && i < 0xE000);
      syntax::utf8::encode(valid ? static_cast<int32_t>(i) : 0xFFFD, buf);
      pad(buf);
      return;
    }
    case 'q': {
      std::string buf;
      appendQuotedRune(buf, i, f_.plus);
      pad(buf);
      return;
    }
    case 'U': fmtUnicode(u); return;
    default: badVerb(v, verb);
  }
}

// Go's fmt.fmtFloat: the number from strconv, then the sign rules (+ and
// space flags, no sign on NaN unless asked), the # flag's decimal point and
// kept zeros, and zero padding after the sign.
void Printer::fmtFloat(double d, char verb, int prec) {
  if (f_.precPresent) prec = f_.prec;
  std::string num = "+";
  appendFloat(num, d, verb, prec);
  if (num[1] == '-' || num[1] == '+') num.erase(0, 1);
  if (f_.space && num[0] == '+' && !f_.plus) num[0] = ' ';
  if (num[1] == 'I' || num[1] == 'N') {  // Inf and NaN are never zero padded
    bool zero = f_.zero;
    f_.zero = false;
    if (num[1] == 'N' && !f_.space && !f_.plus) num.erase(0, 1);
    pad(num);
    f_.zero = zero;
    return;
  }
  if (f_.sharp && verb != 'b') {
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') digits = prec < 0 ? 6 : prec;
    std::string tail;
    bool hasPoint = false;
    bool sawNonzero = false;
    for (size_t i = 1; i < num.size(); i++) {
      char c = num[i];
      if (c == '.') {
        hasPoint = true;
      } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
        tail = num.substr(i);
        num.resize(i);
        break;
      } else {
        if (c != '0') sawNonzero = true;
        if (sawNonzero) digits--;  // significant digits so far
      }
    }
    if (!hasPoint) {
      if (num.size() == 2 && num[1] == '0') digits--;  // a lone 0 counts once
      num.push_back('.');
    }
    if (digits > 0) num.append(static_cast<size_t>(digits), '0');
    num += tail;
  }
  if (f_.plus || num[0] != '+') {
    if (f_.zero && !f_.minus && f_.widPresent && f_.wid > static_cast<int>(num.size())) {
      out_.push_back(num[0]);
      writePadding(f_.wid - static_cast<int>(num.size()));
      out_.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  pad(std::string_view(num).substr(1));
}

void Printer::fmtFloatVerb(Value v, double d, char32_t verb) {
  switch (verb) {
    case 'v': fmtFloat(d, 'g', -1); return;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X': fmtFloat(d, static_cast<char>(verb), -1); return;
    case 'f':
    case 'e':
    case 'E': fmtFloat(d, static_cast<char>(verb), 6); return;
    case 'F': fmtFloat(d, 'f', 6); return;
    default: badVerb(v, verb);
  }
}

void Printer::fmtQ(std::string_view s) {
  s = truncate(s);
  std::string buf;
  if (f_.sharp && canBackquote(s)) {
    buf.push_back('`');
    buf += s;
    buf.push_back('`');
  } else {
    appendQuoted(buf, s, f_.plus);
  }
  pad(buf);
}

// Hex of the bytes: the # flag adds 0x, the space flag separates bytes
// (each with its own 0x under #); precision counts bytes.
void Printer::fmtSx(std::string_view s, const char* digits) {
  size_t length = s.size();
  if (f_.precPresent && static_cast<size_t>(std::max(f_.prec, 0)) < length) length = static_cast<size_t>(f_.prec);
  if (length == 0) {
    if (f_.widPresent) writePadding(f_.wid);
    return;
  }
  size_t width = 2 * length;
  if (f_.space) {
    if (f_.sharp) width *= 2;
    width += length - 1;
  } else if (f_.sharp) {
    width += 2;
  }
  int padding = f_.widPresent ? f_.wid - static_cast<int>(width) : 0;
  if (!f_.minus) writePadding(padding);
  if (f_.sharp) {
    out_.push_back('0');
    out_.push_back(digits[16]);
  }
  for (size_t i = 0; i < length; i++) {
    if (f_.space && i > 0) {
      out_.push_back(' ');
      if (f_.sharp) {
        out_.push_back('0');
        out_.push_back(digits[16]);
      }
    }
    auto c = static_cast<unsigned char>(s[i]);
    out_.push_back(digits[c >> 4]);
    out_.push_back(digits[c & 0xF]);
  }
  if (f_.minus) writePadding(padding);
}

void Printer::fmtStringVerb(Value v, std::string_view s, char32_t verb) {
  switch (verb) {
    case 'v':
      if (f_.sharpV) {
        fmtQ(s);
      } else {
        pad(truncate(s));
      }
      return;
    case 's': pad(truncate(s)); return;
    case 'x': fmtSx(s, kLowerHex); return;
    case 'X': fmtSx(s, kUpperHex); return;
    case 'q': fmtQ(s); return;
    default: badVerb(v, verb);
  }
}

// Functions, channels, WaitGroups and Mutexes: `chan 0xc000012345` for %v,
// the bare address for %p, the address as a number for %d %x %X %o %b.
void Printer::fmtPointerLike(Value v, char32_t verb) {
  auto address = reinterpret_cast<uintptr_t>(v.asObject());
  switch (verb) {
    case 'v': {
      std::string buf(typeName(v));
      buf += " 0x";
      std::string hex;
      for (uintptr_t a = address;; a >>= 4) {
        hex.push_back(kLowerHex[a & 0xF]);
        if (a < 16) break;
      }
      buf.append(hex.rbegin(), hex.rend());
      pad(buf);
      return;
    }
    case 'p': {
      bool sharp = f_.sharp;
      f_.sharp = !sharp;
      fmtInteger(address, 16, false, 'v', kLowerHex);
      f_.sharp = sharp;
      return;
    }
    case 'b': fmtInteger(address, 2, false, verb, kLowerHex); return;
    case 'o': fmtInteger(address, 8, false, verb, kLowerHex); return;
    case 'd': fmtInteger(address, 10, false, verb, kLowerHex); return;
    case 'x': fmtInteger(address, 16, false, verb, kLowerHex); return;
    case 'X': fmtInteger(address, 16, false, verb, kUpperHex); return;
    default: badVerb(v, verb);
  }
}

void Printer::fmtArray(const runtime::Array* a, char32_t verb) {
  if (std::find(path_.begin(), path_.end(), a) != path_.end()) {
    out_ += "[...]";
    return;
  }
  path_.push_back(a);
  out_.push_back('[');
  ArrayView view = arrayView(a);
  for (size_t i = 0; i < view.length; i++) {
    if (i > 0) out_ += f_.sharpV ? ", " : " ";
    printValue(view.at(i), verb);
  }
  out_.push_back(']');
  path_.pop_back();
}

// A record as Go prints a struct: {1 2}, %+v {X:1 Y:2}, %#v Point{X:1,
// Y:2}. One made by &T{...} prints as Go prints a pointer to a struct: with
// a leading & at the top level, as an address inside another value.
void Printer::fmtRecord(Value v, char32_t verb) {
  const auto* r = static_cast<const runtime::Record*>(v.asObject());
  bool addressed = isAddressed(r);
  if (addressed && !path_.empty()) {
    fmtPointerLike(v, 'p');
    return;
  }
  if (std::find(path_.begin(), path_.end(), r) != path_.end()) {
    out_ += "{...}";
    return;
  }
  path_.push_back(r);
  if (addressed) out_.push_back('&');
  if (f_.sharpV) out_ += recordTypeName(r->type);
  out_.push_back('{');
  for (uint32_t i = 0; i < r->fieldCount(); i++) {
    if (i > 0) out_ += f_.sharpV ? ", " : " ";
    if (f_.plusV || f_.sharpV) {
      out_ += stringView(r->type->fields->slots[i]);
      out_.push_back(':');
    }
    printValue(r->fields[i], verb);
  }
  out_.push_back('}');
  path_.pop_back();
}

void Printer::fmtMap(const runtime::Map* m, char32_t verb) {
  if (std::find(path_.begin(), path_.end(), m) != path_.end()) {
    out_ += f_.sharpV ? "{...}" : "map[...]";
    return;
  }
  path_.push_back(m);
  out_ += f_.sharpV ? "{" : "map[";
  size_t cursor = 0;
  Value key;
  Value value;
  bool first = true;
  while (mapNext(m, &cursor, &key, &value)) {
    if (!first) out_ += f_.sharpV ? ", " : " ";
    first = false;
    printValue(key, verb);
    out_ += f_.sharpV ? ": " : ":";
    printValue(value, verb);
  }
  out_ += f_.sharpV ? "}" : "]";
  path_.pop_back();
}

// A value inside an array or map (Go's printValue at depth > 0): a nil
// element prints <nil> whatever the verb.
void Printer::printValue(Value v, char32_t verb) {
  if (path_.size() >= static_cast<size_t>(kMaxFormatDepth)) {
    out_ += "...";
    return;
  }
  if (v.isNil()) {
    pad("<nil>");
    return;
  }
  printArg(v, verb);
}

void Printer::badVerb(Value v, char32_t verb) {
  out_ += "%!";
  writeRune(verb);
  out_.push_back('(');
  if (v.isNil()) {
    out_ += "<nil>";
  } else {
    out_ += typeName(v);
    out_.push_back('=');
    if (v.isObject() && !isString(v) && !isInt(v) && v.asObject()->kind != Kind::Array &&
        v.asObject()->kind != Kind::Map && v.asObject()->kind != Kind::Record) {
      fmtPointerLike(v, 'p');
    } else {
      printArg(v, 'v');
    }
  }
  out_.push_back(')');
}

void Printer::printArg(Value v, char32_t verb) {
  if (v.isNil()) {
    if (verb == 'v' || verb == 'T') {
      pad("<nil>");
    } else {
      badVerb(v, verb);
    }
    return;
  }
  if (verb == 'T') {
    pad(typeName(v));
    return;
  }
  if (v.isBool()) {
    if (verb == 't' || verb == 'v') {
      pad(v.asBool() ? "true" : "false");
    } else {
      badVerb(v, verb);
    }
    return;
  }
  // A Duration is a Stringer in Go: %v %s %q %x %X print its String();
  // the other int verbs print its int.
  if (isDuration(v) && (verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X')) {
    fmtStringVerb(v, formatDuration(durationOf(v)), verb);
    return;
  }
  if (isInt(v)) {
    if (verb == 'p') {
      badVerb(v, verb);
    } else {
      fmtIntVerb(v, intOf(v), verb);
    }
    return;
  }
  if (v.isFloat()) {
    fmtFloatVerb(v, v.asFloat(), verb);
    return;
  }
  if (!v.isObject()) {
    pad("?invalid?");
    return;
  }
  const Object* o = v.asObject();
  switch (o->kind) {
    case Kind::String: fmtStringVerb(v, stringView(v), verb); return;
    case Kind::Array:
      if (verb == 'p') {
        fmtPointerLike(v, verb);
      } else {
        fmtArray(static_cast<const runtime::Array*>(o), verb);
      }
      return;
    case Kind::Map:
      if (verb == 'p') {
        fmtPointerLike(v, verb);
      } else {
        fmtMap(static_cast<const runtime::Map*>(o), verb);
      }
      return;
    case Kind::Record:
      if (verb == 'p') {
        fmtPointerLike(v, verb);
      } else {
        fmtRecord(v, verb);
      }
      return;
    default: fmtPointerLike(v, verb); return;
  }
}

}  // namespace goro::lang::value::detail

namespace goro::lang::value {

void appendValue(std::string& out, runtime::Value v) { detail::Printer(out).printArg(v, 'v'); }

}  // namespace goro::lang::value

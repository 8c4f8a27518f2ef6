// lang/value/quote.cpp: strconv-style quoting (lang/value/quote.h).
#include "lang/value/quote.h"

#include "lang/syntax/utf8.h"

namespace goro::lang::value {

namespace {

constexpr int32_t kRuneError = 0xFFFD;

struct Range {
  int32_t lo, hi;
};

// Code points above ASCII that unicode.IsPrint rejects: C1 controls, spaces
// other than U+0020 (Zs, Zl, Zp), format characters (Cf), private use (Co)
// and noncharacters. Sorted, disjoint.
constexpr Range kNotPrint[] = {
    {0x0080, 0x00A0}, {0x00AD, 0x00AD}, {0x0600, 0x0605}, {0x061C, 0x061C}, {0x06DD, 0x06DD},
    {0x070F, 0x070F}, {0x0890, 0x0891}, {0x08E2, 0x08E2}, {0x1680, 0x1680}, {0x180E, 0x180E},
    {0x2000, 0x200F}, {0x2028, 0x202F}, {0x205F, 0x2064}, {0x2066, 0x206F}, {0x3000, 0x3000},
    {0xD800, 0xF8FF}, {0xFDD0, 0xFDEF}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0xFFFE, 0xFFFF},
    {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xF0000, 0x10FFFF},
};

void appendHex(std::string& out, uint32_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(kHex[(v >> shift) & 0xF]);
}

bool validRune(int64_t r) { return r >= 0 && r <= syntax::utf8::kMaxRune && !(r >= 0xD800 && r < 0xE000); }

// One code point inside quotes (Go's appendEscapedRune).
void appendEscapedRune(std::string& out, int32_t r, char quote, bool asciiOnly) {
  if (r == quote || r == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(r));
    return;
  }
  if (asciiOnly ? (r < 0x80 && isPrintRune(r)) : isPrintRune(r)) {
    syntax::utf8::encode(r, out);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    appendHex(out, static_cast<uint32_t>(r), 2);
  } else if (r < 0x10000) {
    out += "\\u";
    appendHex(out, static_cast<uint32_t>(r), 4);
  } else {
    out += "\\U";
    appendHex(out, static_cast<uint32_t>(r), 8);
  }
}

}  // namespace

bool isPrintRune(int32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (!validRune(r)) return false;
  size_t lo = 0, hi = sizeof kNotPrint / sizeof kNotPrint[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (r < kNotPrint[mid].lo) {
      hi = mid;
    } else if (r > kNotPrint[mid].hi) {
      lo = mid + 1;
    } else {
      return false;
    }
  }
  return true;
}

void appendQuoted(std::string& out, std::string_view s, bool asciiOnly) {
  out.push_back('"');
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    int len = 1;
    int32_t r = static_cast<unsigned char>(*p);
    if (r >= 0x80) r = syntax::utf8::decode(p, end, &len);
    if (r < 0) {
      out += "\\x";
      appendHex(out, static_cast<unsigned char>(*p), 2);
    } else {
      appendEscapedRune(out, r, '"', asciiOnly);
    }
    p += len;
  }
  out.push_back('"');
}

void appendQuotedRune(std::string& out, int64_t r, bool asciiOnly) {
  out.push_back('\'');
  appendEscapedRune(out, validRune(r) ? static_cast<int32_t>(r) : kRuneError, '\'', asciiOnly);
  out.push_back('\'');
}

bool canBackquote(std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    auto c = static_cast<unsigned char>(*p);
    if (c < 0x80) {
      if (c == '`' || c == 0x7F || (c < ' ' && c != '\t')) return false;
      p++;
      continue;
    }
    int len;
    int32_t r = syntax::utf8::decode(p, end, &len);
    if (r < 0 || r == 0xFEFF) return false;
    p += len;
  }
  return true;
}

}  // namespace goro::lang::value

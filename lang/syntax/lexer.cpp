// lang/syntax/lexer.cpp: the Goro scanner (see lexer.h for the grammar it
// accepts).
#include "lang/syntax/lexer.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "lang/syntax/utf8.h"

namespace goro::lang::syntax {
namespace {

bool isAsciiLetter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isDecimal(int c) { return c >= '0' && c <= '9'; }
bool isHex(int c) { return isDecimal(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int lower(int c) { return c | 0x20; }

int digitValue(int c) {
  if (isDecimal(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

// The approximation of Unicode letters described in lexer.h.
bool isUnicodeLetter(int32_t cp) {
  if (cp == 0xAA || cp == 0xB5 || cp == 0xBA) return true;
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;    // punctuation, symbols, arrows, math, shapes
  if (cp >= 0x3000 && cp <= 0x303F) return false;    // CJK symbols and punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;    // variation selectors
  if (cp == 0xFEFF || (cp >= 0xFFF0 && cp <= 0xFFFF)) return false;  // BOM, specials
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

const char* baseName(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 16: return "hexadecimal";
    default: return "decimal";
  }
}

std::string hexCode(int32_t cp) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string s;
  for (int shift = cp > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) s.push_back(kDigits[(cp >> shift) & 0xF]);
  return "U+" + s;
}

// Go's %#U: "U+0040 '@'" for printable characters, "U+0007" otherwise.
std::string describeChar(int32_t cp) {
  std::string s = hexCode(cp);
  if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)) {
    s += " '";
    utf8::encode(cp, s);
    s += "'";
  }
  return s;
}

// Go's %q of a rune: 'x', or an escape for control characters.
std::string quoteChar(int c) {
  switch (c) {
    case '\n': return "'\\n'";
    case '\t': return "'\\t'";
    case '\r': return "'\\r'";
    case '\'': return "'\\''";
    case '\\': return "'\\\\'";
    default: break;
  }
  if (c < 0x20 || c == 0x7F) {
    static const char* kDigits = "0123456789abcdef";
    return std::string("'\\x") + kDigits[c >> 4] + kDigits[c & 0xF] + "'";
  }
  return std::string("'") + static_cast<char>(c) + "'";
}

// Index in lit of the first '_' that does not sit between two digits (a
// base prefix counts as a digit), or -1. lit is a whole number literal.
int invalidSeparator(std::string_view lit) {
  int prefix = ' ';
  char prev = '.';  // one of '_', '0' (a digit) or '.' (anything else)
  size_t i = 0;
  if (lit.size() >= 2 && lit[0] == '0') {
    prefix = lower(lit[1]);
    if (prefix == 'x' || prefix == 'o' || prefix == 'b') {
      prev = '0';
      i = 2;
    }
  }
  for (; i < lit.size(); ++i) {
    char c = lit[i];
    if (c == '_') {
      if (prev != '0') return static_cast<int>(i);
      prev = '_';
    } else if (isDecimal(c) || (prefix == 'x' && isHex(c))) {
      prev = '0';
    } else {
      if (prev == '_') return static_cast<int>(i) - 1;
      prev = '.';
    }
  }
  return prev == '_' ? static_cast<int>(lit.size()) - 1 : -1;
}

}  // namespace

Lexer::Lexer(const Source& src, Diagnostics& diags) : diags_(diags) {
  std::string_view text = src.text();
  begin_ = p_ = lineBegin_ = text.data();
  end_ = text.data() + text.size();
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") p_ += 3;  // leading BOM
}

Pos Lexer::posOf(const char* p) const {
  return Pos{line_, static_cast<uint32_t>(p - lineBegin_ + 1), static_cast<uint32_t>(p - begin_)};
}

void Lexer::newline() {
  ++p_;
  ++line_;
  lineBegin_ = p_;
}

void Lexer::error(Pos pos, std::string msg) { diags_.error(pos, std::move(msg)); }

int32_t Lexer::decodeHere(int* len) {
  int32_t cp = utf8::decode(p_, end_, len);
  if (cp < 0) {
    error(here(), "invalid UTF-8 encoding");
  } else if (cp == 0xFEFF) {
    error(here(), "invalid BOM in the middle of the file");
  }
  return cp;
}

Token Lexer::next() {
  bool nlsemi = nlsemi_;
  nlsemi_ = false;
  Token t;
  for (;;) {
    while (p_ < end_) {
      char c = *p_;
      if (c == ' ' || c == '\t' || c == '\r') {
        ++p_;
      } else if (c == '\n' && !nlsemi) {
        newline();
      } else {
        break;
      }
    }
    t.pos = here();
    const char* start = p_;
    if (p_ >= end_) {
      t.kind = nlsemi ? TokenKind::Semicolon : TokenKind::Eof;
      t.text = std::string_view(end_, 0);
      return t;
    }
    int c = ch();
    if (c == '\n') {  // only reached when nlsemi
      t.kind = TokenKind::Semicolon;
      t.text = "\n";
      newline();
      return t;
    }
    if (isAsciiLetter(c) || c >= 0x80) {
      if (c >= 0x80) {
        int len;
        int32_t cp = decodeHere(&len);
        if (cp < 0 || !isUnicodeLetter(cp)) {
          if (cp >= 0 && cp != 0xFEFF) error(t.pos, "invalid character " + describeChar(cp));
          p_ += len;
          continue;
        }
      }
      scanIdent(t);
      nlsemi_ = t.kind == TokenKind::Ident || t.kind == TokenKind::Break ||
                t.kind == TokenKind::Continue || t.kind == TokenKind::Return ||
                t.kind == TokenKind::True || t.kind == TokenKind::False || t.kind == TokenKind::Nil;
      return t;
    }
    // Sets the kind and consumes the operator's len bytes.
    auto op = [&](TokenKind k, size_t len) {
      t.kind = k;
      p_ += len;
    };
    switch (c) {
      case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        scanNumber(t, false);
        nlsemi_ = true;
        return t;
      case '.':
        if (isDecimal(ch(1))) {
          scanNumber(t, true);
          nlsemi_ = true;
          return t;
        }
        if (ch(1) == '.' && ch(2) == '.') {
          op(TokenKind::Ellipsis, 3);
        } else {
          op(TokenKind::Period, 1);
        }
        break;
      case '"': scanString(t); nlsemi_ = true; return t;
      case '`': scanRawString(t); nlsemi_ = true; return t;
      case '\'': scanRune(t); nlsemi_ = true; return t;
      case '(': op(TokenKind::LParen, 1); break;
      case ')': op(TokenKind::RParen, 1); nlsemi_ = true; break;
      case '[': op(TokenKind::LBrack, 1); break;
      case ']': op(TokenKind::RBrack, 1); nlsemi_ = true; break;
      case '{': op(TokenKind::LBrace, 1); break;
      case '}': op(TokenKind::RBrace, 1); nlsemi_ = true; break;
      case ',': op(TokenKind::Comma, 1); break;
      case ';': op(TokenKind::Semicolon, 1); break;
      case ':': ch(1) == '=' ? op(TokenKind::Define, 2) : op(TokenKind::Colon, 1); break;
      case '+':
        if (ch(1) == '+') {
          op(TokenKind::Inc, 2);
          nlsemi_ = true;
        } else {
          ch(1) == '=' ? op(TokenKind::AddAssign, 2) : op(TokenKind::Add, 1);
        }
        break;
      case '-':
        if (ch(1) == '-') {
          op(TokenKind::Dec, 2);
          nlsemi_ = true;
        } else {
          ch(1) == '=' ? op(TokenKind::SubAssign, 2) : op(TokenKind::Sub, 1);
        }
        break;
      case '*': ch(1) == '=' ? op(TokenKind::MulAssign, 2) : op(TokenKind::Mul, 1); break;
      case '/':
        if (ch(1) == '/') {
          skipLineComment();
          continue;
        }
        if (ch(1) == '*') {
          if (skipBlockComment(t.pos) && nlsemi) {
            // A comment spanning lines acts like a newline.
            t.kind = TokenKind::Semicolon;
            t.text = "\n";
            return t;
          }
          continue;
        }
        ch(1) == '=' ? op(TokenKind::QuoAssign, 2) : op(TokenKind::Quo, 1);
        break;
      case '%': ch(1) == '=' ? op(TokenKind::RemAssign, 2) : op(TokenKind::Rem, 1); break;
      case '&':
        if (ch(1) == '&') {
          op(TokenKind::LAnd, 2);
        } else if (ch(1) == '^') {
          ch(2) == '=' ? op(TokenKind::AndNotAssign, 3) : op(TokenKind::AndNot, 2);
        } else {
          ch(1) == '=' ? op(TokenKind::AndAssign, 2) : op(TokenKind::And, 1);
        }
        break;
      case '|':
        if (ch(1) == '|') {
          op(TokenKind::LOr, 2);
        } else {
          ch(1) == '=' ? op(TokenKind::OrAssign, 2) : op(TokenKind::Or, 1);
        }
        break;
      case '^': ch(1) == '=' ? op(TokenKind::XorAssign, 2) : op(TokenKind::Xor, 1); break;
      case '<':
        if (ch(1) == '-') {
          op(TokenKind::Arrow, 2);
        } else if (ch(1) == '<') {
          ch(2) == '=' ? op(TokenKind::ShlAssign, 3) : op(TokenKind::Shl, 2);
        } else {
          ch(1) == '=' ? op(TokenKind::Leq, 2) : op(TokenKind::Lss, 1);
        }
        break;
      case '>':
        if (ch(1) == '>') {
          ch(2) == '=' ? op(TokenKind::ShrAssign, 3) : op(TokenKind::Shr, 2);
        } else {
          ch(1) == '=' ? op(TokenKind::Geq, 2) : op(TokenKind::Gtr, 1);
        }
        break;
      case '=': ch(1) == '=' ? op(TokenKind::Eql, 2) : op(TokenKind::Assign, 1); break;
      case '!': ch(1) == '=' ? op(TokenKind::Neq, 2) : op(TokenKind::Not, 1); break;
      default:
        error(t.pos, c == 0 ? std::string("invalid NUL character") : "invalid character " + describeChar(c));
        ++p_;
        continue;
    }
    t.text = std::string_view(start, static_cast<size_t>(p_ - start));
    return t;
  }
}

void Lexer::skipLineComment() {
  while (p_ < end_ && *p_ != '\n') {
    if (static_cast<unsigned char>(*p_) >= 0x80) {
      int len;
      decodeHere(&len);
      p_ += len;
    } else {
      ++p_;
    }
  }
}

bool Lexer::skipBlockComment(Pos start) {
  p_ += 2;
  bool multiline = false;
  while (p_ < end_) {
    char c = *p_;
    if (c == '*' && ch(1) == '/') {
      p_ += 2;
      return multiline;
    }
    if (c == '\n') {
      multiline = true;
      newline();
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      int len;
      decodeHere(&len);
      p_ += len;
    } else {
      ++p_;
    }
  }
  error(start, "comment not terminated");
  return multiline;
}

void Lexer::scanIdent(Token& t) {
  const char* start = p_;
  while (p_ < end_) {
    int c = ch();
    if (isAsciiLetter(c) || isDecimal(c)) {
      ++p_;
    } else if (c >= 0x80) {
      int len;
      int32_t cp = utf8::decode(p_, end_, &len);
      if (cp < 0) break;  // reported as an invalid character by next()
      if (!isUnicodeLetter(cp)) error(here(), "invalid character " + describeChar(cp) + " in identifier");
      p_ += len;
    } else {
      break;
    }
  }
  t.text = std::string_view(start, static_cast<size_t>(p_ - start));
  t.kind = lookupKeyword(t.text);
}

int Lexer::scanDigits(int base, const char** invalid) {
  int digsep = 0;  // bit 0: a digit was seen; bit 1: a '_' was seen
  if (base <= 10) {
    int max = '0' + base;
    for (int c = ch(); isDecimal(c) || c == '_'; c = ch()) {
      if (c == '_') {
        digsep |= 2;
      } else {
        digsep |= 1;
        if (c >= max && invalid != nullptr && *invalid == nullptr) *invalid = p_;
      }
      ++p_;
    }
  } else {
    for (int c = ch(); isHex(c) || c == '_'; c = ch()) {
      digsep |= c == '_' ? 2 : 1;
      ++p_;
    }
  }
  return digsep;
}

void Lexer::scanNumber(Token& t, bool seenPoint) {
  const char* start = p_;
  int base = 10;
  char prefix = 0;  // 0 (decimal), '0' (legacy octal), 'x', 'o' or 'b'
  int digsep = 0;
  const char* invalid = nullptr;  // first digit too large for the base
  bool ok = true;
  bool isFloat = false;

  if (!seenPoint) {
    if (ch() == '0') {
      ++p_;
      switch (lower(ch())) {
        case 'x': ++p_; base = 16; prefix = 'x'; break;
        case 'o': ++p_; base = 8; prefix = 'o'; break;
        case 'b': ++p_; base = 2; prefix = 'b'; break;
        default: base = 8; prefix = '0'; digsep = 1; break;  // the 0 is a digit
      }
    }
    digsep |= scanDigits(base, &invalid);
    if (ch() == '.') {
      if (prefix == 'o' || prefix == 'b') {
        error(here(), std::string("invalid radix point in ") + baseName(base) + " literal");
        ok = false;
      }
      ++p_;
      seenPoint = true;
    }
  } else {
    ++p_;  // the leading '.'
  }
  if (seenPoint) {
    isFloat = true;
    digsep |= scanDigits(base, &invalid);
  }
  if ((digsep & 1) == 0 && ok) {
    error(here(), std::string(baseName(base)) + " literal has no digits");
    ok = false;
  }
  int e = lower(ch());
  if (e == 'e' || e == 'p') {
    if (ok && e == 'e' && prefix != 0 && prefix != '0') {
      error(here(), quoteChar(ch()) + " exponent requires decimal mantissa");
      ok = false;
    } else if (ok && e == 'p' && prefix != 'x') {
      error(here(), quoteChar(ch()) + " exponent requires hexadecimal mantissa");
      ok = false;
    }
    ++p_;
    isFloat = true;
    if (ch() == '+' || ch() == '-') ++p_;
    int ds = scanDigits(10, nullptr);
    digsep = ds | (digsep & 2);
    if ((ds & 1) == 0 && ok) {
      error(here(), "exponent has no digits");
      ok = false;
    }
  } else if (prefix == 'x' && isFloat && ok) {
    error(here(), "hexadecimal mantissa requires a 'p' exponent");
    ok = false;
  }
  if (ch() == 'i') {
    ++p_;
    if (ok) error(t.pos, "imaginary literals are not supported");
    ok = false;
  }
  t.text = std::string_view(start, static_cast<size_t>(p_ - start));
  t.kind = isFloat ? TokenKind::Float : TokenKind::Int;
  if (!isFloat && invalid != nullptr && ok) {
    error(posOf(invalid), "invalid digit " + quoteChar(*invalid) + " in " + baseName(base) + " literal");
    ok = false;
  }
  if ((digsep & 2) != 0 && ok) {
    int i = invalidSeparator(t.text);
    if (i >= 0) {
      error(posOf(start + i), "'_' must separate successive digits");
      ok = false;
    }
  }
  t.bad = !ok;
  if (!ok) return;

  if (!isFloat) {
    const char* q = start + (prefix == 0 ? 0 : prefix == '0' ? 1 : 2);
    uint64_t v = 0;
    for (; q < p_; ++q) {
      if (*q == '_') continue;
      auto d = static_cast<uint64_t>(digitValue(*q));
      if (v > (UINT64_MAX - d) / static_cast<uint64_t>(base)) {
        t.overflow = true;
        break;
      }
      v = v * static_cast<uint64_t>(base) + d;
    }
    t.intValue = v;
    return;
  }
  std::string clean;
  clean.reserve(t.text.size());
  for (char c : t.text) {
    if (c != '_') clean.push_back(c);
  }
  double v = 0;
  const char* first = clean.data();
  auto fmt = std::chars_format::general;
  if (prefix == 'x') {
    first += 2;
    fmt = std::chars_format::hex;
  }
  auto res = std::from_chars(first, clean.data() + clean.size(), v, fmt);
  if (res.ec == std::errc::result_out_of_range) {
    v = std::strtod(clean.c_str(), nullptr);  // tells overflow from underflow
    if (std::isinf(v)) {
      error(t.pos, "cannot use " + std::string(t.text) + " (untyped float constant) as float value (overflows)");
      t.bad = true;
      return;
    }
  }
  t.floatValue = v;
}

// p_ is just past a backslash. Decodes one escape into *out (a string) or
// *value (a rune literal). Returns false after reporting a bad escape.
bool Lexer::scanEscape(std::string* out, int32_t* value) {
  int c = ch();
  int32_t simple = -1;
  switch (c) {
    case 'a': simple = 7; break;
    case 'b': simple = 8; break;
    case 'f': simple = 12; break;
    case 'n': simple = 10; break;
    case 'r': simple = 13; break;
    case 't': simple = 9; break;
    case 'v': simple = 11; break;
    case '\\': simple = '\\'; break;
    case '\'': simple = '\''; break;
    case '"': simple = '"'; break;
    default: break;
  }
  // \0 alone is NUL (docs/language.md); \0 with two more octal digits is octal.
  auto isOctal = [](int d) { return d >= '0' && d <= '7'; };
  if (c == '0' && !(isOctal(ch(1)) && isOctal(ch(2)))) simple = 0;
  if (simple >= 0) {
    ++p_;
    if (out != nullptr) out->push_back(static_cast<char>(simple));
    if (value != nullptr) *value = simple;
    return true;
  }
  int n;
  int base;
  uint32_t max;
  bool utf8Encoded = false;
  switch (c) {
    case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '0':
      n = 3, base = 8, max = 255;
      break;
    case 'x': ++p_; n = 2, base = 16, max = 255; break;
    case 'u': ++p_; n = 4, base = 16, max = utf8::kMaxRune, utf8Encoded = true; break;
    case 'U': ++p_; n = 8, base = 16, max = utf8::kMaxRune, utf8Encoded = true; break;
    default:
      if (c < 0) return true;  // the caller reports the unterminated literal
      error(here(), "unknown escape");
      return false;
  }
  uint32_t x = 0;
  for (int i = 0; i < n; ++i) {
    c = ch();
    if (c < 0) return true;
    int d = digitValue(c);
    if (d >= base) {
      error(here(), "invalid character " + quoteChar(c) + " in " + baseName(base) + " escape");
      return false;
    }
    x = x * static_cast<uint32_t>(base) + static_cast<uint32_t>(d);
    ++p_;
  }
  if (x > max && base == 8) {
    error(here(), "octal escape value " + std::to_string(x) + " > 255");
    return false;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    error(here(), "escape is invalid Unicode code point " + hexCode(static_cast<int32_t>(x)));
    return false;
  }
  if (value != nullptr) *value = static_cast<int32_t>(x);
  if (out != nullptr) {
    if (utf8Encoded) {
      utf8::encode(static_cast<int32_t>(x), *out);
    } else {
      out->push_back(static_cast<char>(x));
    }
  }
  return true;
}

void Lexer::scanRune(Token& t) {
  const char* start = p_;
  ++p_;
  bool ok = true;
  int32_t value = 0;
  for (int n = 0;; ++n) {
    int c = ch();
    if (c == '\'') {
      if (ok) {
        if (n == 0) {
          error(here(), "empty rune literal or unescaped ' in rune literal");
          ok = false;
        } else if (n != 1) {
          error(t.pos, "more than one character in rune literal");
          ok = false;
        }
      }
      ++p_;
      break;
    }
    if (c == '\\') {
      ++p_;
      if (!scanEscape(nullptr, &value)) ok = false;
      continue;
    }
    if (c == '\n') {
      if (ok) error(here(), "newline in rune literal");
      ok = false;
      break;
    }
    if (c < 0) {
      if (ok) error(t.pos, "rune literal not terminated");
      ok = false;
      break;
    }
    if (c >= 0x80) {
      int len;
      value = decodeHere(&len);
      if (value < 0) ok = false;
      p_ += len;
    } else {
      value = c;
      ++p_;
    }
  }
  t.kind = TokenKind::Char;
  t.text = std::string_view(start, static_cast<size_t>(p_ - start));
  t.intValue = ok ? static_cast<uint64_t>(value) : 0;
  t.bad = !ok;
}

void Lexer::scanString(Token& t) {
  const char* start = p_;
  ++p_;
  bool ok = true;
  std::string& out = t.strValue;
  const char* run = p_;  // start of the bytes not yet appended
  for (;;) {
    int c = ch();
    if (c == '"' || c == '\\' || c == '\n' || c < 0) {
      out.append(run, static_cast<size_t>(p_ - run));
      if (c == '"') {
        ++p_;
        break;
      }
      if (c == '\\') {
        ++p_;
        if (!scanEscape(&out, nullptr)) ok = false;
        run = p_;
        continue;
      }
      if (c == '\n') {
        error(here(), "newline in string");
      } else {
        error(t.pos, "string literal not terminated");
      }
      ok = false;
      break;
    }
    if (c >= 0x80) {
      int len;
      if (decodeHere(&len) < 0) ok = false;
      p_ += len;
    } else {
      ++p_;
    }
  }
  t.kind = TokenKind::String;
  t.text = std::string_view(start, static_cast<size_t>(p_ - start));
  t.bad = !ok;
}

void Lexer::scanRawString(Token& t) {
  const char* start = p_;
  ++p_;
  bool ok = true;
  std::string& out = t.strValue;
  const char* run = p_;
  for (;;) {
    int c = ch();
    if (c == '`' || c == '\r' || c < 0) {
      out.append(run, static_cast<size_t>(p_ - run));
      if (c == '`') {
        ++p_;
        break;
      }
      if (c < 0) {
        error(t.pos, "string literal not terminated");
        ok = false;
        break;
      }
      ++p_;  // drop '\r'
      run = p_;
      continue;
    }
    if (c == '\n') {
      newline();
    } else if (c >= 0x80) {
      int len;
      if (decodeHere(&len) < 0) ok = false;
      p_ += len;
    } else {
      ++p_;
    }
  }
  t.kind = TokenKind::String;
  t.text = std::string_view(start, static_cast<size_t>(p_ - start));
  t.bad = !ok;
}

}  // namespace goro::lang::syntax

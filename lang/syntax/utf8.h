// lang/syntax/utf8.h: the little UTF-8 the front end needs: decode one code
// point (rejecting overlong forms, surrogates and values above U+10FFFF, as Go
// does) and encode one. Header-only; no allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace goro::lang::syntax::utf8 {

inline constexpr int32_t kMaxRune = 0x10FFFF;
// U+FFFD, what Go decodes an invalid byte to (utf8.RuneError).
inline constexpr int32_t kRuneError = 0xFFFD;

// Decodes the code point at p (p < end, *p >= 0x80 or not). Returns it and
// sets *len to its byte length, or returns -1 with *len = 1 for an invalid
// encoding.
inline int32_t decode(const char* p, const char* end, int* len) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  size_t avail = static_cast<size_t>(end - p);
  unsigned c = s[0];
  *len = 1;
  if (c < 0x80) return static_cast<int32_t>(c);
  int n;
  int32_t cp;
  int32_t min;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (avail < static_cast<size_t>(n)) return -1;
  for (int i = 1; i < n; ++i) {
    if ((s[i] & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > kMaxRune || (cp >= 0xD800 && cp < 0xE000)) return -1;
  *len = n;
  return cp;
}

// As decode, but an invalid encoding is kRuneError of length 1, as Go's
// range over a string and utf8.DecodeRuneInString decode it.
inline int32_t decodeRune(const char* p, const char* end, int* len) {
  int32_t cp = decode(p, end, len);
  return cp < 0 ? kRuneError : cp;
}

// Whether cp can be encoded: in range and not a surrogate.
inline bool validRune(int64_t cp) { return cp >= 0 && cp <= kMaxRune && !(cp >= 0xD800 && cp < 0xE000); }

// Appends the UTF-8 encoding of cp (a valid code point) to out.
inline void encode(int32_t cp, std::string& out) {
  auto u = static_cast<uint32_t>(cp);
  if (u < 0x80) {
    out.push_back(static_cast<char>(u));
  } else if (u < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (u >> 6)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else if (u < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (u >> 12)));
    out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (u >> 18)));
    out.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
  }
}

// True for the bytes that continue a multi-byte sequence.
inline bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace goro::lang::syntax::utf8

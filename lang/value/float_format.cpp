// lang/value/float_format.cpp: strconv.AppendFloat for float64
// (float_format.h).
//
// Digits come from std::to_chars, which gives both the shortest digits that
// round-trip (no precision) and correctly rounded digits for a precision,
// ties to even, exactly as Go's ryu and big-decimal paths round. Go's
// layout is then applied to a decimal (digits, point position):
//   %e  d.ddd e±dd   the exponent has at least two digits
//   %f  ddd.ddd      zeros where the digits run out
//   %g  %e when the exponent is < -4 or >= eprec, else %f, where eprec is 6
//       for the shortest form and otherwise the precision (cut to the digit
//       count when the value is an integer that needs no more digits)
//   %b  mantissa p exponent, both decimal (4503599627370496p-52)
//   %x  0x1.hhhp±dd, the mantissa normalised to a leading 1 and rounded to
//       the precision in hex digits, ties to even
#include "lang/value/float_format.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace goro::lang::value {

namespace {

// value = 0.d[0]d[1]... * 10^dp; no leading zeros; zero has no digits.
struct Decimal {
  std::string d;
  int dp = 0;
  int nd() const { return static_cast<int>(d.size()); }
};

void trimTrailingZeros(Decimal& dec) {
  while (!dec.d.empty() && dec.d.back() == '0') dec.d.pop_back();
  if (dec.d.empty()) dec.dp = 0;
}

// Parses to_chars' scientific output "d.ddde±x" (a >= 0).
Decimal fromScientific(const char* begin, const char* end) {
  Decimal dec;
  const char* p = begin;
  for (; p < end && *p != 'e'; p++) {
    if (*p != '.') dec.d.push_back(*p);
  }
  int exp = 0;
  if (p < end) std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exp);
  dec.dp = exp + 1;
  size_t lead = dec.d.find_first_not_of('0');
  if (lead == std::string::npos) return Decimal{};  // zero
  return dec;
}

// The shortest digits that read back as a (a >= 0, finite).
Decimal shortestDigits(double a) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::scientific);
  return fromScientific(buf, r.ptr);
}

// a rounded to n >= 1 significant digits.
Decimal significantDigits(double a, int n) {
  std::string buf(static_cast<size_t>(n) + 32, '\0');
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::scientific, n - 1);
  return fromScientific(buf.data(), r.ptr);
}

// a rounded to prec digits after the decimal point.
Decimal fixedDigits(double a, int prec) {
  std::string buf(static_cast<size_t>(prec) + 330, '\0');
  auto r = std::to_chars(buf.data(), buf.data() + buf.size(), a, std::chars_format::fixed, prec);
  Decimal dec;
  int intDigits = 0;
  bool afterPoint = false;
  for (const char* p = buf.data(); p < r.ptr; p++) {
    if (*p == '.') {
      afterPoint = true;
      continue;
    }
    dec.d.push_back(*p);
    if (!afterPoint) intDigits++;
  }
  size_t lead = dec.d.find_first_not_of('0');
  if (lead == std::string::npos) return Decimal{};
  dec.d.erase(0, lead);
  dec.dp = intDigits - static_cast<int>(lead);
  return dec;
}

void appendExponent(std::string& out, int exp) {
  out.push_back(exp < 0 ? '-' : '+');
  if (exp < 0) exp = -exp;
  if (exp < 10) out.push_back('0');
  out += std::to_string(exp);
}

// d.ddddde±dd with prec digits after the point.
void formatE(std::string& out, bool neg, const Decimal& dec, int prec, char e) {
  if (neg) out.push_back('-');
  out.push_back(dec.nd() > 0 ? dec.d[0] : '0');
  if (prec > 0) {
    out.push_back('.');
    int have = std::min(dec.nd(), prec + 1);
    for (int i = 1; i < have; i++) out.push_back(dec.d[i]);
    for (int i = std::max(have, 1); i <= prec; i++) out.push_back('0');
  }
  out.push_back(e);
  appendExponent(out, dec.nd() == 0 ? 0 : dec.dp - 1);
}

// ddd.ddd with prec digits after the point.
void formatF(std::string& out, bool neg, const Decimal& dec, int prec) {
  if (neg) out.push_back('-');
  if (dec.dp > 0) {
    int m = std::min(dec.nd(), dec.dp);
    out.append(dec.d, 0, static_cast<size_t>(m));
    out.append(static_cast<size_t>(dec.dp - m), '0');
  } else {
    out.push_back('0');
  }
  if (prec > 0) {
    out.push_back('.');
    for (int i = 0; i < prec; i++) {
      int j = dec.dp + i;
      out.push_back(j >= 0 && j < dec.nd() ? dec.d[j] : '0');
    }
  }
}

// %g: prec significant digits were asked for (the digit count when shortest).
void formatG(std::string& out, bool neg, const Decimal& dec, int prec, bool shortest, char g) {
  int eprec = prec;
  if (eprec > dec.nd() && dec.nd() >= dec.dp) eprec = dec.nd();
  if (shortest) eprec = 6;
  int exp = dec.dp - 1;
  if (exp < -4 || exp >= eprec) {
    formatE(out, neg, dec, std::min(prec, dec.nd()) - 1, static_cast<char>(g - 'g' + 'e'));
    return;
  }
  if (prec > dec.dp) prec = dec.nd();
  formatF(out, neg, dec, std::max(prec - dec.dp, 0));
}

// The sign, mantissa and binary exponent of a finite float, with the
// implicit leading bit made explicit: |v| = mant * 2^(exp - 52).
void decompose(double v, uint64_t* mant, int* exp) {
  auto bits = std::bit_cast<uint64_t>(v);
  int biased = static_cast<int>((bits >> 52) & 0x7FF);
  *mant = bits & ((uint64_t{1} << 52) - 1);
  if (biased == 0) {
    biased = 1;  // subnormal
  } else {
    *mant |= uint64_t{1} << 52;
  }
  *exp = biased - 1023;
}

void formatB(std::string& out, bool neg, double v) {
  uint64_t mant;
  int exp;
  decompose(v, &mant, &exp);
  if (neg) out.push_back('-');
  out += std::to_string(mant);
  out.push_back('p');
  exp -= 52;
  if (exp >= 0) out.push_back('+');
  out += std::to_string(exp);
}

void formatX(std::string& out, bool neg, double v, int prec, char x) {
  uint64_t mant;
  int exp;
  decompose(v, &mant, &exp);
  if (mant == 0) exp = 0;
  // Normalise: the leading 1 at bit 60, hex digits below it.
  mant <<= 8;
  while (mant != 0 && (mant & (uint64_t{1} << 60)) == 0) {
    mant <<= 1;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    // Keep 1 + prec hex digits; round the rest, ties to even.
    int drop = 60 - 4 * prec;
    uint64_t rest = mant & ((uint64_t{1} << drop) - 1);
    uint64_t half = uint64_t{1} << (drop - 1);
    mant >>= drop;
    if (rest > half || (rest == half && (mant & 1) != 0)) mant++;
    mant <<= drop;
    if (mant & (uint64_t{1} << 61)) {  // rounded up to 10.000: renormalise
      mant >>= 1;
      exp++;
    }
  }
  const char* hex = x == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg) out.push_back('-');
  out.push_back('0');
  out.push_back(x);
  out.push_back(static_cast<char>('0' + ((mant >> 60) & 1)));
  uint64_t frac = mant << 4;  // the digits after the leading one, from bit 63 down
  if (prec < 0) {
    if (frac != 0) {
      out.push_back('.');
      for (; frac != 0; frac <<= 4) out.push_back(hex[frac >> 60]);
    }
  } else if (prec > 0) {
    out.push_back('.');
    for (int i = 0; i < prec; i++, frac <<= 4) out.push_back(hex[frac >> 60]);
  }
  out.push_back(x == 'X' ? 'P' : 'p');
  out.push_back(exp < 0 ? '-' : '+');
  if (exp < 0) exp = -exp;
  if (exp < 10) out.push_back('0');
  out += std::to_string(exp);
}

}  // namespace

void appendFloat(std::string& out, double v, char fmt, int prec) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  bool neg = std::signbit(v);
  if (std::isinf(v)) {
    out += neg ? "-Inf" : "+Inf";
    return;
  }
  double a = std::fabs(v);
  bool shortest = prec < 0;
  switch (fmt) {
    case 'b': formatB(out, neg, v); return;
    case 'x':
    case 'X': formatX(out, neg, v, prec, fmt); return;
    case 'e':
    case 'E': {
      Decimal dec = shortest ? shortestDigits(a) : significantDigits(a, prec + 1);
      formatE(out, neg, dec, shortest ? std::max(dec.nd() - 1, 0) : prec, fmt);
      return;
    }
    case 'f': {
      if (shortest) {
        Decimal dec = shortestDigits(a);
        formatF(out, neg, dec, std::max(dec.nd() - dec.dp, 0));
      } else {
        formatF(out, neg, fixedDigits(a, prec), prec);
      }
      return;
    }
    case 'g':
    case 'G': {
      if (shortest) {
        Decimal dec = shortestDigits(a);
        formatG(out, neg, dec, dec.nd(), true, fmt);
      } else {
        if (prec == 0) prec = 1;
        Decimal dec = significantDigits(a, prec);
        trimTrailingZeros(dec);
        formatG(out, neg, dec, prec, false, fmt);
      }
      return;
    }
    default:
      out.push_back('%');
      out.push_back(fmt);
  }
}

}  // namespace goro::lang::value

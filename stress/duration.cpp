#include "stress/duration.h"

#include <cstdint>

namespace goro::stress {

namespace {

constexpr uint64_t kNanosecond = 1;
constexpr uint64_t kMicrosecond = 1000 * kNanosecond;
constexpr uint64_t kMillisecond = 1000 * kMicrosecond;
constexpr uint64_t kSecond = 1000 * kMillisecond;
constexpr uint64_t kMinute = 60 * kSecond;
constexpr uint64_t kHour = 60 * kMinute;
// The magnitude of the most negative duration; anything larger overflows.
constexpr uint64_t kMaxMagnitude = uint64_t{1} << 63;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<uint64_t> unitNanoseconds(std::string_view unit) {
  if (unit == "ns") return kNanosecond;
  if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") return kMicrosecond;
  if (unit == "ms") return kMillisecond;
  if (unit == "s") return kSecond;
  if (unit == "m") return kMinute;
  if (unit == "h") return kHour;
  return std::nullopt;
}

DurationParse invalid(std::string_view what, std::string_view text) {
  return {std::nullopt, std::string(what) + " \"" + std::string(text) + "\""};
}

// Appends the digits of v / 10^precision after the decimal point, without
// trailing zeros (and without the point when the fraction is zero); returns
// the whole part, v / 10^precision.
uint64_t appendFraction(std::string* out, uint64_t v, int precision) {
  std::string digits;
  bool significant = false;
  for (int i = 0; i < precision; i++) {
    char digit = static_cast<char>('0' + v % 10);
    v /= 10;
    significant = significant || digit != '0';
    if (significant) digits.insert(digits.begin(), digit);
  }
  if (!digits.empty()) *out += "." + digits;
  return v;
}

}  // namespace

DurationParse parseDuration(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return {Duration{0}, ""};
  if (s.empty()) return invalid("invalid duration", text);
  uint64_t total = 0;
  while (!s.empty()) {
    if (!isDigit(s[0]) && s[0] != '.') return invalid("invalid duration", text);
    // The whole part; more than 2^63 overflows whatever the unit.
    uint64_t whole = 0;
    size_t wholeDigits = 0;
    for (; wholeDigits < s.size() && isDigit(s[wholeDigits]); wholeDigits++) {
      if (whole > kMaxMagnitude / 10) return invalid("invalid duration", text);
      whole = whole * 10 + static_cast<uint64_t>(s[wholeDigits] - '0');
      if (whole > kMaxMagnitude) return invalid("invalid duration", text);
    }
    s.remove_prefix(wholeDigits);
    // The fraction, as fraction / scale; digits past what fits are dropped.
    uint64_t fraction = 0;
    double scale = 1;
    size_t fractionDigits = 0;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      bool overflowed = false;
      for (; fractionDigits < s.size() && isDigit(s[fractionDigits]); fractionDigits++) {
        if (overflowed) continue;
        overflowed = fraction > (kMaxMagnitude - 1) / 10;
        uint64_t next = overflowed ? 0 : fraction * 10 + static_cast<uint64_t>(s[fractionDigits] - '0');
        overflowed = overflowed || next > kMaxMagnitude;
        if (overflowed) continue;
        fraction = next;
        scale *= 10;
      }
      s.remove_prefix(fractionDigits);
    }
    if (wholeDigits == 0 && fractionDigits == 0) return invalid("invalid duration", text);
    size_t unitLength = 0;
    while (unitLength < s.size() && !isDigit(s[unitLength]) && s[unitLength] != '.') unitLength++;
    if (unitLength == 0) return invalid("missing unit in duration", text);
    std::string_view unitText = s.substr(0, unitLength);
    s.remove_prefix(unitLength);
    std::optional<uint64_t> unit = unitNanoseconds(unitText);
    if (!unit) {
      return {std::nullopt,
              "unknown unit \"" + std::string(unitText) + "\" in duration \"" + std::string(text) + "\""};
    }
    if (whole > kMaxMagnitude / *unit) return invalid("invalid duration", text);
    uint64_t part = whole * *unit;
    if (fraction > 0) {
      part += static_cast<uint64_t>(static_cast<double>(fraction) * (static_cast<double>(*unit) / scale));
      if (part > kMaxMagnitude) return invalid("invalid duration", text);
    }
    total += part;
    if (total > kMaxMagnitude) return invalid("invalid duration", text);
  }
  if (negative) return {Duration{static_cast<int64_t>(-total)}, ""};
  if (total > kMaxMagnitude - 1) return invalid("invalid duration", text);
  return {Duration{static_cast<int64_t>(total)}, ""};
}

std::string formatDuration(Duration d) {
  int64_t count = d.count();
  bool negative = count < 0;
  // Two's complement: the magnitude of INT64_MIN fits in uint64_t.
  uint64_t u = negative ? uint64_t{0} - static_cast<uint64_t>(count) : static_cast<uint64_t>(count);
  std::string out;
  if (u == 0) return "0s";
  if (u < kSecond) {
    // Below a second: one unit, the largest that keeps the number at least 1.
    std::string unit;
    int precision;
    if (u < kMicrosecond) {
      unit = "ns";
      precision = 0;
    } else if (u < kMillisecond) {
      unit = "\u00b5s";
      precision = 3;
    } else {
      unit = "ms";
      precision = 6;
    }
    std::string fraction;
    uint64_t whole = appendFraction(&fraction, u, precision);
    out = std::to_string(whole) + fraction + unit;
  } else {
    // Hours and minutes when present, then seconds with up to nine decimals.
    std::string fraction;
    uint64_t seconds = appendFraction(&fraction, u, 9);
    out = std::to_string(seconds % 60) + fraction + "s";
    uint64_t minutes = seconds / 60;
    if (minutes > 0) {
      out = std::to_string(minutes % 60) + "m" + out;
      uint64_t hours = minutes / 60;
      if (hours > 0) out = std::to_string(hours) + "h" + out;
    }
  }
  return negative ? "-" + out : out;
}

Duration truncateToSeconds(Duration d) {
  return std::chrono::duration_cast<std::chrono::seconds>(d);
}

}  // namespace goro::stress

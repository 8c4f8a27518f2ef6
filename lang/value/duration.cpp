// lang/value/duration.cpp: time.Duration values (duration.h).
#include "lang/value/duration.h"

#include "gc/allocate.h"
#include "runtime/object_layouts.h"

namespace goro::lang::value {

runtime::Value makeDuration(alloc::MCache& cache, int64_t ns) {
  auto* d = gc::allocateAs<runtime::Duration>(cache, runtime::Kind::Duration, sizeof(runtime::Duration));
  d->ns = ns;
  return runtime::Value::object(d);
}

namespace {

// Writes v's last `prec` decimal digits before w as a fraction, leaving out
// trailing zeros and, if all are zero, the point (Go's fmtFrac). Returns v
// without those digits.
uint64_t putFraction(char* buf, int* w, uint64_t v, int prec) {
  bool print = false;
  for (int i = 0; i < prec; i++) {
    auto digit = static_cast<char>(v % 10);
    print = print || digit != 0;
    if (print) buf[--*w] = static_cast<char>('0' + digit);
    v /= 10;
  }
  if (print) buf[--*w] = '.';
  return v;
}

// Writes v in decimal before w (Go's fmtInt).
void putInt(char* buf, int* w, uint64_t v) {
  if (v == 0) {
    buf[--*w] = '0';
    return;
  }
  for (; v > 0; v /= 10) buf[--*w] = static_cast<char>('0' + v % 10);
}

}  // namespace

// Go's Duration.format, right to left into a buffer: below a second the
// unit is the largest of ns, µs, ms that keeps a non-zero integer part;
// from a second up it is h, m and s, with the seconds' fraction.
std::string formatDuration(int64_t ns) {
  constexpr uint64_t kMicro = 1000, kMilli = 1000000, kSecond = 1000000000;
  char buf[32];
  int w = sizeof buf;
  bool neg = ns < 0;
  uint64_t u = static_cast<uint64_t>(ns);
  if (neg) u = 0 - u;
  if (u < kSecond) {
    int prec = 0;
    buf[--w] = 's';
    if (u == 0) return "0s";
    if (u < kMicro) {
      buf[--w] = 'n';
    } else if (u < kMilli) {
      prec = 3;
      buf[--w] = '\xB5';  // U+00B5 MICRO SIGN in UTF-8, as Go writes it
      buf[--w] = '\xC2';
    } else {
      prec = 6;
      buf[--w] = 'm';
    }
    u = putFraction(buf, &w, u, prec);
    putInt(buf, &w, u);
  } else {
    buf[--w] = 's';
    u = putFraction(buf, &w, u, 9);
    putInt(buf, &w, u % 60);  // seconds
    u /= 60;
    if (u > 0) {
      buf[--w] = 'm';
      putInt(buf, &w, u % 60);  // minutes
      u /= 60;
      if (u > 0) {
        buf[--w] = 'h';
        putInt(buf, &w, u);  // hours
      }
    }
  }
  if (neg) buf[--w] = '-';
  return std::string(buf + w, sizeof buf - static_cast<size_t>(w));
}

namespace {

// Go's time.quote: in double quotes, '"' and '\\' escaped, every byte
// outside printable ASCII as \xHH.
std::string quoteForError(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || c < ' ') {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
      continue;
    }
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  out.push_back('"');
  return out;
}

constexpr uint64_t kMaxMagnitude = uint64_t{1} << 63;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Leading digits of s as an int (Go's leadingInt): false on overflow.
bool leadingInt(std::string_view* s, uint64_t* x) {
  size_t i = 0;
  *x = 0;
  for (; i < s->size() && isDigit((*s)[i]); i++) {
    if (*x > (kMaxMagnitude - 1) / 10) return false;
    *x = *x * 10 + static_cast<uint64_t>((*s)[i] - '0');
    if (*x > kMaxMagnitude) return false;
  }
  s->remove_prefix(i);
  return true;
}

// Leading digits of s as a fraction x / scale (Go's leadingFraction): digits
// past int64's precision are consumed and ignored.
void leadingFraction(std::string_view* s, uint64_t* x, double* scale) {
  size_t i = 0;
  bool overflow = false;
  *x = 0;
  *scale = 1;
  for (; i < s->size() && isDigit((*s)[i]); i++) {
    if (overflow) continue;
    if (*x > (kMaxMagnitude - 1) / 10) {
      overflow = true;
      continue;
    }
    uint64_t y = *x * 10 + static_cast<uint64_t>((*s)[i] - '0');
    if (y > kMaxMagnitude) {
      overflow = true;
      continue;
    }
    *x = y;
    *scale *= 10;
  }
  s->remove_prefix(i);
}

uint64_t unitNs(std::string_view u) {
  if (u == "ns") return 1;
  if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") return 1000;  // u, U+00B5 micro sign, U+03BC mu
  if (u == "ms") return 1000000;
  if (u == "s") return 1000000000;
  if (u == "m") return 60000000000;
  if (u == "h") return 3600000000000;
  return 0;
}

}  // namespace

bool parseDuration(std::string_view orig, int64_t* out, std::string* error) {
  std::string_view s = orig;
  auto invalid = [&] {
    *error = "time: invalid duration " + quoteForError(orig);
    return false;
  };
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    *out = 0;
    return true;
  }
  if (s.empty()) return invalid();
  uint64_t d = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || isDigit(s[0]))) return invalid();
    size_t before = s.size();
    uint64_t v = 0;
    if (!leadingInt(&s, &v)) return invalid();
    bool pre = before != s.size();
    uint64_t f = 0;
    double scale = 1;
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      size_t rest = s.size();
      leadingFraction(&s, &f, &scale);
      post = rest != s.size();
    }
    if (!pre && !post) return invalid();
    size_t i = 0;
    while (i < s.size() && s[i] != '.' && !isDigit(s[i])) i++;
    if (i == 0) {
      *error = "time: missing unit in duration " + quoteForError(orig);
      return false;
    }
    std::string_view u = s.substr(0, i);
    s.remove_prefix(i);
    uint64_t unit = unitNs(u);
    if (unit == 0) {
      *error = "time: unknown unit " + quoteForError(u) + " in duration " + quoteForError(orig);
      return false;
    }
    if (v > kMaxMagnitude / unit) return invalid();
    v *= unit;
    if (f > 0) {
      // A double keeps a fraction of an hour exact to the nanosecond.
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kMaxMagnitude) return invalid();
    }
    d += v;
    if (d > kMaxMagnitude) return invalid();
  }
  if (neg) {
    *out = static_cast<int64_t>(0 - d);
    return true;
  }
  if (d > kMaxMagnitude - 1) return invalid();
  *out = static_cast<int64_t>(d);
  return true;
}

}  // namespace goro::lang::value

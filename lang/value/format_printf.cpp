// lang/value/format_printf.cpp: fmt's Print, Println and Printf over the
// printer of lang/value/format_printer.h: Go's rules for spaces between
// operands, and Go's directive parser: flags (# 0 + - space), a width and a
// precision (numbers or *, taken from an int argument), explicit argument
// indexes [n], and the inline error forms for a missing verb, a missing or bad
// argument, a bad width or precision, and arguments left over.
#include <string>
#include <string_view>

#include "lang/syntax/utf8.h"
#include "lang/value/format.h"
#include "lang/value/format_printer.h"
#include "lang/value/value_ops.h"

namespace goro::lang::value::detail {

using runtime::Value;

namespace {

// A decimal number at format[i..end); Go's parsenum.
bool parseNum(std::string_view format, size_t* i, int* num) {
  bool isNum = false;
  *num = 0;
  while (*i < format.size() && format[*i] >= '0' && format[*i] <= '9') {
    if (*num > kMaxWidth) return false;  // overflow: the directive is malformed
    *num = *num * 10 + (format[*i] - '0');
    isNum = true;
    (*i)++;
  }
  return isNum;
}

// The state of argument selection across a Printf call.
struct ArgState {
  size_t argNum = 0;
  bool reordered = false;   // an [n] index was used
  bool goodArgNum = true;   // the last [n] was valid
};

// An explicit argument index [n] at format[i]: selects argument n-1.
// Returns true if an index was consumed (valid or not).
bool argNumber(std::string_view format, size_t* i, size_t numArgs, ArgState* st) {
  if (*i >= format.size() || format[*i] != '[') return false;
  st->reordered = true;
  size_t close = format.find(']', *i + 1);
  if (close == std::string_view::npos) {
    st->goodArgNum = false;
    (*i)++;
    return false;
  }
  size_t p = *i + 1;
  int index = 0;
  bool ok = parseNum(format, &p, &index) && p == close;
  *i = close + 1;
  if (ok && index >= 1 && static_cast<size_t>(index) <= numArgs) {
    st->argNum = static_cast<size_t>(index - 1);
    return true;
  }
  st->goodArgNum = false;
  return ok;
}

// A * width or precision: the next argument, which must be an int.
bool intFromArg(const Value* args, size_t n, ArgState* st, int* out) {
  *out = 0;
  if (st->argNum >= n) return false;
  Value v = args[st->argNum++];
  if (!isInt(v)) return false;
  int64_t i = intOf(v);
  if (i > kMaxWidth || i < -kMaxWidth) return false;
  *out = static_cast<int>(i);
  return true;
}

}  // namespace

void Printer::doPrint(const Value* args, size_t n) {
  bool prevString = false;
  for (size_t i = 0; i < n; i++) {
    bool string = isString(args[i]);
    if (i > 0 && !string && !prevString) out_.push_back(' ');
    printArg(args[i], 'v');
    prevString = string;
  }
}

void Printer::doPrintln(const Value* args, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i > 0) out_.push_back(' ');
    printArg(args[i], 'v');
  }
  out_.push_back('\n');
}

void Printer::doPrintf(std::string_view format, const Value* args, size_t n) {
  size_t end = format.size();
  ArgState st;
  bool afterIndex = false;
  size_t i = 0;
  while (i < end) {
    st.goodArgNum = true;
    size_t literal = i;
    while (i < end && format[i] != '%') i++;
    out_.append(format.substr(literal, i - literal));
    if (i >= end) break;
    i++;  // the %

    f_ = Flags{};
    bool simple = false;
    for (; i < end; i++) {
      char c = format[i];
      if (c == '#') {
        f_.sharp = true;
      } else if (c == '0') {
        f_.zero = !f_.minus;
      } else if (c == '+') {
        f_.plus = true;
      } else if (c == '-') {
        f_.minus = true;
        f_.zero = false;
      } else if (c == ' ') {
        f_.space = true;
      } else {
        // A lower-case verb right after the flags: no width, precision or
        // index to read.
        if (c >= 'a' && c <= 'z' && st.argNum < n) {
          if (c == 'v') {
            f_.sharpV = f_.sharp;
            f_.sharp = false;
            f_.plusV = f_.plus;
            f_.plus = false;
          }
          printArg(args[st.argNum++], static_cast<char32_t>(c));
          i++;
          simple = true;
        }
        break;
      }
    }
    if (simple) continue;

    afterIndex = argNumber(format, &i, n, &st);
    if (i < end && format[i] == '*') {
      i++;
      f_.widPresent = intFromArg(args, n, &st, &f_.wid);
      if (!f_.widPresent) out_ += "%!(BADWIDTH)";
      if (f_.wid < 0) {
        f_.wid = -f_.wid;
        f_.minus = true;
        f_.zero = false;
      }
      afterIndex = false;
    } else {
      f_.widPresent = parseNum(format, &i, &f_.wid);
      if (afterIndex && f_.widPresent) st.goodArgNum = false;  // "%[3]2d"
    }
    if (i + 1 < end && format[i] == '.') {
      i++;
      if (afterIndex) st.goodArgNum = false;  // "%[3].2d"
      afterIndex = argNumber(format, &i, n, &st);
      if (i < end && format[i] == '*') {
        i++;
        f_.precPresent = intFromArg(args, n, &st, &f_.prec);
        if (f_.prec < 0) {
          f_.prec = 0;
          f_.precPresent = false;
        }
        if (!f_.precPresent) out_ += "%!(BADPREC)";
        afterIndex = false;
      } else {
        f_.precPresent = parseNum(format, &i, &f_.prec);
        if (!f_.precPresent) {
          f_.prec = 0;
          f_.precPresent = true;
        }
      }
    }
    if (!afterIndex) afterIndex = argNumber(format, &i, n, &st);
    if (i >= end) {
      out_ += "%!(NOVERB)";
      break;
    }
    int len = 1;
    char32_t verb = static_cast<unsigned char>(format[i]);
    if (verb >= 0x80) {
      int32_t r = syntax::utf8::decode(format.data() + i, format.data() + end, &len);
      verb = r < 0 ? 0xFFFD : static_cast<char32_t>(r);
    }
    i += static_cast<size_t>(len);

    if (verb == '%') {
      out_.push_back('%');  // takes no operand, ignores width and precision
    } else if (!st.goodArgNum) {
      out_ += "%!";
      writeRune(verb);
      out_ += "(BADINDEX)";
    } else if (st.argNum >= n) {
      out_ += "%!";
      writeRune(verb);
      out_ += "(MISSING)";
    } else {
      if (verb == 'v') {
        f_.sharpV = f_.sharp;
        f_.sharp = false;
        f_.plusV = f_.plus;
        f_.plus = false;
      }
      printArg(args[st.argNum++], verb);
    }
  }

  if (!st.reordered && st.argNum < n) {
    f_ = Flags{};
    out_ += "%!(EXTRA ";
    for (size_t k = st.argNum; k < n; k++) {
      if (k > st.argNum) out_ += ", ";
      if (args[k].isNil()) {
        out_ += "<nil>";
      } else {
        out_ += typeName(args[k]);
        out_.push_back('=');
        printArg(args[k], 'v');
      }
    }
    out_.push_back(')');
  }
}

}  // namespace goro::lang::value::detail

namespace goro::lang::value {

void appendSprint(std::string& out, const runtime::Value* args, size_t n) {
  detail::Printer(out).doPrint(args, n);
}

void appendSprintln(std::string& out, const runtime::Value* args, size_t n) {
  detail::Printer(out).doPrintln(args, n);
}

void appendSprintf(std::string& out, std::string_view format, const runtime::Value* args, size_t n) {
  detail::Printer(out).doPrintf(format, args, n);
}

}  // namespace goro::lang::value

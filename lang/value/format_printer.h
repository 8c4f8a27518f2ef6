// lang/value/format_printer.h: the printer behind lang/value/format.h, shared
// by lang/value/format.cpp (operands: the per-type formatters, arrays, maps,
// bad verbs) and lang/value/format_printf.cpp (Print, Println, and the Printf
// directive parser). Internal to the two.
//
// A Printer appends to one output string and holds the flags of the
// directive being formatted (Go's pp and fmt structs in one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/object_layouts.h"
#include "runtime/value.h"

namespace goro::lang::value::detail {

// Widths and precisions above this are malformed (Go's tooLarge).
inline constexpr int kMaxWidth = 1000000;

struct Flags {
  bool widPresent = false;
  bool precPresent = false;
  bool minus = false;
  bool plus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  bool plusV = false;   // %+v
  bool sharpV = false;  // %#v
  int wid = 0;
  int prec = 0;
};

class Printer {
 public:
  explicit Printer(std::string& out) : out_(out) {}

  // One operand with the current flags (format.cpp).
  void printArg(runtime::Value v, char32_t verb);
  // Whole calls (format_printf.cpp).
  void doPrint(const runtime::Value* args, size_t n);
  void doPrintln(const runtime::Value* args, size_t n);
  void doPrintf(std::string_view format, const runtime::Value* args, size_t n);

 private:
  // Padding (Go's fmt.pad / padString / writePadding).
  void writePadding(int n);
  void pad(std::string_view s);

  void printValue(runtime::Value v, char32_t verb);
  void badVerb(runtime::Value v, char32_t verb);
  void writeRune(char32_t r);

  void fmtInteger(uint64_t u, int base, bool isSigned, char32_t verb, const char* digits);
  void fmtIntVerb(runtime::Value v, int64_t i, char32_t verb);
  void fmtUnicode(uint64_t u);
  void fmtFloatVerb(runtime::Value v, double d, char32_t verb);
  void fmtFloat(double d, char verb, int prec);
  void fmtStringVerb(runtime::Value v, std::string_view s, char32_t verb);
  void fmtQ(std::string_view s);
  void fmtSx(std::string_view s, const char* digits);
  void fmtPointerLike(runtime::Value v, char32_t verb);
  void fmtArray(const runtime::Array* a, char32_t verb);
  void fmtMap(const runtime::Map* m, char32_t verb);
  void fmtRecord(runtime::Value v, char32_t verb);

  std::string_view truncate(std::string_view s) const;

  std::string& out_;
  Flags f_;
  std::vector<const runtime::Object*> path_;  // arrays, maps and records being printed
};

}  // namespace goro::lang::value::detail

// lang/value/format.h: Go's fmt for Goro values: %v text of every value, and
// Printf-style formatting with the verbs of docs/language.md
// (%v %d %s %q %f %x %t %% with width, precision and the - and 0 flags),
// plus the rest of Go's verbs for these types (%e %E %g %G %F %X %o %O %b
// %c %U %p %T), the + # and space flags, * widths and [n] argument indexes.
//
// Formatting never allocates in the collected heap, so it needs no rooting:
// the values passed in must just stay reachable for the duration of the
// call (stack slots are).
#pragma once

#include <string>
#include <string_view>

#include "runtime/value.h"

namespace goro::lang::value {

// Appends the %v text of v: <nil>, true, 42, 1.5 / 1e+21 / 3 (Go's shortest
// float form), strings as is, [1 2 3], map[a:1 b:2] in insertion order,
// func/chan/WaitGroup/Mutex (and the library's other objects, atomic.Int64,
// *os.File, *bufio.Scanner) as `chan 0xc000012345`. An array or map that
// contains itself prints the inner occurrence as [...] or map[...], and
// nesting deeper than kMaxFormatDepth prints "..." (Go would overflow its
// stack; Goro must not crash).
void appendValue(std::string& out, runtime::Value v);
inline constexpr int kMaxFormatDepth = 256;

// fmt.Sprint(args...): operands formatted with %v, a space added between
// operands when neither is a string (Go's rule).
void appendSprint(std::string& out, const runtime::Value* args, size_t n);
// fmt.Sprintln / println: operands separated by spaces, then a newline.
void appendSprintln(std::string& out, const runtime::Value* args, size_t n);
// fmt.Sprintf. Bad verbs and argument mismatches are written inline as Go
// does: %!d(string=hi), %!v(MISSING), %!(EXTRA int=3), %!(NOVERB),
// %!v(BADINDEX). Type names in them are Goro's (type(x)): %!d(float=1.5).
void appendSprintf(std::string& out, std::string_view format, const runtime::Value* args, size_t n);

// strconv.Quote(s) (and QuoteToASCII when asciiOnly), as %q writes it.
void appendQuoted(std::string& out, std::string_view s, bool asciiOnly);

}  // namespace goro::lang::value

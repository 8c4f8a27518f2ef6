// lang/value/quote.h: Go's strconv quoting, as %q and error messages use it:
// Quote ("..." with Go escapes), QuoteToASCII (the + flag), QuoteRune
// ('x'), CanBackquote (the # flag), and the printability test behind them.
//
// Printability follows Go's unicode.IsPrint for ASCII and for the ranges
// that matter in practice (controls, the C1 block, format characters,
// separators other than U+0020, private use, noncharacters); code points
// Unicode leaves unassigned are treated as printable, where Go's tables
// would escape them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lang/value/format.h"

namespace goro::lang::value {

// strconv.Quote / QuoteToASCII (declared in lang/value/format.h): invalid UTF-8
// bytes become \xNN.
// strconv.QuoteRune / QuoteRuneToASCII; an invalid code point is quoted as
// U+FFFD.
void appendQuotedRune(std::string& out, int64_t r, bool asciiOnly);
// strconv.CanBackquote: no control characters but tab, no back quote,
// valid UTF-8, no U+FEFF.
bool canBackquote(std::string_view s);
// unicode.IsPrint, as described above.
bool isPrintRune(int32_t r);

}  // namespace goro::lang::value

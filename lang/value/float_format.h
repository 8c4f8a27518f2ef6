// lang/value/float_format.h: the text of a float64 as Go's
// strconv.AppendFloat(v, fmt, prec, 64) writes it, the layer under fmt's %v %e
// %f %g %x %b.
//
// The rule %v relies on (Go's src/strconv/ftoa.go, formatDigits): 'g' with
// the shortest precision (prec < 0) takes the shortest decimal digits that
// read back as the same float, and uses the %e form when the decimal
// exponent x (value = d.ddd * 10^x) is < -4 or >= 6 when the precision is
// shortest, or >= the precision otherwise; %e exponents have at least two
// digits. So 1e6 -> "1e+06", 123456789.0 -> "1.23456789e+08", 100000.0 ->
// "100000", 0.0001 -> "0.0001", 0.00001 -> "1e-05", 3.0 -> "3", -0.0 ->
// "-0", and the specials are "+Inf", "-Inf", "NaN".
#pragma once

#include <string>

namespace goro::lang::value {

// fmt is one of 'e' 'E' 'f' 'g' 'G' 'x' 'X' 'b'; prec < 0 is the shortest
// exact form. An unknown fmt appends "%" and fmt, as Go does.
void appendFloat(std::string& out, double v, char fmt, int prec);

}  // namespace goro::lang::value

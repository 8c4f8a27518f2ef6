// Golden formatting cases for lang/value/format.h and
// lang/value/float_format.h, each expectation being what Go's fmt prints for
// the same value (Goro's type names in error forms). Float rule: Go's strconv
// 'g' with the shortest digits uses %e when the exponent is < -4 or >= 6
// (src/strconv/ftoa.go, "if precision was the shortest possible, use precision
// 6 for this decision").
#include <cmath>
#include <limits>
#include <regex>

#include "gc/allocate.h"
#include "lang/value/array_ops.h"
#include "lang/value/float_format.h"
#include "lang/value/map_ops.h"
#include "lang/value/quote.h"
#include "tests/lang/library_fixture.h"

namespace goro::lang::value {
namespace {

using runtime::Kind;
using runtime::Value;
using testing::LibTest;

class FormatTest : public LibTest {
 protected:
  Value array(std::initializer_list<Value> values) {
    size_t base = roots.size();
    for (Value v : values) roots.push_back(v);
    return keep(Value::object(newArrayFrom(cache, roots.data() + base, values.size())));
  }
  Value map(std::initializer_list<std::pair<Value, Value>> pairs) {
    Value m = keep(Value::object(newMap(cache, 0)));
    for (auto& [k, v] : pairs) {
      keep(k);
      keep(v);
      mapSet(cache, static_cast<runtime::Map*>(m.asObject()), k, v);
    }
    return m;
  }
};

std::string g(double d) {
  std::string s;
  appendValue(s, Value::fromFloat(d));
  return s;
}

TEST_F(FormatTest, FloatsLikeGoPercentV) {
  EXPECT_EQ(g(1e6), "1e+06");
  EXPECT_EQ(g(1e20), "1e+20");
  EXPECT_EQ(g(1e21), "1e+21");
  EXPECT_EQ(g(123456789.0), "1.23456789e+08");
  EXPECT_EQ(g(100000.0), "100000");
  EXPECT_EQ(g(999999.0), "999999");
  EXPECT_EQ(g(123456.7), "123456.7");
  EXPECT_EQ(g(1234567.0), "1.234567e+06");
  EXPECT_EQ(g(0.0001), "0.0001");
  EXPECT_EQ(g(0.00001), "1e-05");
  EXPECT_EQ(g(2.5e-5), "2.5e-05");
  EXPECT_EQ(g(1e-7), "1e-07");
  EXPECT_EQ(g(3.0), "3");
  EXPECT_EQ(g(1.5), "1.5");
  EXPECT_EQ(g(-2.25), "-2.25");
  EXPECT_EQ(g(0.0), "0");
  EXPECT_EQ(g(-0.0), "-0");
  EXPECT_EQ(g(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(g(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(g(1e100), "1e+100");
  EXPECT_EQ(g(5e-324), "5e-324");
  EXPECT_EQ(g(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
  EXPECT_EQ(g(INFINITY), "+Inf");
  EXPECT_EQ(g(-INFINITY), "-Inf");
  EXPECT_EQ(g(NAN), "NaN");
  EXPECT_EQ(g(3.141592653589793), "3.141592653589793");
}

std::string af(double d, char fmt, int prec) {
  std::string s;
  appendFloat(s, d, fmt, prec);
  return s;
}

TEST_F(FormatTest, StrconvFormats) {
  EXPECT_EQ(af(123456.789, 'e', 6), "1.234568e+05");
  EXPECT_EQ(af(0.0, 'e', 6), "0.000000e+00");
  EXPECT_EQ(af(1.5, 'E', 6), "1.500000E+00");
  EXPECT_EQ(af(1e-10, 'G', -1), "1E-10");
  EXPECT_EQ(af(1234.5678, 'e', 3), "1.235e+03");
  EXPECT_EQ(af(1.0, 'e', -1), "1e+00");
  EXPECT_EQ(af(1e300, 'e', 2), "1.00e+300");
  EXPECT_EQ(af(1234.5, 'g', 3), "1.23e+03");
  EXPECT_EQ(af(100.0, 'g', 3), "100");
  EXPECT_EQ(af(1.0, 'g', 3), "1");
  EXPECT_EQ(af(0.000012345, 'g', 3), "1.23e-05");
  EXPECT_EQ(af(123456.0, 'g', 0), "1e+05");
  EXPECT_EQ(af(2.5, 'f', 0), "2");  // ties to even, on the exact value
  EXPECT_EQ(af(3.5, 'f', 0), "4");
  EXPECT_EQ(af(1.005, 'f', 2), "1.00");  // 1.005 is a little below
  EXPECT_EQ(af(0.125, 'f', 2), "0.12");
  EXPECT_EQ(af(1e21, 'f', -1), "1000000000000000000000");
  EXPECT_EQ(af(0.000001, 'f', -1), "0.000001");
  EXPECT_EQ(af(1.0, 'f', 3), "1.000");
  EXPECT_EQ(af(0.0001, 'f', 2), "0.00");
  EXPECT_EQ(af(1e22, 'f', 1), "10000000000000000000000.0");
  EXPECT_EQ(af(1.0, 'b', -1), "4503599627370496p-52");
  EXPECT_EQ(af(0.0, 'b', -1), "0p-1074");
  EXPECT_EQ(af(1.0, 'x', -1), "0x1p+00");
  EXPECT_EQ(af(3.0, 'x', -1), "0x1.8p+01");
  EXPECT_EQ(af(0.1, 'x', -1), "0x1.999999999999ap-04");
  EXPECT_EQ(af(1.0, 'x', 2), "0x1.00p+00");
  EXPECT_EQ(af(0.0, 'x', -1), "0x0p+00");
  EXPECT_EQ(af(-1.0, 'X', -1), "-0X1P+00");
  EXPECT_EQ(af(1.96875, 'x', 0), "0x1p+01");  // 0x1.f8 rounds up to 0x2
  EXPECT_EQ(af(5e-324, 'x', -1), "0x1p-1074");
  EXPECT_EQ(af(1e300, 'x', 1), "0x1.8p+996");
}

TEST_F(FormatTest, PercentVOfEveryKind) {
  EXPECT_EQ(text(Value::nil()), "<nil>");
  EXPECT_EQ(text(Value::boolean(true)), "true");
  EXPECT_EQ(text(Value::boolean(false)), "false");
  EXPECT_EQ(text(Value::smallInt(-42)), "-42");
  EXPECT_EQ(text(num(std::numeric_limits<int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(text(str("a b\n")), "a b\n");
  EXPECT_EQ(text(array({})), "[]");
  EXPECT_EQ(text(array({Value::smallInt(1), Value::smallInt(2), Value::smallInt(3)})), "[1 2 3]");
  Value inner = array({Value::smallInt(2), flt(3.5)});
  EXPECT_EQ(text(array({Value::smallInt(1), inner, str("a b"), Value::nil()})), "[1 [2 3.5] a b <nil>]");
  EXPECT_EQ(text(map({})), "map[]");
  EXPECT_EQ(text(map({{str("b"), Value::smallInt(1)}, {str("a"), Value::smallInt(2)}})), "map[b:1 a:2]");
  EXPECT_EQ(text(map({{flt(1.0), str("x")}, {Value::boolean(true), Value::nil()}})), "map[1:x true:<nil>]");

  std::regex pointer("(func|chan|WaitGroup|Mutex) 0x[0-9a-f]+");
  for (Kind k : {Kind::Closure, Kind::NativeFunc, Kind::Chan, Kind::WaitGroup, Kind::Mutex}) {
    Value o = keep(Value::object(gc::allocate(cache, k, 64)));
    std::string t = text(o);
    EXPECT_TRUE(std::regex_match(t, pointer)) << t;
    EXPECT_EQ(t.substr(0, t.find(' ')), typeName(o));
  }
}

TEST_F(FormatTest, CyclesAndDepthAreCutShort) {
  Value a = array({Value::smallInt(1)});
  arrayAppend(cache, static_cast<runtime::Array*>(a.asObject()), &a, 1);
  EXPECT_EQ(text(a), "[1 [...]]");
  Value m = map({{str("k"), Value::smallInt(1)}});
  mapSet(cache, static_cast<runtime::Map*>(m.asObject()), str("self"), m);
  EXPECT_EQ(text(m), "map[k:1 self:map[...]]");

  Value nested = array({});
  for (int i = 0; i < 1000; i++) nested = array({nested});
  std::string t = text(nested);
  EXPECT_NE(t.find("..."), std::string::npos);
  EXPECT_EQ(t.substr(0, 3), "[[[");
}

TEST_F(FormatTest, SprintAddsSpacesBetweenNonStrings) {
  Value args[] = {str("a"), Value::smallInt(1), Value::smallInt(2), str("b"), str("c"), flt(3.5), Value::nil()};
  std::string s;
  appendSprint(s, args, 7);
  EXPECT_EQ(s, "a1 2bc3.5 <nil>");
  std::string ln;
  appendSprintln(ln, args, 3);
  EXPECT_EQ(ln, "a 1 2\n");
  std::string none;
  appendSprintln(none, args, 0);
  EXPECT_EQ(none, "\n");
}

TEST_F(FormatTest, PrintfIntegers) {
  Value n = Value::smallInt(42);
  EXPECT_EQ(sprintf("%d", {n}), "42");
  EXPECT_EQ(sprintf("%5d|", {n}), "   42|");
  EXPECT_EQ(sprintf("%-5d|", {n}), "42   |");
  EXPECT_EQ(sprintf("%05d", {n}), "00042");
  EXPECT_EQ(sprintf("%05d", {Value::smallInt(-42)}), "-0042");
  EXPECT_EQ(sprintf("%-05d|", {n}), "42   |");
  EXPECT_EQ(sprintf("%+d", {n}), "+42");
  EXPECT_EQ(sprintf("% d", {n}), " 42");
  EXPECT_EQ(sprintf("%.3d", {Value::smallInt(7)}), "007");
  EXPECT_EQ(sprintf("%6.3d|", {Value::smallInt(7)}), "   007|");
  EXPECT_EQ(sprintf("%.0d|", {Value::smallInt(0)}), "|");
  EXPECT_EQ(sprintf("%x", {Value::smallInt(255)}), "ff");
  EXPECT_EQ(sprintf("%X", {Value::smallInt(255)}), "FF");
  EXPECT_EQ(sprintf("%#x", {Value::smallInt(255)}), "0xff");
  EXPECT_EQ(sprintf("%#08x", {Value::smallInt(255)}), "0x000000ff");
  EXPECT_EQ(sprintf("%x", {Value::smallInt(-255)}), "-ff");
  EXPECT_EQ(sprintf("%o", {Value::smallInt(8)}), "10");
  EXPECT_EQ(sprintf("%#o", {Value::smallInt(8)}), "010");
  EXPECT_EQ(sprintf("%O", {Value::smallInt(8)}), "0o10");
  EXPECT_EQ(sprintf("%b", {Value::smallInt(5)}), "101");
  EXPECT_EQ(sprintf("%#b", {Value::smallInt(5)}), "0b101");
  EXPECT_EQ(sprintf("%c", {Value::smallInt(65)}), "A");
  EXPECT_EQ(sprintf("%c", {Value::smallInt(0x65E5)}), "日");
  EXPECT_EQ(sprintf("%c", {Value::smallInt(-1)}), "\uFFFD");
  EXPECT_EQ(sprintf("%q", {Value::smallInt(65)}), "'A'");
  EXPECT_EQ(sprintf("%q", {Value::smallInt('\'')}), "'\\''");
  EXPECT_EQ(sprintf("%q", {Value::smallInt('\n')}), "'\\n'");
  EXPECT_EQ(sprintf("%U", {Value::smallInt(0x1F600)}), "U+1F600");
  EXPECT_EQ(sprintf("%U", {Value::smallInt(0x41)}), "U+0041");
  EXPECT_EQ(sprintf("%#U", {Value::smallInt(0x41)}), "U+0041 'A'");
  EXPECT_EQ(sprintf("%d", {num(std::numeric_limits<int64_t>::max())}), "9223372036854775807");
  EXPECT_EQ(sprintf("%x", {num(std::numeric_limits<int64_t>::min())}), "-8000000000000000");
}

TEST_F(FormatTest, PrintfFloats) {
  Value pi = flt(3.14159);
  EXPECT_EQ(sprintf("%f", {flt(1.0)}), "1.000000");
  EXPECT_EQ(sprintf("%.2f", {pi}), "3.14");
  EXPECT_EQ(sprintf("%08.3f", {pi}), "0003.142");
  EXPECT_EQ(sprintf("%08.3f", {flt(-3.14159)}), "-003.142");
  EXPECT_EQ(sprintf("%10.3f|", {pi}), "     3.142|");
  EXPECT_EQ(sprintf("%-10.3f|", {pi}), "3.142     |");
  EXPECT_EQ(sprintf("%+.1f", {flt(2.0)}), "+2.0");
  EXPECT_EQ(sprintf("% .1f", {flt(2.0)}), " 2.0");
  EXPECT_EQ(sprintf("%.2f", {flt(2.675)}), "2.67");
  EXPECT_EQ(sprintf("%.0f", {flt(0.5)}), "0");
  EXPECT_EQ(sprintf("%5.1f|", {flt(-0.0)}), " -0.0|");
  EXPECT_EQ(sprintf("%F", {flt(1.5)}), "1.500000");
  EXPECT_EQ(sprintf("%e", {flt(123456.789)}), "1.234568e+05");
  EXPECT_EQ(sprintf("%E", {flt(1.5)}), "1.500000E+00");
  EXPECT_EQ(sprintf("%g", {flt(1e6)}), "1e+06");
  EXPECT_EQ(sprintf("%g", {flt(0.0)}), "0");
  EXPECT_EQ(sprintf("%.3g", {flt(1234.5)}), "1.23e+03");
  EXPECT_EQ(sprintf("%#g", {flt(1.0)}), "1.00000");
  EXPECT_EQ(sprintf("%#.3g", {flt(1.0)}), "1.00");
  EXPECT_EQ(sprintf("%#.0f", {flt(3.0)}), "3.");
  EXPECT_EQ(sprintf("%#g", {flt(1e6)}), "1.00000e+06");
  EXPECT_EQ(sprintf("%v", {flt(1e21)}), "1e+21");
  EXPECT_EQ(sprintf("%8v|", {flt(1.5)}), "     1.5|");
  EXPECT_EQ(sprintf("%x", {flt(3.0)}), "0x1.8p+01");
  EXPECT_EQ(sprintf("%6.2f|", {flt(NAN)}), "   NaN|");
  EXPECT_EQ(sprintf("%06.2f|", {flt(INFINITY)}), "  +Inf|");
  EXPECT_EQ(sprintf("%f", {flt(-INFINITY)}), "-Inf");
  EXPECT_EQ(sprintf("%+f", {flt(NAN)}), "+NaN");
  EXPECT_EQ(sprintf("%v", {flt(-0.0)}), "-0");
  EXPECT_EQ(sprintf("%.3f", {flt(1e-10)}), "0.000");
  EXPECT_EQ(sprintf("%f", {Value::smallInt(3)}), "%!f(int=3)");
  EXPECT_EQ(sprintf("%d", {flt(1.5)}), "%!d(float=1.5)");
}

TEST_F(FormatTest, PrintfStringsAndBools) {
  Value hi = str("hi");
  EXPECT_EQ(sprintf("%s", {hi}), "hi");
  EXPECT_EQ(sprintf("%v", {hi}), "hi");
  EXPECT_EQ(sprintf("%-8s|", {hi}), "hi      |");
  EXPECT_EQ(sprintf("%8s|", {hi}), "      hi|");
  EXPECT_EQ(sprintf("%.1s", {str("hello")}), "h");
  EXPECT_EQ(sprintf("%.2s", {str("日本語")}), "日本");
  EXPECT_EQ(sprintf("%5s|", {str("日本")}), "   日本|");  // width counts runes
  EXPECT_EQ(sprintf("%4s|", {str("\x80\x80")}), "  \x80\x80|");  // a stray byte is a rune
  EXPECT_EQ(sprintf("%.1s|", {str("\x80\x80")}), "\x80|");
  EXPECT_EQ(sprintf("%q", {str("a\"b\n")}), "\"a\\\"b\\n\"");
  EXPECT_EQ(sprintf("%q", {str(std::string("\0é", 3))}), "\"\\x00é\"");
  EXPECT_EQ(sprintf("%+q", {str("é")}), "\"\\u00e9\"");
  EXPECT_EQ(sprintf("%#q", {str("ab")}), "`ab`");
  EXPECT_EQ(sprintf("%#q", {str("a`b")}), "\"a`b\"");
  EXPECT_EQ(sprintf("%#v", {hi}), "\"hi\"");
  EXPECT_EQ(sprintf("%x", {hi}), "6869");
  EXPECT_EQ(sprintf("%X", {str("\xab")}), "AB");
  EXPECT_EQ(sprintf("% x", {hi}), "68 69");
  EXPECT_EQ(sprintf("%#x", {hi}), "0x6869");
  EXPECT_EQ(sprintf("% #x", {hi}), "0x68 0x69");
  EXPECT_EQ(sprintf("%6x|", {hi}), "  6869|");
  EXPECT_EQ(sprintf("%.1x", {hi}), "68");
  EXPECT_EQ(sprintf("%t", {Value::boolean(true)}), "true");
  EXPECT_EQ(sprintf("%6t|", {Value::boolean(false)}), " false|");
  EXPECT_EQ(sprintf("%v", {Value::boolean(false)}), "false");
  EXPECT_EQ(sprintf("%t", {Value::smallInt(1)}), "%!t(int=1)");
  EXPECT_EQ(sprintf("%d", {hi}), "%!d(string=hi)");
  EXPECT_EQ(sprintf("%s", {Value::smallInt(5)}), "%!s(int=5)");
  EXPECT_EQ(sprintf("%d", {Value::boolean(true)}), "%!d(bool=true)");
}

TEST_F(FormatTest, PrintfArgumentErrors) {
  Value one = Value::smallInt(1);
  EXPECT_EQ(sprintf("%%", {}), "%");
  EXPECT_EQ(sprintf("100%%!", {}), "100%!");
  EXPECT_EQ(sprintf("%d", {}), "%!d(MISSING)");
  EXPECT_EQ(sprintf("%d %s", {one}), "1 %!s(MISSING)");
  EXPECT_EQ(sprintf("%d", {one, Value::smallInt(3)}), "1%!(EXTRA int=3)");
  EXPECT_EQ(sprintf("x", {one, str("a"), Value::nil()}), "x%!(EXTRA int=1, string=a, <nil>)");
  EXPECT_EQ(sprintf("%", {}), "%!(NOVERB)");
  EXPECT_EQ(sprintf("%-", {one}), "%!(NOVERB)%!(EXTRA int=1)");
  EXPECT_EQ(sprintf("%z", {one}), "%!z(int=1)");
  EXPECT_EQ(sprintf("%!", {}), "%!!(MISSING)");
  EXPECT_EQ(sprintf("%d", {Value::nil()}), "%!d(<nil>)");
  EXPECT_EQ(sprintf("%s", {Value::nil()}), "%!s(<nil>)");
  EXPECT_EQ(sprintf("%v", {Value::nil()}), "<nil>");
  EXPECT_EQ(sprintf("%6v|", {Value::nil()}), " <nil>|");
  EXPECT_EQ(sprintf("%T %T", {flt(1.5), Value::nil()}), "float <nil>");
  EXPECT_EQ(sprintf("%*d", {Value::smallInt(5), Value::smallInt(42)}), "   42");
  EXPECT_EQ(sprintf("%-*d|", {Value::smallInt(5), Value::smallInt(42)}), "42   |");
  EXPECT_EQ(sprintf("%*d|", {Value::smallInt(-5), Value::smallInt(42)}), "42   |");
  EXPECT_EQ(sprintf("%.*f", {Value::smallInt(2), flt(3.14159)}), "3.14");
  EXPECT_EQ(sprintf("%*d", {str("x"), Value::smallInt(42)}), "%!(BADWIDTH)42");
  EXPECT_EQ(sprintf("%.*d", {str("x"), Value::smallInt(42)}), "%!(BADPREC)42");
  EXPECT_EQ(sprintf("%[2]d %[1]d", {one, Value::smallInt(2)}), "2 1");
  EXPECT_EQ(sprintf("%[3]d", {one, Value::smallInt(2)}), "%!d(BADINDEX)");
  EXPECT_EQ(sprintf("%[1]d %d", {one, Value::smallInt(2)}), "1 2");
  EXPECT_EQ(sprintf("%d %d %[1]d", {one, Value::smallInt(2), Value::smallInt(3)}), "1 2 1");  // reordered: no EXTRA
}

TEST_F(FormatTest, PrintfAppliesTheVerbToElements) {
  Value a = array({Value::smallInt(1), Value::smallInt(2)});
  EXPECT_EQ(sprintf("%d %d", {a}), "[1 2] %!d(MISSING)");
  EXPECT_EQ(sprintf("%5d", {a}), "[    1     2]");
  EXPECT_EQ(sprintf("%x", {array({Value::smallInt(10), Value::smallInt(255)})}), "[a ff]");
  EXPECT_EQ(sprintf("%q", {array({str("a"), str("b")})}), "[\"a\" \"b\"]");
  EXPECT_EQ(sprintf("%s", {array({Value::smallInt(1), Value::nil()})}), "[%!s(int=1) <nil>]");
  EXPECT_EQ(sprintf("%v", {map({{str("a"), array({Value::smallInt(1)})}})}), "map[a:[1]]");
  EXPECT_EQ(sprintf("%q", {map({{str("a"), str("b")}})}), "map[\"a\":\"b\"]");
  EXPECT_EQ(sprintf("%#v", {array({Value::smallInt(1), str("x")})}), "[1, \"x\"]");
  EXPECT_EQ(sprintf("%#v", {map({{str("k"), Value::smallInt(1)}, {Value::smallInt(2), str("v")}})}),
            "{\"k\": 1, 2: \"v\"}");
  Value chan = keep(Value::object(gc::allocate(cache, Kind::Chan, sizeof(runtime::Chan))));
  std::string p = sprintf("%p", {chan});
  EXPECT_TRUE(std::regex_match(p, std::regex("0x[0-9a-f]+"))) << p;
  std::string bad = sprintf("%s", {chan});
  EXPECT_TRUE(std::regex_match(bad, std::regex("%!s\\(chan=0x[0-9a-f]+\\)"))) << bad;
  EXPECT_EQ(sprintf("%p", {Value::smallInt(1)}), "%!p(int=1)");
}

std::string q(std::string_view s, bool ascii = false) {
  std::string out;
  appendQuoted(out, s, ascii);
  return out;
}

TEST_F(FormatTest, QuoteLikeStrconv) {
  EXPECT_EQ(q("abc"), "\"abc\"");
  EXPECT_EQ(q("\t\r\a\b\f\v\\"), "\"\\t\\r\\a\\b\\f\\v\\\\\"");
  EXPECT_EQ(q("\x7f\x01"), "\"\\x7f\\x01\"");
  EXPECT_EQ(q("\xff"), "\"\\xff\"");
  EXPECT_EQ(q("日本"), "\"日本\"");
  EXPECT_EQ(q("日本", true), "\"\\u65e5\\u672c\"");
  EXPECT_EQ(q("\U0001F600", true), "\"\\U0001f600\"");
  EXPECT_EQ(q("\u00a0"), "\"\\u00a0\"");  // a space other than U+0020 is not printable
  EXPECT_EQ(q("\u200b"), "\"\\u200b\"");
  EXPECT_EQ(q("\xef\xbf\xbd"), "\"\uFFFD\"");  // a real U+FFFD is printable
  EXPECT_EQ(q("\xed\xa0\x80"), "\"\\xed\\xa0\\x80\"");  // an encoded surrogate is invalid
  EXPECT_EQ(q("'"), "\"'\"");
  EXPECT_TRUE(canBackquote("a\tb"));
  EXPECT_FALSE(canBackquote("a\nb"));
  EXPECT_FALSE(canBackquote("\xff"));
  EXPECT_FALSE(canBackquote("\uFEFF"));
}

}  // namespace
}  // namespace goro::lang::value

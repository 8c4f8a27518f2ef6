// tests/lang/syntax/lexer_test.cpp: the lexical grammar: semicolon insertion,
// every literal form and escape, operators and keywords, positions, and
// the scanner's error messages.
#include <gtest/gtest.h>

#include <cmath>

#include "tests/lang/syntax/syntax_test_util.h"

namespace goro::lang::syntax {
namespace {

using testing::kinds;
using testing::lex;

// ---------------------------------------------------------------------------
// Semicolon insertion

TEST(LexerSemicolons, InsertedAfterIdentifiersLiteralsKeywordsAndClosers) {
  const char* cases[] = {
      "x",  "42",       "1.5",      "'a'",    "\"s\"", "`raw`", "break", "continue",
      "return", "true", "false",    "nil",    "x++",   "x--",   "f()",   "a[0]",
      "{}",
  };
  for (const char* c : cases) {
    std::string k = kinds(std::string(c) + "\nnext");
    EXPECT_NE(k.find(";nl Ident"), std::string::npos) << c << " -> " << k;
  }
}

TEST(LexerSemicolons, NotInsertedAfterOperatorsOrOtherKeywords) {
  const char* cases[] = {"x +", "x ,", "f(", "a[", "x {", "x =", "x :=", "a &&", "a ||",
                         "x <-", "if", "for", "func", "chan", "go", "else", "x ."};
  for (const char* c : cases) {
    std::string k = kinds(std::string(c) + "\nnext");
    EXPECT_EQ(k.find(";nl"), std::string::npos) << c << " -> " << k;
  }
}

TEST(LexerSemicolons, SequenceOfAStatement) {
  EXPECT_EQ(kinds("x := 1\n"), "Ident Define Int ;nl Eof");
  EXPECT_EQ(kinds("x := 1"), "Ident Define Int ;eof Eof");
  EXPECT_EQ(kinds("x := 1;"), "Ident Define Int ; Eof");
  EXPECT_EQ(kinds("f(a,\n b)\n"), "Ident LParen Ident Comma Ident RParen ;nl Eof");
  EXPECT_EQ(kinds("\n\n  \n"), "Eof");
  EXPECT_EQ(kinds("x\n\n\ny"), "Ident ;nl Ident ;eof Eof");
}

TEST(LexerSemicolons, Comments) {
  EXPECT_EQ(kinds("x // comment\ny"), "Ident ;nl Ident ;eof Eof");
  EXPECT_EQ(kinds("x /* one line */ y"), "Ident Ident ;eof Eof");
  // A block comment containing a newline acts as a newline.
  EXPECT_EQ(kinds("x /* two\nlines */ y"), "Ident ;nl Ident ;eof Eof");
  EXPECT_EQ(kinds("x + /* two\nlines */ y"), "Ident Add Ident ;eof Eof");
  EXPECT_EQ(kinds("x /* c */\ny"), "Ident ;nl Ident ;eof Eof");
  EXPECT_EQ(kinds("// only a comment"), "Eof");
  EXPECT_EQ(kinds("x // comment at eof"), "Ident ;eof Eof");
  EXPECT_EQ(kinds("/* a */ /* b\n */ x"), "Ident ;eof Eof");
}

TEST(LexerSemicolons, BlockCommentSemicolonPositionAndLines) {
  auto l = lex("x /* a\nb */ y");
  ASSERT_EQ(l.toks.size(), 5u);
  EXPECT_EQ(l.toks[1].pos.line, 1u);
  EXPECT_EQ(l.toks[1].pos.col, 3u);
  EXPECT_EQ(l.toks[2].pos.line, 2u);
  EXPECT_EQ(l.toks[2].pos.col, 6u);
}

TEST(LexerSemicolons, UnterminatedComment) {
  auto l = lex("x /* never closed");
  EXPECT_EQ(l.errors, std::vector<std::string>{"1:3: comment not terminated"});
}

// ---------------------------------------------------------------------------
// Literals

uint64_t intOf(const std::string& text) {
  auto l = lex(text);
  EXPECT_TRUE(l.errors.empty()) << text << ": " << (l.errors.empty() ? "" : l.errors[0]);
  EXPECT_EQ(l.toks[0].kind, TokenKind::Int) << text;
  EXPECT_EQ(l.toks[0].text, text);
  return l.toks[0].intValue;
}

TEST(LexerLiterals, Integers) {
  EXPECT_EQ(intOf("0"), 0u);
  EXPECT_EQ(intOf("42"), 42u);
  EXPECT_EQ(intOf("1_000_000"), 1000000u);
  EXPECT_EQ(intOf("0xff"), 255u);
  EXPECT_EQ(intOf("0XFF"), 255u);
  EXPECT_EQ(intOf("0x_Ff"), 255u);
  EXPECT_EQ(intOf("0o17"), 15u);
  EXPECT_EQ(intOf("0O17"), 15u);
  EXPECT_EQ(intOf("0b1011"), 11u);
  EXPECT_EQ(intOf("0B1011"), 11u);
  EXPECT_EQ(intOf("017"), 15u);  // Go's legacy octal
  EXPECT_EQ(intOf("0_17"), 15u);
  EXPECT_EQ(intOf("00"), 0u);
  EXPECT_EQ(intOf("9223372036854775807"), 9223372036854775807u);
  EXPECT_EQ(intOf("9223372036854775808"), 9223372036854775808u);  // only valid negated
  EXPECT_EQ(intOf("18446744073709551615"), 18446744073709551615u);
}

TEST(LexerLiterals, IntegerOverflowIsFlagged) {
  auto l = lex("18446744073709551616");
  EXPECT_TRUE(l.errors.empty());
  EXPECT_TRUE(l.toks[0].overflow);
  EXPECT_TRUE(lex("0x1_0000_0000_0000_0000").toks[0].overflow);
  EXPECT_FALSE(lex("18446744073709551615").toks[0].overflow);
}

TEST(LexerLiterals, IntegerErrors) {
  EXPECT_EQ(lex("018").errors, std::vector<std::string>{"1:3: invalid digit '8' in octal literal"});
  EXPECT_EQ(lex("0b102").errors, std::vector<std::string>{"1:5: invalid digit '2' in binary literal"});
  EXPECT_EQ(lex("0o78").errors, std::vector<std::string>{"1:4: invalid digit '8' in octal literal"});
  EXPECT_EQ(lex("1__0").errors, std::vector<std::string>{"1:3: '_' must separate successive digits"});
  EXPECT_EQ(lex("1_").errors, std::vector<std::string>{"1:2: '_' must separate successive digits"});
  EXPECT_EQ(lex("0x").errors, std::vector<std::string>{"1:3: hexadecimal literal has no digits"});
  EXPECT_EQ(lex("x := 3i").errors, std::vector<std::string>{"1:6: imaginary literals are not supported"});
  EXPECT_TRUE(lex("018").toks[0].bad);
}

double floatOf(const std::string& text) {
  auto l = lex(text);
  EXPECT_TRUE(l.errors.empty()) << text << ": " << (l.errors.empty() ? "" : l.errors[0]);
  EXPECT_EQ(l.toks[0].kind, TokenKind::Float) << text;
  EXPECT_EQ(l.toks[0].text, text);
  return l.toks[0].floatValue;
}

TEST(LexerLiterals, Floats) {
  EXPECT_EQ(floatOf("1.5"), 1.5);
  EXPECT_EQ(floatOf(".5"), 0.5);
  EXPECT_EQ(floatOf("1."), 1.0);
  EXPECT_EQ(floatOf("1e9"), 1e9);
  EXPECT_EQ(floatOf("2.5e-3"), 2.5e-3);
  EXPECT_EQ(floatOf("1E+2"), 100.0);
  EXPECT_EQ(floatOf("018.5"), 18.5);  // a leading 0 does not make a float octal
  EXPECT_EQ(floatOf("09e1"), 90.0);
  EXPECT_EQ(floatOf("1_0.2_5"), 10.25);
  EXPECT_EQ(floatOf("0x1p-2"), 0.25);
  EXPECT_EQ(floatOf("0x1.8p1"), 3.0);
  EXPECT_EQ(floatOf("1e-400"), 0.0);  // underflow rounds to zero, as in Go
}

TEST(LexerLiterals, FloatErrors) {
  EXPECT_EQ(lex("1e").errors, std::vector<std::string>{"1:3: exponent has no digits"});
  EXPECT_EQ(lex("1e+").errors, std::vector<std::string>{"1:4: exponent has no digits"});
  EXPECT_EQ(lex("0x1.8").errors,
            std::vector<std::string>{"1:6: hexadecimal mantissa requires a 'p' exponent"});
  EXPECT_EQ(lex("0b1.0").errors, std::vector<std::string>{"1:4: invalid radix point in binary literal"});
  EXPECT_EQ(lex("0x1e3p2").toks[0].kind, TokenKind::Float);  // e is a hex digit there
  EXPECT_EQ(lex("1e400").errors,
            std::vector<std::string>{"1:1: cannot use 1e400 (untyped float constant) as float value (overflows)"});
}

TEST(LexerLiterals, PeriodEllipsisAndFloat) {
  EXPECT_EQ(kinds("a.b"), "Ident Period Ident ;eof Eof");
  EXPECT_EQ(kinds("a..."), "Ident Ellipsis Eof");
  EXPECT_EQ(kinds("x.5"), "Ident Float ;eof Eof");
  EXPECT_EQ(kinds(".."), "Period Period Eof");
}

int64_t runeOf(const std::string& text) {
  auto l = lex(text);
  EXPECT_TRUE(l.errors.empty()) << text << ": " << (l.errors.empty() ? "" : l.errors[0]);
  EXPECT_EQ(l.toks[0].kind, TokenKind::Char) << text;
  return static_cast<int64_t>(l.toks[0].intValue);
}

TEST(LexerLiterals, Runes) {
  EXPECT_EQ(runeOf("'a'"), 97);
  EXPECT_EQ(runeOf("'\\n'"), 10);
  EXPECT_EQ(runeOf("'\\t'"), 9);
  EXPECT_EQ(runeOf("'\\r'"), 13);
  EXPECT_EQ(runeOf("'\\\\'"), 92);
  EXPECT_EQ(runeOf("'\\''"), 39);
  EXPECT_EQ(runeOf("'\\\"'"), 34);
  EXPECT_EQ(runeOf("'\\0'"), 0);
  EXPECT_EQ(runeOf("'\\a'"), 7);
  EXPECT_EQ(runeOf("'\\v'"), 11);
  EXPECT_EQ(runeOf("'\\x41'"), 65);
  EXPECT_EQ(runeOf("'\\101'"), 65);
  EXPECT_EQ(runeOf("'\\u00e9'"), 0xE9);
  EXPECT_EQ(runeOf("'\\U0001F600'"), 0x1F600);
  EXPECT_EQ(runeOf("'\xC3\xA9'"), 0xE9);        // é, decoded from UTF-8
  EXPECT_EQ(runeOf("'\xE4\xB8\x96'"), 0x4E16);  // 世
}

TEST(LexerLiterals, RuneErrors) {
  EXPECT_EQ(lex("''").errors,
            std::vector<std::string>{"1:2: empty rune literal or unescaped ' in rune literal"});
  EXPECT_EQ(lex("'ab'").errors, std::vector<std::string>{"1:1: more than one character in rune literal"});
  EXPECT_EQ(lex("'\\q'").errors, std::vector<std::string>{"1:3: unknown escape"});
  EXPECT_EQ(lex("'a").errors, std::vector<std::string>{"1:1: rune literal not terminated"});
  EXPECT_EQ(lex("'a\n'").errors[0], "1:3: newline in rune literal");
  EXPECT_EQ(lex("'\\xZZ'").errors,
            std::vector<std::string>{"1:4: invalid character 'Z' in hexadecimal escape"});
  EXPECT_EQ(lex("'\\400'").errors, std::vector<std::string>{"1:6: octal escape value 256 > 255"});
  EXPECT_EQ(lex("'\\uD800'").errors,
            std::vector<std::string>{"1:8: escape is invalid Unicode code point U+D800"});
  EXPECT_EQ(lex("'\\U00110000'").errors,
            std::vector<std::string>{"1:12: escape is invalid Unicode code point U+110000"});
}

std::string stringOf(const std::string& text) {
  auto l = lex(text);
  EXPECT_TRUE(l.errors.empty()) << text << ": " << (l.errors.empty() ? "" : l.errors[0]);
  EXPECT_EQ(l.toks[0].kind, TokenKind::String) << text;
  EXPECT_EQ(l.toks[0].text, text);
  return l.toks[0].strValue;
}

TEST(LexerLiterals, Strings) {
  EXPECT_EQ(stringOf("\"\""), "");
  EXPECT_EQ(stringOf("\"hello, world\""), "hello, world");
  EXPECT_EQ(stringOf(R"("a\nb\tc\rd")"), "a\nb\tc\rd");
  EXPECT_EQ(stringOf(R"("q\"q\'q\\q")"), "q\"q'q\\q");
  EXPECT_EQ(stringOf(R"("nul\0end")"), std::string("nul\0end", 7));
  EXPECT_EQ(stringOf(R"("\x41\x7a\xff")"), "Az\xff");  // \x gives raw bytes
  EXPECT_EQ(stringOf(R"("\101\060")"), "A0");          // octal \ooo
  EXPECT_EQ(stringOf(R"("\u00e9\u4e16")"), "\xC3\xA9\xE4\xB8\x96");  // UTF-8 encoded
  EXPECT_EQ(stringOf(R"("\U0001F600")"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(stringOf(R"("\a\b\f\v")"), "\a\b\f\v");
  EXPECT_EQ(stringOf("\"h\xC3\xA9llo\""), "h\xC3\xA9llo");
}

TEST(LexerLiterals, RawStrings) {
  EXPECT_EQ(stringOf("`a\\nb`"), "a\\nb");  // no escapes
  EXPECT_EQ(stringOf("`line1\nline2`"), "line1\nline2");
  EXPECT_EQ(stringOf("`cr\r\nlf`"), "cr\nlf");  // \r dropped, as in Go
  auto l = lex("`a\nb\nc` x");
  EXPECT_EQ(l.toks[1].pos.line, 3u);
  EXPECT_EQ(l.toks[1].pos.col, 4u);
}

TEST(LexerLiterals, StringErrors) {
  EXPECT_EQ(lex("\"abc\nx").errors[0], "1:5: newline in string");
  EXPECT_EQ(lex("\"abc").errors, std::vector<std::string>{"1:1: string literal not terminated"});
  EXPECT_EQ(lex("`abc").errors, std::vector<std::string>{"1:1: string literal not terminated"});
  EXPECT_EQ(lex(R"("\q")").errors, std::vector<std::string>{"1:3: unknown escape"});
  EXPECT_EQ(lex(R"("\u12")").errors,
            std::vector<std::string>{"1:6: invalid character '\"' in hexadecimal escape"});
  EXPECT_EQ(lex("\"\xff\"").errors, std::vector<std::string>{"1:2: invalid UTF-8 encoding"});
}

// ---------------------------------------------------------------------------
// Operators, keywords, identifiers

TEST(LexerTokens, EveryOperator) {
  std::string text =
      "+ - * / % & | ^ << >> &^ && || == != < <= > >= "
      "+= -= *= /= %= &= |= ^= <<= >>= &^= = := ! <- ++ -- ... ( ) [ ] { } , . ; :";
  std::string want =
      "Add Sub Mul Quo Rem And Or Xor Shl Shr AndNot LAnd LOr Eql Neq Lss Leq Gtr Geq "
      "AddAssign SubAssign MulAssign QuoAssign RemAssign AndAssign OrAssign XorAssign "
      "ShlAssign ShrAssign AndNotAssign Assign Define Not Arrow Inc Dec Ellipsis LParen RParen "
      "LBrack RBrack LBrace RBrace Comma Period ; Colon Eof";
  EXPECT_EQ(kinds(text), want);
  // Maximal munch without spaces.
  EXPECT_EQ(kinds("a<<=b&^=c<-d"), "Ident ShlAssign Ident AndNotAssign Ident Arrow Ident ;eof Eof");
  EXPECT_EQ(kinds("x&^y"), "Ident AndNot Ident ;eof Eof");
  EXPECT_EQ(kinds("x<-y"), "Ident Arrow Ident ;eof Eof");
  EXPECT_EQ(kinds("x< -y"), "Ident Lss Sub Ident ;eof Eof");
}

TEST(LexerTokens, Keywords) {
  EXPECT_EQ(kinds("break case chan continue default defer else false for func go if import"),
            "Break Case Chan Continue Default Defer Else False For Func Go If Import Eof");
  EXPECT_EQ(kinds("nil package range return select switch true var"),
            "Nil Package Range Return Select Switch True Var Eof");
  // Go keywords that Goro does not have are identifiers (type is a built-in).
  EXPECT_EQ(kinds("type map struct interface goto fallthrough"),
            "Ident Ident Ident Ident Ident Ident ;eof Eof");
  EXPECT_EQ(kinds("const"), "Const Eof");
}

TEST(LexerTokens, Identifiers) {
  auto l = lex("_ x9 _tmp CamelCase h\xC3\xA9llo \xE4\xB8\x96\xE7\x95\x8C");
  ASSERT_TRUE(l.errors.empty()) << l.errors[0];
  std::vector<std::string> names;
  for (const auto& t : l.toks) {
    if (t.kind == TokenKind::Ident) names.push_back(t.text);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"_", "x9", "_tmp", "CamelCase", "h\xC3\xA9llo",
                                             "\xE4\xB8\x96\xE7\x95\x8C"}));
}

TEST(LexerTokens, InvalidCharacters) {
  EXPECT_EQ(lex("a @ b").errors, std::vector<std::string>{"1:3: invalid character U+0040 '@'"});
  EXPECT_EQ(lex("#").errors, std::vector<std::string>{"1:1: invalid character U+0023 '#'"});
  EXPECT_EQ(lex("x \xE2\x86\x92 y").errors,
            std::vector<std::string>{"1:3: invalid character U+2192 '\xE2\x86\x92'"});
  EXPECT_EQ(lex("a\xE2\x86\x92").errors,
            std::vector<std::string>{"1:2: invalid character U+2192 '\xE2\x86\x92' in identifier"});
  EXPECT_EQ(lex("x \xff").errors, std::vector<std::string>{"1:3: invalid UTF-8 encoding"});
  EXPECT_EQ(lex(std::string("x \0 y", 5)).errors, std::vector<std::string>{"1:3: invalid NUL character"});
  EXPECT_EQ(lex("x \xEF\xBB\xBF").errors,
            std::vector<std::string>{"1:3: invalid BOM in the middle of the file"});
  // The lexer keeps going after an invalid character.
  EXPECT_EQ(kinds("a @ b"), "Ident Ident ;eof Eof");
}

TEST(LexerTokens, LeadingByteOrderMarkIsSkipped) {
  auto l = lex("\xEF\xBB\xBFx");
  EXPECT_TRUE(l.errors.empty());
  EXPECT_EQ(l.toks[0].kind, TokenKind::Ident);
  EXPECT_EQ(l.toks[0].pos.col, 4u);
}

// ---------------------------------------------------------------------------
// Positions

TEST(LexerPositions, LineColumnOffset) {
  auto l = lex("x := 1\n\tif y {\n}");
  struct Want {
    TokenKind kind;
    uint32_t line, col, offset;
  };
  std::vector<Want> want = {
      {TokenKind::Ident, 1, 1, 0},      {TokenKind::Define, 1, 3, 2}, {TokenKind::Int, 1, 6, 5},
      {TokenKind::Semicolon, 1, 7, 6},  {TokenKind::If, 2, 2, 8},     {TokenKind::Ident, 2, 5, 11},
      {TokenKind::LBrace, 2, 7, 13},    {TokenKind::RBrace, 3, 1, 15}, {TokenKind::Semicolon, 3, 2, 16},
      {TokenKind::Eof, 3, 2, 16},
  };
  ASSERT_EQ(l.toks.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(l.toks[i].kind, want[i].kind) << i;
    EXPECT_EQ(l.toks[i].pos.line, want[i].line) << i;
    EXPECT_EQ(l.toks[i].pos.col, want[i].col) << i;
    EXPECT_EQ(l.toks[i].pos.offset, want[i].offset) << i;
  }
}

TEST(LexerPositions, ColumnsCountBytes) {
  // Go's columns are byte-based: é is two bytes, a tab is one.
  auto l = lex("\t\"\xC3\xA9\" x");
  EXPECT_EQ(l.toks[0].pos.col, 2u);
  EXPECT_EQ(l.toks[1].pos.col, 7u);
}

TEST(LexerPositions, CrLfLineEndings) {
  auto l = lex("a\r\nb\r\n");
  EXPECT_EQ(kinds("a\r\nb\r\n"), "Ident ;nl Ident ;nl Eof");
  EXPECT_EQ(l.toks[2].pos.line, 2u);
  EXPECT_EQ(l.toks[2].pos.col, 1u);
}

}  // namespace
}  // namespace goro::lang::syntax

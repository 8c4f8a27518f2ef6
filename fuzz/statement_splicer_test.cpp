// The statement splicer of fuzz_run (statement_splicer.h): what it takes
// for a statement, and that its mutants stay programs made of whole
// statements.
#include "statement_splicer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace goro::fuzz {
namespace {

const std::string kProgram =
    "package main\n"
    "\n"
    "func f(n) {\n"
    "\tif n > 0 {\n"
    "\t\tprintln(n)\n"
    "\t}\n"
    "\treturn n + 1\n"
    "}\n"
    "\n"
    "x := f(1)\n"
    "println(x)";  // no newline at the end

std::vector<std::string> spanTexts(const std::string& text) {
  std::vector<std::string> out;
  for (const StatementSpan& s : statementSpans(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

TEST(StatementSpans, WholeLinesOfEveryBlockInSourceOrder) {
  std::vector<std::string> texts = spanTexts(kProgram);
  ASSERT_EQ(texts.size(), 6u);
  EXPECT_EQ(texts[0], "func f(n) {\n\tif n > 0 {\n\t\tprintln(n)\n\t}\n\treturn n + 1\n}\n\n");
  EXPECT_EQ(texts[1], "\tif n > 0 {\n\t\tprintln(n)\n\t}\n");
  EXPECT_EQ(texts[2], "\t\tprintln(n)\n");
  EXPECT_EQ(texts[3], "\treturn n + 1\n");
  EXPECT_EQ(texts[4], "x := f(1)\n");
  EXPECT_EQ(texts[5], "println(x)");  // the file's last statement runs to its end
}

TEST(StatementSpans, KnowsTopLevelAndFuncDeclarations) {
  std::vector<StatementSpan> spans = statementSpans(kProgram);
  ASSERT_EQ(spans.size(), 6u);
  EXPECT_TRUE(spans[0].topLevel && spans[0].funcDecl);
  EXPECT_TRUE(!spans[1].topLevel && !spans[1].funcDecl);
  EXPECT_TRUE(spans[4].topLevel && !spans[4].funcDecl);
}

TEST(StatementSpans, NoneForTextThatDoesNotParse) {
  EXPECT_TRUE(statementSpans("func (").empty());
  EXPECT_TRUE(statementSpans("").empty());
}

TEST(StatementSplicer, MutantsAreMadeOfWholeStatementsAndFit) {
  StatementSplicer splicer;
  std::minstd_rand rng(1);
  int changed = 0;
  for (int i = 0; i < 500; i++) {
    std::string text = kProgram;
    if (!splicer.mutate(text, "", 4096, rng)) continue;
    changed++;
    EXPECT_NE(text, kProgram);
    EXPECT_LE(text.size(), 4096u);
    // Moving whole lines of whole statements keeps the braces balanced.
    EXPECT_EQ(std::count(text.begin(), text.end(), '{'), std::count(text.begin(), text.end(), '}')) << text;
  }
  EXPECT_GT(changed, 100);
  std::string text = kProgram;
  EXPECT_FALSE(splicer.mutate(text, "", 10, rng));  // too long for maxSize: unchanged
  EXPECT_EQ(text, kProgram);
}

TEST(StatementSplicer, CrossOverBringsInAStatementOfTheOther) {
  StatementSplicer splicer;
  std::minstd_rand rng(2);
  const std::string other = "ch := make(chan)\nclose(ch)\n";
  bool sawOther = false;
  for (int i = 0; i < 100; i++) {
    std::string text = kProgram;
    if (splicer.crossOver(text, other, 4096, rng)) {
      sawOther = sawOther || text.find("make(chan)") != std::string::npos || text.find("close(ch)") != std::string::npos;
    }
  }
  EXPECT_TRUE(sawOther);
}

}  // namespace
}  // namespace goro::fuzz

// Compiler unit tests: the opcode table, and the compiler's choice of
// instructions as the disassembly shows it (wide and fused forms, the
// channel opcodes) and its compile-time errors. What the code does when it
// runs is tested by the golden scripts (tests/lang/golden).
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "lang/compiler/compiler.h"
#include "lang/compiler/disassembler.h"
#include "lang/compiler/opcodes.h"
#include "lang/syntax/frontend.h"

namespace goro::lang::compiler {
namespace {

using namespace goro::lang::syntax;

// Compiles text into *program; the diagnostics on failure, else "".
std::string compileText(const std::string& text, Program& program) {
  Source src("test.goro", text);
  Diagnostics diags(src);
  std::unique_ptr<File> file = parseAndResolve(src, diags);
  if (file == nullptr || !compileProgram(*file, diags, program)) return diags.format();
  return "";
}

std::string disasmOf(const std::string& text) {
  Program program;
  std::string errors = compileText(text, program);
  if (!errors.empty()) return "error: " + errors;
  return disassemble(*program.chunk);
}

TEST(Opcodes, TableIsComplete) {
  std::set<std::string> names;
  for (int op = 0; op < kOpCount; op++) {
    const OpInfo& info = opInfo(static_cast<Op>(op));
    ASSERT_NE(info.name, nullptr);
    EXPECT_TRUE(names.insert(info.name).second) << "duplicate " << info.name;
    EXPECT_NE(std::string(info.effect), "");
  }
  EXPECT_EQ(argA(makeABC(Op::ADD, 1, 2, 3)), 1u);
  EXPECT_EQ(argC(makeABC(Op::ADD, 1, 2, 250)), 250u);
  EXPECT_EQ(argSBx(makeAsBx(Op::LOADI, 0, -5)), -5);
  EXPECT_EQ(argSJ(makeSJ(Op::JMP, -1000)), -1000);
  EXPECT_EQ(forStepOf(static_cast<unsigned>(-3 << kForStepShift) & 0xF8), -3);
}

// A call of a declared func reads it in the call (CALLG, the global's index
// in the word after it); any other callee is loaded first. A method call
// x.M(...) passes x as the first argument of the unbound method (SELF); a
// method value x.M is bound to x (GETFIELD, whose slow path binds a
// built-in object's method).
TEST(Compiler, CallsOfDeclaredFuncsAndMethods) {
  std::string d = disasmOf("func g(a) { return a }\nvar h = g\nfunc f(wg) { g(1); h(2); wg.Add(3); m := wg.Done; m() }");
  EXPECT_NE(d.find("CALLG      2 2 1 G0"), std::string::npos) << d;
  EXPECT_NE(d.find("GETGLOBAL"), std::string::npos) << d;  // h, a variable
  EXPECT_NE(d.find("SELF"), std::string::npos) << d;
  EXPECT_NE(d.find("SELF       2 0 K0"), std::string::npos) << d;
  EXPECT_NE(d.find("CALL       2 3 1"), std::string::npos) << d;  // wg.Add(3): wg and 3
  EXPECT_NE(d.find("GETFIELD"), std::string::npos) << d;
}

// A Script member (sort.Slice, lang/lib/prelude.h) brings its module's
// prelude into the program: its functions become globals after the
// program's, named by module, set at the start of the chunk, and the
// member reads its function's global. A program without one has no prelude
// globals at all, and the prelude's own code calls its functions at their
// places (CALLG with the prelude's base added).
TEST(Compiler, ScriptMembersBringTheirPrelude) {
  Program plain;
  ASSERT_EQ(compileText("x := [2, 1]\nsort.Ints(x)\nfunc f() { return x }", plain), "");
  EXPECT_EQ(plain.globalNames, std::vector<std::string>({"f", "x"}));

  Program sorted;
  ASSERT_EQ(compileText("var a = [2, 1]\nsort.Slice(a, func(i, j) { return a[i] < a[j] })\nf := sort.Search", sorted), "");
  ASSERT_GT(sorted.globalNames.size(), 4u);
  EXPECT_EQ(sorted.globalNames[0], "a");
  auto at = [&](const std::string& name) {
    for (size_t i = 0; i < sorted.globalNames.size(); i++) {
      if (sorted.globalNames[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  int slice = at("sort.Slice");
  int pdqsort = at("sort.pdqsort");
  ASSERT_GT(slice, 0);
  ASSERT_GT(pdqsort, 0);
  EXPECT_EQ(sorted.globalCount, sorted.globalNames.size());
  std::string d = disassemble(*sorted.chunk);
  // The chunk's first instructions set the prelude's globals.
  EXPECT_NE(d.find("     0  line 1    CLOSURE    1 K0          ; K0 = func sort."), std::string::npos) << d;
  EXPECT_NE(d.find("SETGLOBAL  1 G" + std::to_string(slice) + " "), std::string::npos) << d;
  EXPECT_NE(d.find("GETGLOBAL  "), std::string::npos) << d;
  EXPECT_NE(d.find("func sort.Slice"), std::string::npos) << d;
  // sort.Slice's body calls sort.pdqsort by its global in the program.
  EXPECT_NE(d.find("CALLG      5 6 1 G" + std::to_string(pdqsort) + " "), std::string::npos) << d;
}

TEST(Compiler, WideFormsOnlyFeedArithmetic) {
  std::string d = disasmOf("func f(x) { y := x * x % 1000\n return y + x * x }");
  // x*x feeds % and +: wide; the % result goes to a variable: not wide.
  EXPECT_NE(d.find("MULW"), std::string::npos) << d;
  EXPECT_NE(d.find("MODK "), std::string::npos) << d;
  EXPECT_EQ(d.find("MODKW"), std::string::npos) << d;
  // An arithmetic result passed to a call or stored in an array is never wide.
  std::string e = disasmOf("func g(x) { return [x * x], len([x * 2]) }");
  EXPECT_EQ(e.find("MULW"), std::string::npos) << e;
}

// x + n, x - n and a comparison jump against an int constant n in
// [-128, 127] take the immediate forms (n in the instruction, signed);
// other constants, and a wide temporary's + or -, keep the K forms.
TEST(Compiler, SmallIntConstantsAreImmediates) {
  std::string d = disasmOf("func f(n) { if n < 2 { return n }\n return f(n - 1) + f(n + -128) + (n + 127) + (n - 128) + (1 + n) }");
  EXPECT_NE(d.find("JLTI       0 2 0 "), std::string::npos) << d;
  EXPECT_NE(d.find("SUBI       6 0 1 "), std::string::npos) << d;   // an argument: not wide
  EXPECT_NE(d.find("ADDI       7 0 -128 "), std::string::npos) << d;
  EXPECT_NE(d.find("ADDIW      5 0 127 "), std::string::npos) << d;  // feeds a +: wide
  EXPECT_NE(d.find("= 128"), std::string::npos) << d;                 // out of range: SUBKW
  EXPECT_NE(d.find("ADDIW      3 0 1 "), std::string::npos) << d;    // 1 + n, swapped
  std::string c = disasmOf(
      "func g(x) { if x <= -128 { return 1 }\n if 5 < x { return 2 }\n if x >= 127 { return 3 }\n"
      "if x > 128 { return 4 }\n if x < 1.5 { return 5 }\n return x * x + 1 }");
  EXPECT_NE(c.find("JLEI       0 -128 0 "), std::string::npos) << c;
  EXPECT_NE(c.find("JGTI       0 5 0 "), std::string::npos) << c;  // 5 < x is x > 5
  EXPECT_NE(c.find("JGEI       0 127 0 "), std::string::npos) << c;
  EXPECT_NE(c.find("JGTK"), std::string::npos) << c;  // 128
  EXPECT_NE(c.find("JLTK"), std::string::npos) << c;  // 1.5
  EXPECT_NE(c.find("ADDI       1 2 1 "), std::string::npos) << c;  // x*x (wide) + 1, returned
}

// x % n by a constant n in [1, 255] is MODI n, whatever consumes it (its
// result is always small); other divisors keep the K form.
TEST(Compiler, ModuloByASmallConstantIsImmediate) {
  std::string d = disasmOf("func f(x) { a := x % 7\n b := x * x % 255\n return a + b + x % 256 + x % 0.5 + x % -3 }");
  EXPECT_NE(d.find("MODI       1 0 7 "), std::string::npos) << d;
  EXPECT_NE(d.find("MULW       3 0 0 "), std::string::npos) << d;
  EXPECT_NE(d.find("MODI       2 3 255 "), std::string::npos) << d;
  // 256, 0.5 and -3 keep the K form (wide here: each feeds a +).
  EXPECT_NE(d.find("MODKW      7 0 K0        ; K0 = 256"), std::string::npos) << d;
  EXPECT_NE(d.find("; K1 = 0.5"), std::string::npos) << d;
  EXPECT_NE(d.find("; K2 = -3"), std::string::npos) << d;
}

TEST(Compiler, FusedLoopsAndComparisons) {
  std::string d = disasmOf(
      "func f(n) { s := 0\n for i := 0; i < n; i++ { s += i }\n if s > 10 { return 1 }\n if s > 1000 { return 2 }\n return 0 }");
  EXPECT_NE(d.find("FORLT"), std::string::npos) << d;
  EXPECT_NE(d.find("JGTI"), std::string::npos) << d;  // 10: an immediate
  EXPECT_NE(d.find("JGTK"), std::string::npos) << d;  // 1000: a constant
  // A captured loop variable needs a fresh cell per iteration instead.
  std::string c = disasmOf("func f() { for i := 0; i < 3; i++ { g := func() { return i }\n g() } }");
  EXPECT_NE(c.find("FRESHCELL"), std::string::npos) << c;
  EXPECT_EQ(c.find("FORLT"), std::string::npos) << c;
}

// A constant has no slot: a use is its value, folded with the rest of the
// expression; one using a module constant compiles to its expression.
TEST(Compiler, ConstantsFoldIntoTheirUses) {
  std::string d = disasmOf("const (\n a = iota + 40\n b\n)\nconst big = 1 << 40\nconst t = 2 * time.Second\n"
                           "func f() { return b + 1 }\nx := [a, big, t, f()]");
  EXPECT_EQ(d.find("GETGLOBAL"), std::string::npos) << d;
  EXPECT_NE(d.find("LOADI      0 42"), std::string::npos) << d;  // b + 1 in f
  EXPECT_NE(d.find("LOADI      2 40"), std::string::npos) << d;  // a
  EXPECT_NE(d.find("K1 = 1099511627776"), std::string::npos) << d;
  EXPECT_NE(d.find("MULK"), std::string::npos) << d;  // 2 * time.Second, at the use
}

TEST(Compiler, ChannelOperationsCompileToTheirOpcodes) {
  std::string d = disasmOf("ch := make(chan, 1)\nch <- 1\nv, ok := <-ch\n"
                           "select { case x := <-ch: v = x\n default: }\ngo println(v, ok)\n");
  for (const char* op : {"SEND ", "RECV ", "SELECT ", "GO "}) {
    EXPECT_NE(d.find(op), std::string::npos) << op << "\n" << d;
  }
}

TEST(Compiler, ChanTypeOnlyInMake) {
  Program program;
  std::string errors = compileText("defer make(chan)\n", program);
  EXPECT_NE(errors.find("defer discards result of make(chan)"), std::string::npos) << errors;
}

// The named locals' live ranges (ProtoBuilder::locals, for root reports):
// parameters from the first instruction; a variable from just after its
// first store until another variable takes its register (sibling blocks
// share registers) or the function ends.
TEST(Compiler, LocalsHaveLiveRangesByRegister) {
  Program program;
  ASSERT_EQ(compileText("func f(a, _) {\n"
                        "  b := a + 1\n"
                        "  if a > 0 { c := [b]; fmt.Println(c) }\n"
                        "  if a < 0 { d := [a]; fmt.Println(d) }\n"
                        "  for i, v := range [1] { fmt.Println(i, v) }\n"
                        "}",
                        program),
            "");
  ASSERT_EQ(program.chunk->children.size(), 1u);
  const ProtoBuilder& f = *program.chunk->children[0];
  auto named = [&](const std::string& name) -> const LocalVar* {
    for (const LocalVar& l : f.locals) {
      if (l.name == name) return &l;
    }
    return nullptr;
  };
  for (const char* name : {"a", "b", "c", "d", "i", "v"}) ASSERT_NE(named(name), nullptr) << name;
  EXPECT_EQ(named("_"), nullptr);  // the blank parameter has no name
  auto end = static_cast<uint32_t>(f.code.size());
  EXPECT_EQ(named("a")->reg, 0u);
  EXPECT_EQ(named("a")->startPc, 0u);
  EXPECT_EQ(named("a")->endPc, end);
  EXPECT_GT(named("b")->startPc, 0u);
  EXPECT_EQ(named("b")->endPc, end);
  // c and d share a register: c ends where d starts.
  EXPECT_EQ(named("c")->reg, named("d")->reg);
  EXPECT_LT(named("c")->startPc, named("c")->endPc);
  EXPECT_EQ(named("c")->endPc, named("d")->startPc);
  EXPECT_LT(named("d")->startPc, named("i")->startPc);
  for (const LocalVar& l : f.locals) EXPECT_LE(l.startPc, l.endPc) << l.name;
}

}  // namespace
}  // namespace goro::lang::compiler

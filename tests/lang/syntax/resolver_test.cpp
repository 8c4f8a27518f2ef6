// tests/lang/syntax/resolver_test.cpp: name resolution (locals and slot reuse,
// globals and their visibility, captures threaded through closures,
// per-iteration loop variables), built-ins and modules, function names
// and result counts, and every semantic error the resolver reports.
#include <gtest/gtest.h>

#include "lang/syntax/constant.h"
#include "lang/syntax/frontend.h"
#include "lang/syntax/universe.h"
#include "tests/lang/syntax/syntax_test_util.h"

namespace goro::lang::syntax {
namespace {

using testing::Program;
using testing::resolveProgram;
using testing::resolvedSexpr;

std::vector<std::string> errorsOf(const std::string& text, const std::vector<EarlierGlobal>& earlier = {}) {
  return resolveProgram(text, earlier).errors();
}

// The FuncLit of the i-th top-level statement, a FuncDecl.
FuncLit& declFunc(Program& p, size_t i) { return *as<FuncDecl>(*p.file->stmts[i]).func; }

// ---------------------------------------------------------------------------
// Sessions: chunks resolved with the globals of earlier chunks (the REPL)

const std::vector<EarlierGlobal> kEarlier = {{"x", false}, {"f", true}};

TEST(ResolverSessions, EarlierGlobalsKeepTheirIndicesAndAreInScopeFromTheStart) {
  auto p = resolveProgram("print(x)\ny := f()\nfunc g() { return y + x }", kEarlier);
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(call print@B x@G0)\n"
            "(:= y@G3! (call f@G1))\n"
            "(funcdecl g@G2! () (block (return (+ y@G3 x@G0))))\n");
  ASSERT_EQ(p.file->globals.size(), 4u);
  EXPECT_EQ(p.file->globals[1]->name, "f");
  EXPECT_TRUE(p.file->globals[1]->isFunc);
  EXPECT_EQ(p.file->globals[3]->name, "y");
}

TEST(ResolverSessions, DeclaringAnEarlierGlobalAgainRebindsIt) {
  // The right side reads the earlier x; the new x is the same global.
  EXPECT_EQ(resolvedSexpr("x := x + 1", kEarlier), "(:= x@G0! (+ x@G0 1))");
  EXPECT_EQ(resolvedSexpr("var x", kEarlier), "(var x@G0!)");
  auto p = resolveProgram("func x() { return 1 }\nf := 2\nf = 3", kEarlier);
  ASSERT_TRUE(p.errors().empty()) << p.report();
  ASSERT_EQ(p.file->globals.size(), 2u);
  EXPECT_TRUE(p.file->globals[0]->isFunc);   // x is a func now
  EXPECT_FALSE(p.file->globals[1]->isFunc);  // and f a variable
}

TEST(ResolverSessions, GoRulesHoldInsideAChunk) {
  // An earlier func is still a constant until declared again.
  EXPECT_EQ(errorsOf("f = nil", kEarlier),
            std::vector<std::string>{"1:1: cannot assign to f (neither addressable nor a map index expression)"});
  EXPECT_EQ(errorsOf("x := 1\nx := 2", kEarlier),
            std::vector<std::string>{"2:3: no new variables on left side of :="});
  EXPECT_EQ(errorsOf("func f() {}\nfunc f() {}", kEarlier),
            std::vector<std::string>{"2:6: f redeclared in this block"});
  EXPECT_EQ(errorsOf("var x\nvar x", kEarlier), std::vector<std::string>{"2:5: x redeclared in this block"});
}

// ---------------------------------------------------------------------------
// Locals, globals, scopes

TEST(ResolverScopes, LocalSlotsAreReusedAcrossSiblingBlocks) {
  auto p = resolveProgram("func f(a, b) {\n  x := a\n  { y := b; z := y }\n  w := x\n}");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(funcdecl f@G0! (a@L0! b@L1!) (block (:= x@L2! a@L0) (block (:= y@L3! b@L1) "
            "(:= z@L4! y@L3)) (:= w@L3! x@L2)))\n");
  FuncInfo& info = declFunc(p, 0).info;
  EXPECT_EQ(info.name, "main.f");
  EXPECT_EQ(info.numParams, 2);
  EXPECT_EQ(info.numSlots, 5);
  EXPECT_TRUE(info.captures.empty());
}

TEST(ResolverScopes, GlobalsFuncsFirstThenVarsInOrder) {
  auto p = resolveProgram("x := 1\nvar y\nfunc f() { return x + y + g() }\nfunc g() { return 0 }\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(:= x@G2! 1)\n"
            "(var y@G3!)\n"
            "(funcdecl f@G0! () (block (return (+ (+ x@G2 y@G3) (call g@G1)))))\n"
            "(funcdecl g@G1! () (block (return 0)))\n");
  ASSERT_EQ(p.file->globals.size(), 4u);
  EXPECT_EQ(p.file->globals[0]->name, "f");
  EXPECT_TRUE(p.file->globals[0]->isFunc);
  EXPECT_TRUE(p.file->globals[0]->global);
  EXPECT_EQ(p.file->globals[3]->name, "y");
  EXPECT_FALSE(p.file->globals[3]->isFunc);
  EXPECT_TRUE(p.file->resolved);
}

TEST(ResolverScopes, FunctionsSeeEveryGlobalTopLevelCodeRunsInOrder) {
  EXPECT_EQ(resolvedSexpr("func f() { return later }\nlater := 1"),
            "(funcdecl f@G0! () (block (return later@G1)))\n(:= later@G1! 1)");
  // A function literal in top-level code is a function too.
  // (f itself, which no function mentions, is a local of the top-level code.)
  EXPECT_EQ(resolvedSexpr("f := func() { return g }\ng := 1"),
            "(:= f@L0! (func () (block (return g@G0))))\n(:= g@G0! 1)");
  // Top-level code may call a function declared further down...
  EXPECT_EQ(resolvedSexpr("f()\nfunc f() {}"), "(call f@G0)\n(funcdecl f@G0! () (block))");
  // ...but not read a variable before its declaration.
  EXPECT_EQ(errorsOf("print(y)\ny := 1"), std::vector<std::string>{"1:7: undefined: y"});
  EXPECT_EQ(errorsOf("x := x"), std::vector<std::string>{"1:6: undefined: x"});
}

TEST(ResolverScopes, TopLevelBlocksHaveChunkLocals) {
  auto p = resolveProgram("if true {\n  t := 1\n  go func() { print(t) }()\n}\nfor i := range 3 {}\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(if - true (block (:= t@L0c! 1) (go (call (func () (block (call print@B t@U0c)))))) -)\n"
            "(range (i@L0l!) := 3 (block))\n");
  EXPECT_EQ(p.file->chunk.name, "main.init");
  EXPECT_EQ(p.file->chunk.numSlots, 1);
  EXPECT_TRUE(p.file->globals.empty());
  auto& lit = as<FuncLit>(*as<Call>(*as<GoStmt>(*as<BlockStmt>(*as<IfStmt>(*p.file->stmts[0]).then).stmts[1]).call).fn);
  EXPECT_EQ(lit.info.name, "main.init.func1");
  ASSERT_EQ(lit.info.captures.size(), 1u);
  EXPECT_TRUE(lit.info.captures[0].fromParentLocal);
  EXPECT_EQ(lit.info.captures[0].index, 0);
  EXPECT_EQ(lit.info.captures[0].var->name, "t");
}

// A top-level := variable that no function body mentions is a register of
// the top-level code; one that any function mentions (even as a name of its
// own), a top-level var, and every variable of a session are globals.
TEST(ResolverScopes, TopLevelDefinesOnlyTopLevelCodeUsesAreChunkLocals) {
  auto p = resolveProgram("n := 0\nfor i := 0; i < 3; i++ { n += i }\nvar v = n\nshared := 1\n"
                          "func f() { return shared }\nprint(n, v)\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(:= n@L0! 0)\n"
            "(for (:= i@L1l! 0) (< i@L1l 3) (++ i@L1l) (block (+= n@L0 i@L1l)))\n"
            "(var v@G1! n@L0)\n"
            "(:= shared@G2! 1)\n"
            "(funcdecl f@G0! () (block (return shared@G2)))\n"
            "(call print@B n@L0 v@G1)\n");
  ASSERT_EQ(p.file->globals.size(), 3u);
  EXPECT_EQ(p.file->chunk.numSlots, 2);
  // Declaring it again is the same error either way.
  EXPECT_EQ(errorsOf("x := 1\nx := 2"), std::vector<std::string>{"2:3: no new variables on left side of :="});
  EXPECT_EQ(errorsOf("x := 1\nvar x"), std::vector<std::string>{"2:5: x redeclared in this block"});
  // A session (the REPL) keeps every top-level variable global.
  auto s = resolveProgram("y := 1\nprint(y)", {{"x", false}});
  ASSERT_TRUE(s.errors().empty()) << s.report();
  EXPECT_EQ(s.sexpr(true), "(:= y@G1! 1)\n(call print@B y@G1)\n");
  // Past kTopLevelLocals names, the rest stay globals.
  std::string many;
  for (int i = 0; i <= kTopLevelLocals; i++) many += "v" + std::to_string(i) + " := " + std::to_string(i) + "\n";
  auto m = resolveProgram(many);
  ASSERT_TRUE(m.errors().empty()) << m.report();
  EXPECT_EQ(m.file->chunk.numSlots, kTopLevelLocals);
  ASSERT_EQ(m.file->globals.size(), 1u);
  EXPECT_EQ(m.file->globals[0]->name, "v" + std::to_string(kTopLevelLocals));
}

TEST(ResolverScopes, ShadowingAndRedefinition) {
  EXPECT_EQ(resolvedSexpr("func f() {\n  x := 1\n  { x := x + 1; print(x) }\n  print(x)\n}"),
            "(funcdecl f@G0! () (block (:= x@L0! 1) (block (:= x@L1! (+ x@L0 1)) (call print@B x@L1)) "
            "(call print@B x@L0)))");
  // := reuses a variable of the same block and declares the new ones.
  EXPECT_EQ(resolvedSexpr("func f() {\n  a := 1\n  a, b := 2, 3\n  print(a, b)\n}"),
            "(funcdecl f@G0! () (block (:= a@L0! 1) (:= (a@L0 b@L1!) (2 3)) (call print@B a@L0 b@L1)))");
  EXPECT_EQ(resolvedSexpr("a := 1\na, b := 2, 3"), "(:= a@L0! 1)\n(:= (a@L0 b@L1!) (2 3))");
  EXPECT_EQ(resolvedSexpr("a := 1\na, b := 2, 3\nfunc f() { return a + b }"),
            "(:= a@G1! 1)\n(:= (a@G1 b@G2!) (2 3))\n(funcdecl f@G0! () (block (return (+ a@G1 b@G2))))");
  // A function's own local shadows a global of the same name.
  EXPECT_EQ(resolvedSexpr("x := 1\nfunc f() { x := 2; return x }"),
            "(:= x@G1! 1)\n(funcdecl f@G0! () (block (:= x@L0! 2) (return x@L0)))");
  // Built-ins and modules can be shadowed.
  EXPECT_EQ(resolvedSexpr("func f(fmt) { len := 3; fmt.Println(len) }"),
            "(funcdecl f@G0! (fmt@L0!) (block (:= len@L1! 3) (call (. fmt@L0 Println) len@L1)))");
}

TEST(ResolverScopes, BlankIdentifier) {
  EXPECT_EQ(resolvedSexpr("func f(_, b) { _ = b; _, c := 1, 2; return c }"),
            "(funcdecl f@G0! (_ b@L1!) (block (= _ b@L1) (:= (_ c@L2!) (1 2)) (return c@L2)))");
  EXPECT_EQ(resolvedSexpr("for _, v := range [1] { print(v) }"),
            "(range (_ v@L0l!) := (array 1) (block (call print@B v@L0l)))");
}

TEST(ResolverScopes, BuiltinsAndModules) {
  auto p = resolveProgram("x := len([1])\nfmt.Println(math.Pi, x)\nch := make(chan, 2)\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(:= x@L0! (call len@B (array 1)))\n"
            "(call (. fmt@M Println) (. math@M Pi) x@L0)\n"
            "(:= ch@L1! (call make@B chan 2))\n");
  auto& call = as<Call>(*as<ExprStmt>(*p.file->stmts[1]).x);
  auto& println = as<Selector>(*call.fn);
  EXPECT_EQ(println.member, static_cast<int32_t>(Member::FmtPrintln));
  EXPECT_EQ(as<Ident>(*println.x).index, static_cast<int32_t>(Module::Fmt));
  EXPECT_EQ(as<Selector>(*call.args[0]).member, static_cast<int32_t>(Member::MathPi));
  auto& len = as<Ident>(*as<Call>(*as<DefineStmt>(*p.file->stmts[0]).rhs[0]).fn);
  EXPECT_EQ(len.index, static_cast<int32_t>(Builtin::Len));
  EXPECT_EQ(memberInfo(Member::MathPi).kind, MemberKind::Const);
}

TEST(ResolverScopes, SelectAndSwitchClausesAreBlocks) {
  EXPECT_EQ(resolvedSexpr("func f(ch) {\n"
                           "  select {\n"
                           "  case v := <-ch: print(v)\n"
                           "  case v, ok := <-ch: print(v, ok)\n"
                           "  case ch <- 1:\n"
                           "  }\n"
                           "}"),
            "(funcdecl f@G0! (ch@L0!) (block (select (recv (v@L1!) := ch@L0 (call print@B v@L1)) "
            "(recv (v@L1! ok@L2!) := ch@L0 (call print@B v@L1 ok@L2)) (send ch@L0 1))))");
  EXPECT_EQ(resolvedSexpr("func f(x) {\n  switch y := x; y {\n  case 1: z := y; print(z)\n  default: z := 2; print(z)\n  }\n}"),
            "(funcdecl f@G0! (x@L0!) (block (switch (:= y@L1! x@L0) y@L1 (case (1) (:= z@L2! y@L1) "
            "(call print@B z@L2)) (default (:= z@L2! 2) (call print@B z@L2)))))");
}

TEST(ResolverScopes, CallArgumentCountsAreNotChecked) {
  EXPECT_TRUE(errorsOf("func f(a) {}\nf(1, 2, 3)\nf()").empty());
}

// ---------------------------------------------------------------------------
// Captures and loop variables

TEST(ResolverCaptures, ThreadedThroughIntermediateFunctions) {
  auto p = resolveProgram("func outer() {\n  x := 1\n  return func() {\n    return func() { return x }\n  }\n}");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(funcdecl outer@G0! () (block (:= x@L0c! 1) (return (func () (block (return (func () "
            "(block (return x@U0c)))))))))\n");
  FuncLit& outer = declFunc(p, 0);
  auto& middle = as<FuncLit>(*as<ReturnStmt>(*outer.body->stmts[1]).values[0]);
  auto& inner = as<FuncLit>(*as<ReturnStmt>(*middle.body->stmts[0]).values[0]);
  EXPECT_EQ(middle.info.name, "main.outer.func1");
  EXPECT_EQ(inner.info.name, "main.outer.func1.1");
  ASSERT_EQ(middle.info.captures.size(), 1u);
  EXPECT_TRUE(middle.info.captures[0].fromParentLocal);  // outer's slot 0
  EXPECT_EQ(middle.info.captures[0].index, 0);
  ASSERT_EQ(inner.info.captures.size(), 1u);
  EXPECT_FALSE(inner.info.captures[0].fromParentLocal);  // middle's capture 0
  EXPECT_EQ(inner.info.captures[0].index, 0);
  EXPECT_EQ(inner.info.captures[0].var, middle.info.captures[0].var);
  EXPECT_TRUE(inner.info.captures[0].var->captured);
}

TEST(ResolverCaptures, SeveralCapturesAndParams) {
  auto p = resolveProgram("func f(a, b) {\n  c := 0\n  return func(d) { return b + c + d + b }\n}");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(funcdecl f@G0! (a@L0! b@L1c!) (block (:= c@L2c! 0) (return (func (d@L0!) (block (return "
            "(+ (+ (+ b@U0c c@U1c) d@L0) b@U0c)))))))\n");
  auto& lit = as<FuncLit>(*as<ReturnStmt>(*declFunc(p, 0).body->stmts[1]).values[0]);
  ASSERT_EQ(lit.info.captures.size(), 2u);
  EXPECT_EQ(lit.info.captures[0].index, 1);  // b is f's slot 1
  EXPECT_EQ(lit.info.captures[1].index, 2);  // c is f's slot 2
  EXPECT_TRUE(lit.info.captures[0].var->param);
}

TEST(ResolverCaptures, GlobalsAreNotCaptured) {
  EXPECT_EQ(resolvedSexpr("n := 0\nfunc f() { return func() { n++ } }"),
            "(:= n@G1! 0)\n(funcdecl f@G0! () (block (return (func () (block (++ n@G1))))))");
}

TEST(ResolverCaptures, LoopVariablesArePerIteration) {
  EXPECT_EQ(resolvedSexpr("func f(m) {\n"
                           "  for i := 0; i < 3; i++ { go func() { print(i) }() }\n"
                           "  for k, v := range m { print(k, v) }\n"
                           "  for j := range 3 {}\n"
                           "  x := 0\n"
                           "  for x = 0; x < 1; x++ {}\n"
                           "}"),
            "(funcdecl f@G0! (m@L0!) (block "
            "(for (:= i@L1cl! 0) (< i@L1cl 3) (++ i@L1cl) (block (go (call (func () (block (call print@B i@U0cl))))))) "
            "(range (k@L1l! v@L2l!) := m@L0 (block (call print@B k@L1l v@L2l))) "
            "(range (j@L1l!) := 3 (block)) "
            "(:= x@L1! 0) "
            "(for (= x@L1 0) (< x@L1 1) (++ x@L1) (block))))");
}

TEST(ResolverCaptures, RangeExpressionIsOutsideTheLoopScope) {
  EXPECT_EQ(resolvedSexpr("func f(x) { for x := range x {} }"),
            "(funcdecl f@G0! (x@L0!) (block (range (x@L1l!) := x@L0 (block))))");
}

// ---------------------------------------------------------------------------
// Functions: names and result counts

TEST(ResolverFunctions, ClosureNamesFollowGo) {
  auto p = resolveProgram(
      "func f() {\n"
      "  a := func() {\n"
      "    b := func() {}\n"
      "    b()\n"
      "  }\n"
      "  c := func() {}\n"
      "  a(); c()\n"
      "}\n"
      "x := func() {}\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  FuncLit& f = declFunc(p, 0);
  auto& a = as<FuncLit>(*as<DefineStmt>(*f.body->stmts[0]).rhs[0]);
  auto& b = as<FuncLit>(*as<DefineStmt>(*a.body->stmts[0]).rhs[0]);
  auto& c = as<FuncLit>(*as<DefineStmt>(*f.body->stmts[1]).rhs[0]);
  auto& x = as<FuncLit>(*as<DefineStmt>(*p.file->stmts[1]).rhs[0]);
  EXPECT_EQ(f.info.name, "main.f");
  EXPECT_EQ(a.info.name, "main.f.func1");
  EXPECT_EQ(b.info.name, "main.f.func1.1");
  EXPECT_EQ(c.info.name, "main.f.func2");
  EXPECT_EQ(x.info.name, "main.init.func1");
}

TEST(ResolverFunctions, ResultCounts) {
  auto p = resolveProgram(
      "func two(x) { if x { return g(x) }; return 1, 2 }\n"
      "func g(x) { return x, x }\n"
      "func h() { return h() }\n"
      "func none() { return }\n"
      "func empty() {}\n"
      "func rest(a, xs...) { return xs }\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(declFunc(p, 0).info.resultCount, 2);
  EXPECT_EQ(declFunc(p, 1).info.resultCount, 2);
  EXPECT_EQ(declFunc(p, 2).info.resultCount, -1);
  EXPECT_EQ(declFunc(p, 3).info.resultCount, 0);
  EXPECT_EQ(declFunc(p, 4).info.resultCount, 0);
  EXPECT_TRUE(declFunc(p, 5).info.variadic);
  EXPECT_EQ(declFunc(p, 5).info.numParams, 2);
}

TEST(ResolverFunctions, ReturnCountMismatches) {
  EXPECT_EQ(errorsOf("func f(x) { if x { return 1, 2 }; return 1 }"),
            std::vector<std::string>{"1:42: not enough return values"});
  EXPECT_EQ(errorsOf("func f() { return; return 1 }"),
            std::vector<std::string>{"1:12: not enough return values"});
  EXPECT_EQ(errorsOf("func f() { return 1; return 1, 2 }"),
            std::vector<std::string>{"1:32: too many return values"});
  EXPECT_EQ(errorsOf("return"), std::vector<std::string>{"1:1: return statement outside function body"});
}

// ---------------------------------------------------------------------------
// Errors

TEST(ResolverErrors, UndefinedNames) {
  EXPECT_EQ(errorsOf("func f() { return x }"), std::vector<std::string>{"1:19: undefined: x"});
  EXPECT_EQ(errorsOf("fmt.Foo()"), std::vector<std::string>{"1:5: undefined: fmt.Foo"});
  EXPECT_EQ(errorsOf("func f() { { y := 1 }; return y }"), std::vector<std::string>{"1:31: undefined: y"});
  EXPECT_EQ(errorsOf("func f() { z := func() { return z } }"), std::vector<std::string>{"1:33: undefined: z"});
  EXPECT_EQ(errorsOf("func f(ch) { select { case v = <-ch: } }"),
            std::vector<std::string>{"1:28: undefined: v"});
}

TEST(ResolverErrors, Redeclarations) {
  EXPECT_EQ(errorsOf("var x = 1\nvar x = 2"), std::vector<std::string>{"2:5: x redeclared in this block"});
  EXPECT_EQ(errorsOf("func f() { var a; var a }"), std::vector<std::string>{"1:23: a redeclared in this block"});
  EXPECT_EQ(errorsOf("func f() {}\nfunc f() {}"), std::vector<std::string>{"2:6: f redeclared in this block"});
  EXPECT_EQ(errorsOf("func f() {}\nvar f = 1"), std::vector<std::string>{"2:5: f redeclared in this block"});
  EXPECT_EQ(errorsOf("x := 1\nx := 2"), std::vector<std::string>{"2:3: no new variables on left side of :="});
  EXPECT_EQ(errorsOf("_ := 1"), std::vector<std::string>{"1:3: no new variables on left side of :="});
  EXPECT_EQ(errorsOf("func f(a) { a := 1 }"),
            std::vector<std::string>{"1:15: no new variables on left side of :="});
  EXPECT_EQ(errorsOf("func f() { a, a := 1, 2 }"),
            std::vector<std::string>{"1:15: a repeated on left side of :="});
  EXPECT_EQ(errorsOf("for k, k := range 3 {}"), std::vector<std::string>{"1:8: k repeated on left side of :="});
  EXPECT_EQ(errorsOf("func f(a, a) {}"), std::vector<std::string>{"1:11: duplicate argument a"});
  // A block may redeclare what an outer block declared.
  EXPECT_TRUE(errorsOf("func f(a) { { a := 1; print(a) } }").empty());
}

TEST(ResolverErrors, AssignmentCounts) {
  EXPECT_EQ(errorsOf("a, b := 1, 2, 3"),
            std::vector<std::string>{"1:9: assignment mismatch: 2 variables but 3 values"});
  EXPECT_EQ(errorsOf("x := 1, 2"), std::vector<std::string>{"1:6: assignment mismatch: 1 variable but 2 values"});
  EXPECT_EQ(errorsOf("var a, b = 1"), std::vector<std::string>{"1:12: assignment mismatch: 2 variables but 1 value"});
  EXPECT_EQ(errorsOf("func f(a, b) { a, b = 1 }"),
            std::vector<std::string>{"1:23: assignment mismatch: 2 variables but 1 value"});
  EXPECT_EQ(errorsOf("func f(m) { a, b, c := m[0] }"),
            std::vector<std::string>{"1:24: assignment mismatch: 3 variables but 1 value"});
  // One call may produce several values; m[k] and <-ch have comma-ok forms.
  EXPECT_TRUE(errorsOf("func g() { return 1, 2, 3 }\n"
                        "func f(m, ch) {\n"
                        "  a, b, c := g()\n"
                        "  v, ok := m[0]\n"
                        "  w, ok2 := <-ch\n"
                        "  v, ok = m[1]\n"
                        "  var p, q = g()\n"
                        "  print(a, b, c, v, ok, w, ok2, p, q)\n"
                        "}")
                  .empty());
}

TEST(ResolverErrors, MisusedNames) {
  EXPECT_EQ(errorsOf("x := _"), std::vector<std::string>{"1:6: cannot use _ as value"});
  EXPECT_EQ(errorsOf("func f() { _ += 1 }"), std::vector<std::string>{"1:12: cannot use _ as value"});
  EXPECT_EQ(errorsOf("x := fmt"), std::vector<std::string>{"1:6: use of package fmt without selector"});
  EXPECT_EQ(errorsOf("x := len"), std::vector<std::string>{"1:6: len (built-in function len) must be called"});
  EXPECT_EQ(errorsOf("x := len.x"), std::vector<std::string>{"1:6: len (built-in function len) must be called"});
  EXPECT_EQ(errorsOf("x := chan"), std::vector<std::string>{"1:6: chan (type) is not an expression"});
  EXPECT_EQ(errorsOf("func f(c) {}\nf(chan)"), std::vector<std::string>{"2:3: chan (type) is not an expression"});
  EXPECT_EQ(errorsOf("c := make(3)"), std::vector<std::string>{"1:11: 3 is not a type"});
  EXPECT_EQ(errorsOf("c := make()"),
            std::vector<std::string>{"1:6: not enough arguments for make() (expected 1, found 0)"});
  EXPECT_EQ(errorsOf("c := make(chan, 1, 2)"),
            std::vector<std::string>{"1:6: invalid operation: make(chan, 1, 2) expects 1 or 2 arguments; found 3"});
}

TEST(ResolverErrors, AssignmentTargets) {
  EXPECT_EQ(errorsOf("func f() {}\nf = 1"),
            std::vector<std::string>{"2:1: cannot assign to f (neither addressable nor a map index expression)"});
  EXPECT_EQ(errorsOf("func f() {}\nf, x := 1, 2"),
            std::vector<std::string>{"2:1: cannot assign to f (neither addressable nor a map index expression)"});
  EXPECT_EQ(errorsOf("len = 1"),
            std::vector<std::string>{"1:1: cannot assign to len (neither addressable nor a map index expression)"});
  EXPECT_EQ(errorsOf("func f(a, b) { a + b = 1 }"),
            std::vector<std::string>{"1:16: cannot assign to a + b (neither addressable nor a map index expression)"});
  EXPECT_EQ(errorsOf("func f() { fmt.Println = 1 }"),
            std::vector<std::string>{
                "1:12: cannot assign to fmt.Println (neither addressable nor a map index expression)"});
  EXPECT_EQ(errorsOf("func f(a) { a[1:2]++ }"),
            std::vector<std::string>{"1:13: cannot assign to a[1:2] (neither addressable nor a map index expression)"});
  EXPECT_TRUE(errorsOf("func f(a, m) { a[0] = 1; m[\"k\"] += 2; a[1]++ }").empty());
  // A field of a record (checked when the assignment runs).
  EXPECT_TRUE(errorsOf("func f(x) { x.y = 1; x.y += 2; x.y++ }").empty());
}

TEST(ResolverErrors, UnusedExpressions) {
  EXPECT_EQ(errorsOf("func f(x) { x }"), std::vector<std::string>{"1:13: x is not used"});
  EXPECT_EQ(errorsOf("func f(x) { x + 1 }"), std::vector<std::string>{"1:13: x + 1 is not used"});
  EXPECT_EQ(errorsOf("func f(x) { (x - 1) * 2 == 0 }"), std::vector<std::string>{"1:14: (x - 1) * 2 == 0 is not used"});
  EXPECT_EQ(errorsOf("\"s\""), std::vector<std::string>{"1:1: \"s\" is not used"});
  EXPECT_TRUE(errorsOf("func f(ch) { <-ch; f(ch) }").empty());
}

TEST(ResolverErrors, BreakAndContinue) {
  EXPECT_EQ(errorsOf("break"), std::vector<std::string>{"1:1: break is not in a loop, switch, or select"});
  EXPECT_EQ(errorsOf("continue"), std::vector<std::string>{"1:1: continue is not in a loop"});
  EXPECT_EQ(errorsOf("switch { default: continue }"), std::vector<std::string>{"1:19: continue is not in a loop"});
  EXPECT_EQ(errorsOf("for { func() { break }() }"),
            std::vector<std::string>{"1:16: break is not in a loop, switch, or select"});
  EXPECT_TRUE(errorsOf("for { switch { default: break; }; select { default: break }; continue }\n"
                        "for range 3 { if true { continue } }")
                  .empty());
}

TEST(ResolverErrors, ReportFormatHasNoSyntaxPrefix) {
  auto p = resolveProgram("func f() {\n\treturn y\n}\n");
  EXPECT_EQ(p.report(), "test.goro:2:9: undefined: y\n\treturn y\n\t       ^\n");
}

TEST(ResolverErrors, ManyErrorsAreSortedAndCapped) {
  std::string text = "func f() {\n";
  for (int i = 0; i < 12; ++i) text += "  print(u" + std::to_string(i) + ")\n";
  text += "}\nfunc f() {}\n";
  auto p = resolveProgram(text);
  auto errs = p.errors();
  ASSERT_EQ(errs.size(), 10u);
  EXPECT_EQ(errs[0], "2:9: undefined: u0");
  EXPECT_EQ(errs[9], "15:6: f redeclared in this block");  // reported first, sorted last
  EXPECT_NE(p.report().find("test.goro:10:9: too many errors\n"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Constants

TEST(ResolverConstants, NamesAreConstantsWithoutSlotsOrGlobals) {
  auto p = resolveProgram("const a = 1\nfunc f() { const b = a + 2; return b }\nx := a");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true),
            "(const a@C! 1)\n"
            "(funcdecl f@G0! () (block (const b@C! (+ a@C 2)) (return b@C)))\n"
            "(:= x@L0! a@C)\n");
  ASSERT_EQ(p.file->globals.size(), 1u);  // only f: a constant takes no global
  EXPECT_EQ(declFunc(p, 1).info.numSlots, 0);  // nor a slot
}

TEST(ResolverConstants, ImplicitRepetitionSharesTheListWithItsOwnIota) {
  auto p = resolveProgram("const (\n  a = iota * 10\n  b\n  _\n  c\n)");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  ASSERT_EQ(p.file->stmts.size(), 4u);
  const auto& first = as<ConstDecl>(*p.file->stmts[0]);
  const auto& last = as<ConstDecl>(*p.file->stmts[3]);
  EXPECT_EQ(first.inherited, nullptr);
  EXPECT_EQ(last.inherited, &first.values);
  EXPECT_EQ(last.iota, 3);
  const Var* c = last.names[0]->var;
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->constExpr, first.values[0].get());
  EXPECT_EQ(c->constIota, 3);
  auto v = evalConst(*c->constExpr, c->constIota);
  ASSERT_TRUE(v.value.has_value());
  EXPECT_EQ(v.value->i, 30);
}

TEST(ResolverConstants, ClosuresDoNotCaptureConstants) {
  auto p = resolveProgram("func f() { const k = 3; g := func() { return k }; return g }");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  const auto& body = declFunc(p, 0).body->stmts;
  const auto& lit = as<FuncLit>(*as<DefineStmt>(*body[1]).rhs[0]);
  EXPECT_TRUE(lit.info.captures.empty());
}

// In a session a top-level constant also has a global, for later chunks
// (which see a variable); declaring an earlier global again as a constant
// reuses its global, read as the variable until the declaration.
TEST(ResolverConstants, SessionConstantsHaveGlobals) {
  auto p = resolveProgram("const k = 2\nprint(x)\nconst x = k + 1", kEarlier);
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.sexpr(true), "(const k@C! 2)\n(call print@B x@G0)\n(const x@C! (+ k@C 1))\n");
  ASSERT_EQ(p.file->globals.size(), 3u);
  EXPECT_EQ(p.file->globals[2]->name, "k");
  EXPECT_TRUE(p.file->globals[0]->isConst);
  EXPECT_EQ(errorsOf("const x = x + 1", kEarlier), std::vector<std::string>{"1:11: x (variable) is not constant"});
}

TEST(ResolverConstants, Errors) {
  EXPECT_EQ(errorsOf("const x = 5\nx = 1"),
            std::vector<std::string>{"2:1: cannot assign to x (untyped int constant 5)"});
  EXPECT_EQ(errorsOf("const x = 'a' + 1\nfunc f() { x++ }"),
            std::vector<std::string>{"2:12: cannot assign to x (untyped rune constant 98)"});
  EXPECT_EQ(errorsOf("const x = 1.5\nx, y := 1, 2"),
            std::vector<std::string>{"2:1: cannot assign to x (untyped float constant 1.5)"});
  EXPECT_EQ(errorsOf("y := 1\nconst x = y + 1"), std::vector<std::string>{"2:11: y (variable) is not constant"});
  EXPECT_EQ(errorsOf("const x = undefinedName"), std::vector<std::string>{"1:11: undefined: undefinedName"});
  EXPECT_EQ(errorsOf("x := iota"), std::vector<std::string>{"1:6: cannot use iota outside constant declaration"});
  EXPECT_EQ(errorsOf("const x = 1 << 62 * 2"),
            std::vector<std::string>{"1:19: constant 1 << 62 * 2 overflows int (Goro's int constants are int64)"});
  EXPECT_EQ(errorsOf("const (\n  a, b = 1, 2\n  c\n  d, e, f\n)"),
            (std::vector<std::string>{"3:3: extra init expr at 2:13", "4:9: missing init expr for f"}));
}

TEST(Frontend, ParseAndResolve) {
  {
    Source src("ok.goro", "func main() { println(1) }\n");
    Diagnostics diags(src);
    auto file = parseAndResolve(src, diags);
    ASSERT_NE(file, nullptr);
    EXPECT_TRUE(file->resolved);
    EXPECT_FALSE(diags.hasErrors());
  }
  {
    // A syntax error stops before resolution: `nope` is not reported.
    Source src("bad.goro", "x := nope\ny := (\n");
    Diagnostics diags(src);
    EXPECT_EQ(parseAndResolve(src, diags), nullptr);
    EXPECT_EQ(diags.brief(), std::vector<std::string>{"3:1: syntax error: unexpected EOF, expected expression"});
  }
  {
    Source src("undef.goro", "x := nope\n");
    Diagnostics diags(src);
    EXPECT_EQ(parseAndResolve(src, diags), nullptr);
    EXPECT_EQ(diags.format(), "undef.goro:1:6: undefined: nope\nx := nope\n     ^\n");
  }
}

}  // namespace
}  // namespace goro::lang::syntax

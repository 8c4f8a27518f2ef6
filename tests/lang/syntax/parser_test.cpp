// tests/lang/syntax/parser_test.cpp: precedence and associativity, every
// expression and statement form, node positions, the map-literal/block
// rule, syntax error messages with the caret report, recovery, and the
// 10-error cap.
#include <gtest/gtest.h>

#include "tests/lang/syntax/syntax_test_util.h"

namespace goro::lang::syntax {
namespace {

using testing::exprSexpr;
using testing::parse;
using testing::stmtsSexpr;

// ---------------------------------------------------------------------------
// Expressions

TEST(ParserPrecedence, FiveLevels) {
  EXPECT_EQ(exprSexpr("a || b && c == d + e * f"), "(|| a (&& b (== c (+ d (* e f)))))");
  EXPECT_EQ(exprSexpr("a * b + c == d && e || f"), "(|| (&& (== (+ (* a b) c) d) e) f)");
  EXPECT_EQ(exprSexpr("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(exprSexpr("(1 + 2) * 3"), "(* (+ 1 2) 3)");
  EXPECT_EQ(exprSexpr("x << 1 + 2"), "(+ (<< x 1) 2)");
  EXPECT_EQ(exprSexpr("a &^ b | c"), "(| (&^ a b) c)");
  EXPECT_EQ(exprSexpr("a & b ^ c"), "(^ (& a b) c)");
  EXPECT_EQ(exprSexpr("a < b == c"), "(== (< a b) c)");
}

TEST(ParserPrecedence, LeftAssociativeWithinALevel) {
  EXPECT_EQ(exprSexpr("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(exprSexpr("a * b / c % d << e >> f & g &^ h"),
            "(&^ (& (>> (<< (% (/ (* a b) c) d) e) f) g) h)");
  EXPECT_EQ(exprSexpr("a + b - c | d ^ e"), "(^ (| (- (+ a b) c) d) e)");
  EXPECT_EQ(exprSexpr("a == b != c < d <= e > f >= g"),
            "(>= (> (<= (< (!= (== a b) c) d) e) f) g)");
  EXPECT_EQ(exprSexpr("a && b && c"), "(&& (&& a b) c)");
  EXPECT_EQ(exprSexpr("a || b || c"), "(|| (|| a b) c)");
}

TEST(ParserPrecedence, UnaryOperators) {
  EXPECT_EQ(exprSexpr("-x * y"), "(* (- x) y)");
  EXPECT_EQ(exprSexpr("!a && b"), "(&& (! a) b)");
  EXPECT_EQ(exprSexpr("<-ch + 1"), "(+ (<- ch) 1)");
  EXPECT_EQ(exprSexpr("^x"), "(^ x)");
  EXPECT_EQ(exprSexpr("+x"), "(+ x)");
  EXPECT_EQ(exprSexpr("- -x"), "(- (- x))");
  EXPECT_EQ(exprSexpr("!f(x)[0]"), "(! (index (call f x) 0))");
  EXPECT_EQ(exprSexpr("<-<-ch"), "(<- (<- ch))");
  EXPECT_EQ(exprSexpr("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(exprSexpr("-5"), "(- 5)");
}

TEST(ParserExpressions, Primaries) {
  EXPECT_EQ(exprSexpr("a.b.c(d)[e]"), "(index (call (. (. a b) c) d) e)");
  EXPECT_EQ(exprSexpr("f(x)(y)"), "(call (call f x) y)");
  EXPECT_EQ(exprSexpr("f()"), "(call f)");
  EXPECT_EQ(exprSexpr("f(a, b,)"), "(call f a b)");
  EXPECT_EQ(exprSexpr("append(a, b...)"), "(call append a b...)");
  EXPECT_EQ(exprSexpr("append(a, b...,)"), "(call append a b...)");
  EXPECT_EQ(exprSexpr("a[1:2]"), "(slice a 1 2)");
  EXPECT_EQ(exprSexpr("a[:2]"), "(slice a - 2)");
  EXPECT_EQ(exprSexpr("a[1:]"), "(slice a 1 -)");
  EXPECT_EQ(exprSexpr("a[:]"), "(slice a - -)");
  EXPECT_EQ(exprSexpr("fmt.Println(\"hi\")"), "(call (. fmt Println) \"hi\")");
  EXPECT_EQ(exprSexpr("wg.Add(1)"), "(call (. wg Add) 1)");
  EXPECT_EQ(exprSexpr("make(chan)"), "(call make chan)");
  EXPECT_EQ(exprSexpr("make(chan, 4)"), "(call make chan 4)");
}

TEST(ParserExpressions, Literals) {
  EXPECT_EQ(exprSexpr("nil"), "nil");
  EXPECT_EQ(exprSexpr("true"), "true");
  EXPECT_EQ(exprSexpr("false"), "false");
  EXPECT_EQ(exprSexpr("0x10"), "16");
  EXPECT_EQ(exprSexpr("1.5"), "1.5");
  EXPECT_EQ(exprSexpr("3.0"), "3.0");
  EXPECT_EQ(exprSexpr("'a'"), "97");
  EXPECT_EQ(exprSexpr("\"a\\tb\\\"\""), "\"a\\tb\\\"\"");
  EXPECT_EQ(exprSexpr("`raw\\n`"), "\"raw\\\\n\"");
  EXPECT_EQ(exprSexpr("[1, \"a\", nil]"), "(array 1 \"a\" nil)");
  EXPECT_EQ(exprSexpr("[]"), "(array)");
  EXPECT_EQ(exprSexpr("[\n  1,\n  2,\n]"), "(array 1 2)");
  EXPECT_EQ(exprSexpr("[[1], [2, 3]]"), "(array (array 1) (array 2 3))");
  EXPECT_EQ(exprSexpr("{\"a\": 1, 2: \"b\"}"), "(map (\"a\" 1) (2 \"b\"))");
  EXPECT_EQ(exprSexpr("{}"), "(map)");
  EXPECT_EQ(exprSexpr("{\n  k: [1],\n  \"x\": {},\n}"), "(map (k (array 1)) (\"x\" (map)))");
  EXPECT_EQ(exprSexpr("func(a, b) { return a + b }"), "(func (a b) (block (return (+ a b))))");
  EXPECT_EQ(exprSexpr("func() {}"), "(func () (block))");
  EXPECT_EQ(exprSexpr("func(xs...) { return xs }"), "(func (xs...) (block (return xs)))");
  EXPECT_EQ(exprSexpr("func(x) { return func() { return x } }(1)"),
            "(call (func (x) (block (return (func () (block (return x)))))) 1)");
}

TEST(ParserExpressions, IntegerOverflow) {
  EXPECT_EQ(exprSexpr("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(exprSexpr("9223372036854775808"),
            "ERROR: 1:1: cannot use 9223372036854775808 (untyped int constant) as int value (overflows)");
  EXPECT_EQ(exprSexpr("x + 99999999999999999999"),
            "ERROR: 1:5: cannot use 99999999999999999999 (untyped int constant) as int value (overflows)");
}

// ---------------------------------------------------------------------------
// Statements

TEST(ParserStatements, Declarations) {
  EXPECT_EQ(stmtsSexpr("var x = 1"), "(var x 1)");
  EXPECT_EQ(stmtsSexpr("var x"), "(var x)");
  EXPECT_EQ(stmtsSexpr("var a, b = 1, 2"), "(var (a b) (1 2))");
  EXPECT_EQ(stmtsSexpr("var (\n  a = 1\n  b\n)"), "(var a 1)\n(var b)");
  EXPECT_EQ(stmtsSexpr("var (a = 1; b = 2)"), "(var a 1)\n(var b 2)");
  EXPECT_EQ(stmtsSexpr("x := 1"), "(:= x 1)");
  EXPECT_EQ(stmtsSexpr("a, b := 1, 2"), "(:= (a b) (1 2))");
  EXPECT_EQ(stmtsSexpr("v, ok := m[k]"), "(:= (v ok) (index m k))");
  EXPECT_EQ(stmtsSexpr("func f(a, b) { return a }"), "(funcdecl f (a b) (block (return a)))");
  EXPECT_EQ(stmtsSexpr("func main() {}"), "(funcdecl main () (block))");
}

TEST(ParserStatements, RecordsAndMethods) {
  EXPECT_EQ(stmtsSexpr("type P struct { X, Y\n Z }"), "(typedecl P X Y Z)");
  EXPECT_EQ(stmtsSexpr("type E struct {}"), "(typedecl E)");
  EXPECT_EQ(stmtsSexpr("func (p P) M(a) { return p }"), "(funcdecl (P) M (p a) (block (return p)))");
  EXPECT_EQ(stmtsSexpr("func (p *P) M() {}"), "(funcdecl (*P) M (p) (block))");
  EXPECT_EQ(stmtsSexpr("func(p) {}(1)"), "(call (func (p) (block)) 1)");
  EXPECT_EQ(stmtsSexpr("x := P{1, f(2)}"), "(:= x (record P 1 (call f 2)))");
  EXPECT_EQ(stmtsSexpr("x := &P{Y: 1}"), "(:= x (&record P Y: 1))");
  EXPECT_EQ(stmtsSexpr("p.X = q.Y"), "(= (. p X) (. q Y))");
  EXPECT_EQ(stmtsSexpr("x := &p"), "(:= x (& p))");
  // In a header the `{` after a name opens the body; parentheses make it a literal.
  EXPECT_EQ(stmtsSexpr("if p == (P{1}) {}"), "(if - (== p (record P 1)) (block) -)");
  EXPECT_EQ(stmtsSexpr("for x {}"), "(for - x - (block))");
}

TEST(ParserStatements, Assignments) {
  EXPECT_EQ(stmtsSexpr("x = 1"), "(= x 1)");
  EXPECT_EQ(stmtsSexpr("a, b = b, a"), "(= (a b) (b a))");
  EXPECT_EQ(stmtsSexpr("a[i] = e"), "(= (index a i) e)");
  EXPECT_EQ(stmtsSexpr("m[\"k\"] = v"), "(= (index m \"k\") v)");
  const char* ops[] = {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^="};
  for (const char* op : ops) {
    EXPECT_EQ(stmtsSexpr(std::string("x ") + op + " 2"), std::string("(") + op + " x 2)");
  }
  EXPECT_EQ(stmtsSexpr("x++"), "(++ x)");
  EXPECT_EQ(stmtsSexpr("a[i]--"), "(-- (index a i))");
}

TEST(ParserStatements, ExpressionsSendReceive) {
  EXPECT_EQ(stmtsSexpr("f(1)"), "(call f 1)");
  EXPECT_EQ(stmtsSexpr("ch <- v + 1"), "(send ch (+ v 1))");
  EXPECT_EQ(stmtsSexpr("<-ch"), "(<- ch)");
  EXPECT_EQ(stmtsSexpr("v := <-ch"), "(:= v (<- ch))");
  EXPECT_EQ(stmtsSexpr("v, ok := <-ch"), "(:= (v ok) (<- ch))");
  EXPECT_EQ(stmtsSexpr("func() { go f() }()"), "(call (func () (block (go (call f)))))");
}

TEST(ParserStatements, If) {
  EXPECT_EQ(stmtsSexpr("if x { f() }"), "(if - x (block (call f)) -)");
  EXPECT_EQ(stmtsSexpr("if x { a() } else { b() }"), "(if - x (block (call a)) (block (call b)))");
  EXPECT_EQ(stmtsSexpr("if a {\n} else if b {\n} else {\n}"),
            "(if - a (block) (if - b (block) (block)))");
  EXPECT_EQ(stmtsSexpr("if v, ok := m[k]; ok { use(v) }"),
            "(if (:= (v ok) (index m k)) ok (block (call use v)) -)");
  EXPECT_EQ(stmtsSexpr("if x := f(); x > 0 {}"), "(if (:= x (call f)) (> x 0) (block) -)");
  EXPECT_EQ(stmtsSexpr("if f(); x {}"), "(if (call f) x (block) -)");
}

TEST(ParserStatements, For) {
  EXPECT_EQ(stmtsSexpr("for { break }"), "(for - - - (block (break)))");
  EXPECT_EQ(stmtsSexpr("for x < 3 { continue }"), "(for - (< x 3) - (block (continue)))");
  EXPECT_EQ(stmtsSexpr("for i := 0; i < 3; i++ {}"), "(for (:= i 0) (< i 3) (++ i) (block))");
  EXPECT_EQ(stmtsSexpr("for ;; {}"), "(for - - - (block))");
  EXPECT_EQ(stmtsSexpr("for i = 0; ; i += 2 {}"), "(for (= i 0) - (+= i 2) (block))");
  EXPECT_EQ(stmtsSexpr("for ; i < 3; {}"), "(for - (< i 3) - (block))");
}

TEST(ParserStatements, Range) {
  EXPECT_EQ(stmtsSexpr("for i := range 10 {}"), "(range (i) := 10 (block))");
  EXPECT_EQ(stmtsSexpr("for k, v := range m {}"), "(range (k v) := m (block))");
  EXPECT_EQ(stmtsSexpr("for _, v := range a {}"), "(range (_ v) := a (block))");
  EXPECT_EQ(stmtsSexpr("for range n {}"), "(range n (block))");
  EXPECT_EQ(stmtsSexpr("for range ch { f() }"), "(range ch (block (call f)))");
  EXPECT_EQ(stmtsSexpr("for k, a[0] = range m {}"), "(range (k (index a 0)) = m (block))");
  EXPECT_EQ(stmtsSexpr("for v := range <-chs {}"), "(range (v) := (<- chs) (block))");
}

TEST(ParserStatements, Switch) {
  EXPECT_EQ(stmtsSexpr("switch x {\ncase 1, 2:\n  a()\n  b()\ndefault:\n  c()\n}"),
            "(switch - x (case (1 2) (call a) (call b)) (default (call c)))");
  EXPECT_EQ(stmtsSexpr("switch {\ncase x > 1:\ncase x < 0: f()\n}"),
            "(switch - - (case ((> x 1))) (case ((< x 0)) (call f)))");
  EXPECT_EQ(stmtsSexpr("switch x := f(); x {}"), "(switch (:= x (call f)) x)");
  EXPECT_EQ(stmtsSexpr("switch x := f(); {\ndefault: break\n}"),
            "(switch (:= x (call f)) - (default (break)))");
  EXPECT_EQ(stmtsSexpr("switch {}"), "(switch - -)");
}

TEST(ParserStatements, Select) {
  EXPECT_EQ(stmtsSexpr("select {\n"
                        "case <-ch:\n"
                        "case v := <-ch: f(v)\n"
                        "case v, ok := <-ch:\n"
                        "case v = <-ch:\n"
                        "case out <- x + 1:\n"
                        "default:\n"
                        "  return\n"
                        "}"),
            "(select (recv - ch) (recv (v) := ch (call f v)) (recv (v ok) := ch) (recv (v) = ch) "
            "(send out (+ x 1)) (default (return)))");
  EXPECT_EQ(stmtsSexpr("select {}"), "(select)");
}

TEST(ParserStatements, JumpsGoDeferBlocks) {
  EXPECT_EQ(stmtsSexpr("func f() { return }"), "(funcdecl f () (block (return)))");
  EXPECT_EQ(stmtsSexpr("func f() { return 1, 2 }"), "(funcdecl f () (block (return 1 2)))");
  EXPECT_EQ(stmtsSexpr("go worker(ch, 1)"), "(go (call worker ch 1))");
  EXPECT_EQ(stmtsSexpr("defer wg.Done()"), "(defer (call (. wg Done)))");
  EXPECT_EQ(stmtsSexpr("defer func() { recover() }()"),
            "(defer (call (func () (block (call recover)))))");
  EXPECT_EQ(stmtsSexpr("{ x := 1; { y := x } }"), "(block (:= x 1) (block (:= y x)))");
  EXPECT_EQ(stmtsSexpr(";;x := 1;;"), "(:= x 1)");
}

TEST(ParserStatements, PackageImportsAndTopLevel) {
  auto p = parse(
      "package main\n"
      "\n"
      "import \"fmt\"\n"
      "import (\n"
      "  \"strings\"\n"
      "  m \"math\"\n"
      ")\n"
      "\n"
      "x := 1\n"
      "func main() { fmt.Println(x) }\n"
      "main()\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  EXPECT_EQ(p.file->packageName, "main");
  ASSERT_EQ(p.file->imports.size(), 3u);
  EXPECT_EQ(p.file->imports[0].path, "fmt");
  EXPECT_EQ(p.file->imports[2].path, "math");
  EXPECT_EQ(p.file->imports[1].pos.line, 5u);
  EXPECT_EQ(p.sexpr(), "(:= x 1)\n(funcdecl main () (block (call (. fmt Println) x)))\n(call main)\n");
  EXPECT_EQ(stmtsSexpr("import \"fmt\"; fmt.Println()"), "(call (. fmt Println))");
  EXPECT_EQ(stmtsSexpr(""), "");
}

TEST(ParserStatements, TheLanguageExampleParses) {
  auto p = parse(R"(package main              // optional, ignored

import "fmt"              // optional, ignored: every module is always there

func fib(n) {
    if n < 2 {
        return n
    }
    return fib(n-1) + fib(n-2)
}

func main() {
    ch := make(chan, 4)
    var wg = sync.WaitGroup()
    for i := range 4 {
        wg.Add(1)
        go func() {
            defer wg.Done()
            ch <- fib(20 + i)
        }()
    }
    wg.Wait()
    close(ch)
    total := 0
    for v := range ch {
        total += v
    }
    fmt.Println("total", total, "procs", runtime.GOMAXPROCS(0))
}
)");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  ASSERT_EQ(p.file->stmts.size(), 2u);
  EXPECT_EQ(toSexpr(*p.file->stmts[0]),
            "(funcdecl fib (n) (block (if - (< n 2) (block (return n)) -) "
            "(return (+ (call fib (- n 1)) (call fib (- n 2))))))");
}

// ---------------------------------------------------------------------------
// The `{` rule: map literal in operand position, block elsewhere

TEST(ParserMapLiterals, BlockOrMapLiteral) {
  EXPECT_EQ(stmtsSexpr("{}"), "(block)");
  EXPECT_EQ(stmtsSexpr("m := {}"), "(:= m (map))");
  EXPECT_EQ(stmtsSexpr("for k := range {\"a\": 1} {}"), "(range (k) := (map (\"a\" 1)) (block))");
  EXPECT_EQ(stmtsSexpr("if m := {1: 2}; m[1] == 2 {}"),
            "(if (:= m (map (1 2))) (== (index m 1) 2) (block) -)");
  EXPECT_EQ(stmtsSexpr("if x == {} {}"), "(if - (== x (map)) (block) -)");
  EXPECT_EQ(stmtsSexpr("switch ({1: 2})[k] {}"), "(switch - (index (map (1 2)) k))");
  EXPECT_EQ(stmtsSexpr("return {\"a\": 1}"), "(return (map (\"a\" 1)))");
  EXPECT_EQ(stmtsSexpr("f({}, [])"), "(call f (map) (array))");
}

// ---------------------------------------------------------------------------
// Positions

TEST(ParserPositions, NodesCarryLineAndColumn) {
  auto p = parse("x := 1\nfunc f(a) {\n\treturn a +\n\t\tg(a)[0]\n}\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  auto& def = as<DefineStmt>(*p.file->stmts[0]);
  EXPECT_EQ(def.pos, (Pos{1, 1, 0}));
  EXPECT_EQ(def.opPos, (Pos{1, 3, 2}));
  EXPECT_EQ(def.rhs[0]->pos, (Pos{1, 6, 5}));

  auto& fd = as<FuncDecl>(*p.file->stmts[1]);
  EXPECT_EQ(fd.pos, (Pos{2, 1, 7}));
  EXPECT_EQ(fd.name->pos, (Pos{2, 6, 12}));
  EXPECT_EQ(fd.func->params[0]->pos, (Pos{2, 8, 14}));
  EXPECT_EQ(fd.func->body->pos, (Pos{2, 11, 17}));
  EXPECT_EQ(fd.func->body->rbrace, (Pos{5, 1, 41}));

  auto& ret = as<ReturnStmt>(*fd.func->body->stmts[0]);
  EXPECT_EQ(ret.pos, (Pos{3, 2, 20}));
  auto& bin = as<Binary>(*ret.values[0]);
  EXPECT_EQ(bin.pos, (Pos{3, 9, 27}));
  EXPECT_EQ(bin.opPos, (Pos{3, 11, 29}));
  auto& ix = as<Index>(*bin.y);
  EXPECT_EQ(ix.pos, (Pos{4, 3, 33}));
  EXPECT_EQ(ix.lbrack, (Pos{4, 7, 37}));
  auto& call = as<Call>(*ix.x);
  EXPECT_EQ(call.pos, (Pos{4, 3, 33}));
  EXPECT_EQ(call.lparen, (Pos{4, 4, 34}));
  EXPECT_EQ(call.args[0]->pos, (Pos{4, 5, 35}));
}

TEST(ParserPositions, StatementsAndClauses) {
  auto p = parse("switch x {\ncase 1:\n\tgo f()\ndefault:\n}\nselect {\ncase v := <-ch:\n}\n");
  ASSERT_TRUE(p.errors().empty()) << p.report();
  auto& sw = as<SwitchStmt>(*p.file->stmts[0]);
  EXPECT_EQ(sw.clauses[0].pos, (Pos{2, 1, 11}));
  EXPECT_EQ(sw.clauses[0].body[0]->pos, (Pos{3, 2, 20}));
  EXPECT_EQ(sw.clauses[1].pos, (Pos{4, 1, 27}));
  auto& sel = as<SelectStmt>(*p.file->stmts[1]);
  EXPECT_EQ(sel.clauses[0].lhs[0]->pos.line, 7u);
  EXPECT_EQ(sel.clauses[0].opPos, (Pos{7, 11, 57}));
  EXPECT_EQ(sel.clauses[0].chan->pos, (Pos{7, 13, 59}));
}

// ---------------------------------------------------------------------------
// Syntax errors

std::vector<std::string> errorsOf(const std::string& text) { return parse(text).errors(); }

TEST(ParserErrors, GoWording) {
  EXPECT_EQ(errorsOf("fmt.Println(\"a\"\n"),
            std::vector<std::string>{
                "1:16: syntax error: unexpected newline in argument list; possibly missing comma or )"});
  EXPECT_EQ(errorsOf("func f() {\n\tx := \n}"),
            std::vector<std::string>{"3:1: syntax error: unexpected }, expected expression"});
  EXPECT_EQ(errorsOf("x := [1, 2\n"),
            std::vector<std::string>{
                "1:11: syntax error: unexpected newline in composite literal; possibly missing comma or ]"});
  EXPECT_EQ(errorsOf("m := {1: 2\n"),
            std::vector<std::string>{
                "1:11: syntax error: unexpected newline in composite literal; possibly missing comma or }"});
  EXPECT_EQ(errorsOf("x := 1 2"), std::vector<std::string>{"1:8: syntax error: unexpected literal 2 at end of statement"});
  EXPECT_EQ(errorsOf("x := range"),
            std::vector<std::string>{"1:6: syntax error: unexpected keyword range, expected expression"});
  EXPECT_EQ(errorsOf("f(x y)"),
            std::vector<std::string>{"1:5: syntax error: unexpected name y in argument list; possibly missing comma or )"});
  EXPECT_EQ(errorsOf("func f(n int) {}"),
            std::vector<std::string>{
                "1:10: syntax error: unexpected name int in parameter list; possibly missing comma or )"});
  EXPECT_EQ(errorsOf("a, b"), std::vector<std::string>{"1:5: syntax error: unexpected EOF, expected := or = or comma"});
  EXPECT_EQ(errorsOf("x.(int)"), std::vector<std::string>{"1:3: syntax error: unexpected (, expected name"});
  EXPECT_EQ(errorsOf("a[1:2:3]"), std::vector<std::string>{"1:6: syntax error: 3-index slices are not supported"});
  EXPECT_EQ(errorsOf("a[1 2]"), std::vector<std::string>{"1:5: syntax error: unexpected literal 2, expected : or ]"});
  EXPECT_EQ(errorsOf("x := \"s\" \"t\""),
            std::vector<std::string>{"1:10: syntax error: unexpected literal \"t\" at end of statement"});
}

TEST(ParserErrors, ControlClauses) {
  EXPECT_EQ(errorsOf("if {}"), std::vector<std::string>{"1:4: syntax error: missing condition in if statement"});
  EXPECT_EQ(errorsOf("if x := 1; {}"),
            std::vector<std::string>{"1:10: syntax error: missing condition in if statement"});
  EXPECT_EQ(errorsOf("if x\n{}"),
            std::vector<std::string>{"1:5: syntax error: unexpected newline, expected { after if clause"});
  EXPECT_EQ(errorsOf("if x := 1 {}"), std::vector<std::string>{"1:4: syntax error: cannot use x := 1 as value"});
  EXPECT_EQ(errorsOf("if x = y + 1 {}"),
            std::vector<std::string>{"1:4: syntax error: cannot use assignment x = (y + 1) as value"});
  EXPECT_EQ(errorsOf("if x {} else return"),
            std::vector<std::string>{"1:14: syntax error: else must be followed by if or statement block"});
  EXPECT_EQ(errorsOf("if x {\n}\nelse {\n}"),
            std::vector<std::string>{"3:1: syntax error: unexpected keyword else, expected statement"});
  EXPECT_EQ(errorsOf("func f() {\n\tif x {\n\t}\n\telse {\n\t}\n}"),
            std::vector<std::string>{"4:2: syntax error: unexpected keyword else, expected }"});
  EXPECT_EQ(errorsOf("for i := 0; i < 3 {}"),
            std::vector<std::string>{"1:19: syntax error: unexpected {, expected semicolon or newline"});
  EXPECT_EQ(errorsOf("for i := 0; {}"),
            std::vector<std::string>{"1:13: syntax error: unexpected {, expected for loop condition"});
  EXPECT_EQ(errorsOf("for ;; x := 1 {}"),
            std::vector<std::string>{"1:8: syntax error: cannot declare in post statement of for loop"});
  EXPECT_EQ(errorsOf("for var i = 0; i < 3; i++ {}"),
            std::vector<std::string>{"1:5: syntax error: var declaration not allowed in for initializer"});
  // As in Go, the newline ends an init statement: the condition is missing.
  EXPECT_EQ(errorsOf("for x\n{}"),
            std::vector<std::string>{"2:1: syntax error: unexpected {, expected for loop condition"});
  EXPECT_EQ(errorsOf("for x y {}"), std::vector<std::string>{"1:7: syntax error: unexpected name y, expected {"});
  EXPECT_EQ(errorsOf("for i := 0; i < 3; i++\n{}"),
            std::vector<std::string>{"1:23: syntax error: unexpected newline, expected { after for clause"});
  // As in Go, `switch x\n{` is `switch x; {`: x is an init statement.
  EXPECT_EQ(stmtsSexpr("switch x\n{}"), "(switch x -)");
  EXPECT_EQ(errorsOf("switch ; x\n{}"),
            std::vector<std::string>{"1:11: syntax error: missing { after switch clause"});
  EXPECT_EQ(errorsOf("switch x y {}"), std::vector<std::string>{"1:10: syntax error: unexpected name y, expected {"});
  EXPECT_EQ(errorsOf("switch { foo() }"),
            std::vector<std::string>{"1:10: syntax error: unexpected name foo, expected case or default or }"});
  EXPECT_EQ(errorsOf("select { case x: }"),
            std::vector<std::string>{"1:15: select case must be receive, send or assign recv"});
  EXPECT_EQ(errorsOf("switch { default: default: }"), std::vector<std::string>{"1:19: multiple defaults in switch"});
  EXPECT_EQ(errorsOf("select { default: default: }"), std::vector<std::string>{"1:19: multiple defaults in select"});
  EXPECT_EQ(errorsOf("for a, b, c := range x {}"),
            std::vector<std::string>{"1:11: range clause permits at most two iteration variables"});
}

TEST(ParserErrors, NotInGoro) {
  EXPECT_EQ(errorsOf("L: for {}"), std::vector<std::string>{"1:1: syntax error: labels are not supported"});
  EXPECT_EQ(errorsOf("for { break L }"), std::vector<std::string>{"1:13: syntax error: labels are not supported"});
  EXPECT_EQ(errorsOf("for { continue L }"), std::vector<std::string>{"1:16: syntax error: labels are not supported"});
  EXPECT_EQ(errorsOf("goto L"), std::vector<std::string>{"1:1: syntax error: goto is not supported"});
  EXPECT_EQ(errorsOf("switch { case 1: fallthrough }"),
            std::vector<std::string>{"1:18: syntax error: fallthrough is not supported"});
  EXPECT_EQ(errorsOf("func f() { func g() {} }"),
            std::vector<std::string>{"1:17: syntax error: unexpected name g, expected ("});
  EXPECT_EQ(errorsOf("x := 1\nimport \"fmt\""),
            std::vector<std::string>{"2:1: syntax error: imports must appear before other declarations"});
  EXPECT_EQ(errorsOf("x := 1\npackage main"),
            std::vector<std::string>{"2:1: syntax error: package statement must be first"});
  EXPECT_EQ(errorsOf("import 42"), std::vector<std::string>{"1:8: syntax error: import path must be a string"});
  EXPECT_EQ(errorsOf("import fmt"), std::vector<std::string>{"1:11: syntax error: missing import path"});
  EXPECT_EQ(errorsOf("var x int"), std::vector<std::string>{"1:7: syntax error: unexpected name int, expected ="});
}

TEST(ParserErrors, NonSyntaxErrorsFromTheParser) {
  EXPECT_EQ(errorsOf("a[0] := 1"), std::vector<std::string>{"1:1: non-name a[0] on left side of :="});
  EXPECT_EQ(errorsOf("go x"), std::vector<std::string>{"1:4: expression in go must be function call"});
  EXPECT_EQ(errorsOf("defer (x + 1)"), std::vector<std::string>{"1:8: expression in defer must be function call"});
  EXPECT_EQ(errorsOf("f(a..., b)"), std::vector<std::string>{"1:9: can only use ... with final argument in list"});
  EXPECT_EQ(errorsOf("func f(a..., b) {}"),
            std::vector<std::string>{"1:14: can only use ... with final parameter in list"});
}

TEST(ParserErrors, ReportHasSourceLineAndCaret) {
  auto p = parse("func main() {\n\tfmt.Println(\"a\"\n}\n");
  EXPECT_EQ(p.report(),
            "test.goro:2:17: syntax error: unexpected newline in argument list; possibly missing comma or )\n"
            "\tfmt.Println(\"a\"\n"
            "\t               ^\n");
}

TEST(ParserErrors, CaretAlignsWithTabsAndWideCharacters) {
  // One space per code point, tabs copied: the caret sits under `2`.
  auto p = parse("\t\t\"\xC3\xA9\" 2\n");
  EXPECT_EQ(p.report(),
            "test.goro:1:8: syntax error: unexpected literal 2 at end of statement\n"
            "\t\t\"\xC3\xA9\" 2\n"
            "\t\t    ^\n");
}

TEST(ParserErrors, RecoveryReportsEveryStatementError) {
  auto p = parse(
      "func main() {\n"
      "\tx := (1 +\n"     // 2
      "\ty := 2\n"        // 3
      "\tfmt.Println(\n"  // 4
      "\tz := 3\n"        // 5
      "\tok()\n"          // 6
      "\tw := ]\n"        // 7
      "\tfine := 4\n"     // 8
      "}\n"
      "after := 5\n"
      "func g() { h( }\n"
      "last := 6\n");
  EXPECT_EQ(p.errors(),
            (std::vector<std::string>{
                "3:4: syntax error: unexpected :=, expected )",
                "5:4: syntax error: unexpected := in argument list; possibly missing comma or )",
                "7:7: syntax error: unexpected ], expected expression",
                "11:15: syntax error: unexpected }, expected expression",
            }));
  // The good statements around the bad ones are all there.
  std::string s = p.sexpr();
  EXPECT_NE(s.find("(call ok)"), std::string::npos) << s;
  EXPECT_NE(s.find("(:= fine 4)"), std::string::npos) << s;
  EXPECT_NE(s.find("(:= after 5)"), std::string::npos) << s;
  EXPECT_NE(s.find("(:= last 6)"), std::string::npos) << s;
  EXPECT_NE(s.find("(funcdecl g () (block))"), std::string::npos) << s;
}

TEST(ParserErrors, RecoverySkipsTheBracesAFailedStatementOpened) {
  auto p = parse(
      "m := {\n"
      "  \"a\": 1,\n"
      "  \"b\" 2,\n"
      "}\n"
      "if x y {\n"
      "  z := 1\n"
      "}\n"
      "done()\n");
  EXPECT_EQ(p.errors(), (std::vector<std::string>{
                            "3:7: syntax error: unexpected literal 2, expected :",
                            "5:6: syntax error: unexpected name y, expected {",
                        }));
  EXPECT_EQ(p.sexpr(), "(call done)\n");
}

TEST(ParserErrors, OneSyntaxErrorPerLine) {
  EXPECT_EQ(errorsOf("x := ) + ) + )\ny := )"),
            (std::vector<std::string>{"1:6: syntax error: unexpected ), expected expression",
                                      "2:6: syntax error: unexpected ), expected expression"}));
}

TEST(ParserErrors, StopsAfterTenErrors) {
  std::string text;
  for (int i = 0; i < 15; ++i) text += "x := )\n";
  auto p = parse(text);
  EXPECT_EQ(p.errors().size(), 10u);
  EXPECT_TRUE(p.diags->full());
  std::string report = p.report();
  EXPECT_NE(report.find("test.goro:10:6: syntax error: unexpected ), expected expression\n"), std::string::npos);
  EXPECT_EQ(report.find("test.goro:11:"), std::string::npos);
  std::string tail = "\ntest.goro:10:6: too many errors\n";
  EXPECT_EQ(report.substr(report.size() - tail.size()), tail);
}

TEST(ParserErrors, ErrorsAtEndOfFile) {
  EXPECT_EQ(errorsOf("func f() {\n"), std::vector<std::string>{"2:1: syntax error: unexpected EOF, expected }"});
  EXPECT_EQ(errorsOf("x := (1 +"), std::vector<std::string>{"1:10: syntax error: unexpected EOF, expected expression"});
  // Only the first error at EOF is reported.
  EXPECT_EQ(errorsOf("func f() { g(").size(), 1u);
}

TEST(ParserErrors, NestingDepthIsBounded) {
  auto nested = [](int n) { return "x := " + std::string(n, '(') + "1" + std::string(n, ')'); };
  EXPECT_TRUE(errorsOf(nested(900)).empty());
  EXPECT_EQ(errorsOf(nested(100000)), std::vector<std::string>{"1:1006: syntax error: exceeded max nesting depth"});
  auto chain = [](int n) {
    std::string s = "x := 1";
    for (int i = 0; i < n; ++i) s += " + 1";
    return s;
  };
  EXPECT_TRUE(errorsOf(chain(900)).empty());
  EXPECT_EQ(errorsOf(chain(50000)).size(), 1u);
  std::string elifs = "if a {}";
  for (int i = 0; i < 5000; ++i) elifs += " else if a {}";
  EXPECT_EQ(errorsOf(elifs).size(), 1u);
  std::string blocks = std::string(5000, '{') + std::string(5000, '}');
  EXPECT_EQ(errorsOf(blocks).size(), 1u);
  // A long flat list is not nesting.
  std::string list = "x := [";
  for (int i = 0; i < 50000; ++i) list += "1, ";
  EXPECT_TRUE(errorsOf(list + "]").empty());
}

TEST(ParserErrors, StrayTokensAtTopLevel) {
  EXPECT_EQ(errorsOf("}\nx := 1"), std::vector<std::string>{"1:1: syntax error: unexpected }, expected statement"});
  EXPECT_EQ(errorsOf("x := 1 }"), std::vector<std::string>{"1:8: syntax error: unexpected } at end of statement"});
  EXPECT_EQ(errorsOf(")"), std::vector<std::string>{"1:1: syntax error: unexpected ), expected statement"});
}

}  // namespace
}  // namespace goro::lang::syntax

// lang/syntax/ast_printer.h: two renderings of the AST.
//
// toSexpr: a fully parenthesized s-expression, for tests and debugging.
//   literals   42  1.5  "s\n"  nil  true  (a rune literal prints its value)
//   (- x) (<- ch)             unary          (+ a b)        binary
//   (call f a b) (call f a b...)            (index a i)  (slice a lo hi)
//   (. x name)  (array a b)  (map (k v) ...)  (func (a b...) BODY)  chan
//   (block s...)  (send ch v)  (++ x)  (= a 1)  (= (a b) (b a))  (+= x 1)
//   (:= x 1)  (var x 1)  (var x)  (if INIT COND THEN ELSE)
//   (for INIT COND POST BODY)  (range X BODY)  (range (k v) := X BODY)
//   (switch INIT TAG (case (e...) s...) (default s...))
//   (select (recv LHS := CH s...) (send CH V s...) (default s...))
//   (break) (continue) (return a b) (go CALL) (defer CALL)
//   (funcdecl NAME (params) BODY)
// An absent optional child prints as "-"; an expression statement prints
// as its expression; LHS of a recv clause is "-" or (v ok).
// With annotate, identifiers carry their resolution: x@L3 (local slot 3),
// x@U0 (capture 0), x@G1 (global 1), len@B, fmt@M, and `_` stays `_`;
// then "c" if the variable is captured, "l" if it is a loop variable, and
// "!" where the identifier declares it (x@L0cl!).
//
// goSyntax: Go source text of an expression (minimal parentheses, func
// literals abbreviated "func(a) {…}") or of a simple statement, as Go's
// compiler quotes code in error messages.
#pragma once

#include <string>

#include "lang/syntax/ast.h"

namespace goro::lang::syntax {

struct SexprOptions {
  bool annotate = false;
};

std::string toSexpr(const Node& n, SexprOptions opts = {});
// Each top-level statement of the file on its own line.
std::string toSexpr(const File& f, SexprOptions opts = {});

std::string goSyntax(const Expr& e);
std::string goSyntax(const Stmt& s);

// Go's strconv.Quote for the bytes of s.
std::string quoteString(std::string_view s);

}  // namespace goro::lang::syntax

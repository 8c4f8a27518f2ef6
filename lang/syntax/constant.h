// lang/syntax/constant.h: constant expressions, as Go's untyped constants
// meet Goro's dynamic values (docs/language.md, "Constants").
//
// A constant expression is built from literals (not nil), named constants,
// `iota`, `len` of a constant string, the module constants (time.Second, math.Pi: their values are made
// when the program is loaded, so an expression using one is not folded
// here, and compiles to its operations at each use), and the operators on
// them other than the receive `<-`. isConstExpr says whether an expression
// is one; evalConst folds one to a value.
//
// Values (ConstValue, in ast.h). A folded constant is a bool, an int (int64, marked when written
// as a rune literal, for messages as Go words them), a float (double) or a
// string: Goro's own kinds, so a constant used anywhere means exactly what
// the same literal would. Go's constants are exact; Goro's int constants
// are int64, and an int operation that leaves int64 is a compile error
// where Go would report an overflow on use (`1 << 63`), never a silent
// wrap-around. Division by a constant zero and operands Go would not
// combine ("a" + 1, 1.5 % 1) are compile errors too, worded as Go's.
//
// The bytecode compiler folds the constants of ordinary expressions with
// foldUnary and foldBinary as well, with wrapping ints (exact: false), as
// the interpreter computes them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lang/syntax/ast.h"
#include "lang/syntax/token.h"

namespace goro::lang::syntax {

// Go's description of a constant in messages: `untyped int constant 5`,
// `untyped string constant "hi"`.
std::string describeConst(const ConstValue& c);

// Folds an operator on constants; nullopt when the operation cannot be
// folded (types that do not combine, division by zero, an int result
// outside int64 when exact). Comparisons give a bool.
std::optional<ConstValue> foldUnary(TokenKind op, const ConstValue& x);
std::optional<ConstValue> foldBinary(TokenKind op, const ConstValue& x, const ConstValue& y, bool exact);

// Whether e is a constant expression (the file comment); if not, *bad is
// set to the outermost part that is not constant. e must be resolved.
bool isConstExpr(const Expr& e, const Expr** bad);

// The outcome of folding a constant expression.
struct ConstEval {
  std::optional<ConstValue> value;  // empty: not folded
  std::string error;                // non-empty: not a valid constant (at errorPos)
  Pos errorPos;
};

// Folds the resolved constant expression e, in which `iota` is the given
// value. Not folded (no value, no error) when it uses a module constant.
ConstEval evalConst(const Expr& e, int64_t iota);

// Go's message for a part of a constant declaration that is not constant:
// "f() (value) is not constant", "x (variable) is not constant".
std::string notConstantMessage(const Expr& bad);

}  // namespace goro::lang::syntax

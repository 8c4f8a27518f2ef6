// lang/syntax/parser.h: builds the AST of a Goro file (docs/language.md) by
// recursive descent, with Go's grammar minus the types.
//
// Grammar notes (where Goro differs from Go or Go is silent):
//   - A file may start with `package NAME` and `import` clauses (single or
//     grouped, optionally named); they are recorded in File and otherwise
//     ignored. Then any statements may follow at top level, and
//     `func NAME(params) { ... }` declarations, which are allowed only
//     there (elsewhere `func` starts a function literal, as in Go).
//   - Parameters are bare names; the last may be variadic, `rest...`.
//   - `{` where an operand is expected starts a map literal `{k: v, ...}`;
//     `[` starts an array literal `[a, b]`. A `{` at the start of a
//     statement is a block, and a `{` at the start of an if/for/switch
//     header clause (`for {`, `switch {`, `if x := f(); {`) opens the body,
//     so a map literal there needs parentheses: `switch ({1: 2})[k] {`.
//     Everywhere else (after an operator, after `range`, inside
//     parentheses) a map literal needs none: `for k := range {"a": 1} {`.
//   - make's channel argument `chan` parses as a ChanType operand.
//   - Labels, goto and fallthrough do not exist and get a clear error.
//
// Errors: messages use Go's compiler wording ("unexpected newline in
// argument list; possibly missing comma or )", "unexpected }, expected
// expression"). After an error the parser skips to the end of the
// statement (the next `;` or `}` outside any `{` the statement opened, or a
// keyword that starts a statement) and goes on, so one run reports every
// error of a file, until the Diagnostics is full.
#pragma once

#include <memory>

#include "lang/syntax/ast.h"
#include "lang/syntax/diagnostics.h"
#include "lang/syntax/source.h"

namespace goro::lang::syntax {

// Parses a whole file. Always returns a File; it is only meaningful (and
// may only be resolved and compiled) if diags has no errors afterwards.
std::unique_ptr<File> parseFile(const Source& src, Diagnostics& diags);

// Parses src as a single expression (for tests and tools). Returns null
// after an error.
ExprPtr parseExpression(const Source& src, Diagnostics& diags);

}  // namespace goro::lang::syntax

// lang/syntax/resolver.h: the scope pass. Binds every identifier of a parsed
// File to a local slot, a closure capture, a global, a built-in or a module
// (the annotations are described in ast.h), lays out each function's frame,
// marks captured and per-iteration loop variables, and reports the compile-time
// errors a dynamically typed language can find.
//
// Scoping rules (Go's, plus the top level Goro adds):
//   - Blocks nest as in Go: each if/for/switch/select statement, each
//     clause and each { } is a block; a function's parameters share the
//     block of its body. A declared name is in scope from the end of its
//     declaration (`x := x` reads the outer x).
//   - Globals are the names declared by the top-level statements
//     themselves (not inside their blocks): `var x`, `x := ...` and
//     `func f`. Both `var` and `:=` at top level make globals; inside a
//     function, or inside a block of the top-level code, they make locals
//     (of that function, or of the top-level code's own frame, the
//     function File::chunk).
//   - Except: a top-level `x := ...` whose name no function body mentions
//     (File::namesInFunctions, recorded by the parser) can only be reached
//     by the top-level code, so it is a local of the top-level code's frame
//     like a variable of its blocks: a register, as fast as a function's
//     local, instead of a global slot read and written by every use (the
//     first kTopLevelLocals such names; the rest stay globals). `:=` is
//     Go's declaration of a function's local, and the top-level code is a
//     function (main.init); `var` at top level is Go's package-level
//     variable and always makes a global, a root for the whole run. What a
//     program computes cannot tell the two apart; the collector's root
//     reports can (a local of goroutine 1's main.init frame, dead once the
//     top-level code has finished: docs/language.md, "Running a
//     program"). Not in a session, whose later chunks may use any name.
//   - Function bodies (declared or literal, anywhere) see every global,
//     whatever the order of declarations, since they run later. Top-level
//     code itself sees a global `var`/`:=` only after its declaration (it
//     runs in order), but every `func` declaration from the start.
//   - A global `func` is a constant: assigning to it is an error.
//   - `const` names (ConstDecl) are scoped as variables are, but take no
//     slot and are never captured: each use is Ref::Const, and the value
//     is the declaration's expression with its iota (constant.h), checked
//     and folded here so that its errors are reported at the declaration.
//     Assigning to one is Go's `cannot assign to x (untyped int constant
//     5)`. Top-level constants are in the globals map (function bodies see
//     them wherever declared) but not in File::globals. `iota` is defined
//     only in a constant declaration's expressions, and can be shadowed.
//   - Built-ins and modules (universe.h) come last and can be shadowed.
//     A built-in may only be called; a module may only be used as `m.Name`,
//     and Name must be one of its members.
//
// Errors reported (no "syntax error:" prefix, as Go's type checker):
//   undefined: x | undefined: fmt.Foo | x redeclared in this block |
//   no new variables on left side of := | x repeated on left side of := |
//   duplicate argument x | assignment mismatch: 2 variables but 3 values |
//   cannot use _ as value | use of package fmt without selector |
//   len (built-in function len) must be called | chan (type) is not an
//   expression | x is not a type | cannot assign to X (neither addressable
//   nor a map index expression) | X is not used (an expression statement
//   that is not a call or receive) | break is not in a loop, switch, or
//   select | continue is not in a loop | return statement outside function
//   body | too many return values | not enough return values | x (value)
//   is not constant | cannot assign to x (untyped int constant 5) | cannot
//   use iota outside constant declaration | missing init expr for x |
//   extra init expr 3 | the folding errors of constant.h.
//
// Return counts: Goro has no signatures, so a function's first `return`
// with values (in source order) fixes its result count, and every other
// `return` must match it (a bare `return` counts 0 and is "not enough"
// once a count is fixed). `return f()` with a single call is compatible
// with any count, since the call may return several values, and does not
// fix one. Falling off the end of a function is not an error. Wrong
// argument counts in calls are not checked here: they panic at run time.
// Unused variables and imports are not reported.
//
// Sessions (the REPL, lang/cmd/repl.h): a File may be one chunk of a
// session, resolved with the globals that the session's earlier chunks
// declared. Those keep their indices (globals 0..n-1, in order) and are in
// scope from the chunk's first statement, as if declared in a block around
// it: the chunk may use and assign them, and may declare any of them again
// (`x := ...`, `var x`, `func x`), which rebinds the same global, so code
// compiled earlier sees the new value (as a Python session's functions see
// a redefined name). Inside one chunk Go's rules above apply unchanged.
// A top-level constant of a chunk also gets a global, which the chunk sets
// to its value: later chunks see it as a variable holding that value
// (constant only within its own chunk).
#pragma once

#include <string>
#include <vector>

#include "lang/syntax/ast.h"
#include "lang/syntax/diagnostics.h"

namespace goro::lang::syntax {

// A global declared by an earlier chunk of a session; its index is its
// position in the list given to resolve.
struct EarlierGlobal {
  std::string name;
  bool isFunc = false;  // declared by `func name` (assigning to it is an error)
};

// Annotates file in place. Returns true if no error was reported; the File
// must not be compiled otherwise. Must only run on a File that parsed
// without errors.
// `session` (the REPL) keeps every top-level variable a global, since a
// later chunk may use it.
bool resolve(File& file, Diagnostics& diags, const std::vector<EarlierGlobal>& earlier = {},
             bool session = false);

// The most top-level variables kept in the top-level code's frame; past
// it, they are globals (the frame's registers are limited: compiler.h).
inline constexpr int kTopLevelLocals = 64;

}  // namespace goro::lang::syntax

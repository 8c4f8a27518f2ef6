// lang/compiler/disassembler.h: a listing of compiled code (`goro disasm FILE`),
// one line per instruction, driven by the opcode table of
// lang/compiler/opcodes.h:
//
//   function main.fib (line 3): 1 param, 4 registers, 2 constants
//      0  line 4   JLTK        0 K0 0     ; K0 = 2  -> 3
//
// Operands print by their kind in the table: registers as numbers, K as
// Kn with the constant after `;`, jumps as their target.
#pragma once

#include <string>

#include "lang/compiler/compiler.h"

namespace goro::lang::compiler {

// The listing of b and, after it, of every function nested in it.
std::string disassemble(const ProtoBuilder& b);

}  // namespace goro::lang::compiler

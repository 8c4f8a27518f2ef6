// lang/vm/imports.h: the rooms the virtual machine is written against. Its
// implementation files (everything that includes exec.h) name the value
// library's operations (lang/value), the natives' calling convention and
// tables (lang/lib) and the bytecode (lang/compiler) without qualification,
// as the machine's own vocabulary; public headers (interp.h) qualify them.
#pragma once

#include "lang/compiler/compiler.h"
#include "lang/compiler/opcodes.h"
#include "lang/lib/native_context.h"
#include "lang/value/value_ops.h"

namespace goro::lang::vm {
using namespace goro::lang::compiler;
using namespace goro::lang::lib;
using namespace goro::lang::value;
}  // namespace goro::lang::vm

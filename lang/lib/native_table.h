// lang/lib/native_table.h: the table from built-ins and module members to their
// native implementations (lang/lib/native_context.h's calling convention).
//
// The interpreter compiles a call to a built-in or a module function into
// a call of the NativeFn found here. Built-ins that are part of the
// interpreter's own machinery (panic, recover, make, close, and, with the
// scheduler, the concurrency members) return nullptr here and are compiled
// to dedicated opcodes instead.
#pragma once

#include "alloc/mcache.h"
#include "lang/lib/native_context.h"
#include "lang/syntax/universe.h"
#include "runtime/value.h"

namespace goro::lang::lib {

NativeFn nativeForBuiltin(syntax::Builtin b);
NativeFn nativeForMember(syntax::Member m);

// The value of a Value member (math.Pi, time.Second, math.MaxInt64 ...).
// os.Args is not here: the interpreter builds it from the script arguments.
runtime::Value memberValue(alloc::MCache& cache, syntax::Member m);

}  // namespace goro::lang::lib

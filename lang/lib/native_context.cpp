// lang/lib/native_context.cpp: the default implementations of NativeContext's
// optional hooks (lang/lib/native_context.h).
#include "lang/lib/native_context.h"

#include <unistd.h>

#include "runtime/exit.h"
#include "runtime/fdwriter.h"

namespace goro::lang::lib {

void NativeContext::writeStderr(std::string_view text) { runtime::FdWriter(2).str(text); }

void NativeContext::exitProcess(int code) { runtime::exitNow(code); }

}  // namespace goro::lang::lib

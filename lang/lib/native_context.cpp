// lang/lib/native_context.cpp: the default implementations of NativeContext's
// optional hooks (lang/lib/native_context.h).
#include "lang/lib/native_context.h"

#include <unistd.h>

#include "runtime/fdwriter.h"
#include "runtime/trace_events.h"

namespace goro::lang::lib {

void NativeContext::writeStderr(std::string_view text) { runtime::FdWriter(2).str(text); }

void NativeContext::exitProcess(int code) {
  runtime::trace::finish();
  ::_exit(code);
}

}  // namespace goro::lang::lib

// lang/lib/native_context.cpp: the default implementations of NativeContext's
// optional hooks (lang/lib/native_context.h).
#include "lang/lib/native_context.h"

#include <unistd.h>

#include <cerrno>

namespace goro::lang::lib {

void NativeContext::writeStderr(std::string_view text) {
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(2, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere left to report a failing stderr
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

void NativeContext::exitProcess(int code) { ::_exit(code); }

}  // namespace goro::lang::lib

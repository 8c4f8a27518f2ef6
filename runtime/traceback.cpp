// Native tracebacks with libunwind: see traceback.h for the output format.
//
// Two demangling policies share one frame printer:
// - the ordinary path lets __cxa_demangle allocate and frees the result;
// - the signal path demangles into one preallocated buffer, guarded by an
//   atomic flag; if the flag is taken (two threads crashing at once) or the
//   buffer was never reserved, the mangled name is printed instead. A name
//   longer than the buffer makes __cxa_demangle grow it with realloc, which
//   we accept: by then the process is dying anyway.
#define UNW_LOCAL_ONLY
#include "runtime/traceback.h"

#include <cstdlib>
#include <cstring>
#include <atomic>
#include <cxxabi.h>
#include <libunwind.h>

#include "runtime/fdwriter.h"

namespace goro::runtime {
namespace {

constexpr size_t kNameBufferSize = 512;
constexpr size_t kDemangleBufferSize = 4096;

// The signal-path demangling buffer (malloc'ed, since __cxa_demangle may
// realloc it) and the flag that gives one thread at a time the use of it.
char* gDemangleBuf = nullptr;
size_t gDemangleLen = 0;
std::atomic_flag gDemangleBusy = ATOMIC_FLAG_INIT;

enum class Demangle { Allocating, Reserved };

// Prints the demangled form of a mangled name, or the name itself.
void printName(FdWriter& w, const char* mangled, Demangle policy) {
  int status = -1;
  if (policy == Demangle::Allocating) {
    char* out = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
    w.str(status == 0 && out != nullptr ? out : mangled);
    std::free(out);
    return;
  }
  if (gDemangleBusy.test_and_set(std::memory_order_acquire)) {
    w.str(mangled);
    return;
  }
  if (gDemangleBuf == nullptr) {
    gDemangleBusy.clear(std::memory_order_release);
    w.str(mangled);
    return;
  }
  size_t len = gDemangleLen;
  char* out = abi::__cxa_demangle(mangled, gDemangleBuf, &len, &status);
  if (status == 0 && out != nullptr) {
    // On success the buffer may have been reallocated; adopt the new one.
    gDemangleBuf = out;
    gDemangleLen = len;
    w.str(out);
  } else {
    w.str(mangled);
  }
  gDemangleBusy.clear(std::memory_order_release);
}

// Walks the cursor outwards, printing each frame after the first skip ones.
void printFrames(int fd, unw_cursor_t* cursor, int skip, Demangle policy) {
  FdWriter w(fd);
  int printed = 0;
  for (;;) {
    if (skip > 0) {
      skip--;
    } else {
      if (printed == kMaxTracebackFrames) {
        w.str("...additional frames elided...\n");
        break;
      }
      unw_word_t pc = 0;
      unw_get_reg(cursor, UNW_REG_IP, &pc);
      if (pc == 0) break;
      char name[kNameBufferSize];
      unw_word_t off = 0;
      int rc = unw_get_proc_name(cursor, name, sizeof name, &off);
      // -UNW_ENOMEM means the name was truncated but is still usable.
      if ((rc == 0 || rc == -UNW_ENOMEM) && name[0] != '\0') {
        printName(w, name, policy);
        w.ch('+').hex(off);
      } else {
        w.ch('?');
      }
      w.str("\n\tpc=").hex(pc).ch('\n');
      printed++;
    }
    if (unw_step(cursor) <= 0) break;
  }
  w.flush();
}

}  // namespace

namespace {
// Walks the stack from its caller's caller: the innermost frames are this
// function and the public one that called it; leave them out as well.
__attribute__((noinline)) void printStackHere(int fd, int skipFrames, Demangle policy) {
  unw_context_t context;
  unw_cursor_t cursor;
  if (unw_getcontext(&context) != 0 || unw_init_local(&cursor, &context) != 0) {
    FdWriter(fd).str("(no native stack: libunwind could not start)\n");
    return;
  }
  printFrames(fd, &cursor, skipFrames + 2, policy);
}
}  // namespace

__attribute__((noinline)) void printNativeStack(int fd, int skipFrames) {
  printStackHere(fd, skipFrames, Demangle::Allocating);
  __asm__ volatile("" ::: "memory");  // no tail call: this frame is counted
}

__attribute__((noinline)) void printNativeStackSignalSafe(int fd, int skipFrames) {
  printStackHere(fd, skipFrames, Demangle::Reserved);
  __asm__ volatile("" ::: "memory");  // no tail call: this frame is counted
}

void printNativeStackFromContext(int fd, void* ucontext) {
  unw_cursor_t cursor;
  // On Linux, libunwind's unw_context_t is the ucontext_t a signal handler
  // receives. With UNW_INIT_SIGNAL_FRAME the first frame is looked up at the
  // interrupted pc itself, not at pc-1 as for a return address.
  auto* uc = static_cast<unw_context_t*>(ucontext);
#if UNW_VERSION_MAJOR > 1 || (UNW_VERSION_MAJOR == 1 && UNW_VERSION_MINOR >= 3)
  int rc = unw_init_local2(&cursor, uc, UNW_INIT_SIGNAL_FRAME);
#else
  int rc = unw_init_local(&cursor, uc);
#endif
  if (rc != 0) {
    FdWriter(fd).str("(no native stack: libunwind could not start from the signal context)\n");
    return;
  }
  printFrames(fd, &cursor, 0, Demangle::Reserved);
}

void reserveTracebackBuffers() {
  if (gDemangleBusy.test_and_set(std::memory_order_acquire)) return;
  if (gDemangleBuf == nullptr) {
    gDemangleBuf = static_cast<char*>(std::malloc(kDemangleBufferSize));
    gDemangleLen = gDemangleBuf != nullptr ? kDemangleBufferSize : 0;
  }
  gDemangleBusy.clear(std::memory_order_release);
}

}  // namespace goro::runtime

// Ending the process: see exit.h.
#include "runtime/exit.h"

#include <unistd.h>

#include "runtime/trace_events.h"

namespace goro::runtime {

void exitNow(int status) {
  trace::finish();
  _exit(status);
}

}  // namespace goro::runtime

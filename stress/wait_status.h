// How a run ended, in the words Go's os/exec uses for it: "exit status 1",
// "signal: killed", "signal: aborted (core dumped)".
#pragma once

#include <string>

namespace goro::stress {

// True for a normal exit with status 0.
bool exitedSuccessfully(int waitStatus);

// waitStatus as returned by waitpid.
std::string describeWaitStatus(int waitStatus);

}  // namespace goro::stress

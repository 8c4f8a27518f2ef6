#include "stress/wait_status.h"

#include <sys/wait.h>

#include <cctype>
#include <cstring>

namespace goro::stress {

bool exitedSuccessfully(int waitStatus) { return WIFEXITED(waitStatus) && WEXITSTATUS(waitStatus) == 0; }

std::string describeWaitStatus(int waitStatus) {
  if (WIFEXITED(waitStatus)) return "exit status " + std::to_string(WEXITSTATUS(waitStatus));
  if (WIFSIGNALED(waitStatus)) {
    int sig = WTERMSIG(waitStatus);
    const char* name = strsignal(sig);
    std::string text = name != nullptr ? name : "signal " + std::to_string(sig);
    if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    std::string out = "signal: " + text;
    if (WCOREDUMP(waitStatus)) out += " (core dumped)";
    return out;
  }
  return "wait status " + std::to_string(waitStatus);
}

}  // namespace goro::stress

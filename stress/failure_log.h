// FailureLog: where each failed run's full output goes, one file per
// failure, and the excerpt of it the console shows.
//
// The files are DIR/goro-stress-<start time>-<n>.log, n counting failures
// from 1 (skipping names already taken), each holding the run's output,
// then a blank line, the runner's notes on the run (a timeout, the signals
// sent) and "ERROR: <how it ended>", as Go's stress appends its ERROR line.
// DIR is -o's, created if missing before the first run (so a bad -o is a
// usage error); without -o it is a fresh directory under $TMPDIR (or /tmp),
// goro-stress-<start time>-XXXXXX, made at the first failure, so a clean
// run leaves nothing behind.
#pragma once

#include <string>
#include <vector>

namespace goro::stress {

class FailureLog {
 public:
  // dir: -o's value, or "" for a fresh temporary directory. startTime names the files.
  FailureLog(std::string dir, std::string startTime);

  // Makes the directory named with -o; "" or why it cannot be used.
  std::string prepare();

  // Writes one failure's log; returns its path, or "" with *error set.
  std::string write(const std::string& content, std::string* error);

  // The directory, once it exists ("" before the first failure without -o).
  const std::string& directory() const { return dir_; }

 private:
  std::string dir_;
  std::string startTime_;
  int written_ = 0;
};

// A failure log's text: the output, then the notes and the ERROR line.
std::string failureLogText(const std::string& output, const std::vector<std::string>& notes,
                           const std::string& ending);

// What the console shows of a failure after its path: the first maxLines
// lines of the output ("..." after them when there were more), then the
// notes and the ERROR line, so the console always says how the run ended.
std::string consoleExcerpt(const std::string& output, const std::vector<std::string>& notes,
                           const std::string& ending, size_t maxLines);

// The local time as Go's stress names its logs: 20060102T150405.
std::string compactTimestamp();

}  // namespace goro::stress

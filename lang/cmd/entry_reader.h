// lang/cmd/entry_reader.h: reading the entries of an interactive session
// (lang/cmd/repl.h) from the terminal, with libedit doing the line editing.
//
// An entry is one or more lines: after the first prompt ("goro> ") the
// reader asks for more ("....> ") while the text so far leaves a
// parenthesis, bracket or brace open, or a raw string or /* comment
// unterminated, as the lexer sees it (so brackets inside strings and
// comments do not count). Text with more closers than openers is a whole
// entry too: its syntax error is reported when it is compiled.
//
// Keys: libedit's (emacs bindings, ~/.editrc). Ctrl-C drops the line and
// the entry being typed and prompts again. Ctrl-D on an empty line ends
// the input at the first prompt, and drops the unfinished entry at a
// continuation prompt. The reader feeds libedit its keys itself: it waits
// on the terminal and on a pipe that the SIGINT handler writes to, so
// Ctrl-C is seen whichever thread the kernel delivers SIGINT to, and
// whenever it comes; it decodes UTF-8 (libedit then needs a UTF-8
// LC_CTYPE, which the reader sets: the environment's, or C.UTF-8). The
// handler is installed only while a line is read: while an entry runs,
// SIGINT has its usual effect (it ends goro).
//
// History: every non-blank line read is added to libedit's history (Up and
// Down recall it) and, when a path is given, the history is loaded from it
// at the start and written back after each line, so a session that ends
// abruptly (os.Exit, a panicking goroutine) keeps it. At most
// kHistoryLines lines are kept.
//
// read() blocks the calling thread in read(2) and touches nothing in the
// collected heap, so a goroutine calls it between sched::entersyscall()
// and sched::exitsyscall().
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace goro::lang::cmd {

class EntryReader {
 public:
  static constexpr int kHistoryLines = 1000;

  // Sets libedit up and loads the history. historyPath: the history file,
  // or empty for none.
  explicit EntryReader(std::string historyPath);

  // The next entry (its lines, each ending in '\n'), or nullopt when the
  // input has ended.
  std::optional<std::string> read();

 private:
  enum class LineStatus { Text, Interrupted, Ended };
  LineStatus readLine(const char* prompt, std::string* line);
  void remember(const std::string& line);

  std::string historyPath_;
};

// Whether text is a whole entry (see the file comment).
bool entryIsComplete(std::string_view text);

}  // namespace goro::lang::cmd

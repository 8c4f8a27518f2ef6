// lang/cmd/entry_reader.cpp: entries read with libedit (entry_reader.h).
#include "lang/cmd/entry_reader.h"

#include <editline/readline.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "lang/syntax/diagnostics.h"
#include "lang/syntax/lexer.h"
#include "lang/syntax/source.h"
#include "lang/syntax/utf8.h"

namespace goro::lang::cmd {

// The reader tokenizes with the front end.
using namespace syntax;

namespace {

constexpr const char* kPrompt = "goro> ";
constexpr const char* kContinuationPrompt = "....> ";

// SIGINT while a line is read: the handler (on whichever thread the kernel
// chose) writes a byte to this pipe, and readKey, which waits on the
// terminal and the pipe at once, ends the line. (Interrupting read(2) with
// EINTR would miss a signal that came just before the read began.)
int gInterruptPipe[2] = {-1, -1};
bool gInterrupted = false;  // the last line read ended with Ctrl-C
// The terminal again, opened non-blocking (a file description of its own,
// so the shell's stays as it was), or -1. readKey reads through it: poll
// may say a key is waiting, and a Ctrl-C that comes before the read makes
// the terminal discard its input; a blocking read would then wait for
// the next key, past the interrupt, with the pipe unwatched.
int gTerminal = -1;

void onInterrupt(int) {
  int saved = errno;
  char byte = 0;
  (void)!write(gInterruptPipe[1], &byte, 1);
  errno = saved;
}

void drainInterrupts() {
  char bytes[16];
  while (read(gInterruptPipe[0], bytes, sizeof bytes) > 0) {
  }
}

enum class Wait { Byte, Interrupted, Ended };

// One byte from fd, waiting for it or for an interrupt. fd is
// non-blocking (gTerminal) or, where the terminal could not be opened
// again, the blocking standard input.
Wait nextByte(int fd, unsigned char* byte) {
  for (;;) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {gInterruptPipe[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return Wait::Ended;
    }
    if ((fds[1].revents & POLLIN) != 0) {
      drainInterrupts();
      return Wait::Interrupted;
    }
    ssize_t n = read(fd, byte, 1);
    if (n == 1) return Wait::Byte;
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    return Wait::Ended;
  }
}

// libedit's source of keys (rl_getc_function): one character, a whole
// UTF-8 sequence decoded to its code point (U+FFFD for a bad one), or EOF
// at the end of the input and on Ctrl-C (then gInterrupted is set).
int readKey(FILE* in) {
  int fd = gTerminal >= 0 ? gTerminal : fileno(in);
  unsigned char bytes[4];
  Wait w = nextByte(fd, &bytes[0]);
  if (w != Wait::Byte) {
    gInterrupted = w == Wait::Interrupted;
    return EOF;
  }
  if (bytes[0] < 0x80) return bytes[0];
  int need = bytes[0] >= 0xF0 ? 4 : bytes[0] >= 0xE0 ? 3 : bytes[0] >= 0xC0 ? 2 : 1;
  for (int n = 1; n < need; n++) {
    w = nextByte(fd, &bytes[n]);
    if (w != Wait::Byte) {
      gInterrupted = w == Wait::Interrupted;
      return EOF;
    }
  }
  int len = 0;
  int32_t cp = utf8::decode(reinterpret_cast<const char*>(bytes), reinterpret_cast<const char*>(bytes) + need, &len);
  return cp < 0 ? 0xFFFD : cp;
}

bool isBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

void newline() {
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace

bool entryIsComplete(std::string_view text) {
  Source src("", std::string(text));
  Diagnostics diags(src, std::numeric_limits<int>::max());
  Lexer lexer(src, diags);
  int depth = 0;
  for (Token t = lexer.next(); t.kind != TokenKind::Eof; t = lexer.next()) {
    switch (t.kind) {
      case TokenKind::LParen:
      case TokenKind::LBrack:
      case TokenKind::LBrace: depth++; break;
      case TokenKind::RParen:
      case TokenKind::RBrack:
      case TokenKind::RBrace:
        if (--depth < 0) return true;
        break;
      default: break;
    }
  }
  for (const Diagnostic& d : diags.list()) {
    if (d.message == "comment not terminated") return false;
    if (d.message == "string literal not terminated" && src.text()[d.pos.offset] == '`') return false;
  }
  return depth == 0;
}

EntryReader::EntryReader(std::string historyPath) : historyPath_(std::move(historyPath)) {
  // libedit hands lines back in the locale's multibyte encoding: make it
  // UTF-8, Goro's, whatever the environment says.
  if (std::setlocale(LC_CTYPE, "") == nullptr || MB_CUR_MAX == 1) std::setlocale(LC_CTYPE, "C.UTF-8");
  if (pipe2(gInterruptPipe, O_CLOEXEC | O_NONBLOCK) != 0) gInterruptPipe[0] = gInterruptPipe[1] = -1;
  if (const char* tty = ttyname(STDIN_FILENO); tty != nullptr && gTerminal < 0) {
    gTerminal = open(tty, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  }
  rl_getc_function = readKey;
  rl_readline_name = "goro";
  using_history();
  stifle_history(kHistoryLines);
  if (!historyPath_.empty()) read_history(historyPath_.c_str());  // a missing file is an empty history
}

EntryReader::LineStatus EntryReader::readLine(const char* prompt, std::string* line) {
  drainInterrupts();
  gInterrupted = false;
  struct sigaction interrupt = {};
  struct sigaction previous = {};
  interrupt.sa_handler = onInterrupt;
  sigemptyset(&interrupt.sa_mask);
  interrupt.sa_flags = SA_RESTART;
  sigaction(SIGINT, &interrupt, &previous);
  char* text = readline(prompt);
  sigaction(SIGINT, &previous, nullptr);
  if (text == nullptr) return gInterrupted ? LineStatus::Interrupted : LineStatus::Ended;
  *line = text;
  std::free(text);
  return LineStatus::Text;
}

void EntryReader::remember(const std::string& line) {
  if (isBlank(line)) return;
  add_history(line.c_str());
  if (!historyPath_.empty()) write_history(historyPath_.c_str());  // best effort: no history is no error
}

std::optional<std::string> EntryReader::read() {
  std::string entry;
  for (;;) {
    std::string line;
    switch (readLine(entry.empty() ? kPrompt : kContinuationPrompt, &line)) {
      case LineStatus::Interrupted:
        newline();
        entry.clear();
        continue;
      case LineStatus::Ended:
        newline();
        if (entry.empty()) return std::nullopt;
        entry.clear();  // Ctrl-D at a continuation prompt drops the entry
        continue;
      case LineStatus::Text: break;
    }
    remember(line);
    if (entry.empty() && isBlank(line)) continue;
    entry += line;
    entry += '\n';
    if (entryIsComplete(entry)) return entry;
  }
}

}  // namespace goro::lang::cmd

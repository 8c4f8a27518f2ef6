// lang/cmd/entry_reader.cpp: entries read with libedit (entry_reader.h).
#include "lang/cmd/entry_reader.h"

#include <editline/readline.h>
#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "lang/diagnostics.h"
#include "lang/lexer.h"
#include "lang/source.h"

namespace goro::lang::cmd {

namespace {

constexpr const char* kPrompt = "goro> ";
constexpr const char* kContinuationPrompt = "....> ";

// The thread reading a line, and whether SIGINT arrived while it did.
pthread_t gReader;
volatile sig_atomic_t gInterrupted = 0;

void onInterrupt(int sig) {
  if (!pthread_equal(pthread_self(), gReader)) {
    pthread_kill(gReader, sig);  // interrupt the reader's read(2)
    return;
  }
  gInterrupted = 1;
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
  rl_readline_name = "goro";
  using_history();
  stifle_history(kHistoryLines);
  if (!historyPath_.empty()) read_history(historyPath_.c_str());  // a missing file is an empty history
}

EntryReader::LineStatus EntryReader::readLine(const char* prompt, std::string* line) {
  gReader = pthread_self();
  gInterrupted = 0;
  struct sigaction interrupt = {};
  struct sigaction previous = {};
  interrupt.sa_handler = onInterrupt;
  sigemptyset(&interrupt.sa_mask);
  interrupt.sa_flags = 0;  // no SA_RESTART: the read(2) must fail with EINTR
  sigaction(SIGINT, &interrupt, &previous);
  char* text = readline(prompt);
  sigaction(SIGINT, &previous, nullptr);
  if (text == nullptr) return gInterrupted != 0 ? LineStatus::Interrupted : LineStatus::Ended;
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

// lang/syntax/diagnostics.cpp: error collection and Go-style formatting (see
// diagnostics.h).
#include "lang/syntax/diagnostics.h"

#include <algorithm>

#include "lang/syntax/utf8.h"

namespace goro::lang::syntax {

std::string Diagnostic::text() const {
  return kind == DiagKind::Syntax ? "syntax error: " + message : message;
}

Diagnostics::Diagnostics(const Source& src, int maxErrors)
    : src_(src), maxErrors_(maxErrors) {}

void Diagnostics::syntaxError(Pos pos, std::string message) {
  add(pos, DiagKind::Syntax, std::move(message));
}

void Diagnostics::error(Pos pos, std::string message) {
  add(pos, DiagKind::Error, std::move(message));
}

void Diagnostics::add(Pos pos, DiagKind kind, std::string message) {
  if (full_) return;
  if (kind == DiagKind::Syntax) {
    // Only one syntax error per line, whatever it says.
    if (lastSyntax_.valid() && lastSyntax_.line == pos.line) return;
    lastSyntax_ = pos;
  } else {
    if (lastOther_.valid() && lastOther_.line == pos.line && lastOtherMsg_ == message) return;
    lastOther_ = pos;
    lastOtherMsg_ = message;
  }
  list_.push_back(Diagnostic{pos, kind, std::move(message)});
  if (static_cast<int>(list_.size()) >= maxErrors_) full_ = true;
}

std::vector<const Diagnostic*> Diagnostics::sorted() const {
  std::vector<const Diagnostic*> v;
  v.reserve(list_.size());
  for (const auto& d : list_) v.push_back(&d);
  std::stable_sort(v.begin(), v.end(),
                   [](const Diagnostic* a, const Diagnostic* b) { return a->pos < b->pos; });
  return v;
}

std::string Diagnostics::format(const Diagnostic& d) const {
  std::string out = src_.name() + ":" + std::to_string(d.pos.line) + ":" +
                    std::to_string(d.pos.col) + ": " + d.text() + "\n";
  std::string_view line = src_.line(d.pos.line);
  if (d.pos.line == 0 || d.pos.line > src_.lineCount()) return out;
  out.append(line);
  out.push_back('\n');
  // Mirror the tabs before the column; one space per other code point.
  size_t before = d.pos.col > 0 ? d.pos.col - 1 : 0;
  for (size_t i = 0; i < before && i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    if (c == '\t') {
      out.push_back('\t');
    } else if (!utf8::isContinuation(c)) {
      out.push_back(' ');
    }
  }
  for (size_t i = line.size(); i < before; ++i) out.push_back(' ');
  out += "^\n";
  return out;
}

std::string Diagnostics::format() const {
  std::string out;
  auto v = sorted();
  for (const Diagnostic* d : v) out += format(*d);
  if (full_ && !list_.empty()) {
    const Pos& p = list_.back().pos;
    out += src_.name() + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) +
           ": too many errors\n";
  }
  return out;
}

std::vector<std::string> Diagnostics::brief() const {
  std::vector<std::string> out;
  for (const Diagnostic* d : sorted()) {
    out.push_back(std::to_string(d->pos.line) + ":" + std::to_string(d->pos.col) + ": " + d->text());
  }
  return out;
}

}  // namespace goro::lang::syntax

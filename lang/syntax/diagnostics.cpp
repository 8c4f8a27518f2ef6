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

namespace {

// The source line as an error message echoes it, one code point at a time
// (an invalid byte counts as one): what each shows as, and the caret line's
// matching indentation. A control character (a NUL byte, an escape) would
// cut the message short where it is printed as a C string, or drive the
// terminal, and an invalid byte would make the message invalid UTF-8: each
// is shown as a one-column stand-in instead, its Unicode control picture
// (NUL as U+2400, DEL as U+2421) or U+FFFD. Tabs stay, and the caret line
// mirrors them.
template <typename Each>
void forEachShown(std::string_view line, Each&& each) {
  const char* p = line.data();
  const char* end = p + line.size();
  while (p < end) {
    int len = 1;
    int32_t cp = utf8::decode(p, end, &len);
    std::string shown;
    if (cp == '\t' || (cp >= 0x20 && cp != 0x7f)) {
      shown.assign(p, static_cast<size_t>(len));
    } else if (cp >= 0) {
      utf8::encode(cp == 0x7f ? 0x2421 : 0x2400 + cp, shown);
    } else {
      utf8::encode(0xFFFD, shown);
    }
    each(static_cast<size_t>(p - line.data()), cp, shown);
    p += len;
  }
}

}  // namespace

std::string Diagnostics::format(const Diagnostic& d) const {
  std::string out = src_.name() + ":" + std::to_string(d.pos.line) + ":" +
                    std::to_string(d.pos.col) + ": " + d.text() + "\n";
  std::string_view line = src_.line(d.pos.line);
  if (d.pos.line == 0 || d.pos.line > src_.lineCount()) return out;
  // Mirror the tabs before the column; one space per other code point.
  size_t before = d.pos.col > 0 ? d.pos.col - 1 : 0;
  std::string caret;
  forEachShown(line, [&](size_t offset, int32_t cp, const std::string& shown) {
    out += shown;
    if (offset < before) caret.push_back(cp == '\t' ? '\t' : ' ');
  });
  out.push_back('\n');
  out += caret;
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

// fuzz/statement_splicer.cpp: see statement_splicer.h.
#include "statement_splicer.h"

#include "lang/syntax/ast.h"
#include "lang/syntax/diagnostics.h"
#include "lang/syntax/parser.h"
#include "lang/syntax/source.h"

namespace goro::fuzz {

using namespace lang::syntax;

namespace {

// Collects the spans of one statement list whose list ends where `limit`
// (the offset of the closing brace or of the next clause) is.
class SpanCollector {
 public:
  explicit SpanCollector(const std::string& text) : text_(text) {}

  void list(const StmtList& stmts, size_t limit, bool topLevel) {
    for (size_t n = 0; n < stmts.size(); n++) {
      const Stmt& s = *stmts[n];
      // From the start of its line to the start of the line of what
      // follows; nothing when that is on the same line.
      size_t begin = lineStart(s.pos.offset);
      size_t end = n + 1 < stmts.size() ? lineStart(stmts[n + 1]->pos.offset)
                   : limit >= text_.size()  ? text_.size()  // the file's last statement: to the end
                                            : lineStart(limit);
      if (end > begin) spans_.push_back({begin, end, topLevel, s.kind == NodeKind::FuncDecl});
      stmt(s);
    }
  }

  std::vector<StatementSpan> take() { return std::move(spans_); }

 private:
  size_t lineStart(size_t offset) const {
    if (offset > text_.size()) offset = text_.size();
    while (offset > 0 && text_[offset - 1] != '\n') offset--;
    return offset;
  }

  void block(const BlockStmt* b) {
    if (b != nullptr) list(b->stmts, b->rbrace.offset, false);
  }

  // A switch's or a select's clauses: each body ends where the next clause
  // (or the closing brace) starts.
  template <typename SwitchOrSelect>
  void clauseBodies(const SwitchOrSelect& sw) {
    for (size_t c = 0; c < sw.clauses.size(); c++) {
      size_t limit = c + 1 < sw.clauses.size() ? sw.clauses[c + 1].pos.offset : sw.rbrace.offset;
      list(sw.clauses[c].body, limit, false);
    }
  }

  void stmt(const Stmt& s) {
    switch (s.kind) {
      case NodeKind::FuncDecl: {
        const auto& f = as<FuncDecl>(s);
        if (f.func != nullptr) block(f.func->body.get());
        break;
      }
      case NodeKind::BlockStmt: block(&as<BlockStmt>(s)); break;
      case NodeKind::IfStmt: {
        const auto& i = as<IfStmt>(s);
        block(i.then.get());
        if (i.els != nullptr) stmt(*i.els);
        break;
      }
      case NodeKind::ForStmt: block(as<ForStmt>(s).body.get()); break;
      case NodeKind::RangeStmt: block(as<RangeStmt>(s).body.get()); break;
      case NodeKind::SwitchStmt: clauseBodies(as<SwitchStmt>(s)); break;
      case NodeKind::SelectStmt: clauseBodies(as<SelectStmt>(s)); break;
      default: break;
    }
  }

  const std::string& text_;
  std::vector<StatementSpan> spans_;
};

size_t pick(std::minstd_rand& rng, size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }

// Where a piece may be inserted: before any statement, or after the last
// one of its list; a `func` declaration only at the top level.
size_t insertionPoint(const std::vector<StatementSpan>& spans, bool funcDecl, std::minstd_rand& rng, bool* found) {
  std::vector<size_t> points;
  for (const StatementSpan& s : spans) {
    if (funcDecl && !s.topLevel) continue;
    points.push_back(s.begin);
    points.push_back(s.end);
  }
  *found = !points.empty();
  return points.empty() ? 0 : points[pick(rng, points.size())];
}

}  // namespace

std::vector<StatementSpan> statementSpans(const std::string& text) {
  Source src("splice.goro", text);
  Diagnostics diags(src);
  std::unique_ptr<File> file = parseFile(src, diags);
  if (file == nullptr || diags.hasErrors()) return {};
  SpanCollector collector(text);
  collector.list(file->stmts, text.size(), true);
  return collector.take();
}

void StatementSplicer::harvest(const std::string& text, const std::vector<StatementSpan>& spans) {
  for (const StatementSpan& s : spans) {
    if (s.end - s.begin > kMaxPieceBytes) continue;
    Piece p{text.substr(s.begin, s.end - s.begin), s.funcDecl};
    if (pool_.size() < kPoolSize) {
      pool_.push_back(std::move(p));
    } else {
      pool_[next_] = std::move(p);
      next_ = (next_ + 1) % kPoolSize;
    }
  }
}

bool StatementSplicer::pickPiece(const std::string& other, std::minstd_rand& rng, Piece& out) {
  if (!other.empty()) {
    std::vector<StatementSpan> spans = statementSpans(other);
    if (!spans.empty()) {
      const StatementSpan& s = spans[pick(rng, spans.size())];
      out = {other.substr(s.begin, s.end - s.begin), s.funcDecl};
      return true;
    }
  }
  if (pool_.empty()) return false;
  out = pool_[pick(rng, pool_.size())];
  return true;
}

bool StatementSplicer::mutate(std::string& text, const std::string& other, size_t maxSize, std::minstd_rand& rng) {
  std::vector<StatementSpan> spans = statementSpans(text);
  if (spans.empty()) return false;
  harvest(text, spans);
  std::string out;
  const StatementSpan& s = spans[pick(rng, spans.size())];
  std::string piece = text.substr(s.begin, s.end - s.begin);
  switch (pick(rng, 5)) {
    case 0:  // delete a statement
      out = text.substr(0, s.begin) + text.substr(s.end);
      break;
    case 1: {  // duplicate a statement elsewhere
      bool found = false;
      size_t at = insertionPoint(spans, s.funcDecl, rng, &found);
      if (!found) return false;
      out = text.substr(0, at) + piece + text.substr(at);
      break;
    }
    case 2: {  // swap two statements of the same kind (their spans do not overlap)
      const StatementSpan& t = spans[pick(rng, spans.size())];
      if (t.funcDecl != s.funcDecl || t.topLevel != s.topLevel) return false;
      const StatementSpan& a = s.begin < t.begin ? s : t;
      const StatementSpan& b = s.begin < t.begin ? t : s;
      if (a.end > b.begin) return false;  // one contains the other, or the same one
      out = text.substr(0, a.begin) + text.substr(b.begin, b.end - b.begin) + text.substr(a.end, b.begin - a.end) +
            text.substr(a.begin, a.end - a.begin) + text.substr(b.end);
      break;
    }
    default: {  // insert a statement from elsewhere, or replace one by it
      Piece p;
      if (!pickPiece(other, rng, p) || !place(text, spans, p, static_cast<int>(pick(rng, 2)), rng, out)) return false;
      break;
    }
  }
  if (out.size() > maxSize || out == text) return false;
  text = std::move(out);
  return true;
}

bool StatementSplicer::place(const std::string& text, const std::vector<StatementSpan>& spans, const Piece& p,
                             int how, std::minstd_rand& rng, std::string& out) {
  if (how == 0) {
    bool found = false;
    size_t at = insertionPoint(spans, p.funcDecl, rng, &found);
    if (!found) return false;
    out = text.substr(0, at) + p.text + text.substr(at);
    return true;
  }
  const StatementSpan& s = spans[pick(rng, spans.size())];
  if (p.funcDecl && !s.topLevel) return false;
  out = text.substr(0, s.begin) + p.text + text.substr(s.end);
  return true;
}

bool StatementSplicer::crossOver(std::string& text, const std::string& other, size_t maxSize, std::minstd_rand& rng) {
  std::vector<StatementSpan> spans = statementSpans(text);
  Piece p;
  std::string out;
  if (spans.empty() || other.empty() || !pickPiece(other, rng, p)) return false;
  if (!place(text, spans, p, static_cast<int>(pick(rng, 2)), rng, out)) return false;
  if (out.size() > maxSize || out == text) return false;
  text = std::move(out);
  return true;
}

}  // namespace goro::fuzz

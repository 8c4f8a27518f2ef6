// fuzz/statement_splicer.h: structure-aware mutation for fuzz_run. A program
// is cut into its statements with the project's own parser
// (lang/syntax/parser.h), and mutations move whole statements: delete one,
// duplicate one, swap two, or insert or substitute a statement taken from
// another program (libFuzzer's cross-over, or a pool of statements seen in
// earlier inputs). Byte mutations only reach the interpreter while the
// program still parses and resolves; moving whole statements keeps most
// mutants valid, so the interpreter and the scheduler see new programs.
//
// A statement's span runs from the start of its first line to the start of
// the line of whatever follows it in its block (the next statement, the
// next case clause, or the closing brace), so it takes its comments and
// nested blocks along. Statements that share a line with their successor
// have no span of their own. Function literals inside expressions are not
// entered; the bodies of `func` declarations, if, for, switch and select
// are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace goro::fuzz {

struct StatementSpan {
  size_t begin = 0;  // offset of the first byte of its first line
  size_t end = 0;    // offset just past it (the start of the next line)
  bool topLevel = false;  // a statement of the file, not inside a block
  bool funcDecl = false;  // a `func` declaration: may only go to the top level
};

// The statements of text as above, in source order; empty if text does
// not parse.
std::vector<StatementSpan> statementSpans(const std::string& text);

class StatementSplicer {
 public:
  // Mutates text in place by one statement-level change, using other (a
  // second program, may be empty) and the pool as sources of statements.
  // Returns false (text unchanged) when text has no statements or the
  // result would be longer than maxSize.
  bool mutate(std::string& text, const std::string& other, size_t maxSize, std::minstd_rand& rng);

  // Puts a statement of other into text (inserted, or in place of one of
  // text's); false (text unchanged) when either has no statements or the
  // result would be longer than maxSize.
  bool crossOver(std::string& text, const std::string& other, size_t maxSize, std::minstd_rand& rng);

  // Adds the statements of text to the pool (at most kPoolSize, the oldest
  // replaced first).
  void harvest(const std::string& text, const std::vector<StatementSpan>& spans);

 private:
  struct Piece {
    std::string text;
    bool funcDecl = false;
  };
  static constexpr size_t kPoolSize = 4096;
  static constexpr size_t kMaxPieceBytes = 1024;

  // A statement from other, else from the pool; false when there is none.
  bool pickPiece(const std::string& other, std::minstd_rand& rng, Piece& out);
  // Inserts p at a place it may go (0), or puts it in place of a statement
  // (1); the new text in out, or false.
  static bool place(const std::string& text, const std::vector<StatementSpan>& spans, const Piece& p, int how,
                    std::minstd_rand& rng, std::string& out);

  std::vector<Piece> pool_;
  size_t next_ = 0;  // the pool slot the next harvested statement replaces, once it is full
};

}  // namespace goro::fuzz

// lang/syntax/parser_impl.h: the Parser class shared by parser.cpp (tokens,
// errors, recovery, file level), parser_stmt.cpp and parser_expr.cpp.
// Internal to lang/; use parser.h.
//
// Error handling: fail() reports a syntax error at the current token and
// throws Bail, which unwinds to the innermost statement list (or switch and
// select clause header), which skips ahead (recoverStmt) and goes on.
// When the Diagnostics is full the parser throws Stop, which ends parsing.
// Invariant: braceDepth_ counts the `{` consumed minus the `}` consumed,
// so recovery can skip to the end of whatever braces a failed statement
// opened.
//
// Depth: nest_ bounds the depth of the tree being built (each unary or
// operand level, each link of a left-deep binary or suffix chain, each
// block and else-if), so that the parser, the resolver, the compiler and
// the destructors, which all recurse over the tree, stay far from the end
// of the native stack. Past kMaxNesting the parse stops with "exceeded max
// nesting depth" (go/parser's message).
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include "lang/syntax/ast.h"
#include "lang/syntax/diagnostics.h"
#include "lang/syntax/lexer.h"

namespace goro::lang::syntax {

class Parser {
 public:
  Parser(const Source& src, Diagnostics& diags);

  std::unique_ptr<File> parseFile();
  ExprPtr parseExpressionOnly();

 private:
  struct Bail {};  // a syntax error was reported: recover at statement level
  struct Stop {};  // the Diagnostics is full (or nesting too deep): stop parsing

  static constexpr int kMaxNesting = 1000;

  // Restores nest_ on scope exit; step() adds one level.
  class Nest {
   public:
    explicit Nest(Parser& p) : p_(p), saved_(p.nest_) {}
    ~Nest() { p_.nest_ = saved_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    void step() {
      if (++p_.nest_ > kMaxNesting) p_.tooDeep();
    }

   private:
    Parser& p_;
    int saved_;
  };
  [[noreturn]] void tooDeep();

  // --- tokens (parser.cpp)
  void next();
  const Token& peek();
  bool at(TokenKind k) const { return tok_.kind == k; }
  bool got(TokenKind k);
  void want(TokenKind k);
  Pos pos() const { return tok_.pos; }

  // --- errors (parser.cpp)
  // Go's syntaxErrorAt: a message starting "in "/"at "/"after " becomes
  // "unexpected TOK MSG", one starting "expected " becomes
  // "unexpected TOK, MSG", anything else is printed as is.
  void reportSyntax(std::string_view msg);
  void reportSyntaxAt(Pos pos, std::string msg);
  void reportError(Pos pos, std::string msg);  // no "syntax error:" prefix
  [[noreturn]] void fail(std::string_view msg);
  [[noreturn]] void failAt(Pos pos, std::string msg);
  void checkFull();
  void recoverStmt(int braceTarget);
  void recoverClause(int braceTarget);

  // --- file level (parser.cpp)
  void packageAndImports(File& file);
  void importSpec(File& file);

  // --- statements (parser_stmt.cpp)
  void stmtList(StmtList& out, bool topLevel);
  void stmt(StmtList& out, bool topLevel);
  bool canStartStmt() const;
  std::unique_ptr<BlockStmt> block(std::string_view context);
  StmtPtr simpleStmt(ExprList lhs);
  StmtPtr ifStmt();
  StmtPtr forStmt();
  StmtPtr rangeRest(Pos forPos, ExprList lhs, bool define);
  StmtPtr switchStmt();
  StmtPtr selectStmt();
  void commClauseFrom(CommClause& c, StmtPtr s);
  StmtPtr returnStmt();
  StmtPtr callStmt();  // go and defer
  void varDecl(StmtList& out);
  StmtPtr varSpec();
  void constDecl(StmtList& out);
  std::unique_ptr<ConstDecl> constSpec(int64_t iota, const ExprList* previous);
  bool specNamesAndValues(std::vector<std::unique_ptr<Ident>>* names, ExprList* values);
  StmtPtr funcDecl();
  ExprPtr headerCond(StmtPtr s);  // a header's condition statement as an expression

  // --- expressions (parser_expr.cpp)
  ExprPtr expr();
  ExprList exprList();
  ExprPtr binaryExpr(int minPrec);
  ExprPtr unaryExpr();
  ExprPtr primaryExpr();
  ExprPtr operand();
  ExprPtr intLit(bool negated, Pos pos);
  ExprPtr indexOrSlice(ExprPtr x);
  ExprPtr call(ExprPtr fn);
  ExprPtr arrayLit();
  ExprPtr mapLit();
  std::unique_ptr<FuncLit> funcLit(Pos pos);  // after `func`
  // After `func (`: the parameters and body of a literal.
  std::unique_ptr<FuncLit> funcLitAfterLParen(Pos pos);

  // --- records (parser_records.cpp)
  StmtPtr typeDecl();                  // at `type`, followed by a name
  // At a top-level `func` followed by `(`: a method declaration, or else
  // a function literal starting an expression statement.
  void methodDeclOrLiteral(StmtList& out);
  ExprPtr recordLit(ExprPtr type);     // at the `{` after T
  bool atRecordLit(const Expr& x) const;
  // Clears noRecordLit_ for a nested expression (in parentheses, brackets,
  // braces, arguments, a function body) and restores it.
  class RecordLitsAllowed {
   public:
    explicit RecordLitsAllowed(Parser& p) : p_(p), saved_(p.noRecordLit_) { p.noRecordLit_ = false; }
    ~RecordLitsAllowed() { p_.noRecordLit_ = saved_; }
    RecordLitsAllowed(const RecordLitsAllowed&) = delete;
    RecordLitsAllowed& operator=(const RecordLitsAllowed&) = delete;

   private:
    Parser& p_;
    bool saved_;
  };
  // Sets noRecordLit_ over a statement header (if, for, switch), where a
  // `{` after a name opens the body, as in Go.
  class InHeader {
   public:
    explicit InHeader(Parser& p) : p_(p), saved_(p.noRecordLit_) { p.noRecordLit_ = true; }
    ~InHeader() { p_.noRecordLit_ = saved_; }
    InHeader(const InHeader&) = delete;
    InHeader& operator=(const InHeader&) = delete;

   private:
    Parser& p_;
    bool saved_;
  };
  std::unique_ptr<Ident> ident();

  Lexer lex_;
  Diagnostics& diags_;
  Token tok_;
  Token peek_;
  bool hasPeek_ = false;
  int braceDepth_ = 0;
  int nest_ = 0;
  // Function bodies (and parameter lists) being parsed around the current
  // token; while above 0, ident() records names into namesInFunctions_.
  int funcDepth_ = 0;
  std::unordered_set<std::string> namesInFunctions_;  // File::namesInFunctions
  // In an if/for/switch header: `T {` is the header's end, not a record
  // literal (Go's exprLev < 0); a literal there needs parentheses.
  bool noRecordLit_ = false;
  // An operand already parsed (a function literal methodDeclOrLiteral
  // read while looking for a method), which operand() returns next.
  ExprPtr pendingOperand_;
};

}  // namespace goro::lang::syntax

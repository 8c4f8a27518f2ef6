// lang/syntax/parser_impl.h: the Parser class shared by parser.cpp (tokens,
// errors, recovery, file level), parser_stmt.cpp and parser_expr.cpp.
// Internal to lang/; use parser.h.
//
// Error handling: fail() reports a syntax error at the current token and
// throws Bail, which unwinds to the innermost statement list (or switch and
// select clause header), which skips ahead (recover_stmt) and goes on.
// When the Diagnostics is full the parser throws Stop, which ends parsing.
// Invariant: brace_depth_ counts the `{` consumed minus the `}` consumed,
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

#include "lang/syntax/ast.h"
#include "lang/syntax/diagnostics.h"
#include "lang/syntax/lexer.h"

namespace goro::lang::syntax {

class Parser {
 public:
  Parser(const Source& src, Diagnostics& diags);

  std::unique_ptr<File> parse_file();
  ExprPtr parse_expression_only();

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
      if (++p_.nest_ > kMaxNesting) p_.too_deep();
    }

   private:
    Parser& p_;
    int saved_;
  };
  [[noreturn]] void too_deep();

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
  void report_syntax(std::string_view msg);
  void report_syntax_at(Pos pos, std::string msg);
  void report_error(Pos pos, std::string msg);  // no "syntax error:" prefix
  [[noreturn]] void fail(std::string_view msg);
  [[noreturn]] void fail_at(Pos pos, std::string msg);
  void check_full();
  void recover_stmt(int brace_target);
  void recover_clause(int brace_target);

  // --- file level (parser.cpp)
  void package_and_imports(File& file);
  void import_spec(File& file);

  // --- statements (parser_stmt.cpp)
  void stmt_list(StmtList& out, bool top_level);
  void stmt(StmtList& out, bool top_level);
  bool can_start_stmt() const;
  std::unique_ptr<BlockStmt> block(std::string_view context);
  StmtPtr simple_stmt(ExprList lhs);
  StmtPtr if_stmt();
  StmtPtr for_stmt();
  StmtPtr range_rest(Pos for_pos, ExprList lhs, bool define);
  StmtPtr switch_stmt();
  StmtPtr select_stmt();
  void comm_clause_from(CommClause& c, StmtPtr s);
  StmtPtr return_stmt();
  StmtPtr call_stmt();  // go and defer
  void var_decl(StmtList& out);
  StmtPtr var_spec();
  StmtPtr func_decl();
  ExprPtr header_cond(StmtPtr s);  // a header's condition statement as an expression

  // --- expressions (parser_expr.cpp)
  ExprPtr expr();
  ExprList expr_list();
  ExprPtr binary_expr(int min_prec);
  ExprPtr unary_expr();
  ExprPtr primary_expr();
  ExprPtr operand();
  ExprPtr int_lit(bool negated, Pos pos);
  ExprPtr index_or_slice(ExprPtr x);
  ExprPtr call(ExprPtr fn);
  ExprPtr array_lit();
  ExprPtr map_lit();
  std::unique_ptr<FuncLit> func_lit(Pos pos);  // after `func`
  std::unique_ptr<Ident> ident();

  Lexer lex_;
  Diagnostics& diags_;
  Token tok_;
  Token peek_;
  bool has_peek_ = false;
  int brace_depth_ = 0;
  int nest_ = 0;
};

}  // namespace goro::lang::syntax

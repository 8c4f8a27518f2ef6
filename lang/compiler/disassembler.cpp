// lang/compiler/disassembler.cpp: the disassembler
// (lang/compiler/disassembler.h).
#include "lang/compiler/disassembler.h"

#include <cstdio>

#include "lang/compiler/opcodes.h"
#include "lang/syntax/ast_printer.h"

namespace goro::lang::compiler {
namespace {

std::string constText(const ProtoBuilder& b, size_t k) {
  if (k >= b.consts.size()) return "?";
  const Const& c = b.consts[k];
  switch (c.kind) {
    case Const::Kind::Nil: return "nil";
    case Const::Kind::Bool: return c.i != 0 ? "true" : "false";
    case Const::Kind::Int: return std::to_string(c.i);
    case Const::Kind::Float: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", c.f);
      return buf;
    }
    case Const::Kind::String: return syntax::quoteString(c.s);
    case Const::Kind::Proto: return "func " + b.children[static_cast<size_t>(c.i)]->name;
    case Const::Kind::Builtin: return "builtin " + std::string(syntax::builtinName(static_cast<syntax::Builtin>(c.i)));
    case Const::Kind::Member:
    case Const::Kind::MemberConst: return syntax::memberQualifiedName(static_cast<syntax::Member>(c.i));
  }
  return "?";
}

void listing(const ProtoBuilder& b, std::string& out) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "function %s (line %u): %u param%s%s, %u registers, %zu constants, %zu captures\n",
                b.name.c_str(), b.line, b.arity, b.arity == 1 ? "" : "s", b.variadic ? " (variadic)" : "",
                b.frameSize, b.consts.size(), b.captures.size());
  out += buf;
  for (size_t pc = 0; pc < b.code.size(); pc++) {
    Instr i = b.code[pc];
    const OpInfo& info = opInfo(opOf(i));
    std::string ops, notes;
    unsigned fields[3] = {argA(i), argB(i), argC(i)};
    auto operand = [&](char kind, long value) {
      if (!ops.empty()) ops += " ";
      if (kind == 'K') {
        ops += "K" + std::to_string(value);
        notes += (notes.empty() ? "" : ", ") + ("K" + std::to_string(value) + " = " + constText(b, static_cast<size_t>(value)));
      } else if (kind == 'G') {
        ops += "G" + std::to_string(value);
      } else if (kind == 'U') {
        ops += "U" + std::to_string(value);
      } else if (kind == 'S') {
        ops += std::to_string(static_cast<int8_t>(static_cast<uint8_t>(value)));
      } else if (kind == 'R' && value == kNoReg) {
        ops += "-";
      } else {
        ops += std::to_string(value);
      }
    };
    switch (info.format) {
      case OpFormat::ABC:
        for (int f = 0; f < 3 && info.operands[f] != 0; f++) {
          if (info.operands[f] != '_' && info.operands[f] != 'w') operand(info.operands[f], fields[f]);
        }
        break;
      case OpFormat::ABx:
        operand(info.operands[0], argA(i));
        operand(info.operands[1], argBx(i));
        break;
      case OpFormat::AsBx:
        operand('R', argA(i));
        operand('N', argSBx(i));
        break;
      case OpFormat::sJ:
        notes = "-> " + std::to_string(static_cast<long>(pc) + 1 + argSJ(i));
        ops = std::to_string(argSJ(i));
        break;
    }
    size_t at = pc;
    if (info.globalWord && pc + 1 < b.code.size()) {
      pc++;
      operand('G', static_cast<long>(b.code[pc]));
    }
    if (info.cacheWord && pc + 1 < b.code.size()) pc++;  // always 0 in a listing
    if (info.jumpWord && pc + 1 < b.code.size()) {
      pc++;
      auto off = static_cast<int32_t>(b.code[pc]);
      notes += (notes.empty() ? "" : "  ") + ("-> " + std::to_string(static_cast<long>(pc) + 1 + off));
    }
    std::snprintf(buf, sizeof buf, "  %4zu  line %-4u %-10s %-14s%s%s\n", at, b.lines[at], info.name, ops.c_str(),
                  notes.empty() ? "" : "; ", notes.c_str());
    out += buf;
  }
  for (const auto& child : b.children) {
    out += "\n";
    listing(*child, out);
  }
}

}  // namespace

std::string disassemble(const ProtoBuilder& b) {
  std::string out;
  listing(b, out);
  return out;
}

}  // namespace goro::lang::compiler

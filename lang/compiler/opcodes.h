// lang/compiler/opcodes.h: the bytecode of the Goro VM, defined once.
// GORO_OPCODES feeds the Op enum, the name and format tables, the disassembler
// (lang/compiler/disassembler.cpp) and the interpreter's dispatch table
// (lang/vm/dispatch.cpp), which static_asserts that it has one handler per
// entry.
//
// Machine model (register-based, as Lua 5.4):
//   - A function's frame is a window of registers R[0 .. frameSize) on its
//     goroutine's value stack, frameSize <= kMaxRegisters. Parameters are
//     R[0 .. arity); the resolver's variable slots follow; the compiler's
//     temporaries are above every variable slot and used as a stack.
//   - K[i] is the function's constant table (FuncProto::constants), G[i]
//     the program's globals, cells[i] the captured variables of the running
//     closure. A register of a captured variable holds its Cell.
//   - `top` is set by an instruction that produces a variable number of
//     values (CALL with C = 0, SPREAD) and read by the next instruction that
//     takes "up to top" (CALL/RETURN/DEFER with B = 0).
//
// Instruction word (32 bits, op in the low byte):
//   ABC   op:8 A:8 B:8 C:8
//   ABx   op:8 A:8 Bx:16          (unsigned)
//   AsBx  op:8 A:8 sBx:16         (signed, stored with a bias of 32767)
//   sJ    op:8 sJ:24              (signed jump offset)
// An opcode marked with a jump word (1 in JUMPWORD) is followed by one more
// 32-bit word, a signed offset: a taken jump goes to (address of the word +
// 1 + offset). One marked 2 is followed by a global index instead (CALLG).
// One marked 3 is followed by an inline cache word (GETFIELD, SETFIELD,
// SELF): 0, or (id << 8) | slot, meaning the last record seen there was of
// the record type numbered id (RecordType::id) and the field (for SELF, the
// method) named by the instruction is its field (method) number slot. The interpreter rewrites the word as it runs
// (one relaxed atomic 32-bit store: racing goroutines may overwrite each
// other's entry, and any entry they read is a correct one); the compiler
// emits 0.
// Every jump offset is relative to the word after the jump, so a backward
// jump has a negative offset; the interpreter polls the preempt flag on
// every taken backward jump (a loop back-edge).
//
// Wide ints. The arithmetic opcodes ending in W are the same operations
// with one difference: an int result outside the 50-bit small range is not
// boxed (which allocates) but left in the register's side slot, the
// register holding the tag Value kWide. The compiler emits a W form only
// for an expression temporary whose one consumer is an arithmetic or
// comparison instruction (every opcode marked `w` in OPERANDS below accepts
// a kWide operand). Invariant: a kWide value never escapes its register: it
// is never moved, stored to a variable, a global, a cell or a heap object,
// returned or passed to a call. The collector ignores it (it is not an
// object pointer). The side slots are a separate buffer of the goroutine
// (GState::wide, made by its first wide result), copied with the stack
// when the stack grows.
//
// OPERANDS spells the meaning of A, B, C (or A, Bx): R register, K constant
// index, G global index, U capture index, N a number, S a signed byte
// (an int immediate, -128 to 127), J a jump, _ unused;
// a trailing `w` marks an opcode that accepts kWide operands.
#pragma once

#include <cstdint>

namespace goro::lang::compiler {

// X(NAME, FORMAT, OPERANDS, JUMPWORD, EFFECT)
#define GORO_OPCODES(X)                                                                    \
  X(NOP, ABC, "___", 0, "nothing")                                                         \
  X(MOVE, ABC, "RR_", 0, "R[A] = R[B]")                                                    \
  X(LOADK, ABx, "RK", 0, "R[A] = K[Bx]")                                                   \
  X(LOADI, AsBx, "RN", 0, "R[A] = sBx")                                                    \
  X(LOADNIL, ABC, "RN_", 0, "R[A .. A+B] = nil")                                           \
  X(LOADBOOL, ABC, "RN_", 0, "R[A] = B != 0")                                              \
  X(GETGLOBAL, ABx, "RG", 0, "R[A] = G[Bx]")                                               \
  X(SETGLOBAL, ABx, "RG", 0, "G[Bx] = R[A]")                                               \
  X(GETUPVAL, ABC, "RU_", 0, "R[A] = cells[B].value")                                      \
  X(SETUPVAL, ABC, "RU_", 0, "cells[B].value = R[A]")                                      \
  X(GETCELL, ABC, "RR_", 0, "R[A] = R[B].value (R[B] holds a Cell)")                       \
  X(SETCELL, ABC, "RR_", 0, "R[A].value = R[B] (R[A] holds a Cell)")                       \
  X(NEWCELL, ABC, "RR_", 0, "R[A] = new Cell(R[B]); allocates")                            \
  X(FRESHCELL, ABC, "R__", 0, "R[A] = new Cell(R[A].value); allocates")                    \
  X(OSARGS, ABC, "R__", 0, "R[A] = os.Args")                                               \
  /* arithmetic: R[A] = R[B] op R[C] / K[C]; int results may box (allocate) */           \
  X(ADD, ABC, "RRRw", 0, "R[A] = R[B] + R[C]")                                             \
  X(SUB, ABC, "RRRw", 0, "R[A] = R[B] - R[C]")                                             \
  X(MUL, ABC, "RRRw", 0, "R[A] = R[B] * R[C]")                                             \
  X(DIV, ABC, "RRRw", 0, "R[A] = R[B] / R[C]")                                             \
  X(MOD, ABC, "RRRw", 0, "R[A] = R[B] % R[C]")                                             \
  X(BAND, ABC, "RRRw", 0, "R[A] = R[B] & R[C]")                                            \
  X(BOR, ABC, "RRRw", 0, "R[A] = R[B] | R[C]")                                             \
  X(BXOR, ABC, "RRRw", 0, "R[A] = R[B] ^ R[C]")                                            \
  X(BANDNOT, ABC, "RRRw", 0, "R[A] = R[B] &^ R[C]")                                        \
  X(SHL, ABC, "RRRw", 0, "R[A] = R[B] << R[C]")                                            \
  X(SHR, ABC, "RRRw", 0, "R[A] = R[B] >> R[C]")                                            \
  X(ADDK, ABC, "RRKw", 0, "R[A] = R[B] + K[C]")                                            \
  X(SUBK, ABC, "RRKw", 0, "R[A] = R[B] - K[C]")                                            \
  X(MULK, ABC, "RRKw", 0, "R[A] = R[B] * K[C]")                                            \
  X(DIVK, ABC, "RRKw", 0, "R[A] = R[B] / K[C]")                                            \
  X(MODK, ABC, "RRKw", 0, "R[A] = R[B] % K[C]")                                            \
  X(BANDK, ABC, "RRKw", 0, "R[A] = R[B] & K[C]")                                           \
  X(BORK, ABC, "RRKw", 0, "R[A] = R[B] | K[C]")                                            \
  X(BXORK, ABC, "RRKw", 0, "R[A] = R[B] ^ K[C]")                                           \
  X(BANDNOTK, ABC, "RRKw", 0, "R[A] = R[B] &^ K[C]")                                       \
  X(SHLK, ABC, "RRKw", 0, "R[A] = R[B] << K[C]")                                           \
  X(SHRK, ABC, "RRKw", 0, "R[A] = R[B] >> K[C]")                                           \
  X(UNM, ABC, "RR_w", 0, "R[A] = -R[B]")                                                   \
  X(BNOT, ABC, "RR_w", 0, "R[A] = ^R[B]")                                                  \
  /* the same, leaving a wide int in the side slot instead of boxing it */                \
  X(ADDW, ABC, "RRRw", 0, "R[A] = R[B] + R[C], wide")                                      \
  X(SUBW, ABC, "RRRw", 0, "R[A] = R[B] - R[C], wide")                                      \
  X(MULW, ABC, "RRRw", 0, "R[A] = R[B] * R[C], wide")                                      \
  X(DIVW, ABC, "RRRw", 0, "R[A] = R[B] / R[C], wide")                                      \
  X(MODW, ABC, "RRRw", 0, "R[A] = R[B] % R[C], wide")                                      \
  X(BANDW, ABC, "RRRw", 0, "R[A] = R[B] & R[C], wide")                                     \
  X(BORW, ABC, "RRRw", 0, "R[A] = R[B] | R[C], wide")                                      \
  X(BXORW, ABC, "RRRw", 0, "R[A] = R[B] ^ R[C], wide")                                     \
  X(BANDNOTW, ABC, "RRRw", 0, "R[A] = R[B] &^ R[C], wide")                                 \
  X(SHLW, ABC, "RRRw", 0, "R[A] = R[B] << R[C], wide")                                     \
  X(SHRW, ABC, "RRRw", 0, "R[A] = R[B] >> R[C], wide")                                     \
  X(ADDKW, ABC, "RRKw", 0, "R[A] = R[B] + K[C], wide")                                     \
  X(SUBKW, ABC, "RRKw", 0, "R[A] = R[B] - K[C], wide")                                     \
  X(MULKW, ABC, "RRKw", 0, "R[A] = R[B] * K[C], wide")                                     \
  X(DIVKW, ABC, "RRKw", 0, "R[A] = R[B] / K[C], wide")                                     \
  X(MODKW, ABC, "RRKw", 0, "R[A] = R[B] % K[C], wide")                                     \
  X(BANDKW, ABC, "RRKw", 0, "R[A] = R[B] & K[C], wide")                                    \
  X(BORKW, ABC, "RRKw", 0, "R[A] = R[B] | K[C], wide")                                     \
  X(BXORKW, ABC, "RRKw", 0, "R[A] = R[B] ^ K[C], wide")                                    \
  X(BANDNOTKW, ABC, "RRKw", 0, "R[A] = R[B] &^ K[C], wide")                                \
  X(SHLKW, ABC, "RRKw", 0, "R[A] = R[B] << K[C], wide")                                    \
  X(SHRKW, ABC, "RRKw", 0, "R[A] = R[B] >> K[C], wide")                                    \
  X(UNMW, ABC, "RR_w", 0, "R[A] = -R[B], wide")                                            \
  X(BNOTW, ABC, "RR_w", 0, "R[A] = ^R[B], wide")                                           \
  /* an immediate divisor: the result is small whatever R[B], so no W form */            \
  X(MODI, ABC, "RRNw", 0, "R[A] = R[B] % C, C in [1, 255]")                                \
  /* a small int constant in C, signed: no constant to load and one operand to test */  \
  X(ADDI, ABC, "RRSw", 0, "R[A] = R[B] + sC, sC in [-128, 127]")                           \
  X(SUBI, ABC, "RRSw", 0, "R[A] = R[B] - sC, sC in [-128, 127]")                           \
  X(ADDIW, ABC, "RRSw", 0, "R[A] = R[B] + sC, wide")                                       \
  X(SUBIW, ABC, "RRSw", 0, "R[A] = R[B] - sC, wide")                                       \
  X(NOT, ABC, "RR_", 0, "R[A] = !R[B] (a bool)")                                           \
  X(UPLUS, ABC, "RR_", 0, "R[A] = +R[B] (a number)")                                       \
  /* comparisons as values */                                                             \
  X(EQ, ABC, "RRRw", 0, "R[A] = R[B] == R[C]")                                             \
  X(NE, ABC, "RRRw", 0, "R[A] = R[B] != R[C]")                                             \
  X(LT, ABC, "RRRw", 0, "R[A] = R[B] < R[C]")                                              \
  X(LE, ABC, "RRRw", 0, "R[A] = R[B] <= R[C]")                                             \
  X(EQK, ABC, "RRKw", 0, "R[A] = R[B] == K[C]")                                            \
  X(NEK, ABC, "RRKw", 0, "R[A] = R[B] != K[C]")                                            \
  X(LTK, ABC, "RRKw", 0, "R[A] = R[B] < K[C]")                                             \
  X(LEK, ABC, "RRKw", 0, "R[A] = R[B] <= K[C]")                                            \
  X(GTK, ABC, "RRKw", 0, "R[A] = R[B] > K[C]")                                             \
  X(GEK, ABC, "RRKw", 0, "R[A] = R[B] >= K[C]")                                            \
  /* comparisons fused with a conditional jump: jump when the result == C */             \
  X(JEQ, ABC, "RRNw", 1, "if (R[A] == R[B]) == C then jump")                               \
  X(JLT, ABC, "RRNw", 1, "if (R[A] < R[B]) == C then jump")                                \
  X(JLE, ABC, "RRNw", 1, "if (R[A] <= R[B]) == C then jump")                               \
  X(JEQK, ABC, "RKNw", 1, "if (R[A] == K[B]) == C then jump")                              \
  X(JLTK, ABC, "RKNw", 1, "if (R[A] < K[B]) == C then jump")                               \
  X(JLEK, ABC, "RKNw", 1, "if (R[A] <= K[B]) == C then jump")                              \
  X(JGTK, ABC, "RKNw", 1, "if (R[A] > K[B]) == C then jump")                               \
  X(JGEK, ABC, "RKNw", 1, "if (R[A] >= K[B]) == C then jump")                              \
  X(JLTI, ABC, "RSNw", 1, "if (R[A] < sB) == C then jump, sB in [-128, 127]")              \
  X(JLEI, ABC, "RSNw", 1, "if (R[A] <= sB) == C then jump")                                \
  X(JGTI, ABC, "RSNw", 1, "if (R[A] > sB) == C then jump")                                 \
  X(JGEI, ABC, "RSNw", 1, "if (R[A] >= sB) == C then jump")                                \
  X(JTEST, ABC, "RN_", 1, "if R[A] == (B != 0) then jump; a non-bool R[A] panics")         \
  X(CHECKBOOL, ABC, "RN_", 0, "a non-bool R[A] panics (operand of && if B=0, || if B=1)")  \
  X(JMP, sJ, "J", 0, "jump by sJ")                                                         \
  /* calls */                                                                             \
  X(CALL, ABC, "RNN", 0,                                                                   \
    "R[A .. A+C-2] = R[A](R[A+1 .. A+B-1]); B=0: arguments up to top; C=0: all, sets top") \
  X(CALLG, ABC, "RNN", 2, "R[A] = G[word]; then as CALL (G[word] is a declared func)")     \
  X(RETURN, ABC, "RN_", 0, "return R[A .. A+B-2]; B=0: up to top")                        \
  X(RETURN0, ABC, "___", 0, "return")                                                      \
  X(RETURN1, ABC, "R__", 0, "return R[A]")                                                 \
  X(CLOSURE, ABx, "RK", 0, "R[A] = a closure of the proto K[Bx]; allocates")               \
  X(SPREAD, ABC, "R__", 0, "R[A ..] = the elements of the array R[A]; sets top")           \
  X(DEFER, ABC, "RN_", 0, "defer R[A](R[A+1 .. A+B-1]); B=0: up to top; allocates")        \
  X(PANIC, ABC, "R__", 0, "panic(R[A])")                                                   \
  X(RECOVER, ABC, "R__", 0, "R[A] = recover()")                                            \
  /* arrays, maps, strings */                                                             \
  X(NEWARRAY, ABC, "RN_", 0, "R[A] = [R[A+1 .. A+B]]; allocates")                          \
  X(APPENDN, ABC, "RN_", 0, "append R[A+1 .. A+B] to the array R[A]; allocates")           \
  X(NEWMAP, ABC, "RN_", 0, "R[A] = {} with room for B entries; allocates")                 \
  X(GETINDEX, ABC, "RRR", 0, "R[A] = R[B][R[C]]")                                          \
  X(GETINDEXK, ABC, "RRK", 0, "R[A] = R[B][K[C]]")                                         \
  X(SETINDEX, ABC, "RRR", 0, "R[A][R[B]] = R[C]; a map may allocate")                      \
  X(SETINDEXK, ABC, "RKR", 0, "R[A][K[B]] = R[C]; a map may allocate")                     \
  X(GETINDEXOK, ABC, "RRR", 0, "R[A], R[A+1] = R[B][R[C]], whether the key was there")     \
  X(SLICE, ABC, "RR_", 0, "R[A] = R[B][R[B+1] : R[B+2]] (nil: bound absent); allocates")   \
  X(LEN, ABC, "RR_", 0, "R[A] = len(R[B])")                                                \
  X(SELF, ABC, "RRK", 3, "R[A+1] = R[B]; R[A] = the method K[C] of R[B], unbound (x.M(...))") \
  /* records (lang/vm/records.cpp); a cache word follows GETFIELD and SETFIELD */        \
  X(GETFIELD, ABC, "RRK", 3, "R[A] = R[B].K[C]: a field, else a method bound to R[B]")    \
  X(SETFIELD, ABC, "RKR", 3, "R[A].K[B] = R[C] (a record's field)")                        \
  X(NEWRECORD, ABC, "RNN", 0,                                                              \
    "R[A] = a record of the type R[A], fields R[A+1 .. A+B]; C=1: &T{...}; allocates")     \
  X(NEWTYPE, ABx, "RK", 0, "R[A] = a new record type described by K[Bx]; allocates")       \
  X(SETMETHOD, ABC, "RRN", 0, "method number C of the record type R[A] = R[B]")           \
  X(ADDR, ABC, "RR_", 0, "R[A] = &R[B]: R[B] itself, which must be a record")              \
  /* loops */                                                                             \
  X(RANGEPREP, ABC, "R__", 0, "range over R[A]: R[A+1] = cursor, R[A+2] = limit")          \
  X(RANGENEXT, ABC, "RRR", 1,                                                              \
    "if R[A] has a next element: R[B], R[C] = key, value (255: none), then jump")         \
  X(FORLT, ABC, "RRN", 1, "R[A] += step(C); jump if R[A] < R[B]")                          \
  X(FORLE, ABC, "RRN", 1, "R[A] += step(C); jump if R[A] <= R[B]")                         \
  X(FORGT, ABC, "RRN", 1, "R[A] += step(C); jump if R[A] > R[B]")                          \
  X(FORGE, ABC, "RRN", 1, "R[A] += step(C); jump if R[A] >= R[B]")                         \
  /* goroutines and channels (a parked instruction is completed on resumption) */        \
  X(GO, ABC, "RN_", 0, "go R[A](R[A+1 .. A+B-1]); B=0: up to top; allocates")             \
  X(SEND, ABC, "RR_", 0, "R[A] <- R[B]; may park")                                        \
  X(RECV, ABC, "RRN", 0, "R[A] = <-R[B]; C=1: R[A+1] = ok; may park")                     \
  X(SELECT, ABx, "RK", 0,                                                                  \
    "select over the cases at R[A ..] (channel, value), kinds K[Bx]; R[A .. A+2] = case, value, ok")

enum class Op : uint8_t {
#define GORO_OP_ENUM(name, fmt, operands, jump, effect) name,
  GORO_OPCODES(GORO_OP_ENUM)
#undef GORO_OP_ENUM
      Count
};

constexpr int kOpCount = static_cast<int>(Op::Count);
static_assert(kOpCount <= 256, "an opcode is 8 bits");

enum class OpFormat : uint8_t { ABC, ABx, AsBx, sJ };

struct OpInfo {
  const char* name;
  OpFormat format;
  const char* operands;
  bool jumpWord;    // followed by a jump offset
  bool globalWord;  // followed by a global index
  bool cacheWord;   // followed by an inline cache word
  const char* effect;
};

inline constexpr OpInfo kOpInfo[] = {
#define GORO_OP_INFO(name, fmt, operands, jump, effect) {#name, OpFormat::fmt, operands, jump == 1, jump == 2, jump == 3, effect},
    GORO_OPCODES(GORO_OP_INFO)
#undef GORO_OP_INFO
};
static_assert(sizeof(kOpInfo) / sizeof(kOpInfo[0]) == kOpCount, "one OpInfo per opcode");

inline const OpInfo& opInfo(Op op) { return kOpInfo[static_cast<int>(op)]; }

// The FOR* opcodes: a loop `for ...; i cmp limit; i += step` fused into one
// instruction at the bottom of the loop. A is i, B the limit's register (a
// constant limit is loaded into a register before the loop), C the step in
// its top five bits, signed, not 0. The jump word always leads back to the
// loop's body, before the instruction (so the jump always polls).
inline constexpr unsigned kForStepShift = 3;
constexpr int forStepOf(unsigned c) { return static_cast<int>(static_cast<int8_t>(c & 0xF8)) >> 3; }

// ---------------------------------------------------------------------------
// Instruction words

using Instr = uint32_t;

inline constexpr int kMaxRegisters = 250;  // registers per frame
inline constexpr uint8_t kNoReg = 255;     // "no register" operand (RANGENEXT)
inline constexpr int kMaxK8 = 255;         // constants reachable from a B/C operand
inline constexpr int kMaxModImmediate = 255;  // MODI's divisor, in C
inline constexpr int kMaxRecordFields = 255;  // fields of a record type (a cache word's slot)
// The inline cache word of GETFIELD and SETFIELD (see the top of the file).
constexpr uint32_t fieldCacheWord(uint32_t typeId, uint32_t slot) { return (typeId << 8) | slot; }
inline constexpr uint32_t kMaxRecordTypeId = (1u << 24) - 1;
inline constexpr int kMaxBx = 65535;
inline constexpr int kBiasSBx = 32767;
inline constexpr int kMaxSBx = 32768;
inline constexpr int kMinSBx = -32767;
inline constexpr int kMaxSJ = (1 << 23) - 1;
inline constexpr int kMinSJ = -(1 << 23);

constexpr Instr makeABC(Op op, unsigned a, unsigned b, unsigned c) {
  return static_cast<Instr>(op) | (a << 8) | (b << 16) | (c << 24);
}
constexpr Instr makeABx(Op op, unsigned a, unsigned bx) {
  return static_cast<Instr>(op) | (a << 8) | (bx << 16);
}
constexpr Instr makeAsBx(Op op, unsigned a, int sbx) {
  return makeABx(op, a, static_cast<unsigned>(sbx + kBiasSBx));
}
constexpr Instr makeSJ(Op op, int sj) {
  return static_cast<Instr>(op) | (static_cast<uint32_t>(sj) << 8);
}

constexpr Op opOf(Instr i) { return static_cast<Op>(i & 0xFF); }
constexpr unsigned argA(Instr i) { return (i >> 8) & 0xFF; }
constexpr unsigned argB(Instr i) { return (i >> 16) & 0xFF; }
constexpr unsigned argC(Instr i) { return i >> 24; }
constexpr unsigned argBx(Instr i) { return i >> 16; }
// The S operands: B or C as a signed byte.
inline constexpr int kMinImmediate = -128, kMaxImmediate = 127;
constexpr int argSB(Instr i) { return static_cast<int8_t>(static_cast<uint8_t>(i >> 16)); }
constexpr int argSC(Instr i) { return static_cast<int32_t>(i) >> 24; }
constexpr unsigned immediateField(int v) { return static_cast<uint8_t>(static_cast<int8_t>(v)); }
static_assert(argSB(makeABC(Op::JLTI, 1, immediateField(-128), 1)) == -128 &&
                  argSC(makeABC(Op::ADDI, 1, 2, immediateField(-1))) == -1 &&
                  argSC(makeABC(Op::ADDI, 1, 2, immediateField(127))) == 127,
              "a signed byte survives the instruction word");
constexpr int argSBx(Instr i) { return static_cast<int>(i >> 16) - kBiasSBx; }
constexpr int argSJ(Instr i) { return static_cast<int32_t>(i) >> 8; }
// The FOR* step straight from the instruction word: C's top five bits are
// the word's.
constexpr int forStepOfInstr(Instr i) { return static_cast<int32_t>(i) >> 27; }
static_assert(forStepOfInstr(makeABC(Op::FORLT, 1, 2, (static_cast<unsigned>(-15) << kForStepShift) & 0xF8)) == -15 &&
                  forStepOfInstr(makeABC(Op::FORGE, 1, 2, (15u << kForStepShift) & 0xF8)) == 15 &&
                  forStepOf((static_cast<unsigned>(-1) << kForStepShift) & 0xF8) == -1,
              "the step is the top five bits of C and of the word");

}  // namespace goro::lang::compiler

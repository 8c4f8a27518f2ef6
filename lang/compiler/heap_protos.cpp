// lang/compiler/heap_protos.cpp: phase 2 of the compiler (compiler.h):
// ProtoBuilders become FuncProtos in the collected heap. Every object made here
// is held in a gc::Handle (or stored into one that is) before the next
// allocation, since any allocation may collect.
#include <cstring>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/compiler/compiler.h"
#include "lang/lib/native_table.h"
#include "lang/value/value_ops.h"

namespace goro::lang::compiler {

using runtime::Value;

namespace {

template <typename T>
runtime::Bytes* bytesOf(alloc::MCache& cache, const std::vector<T>& v) {
  runtime::Bytes* b = gc::newBytes(cache, v.size() * sizeof(T));
  if (!v.empty()) std::memcpy(b->data, v.data(), v.size() * sizeof(T));
  return b;
}

// FuncProto::locals: a uint32_t count, then that many records
// {reg, startPc, endPc, nameOffset, nameLength}, then the names' bytes
// (nameOffset counts from the first of them).
constexpr size_t kLocalRecordWords = 5;

runtime::Bytes* localsOf(alloc::MCache& cache, const std::vector<LocalVar>& locals) {
  std::vector<uint32_t> words{static_cast<uint32_t>(locals.size())};
  std::string names;
  for (const LocalVar& l : locals) {
    words.insert(words.end(), {l.reg, l.startPc, l.endPc, static_cast<uint32_t>(names.size()),
                               static_cast<uint32_t>(l.name.size())});
    names += l.name;
  }
  size_t head = words.size() * sizeof(uint32_t);
  runtime::Bytes* b = gc::newBytes(cache, head + names.size());
  std::memcpy(b->data, words.data(), head);
  if (!names.empty()) std::memcpy(b->data + head, names.data(), names.size());
  return b;
}

Value constValue(alloc::MCache& cache, const ProtoBuilder& b, const Const& c, std::string_view file) {
  switch (c.kind) {
    case Const::Kind::Nil: return Value::nil();
    case Const::Kind::Bool: return Value::boolean(c.i != 0);
    case Const::Kind::Int: return gc::makeInt(cache, c.i);
    case Const::Kind::Float: return Value::fromFloat(c.f);
    case Const::Kind::String: return Value::object(gc::newString(cache, c.s));
    case Const::Kind::Proto: return Value::object(materialize(cache, *b.children[static_cast<size_t>(c.i)], file));
    case Const::Kind::Builtin: {
      auto bi = static_cast<syntax::Builtin>(c.i);
      return Value::object(lib::newNativeFunc(cache, syntax::builtinName(bi), lib::builtinNative(bi)));
    }
    case Const::Kind::Member: {
      auto m = static_cast<syntax::Member>(c.i);
      return Value::object(lib::newNativeFunc(cache, syntax::memberQualifiedName(m), lib::memberNative(m)));
    }
    case Const::Kind::MemberConst: return lib::memberConstant(cache, static_cast<syntax::Member>(c.i));
  }
  return Value::nil();
}

}  // namespace

runtime::FuncProto* materialize(alloc::MCache& cache, const ProtoBuilder& b, std::string_view programFile) {
  std::string_view file = b.file.empty() ? programFile : std::string_view(b.file);
  gc::Handle<runtime::Vector> consts(gc::newVector(cache, static_cast<uint32_t>(b.consts.size())));
  for (size_t n = 0; n < b.consts.size(); n++) {
    Value v = constValue(cache, b, b.consts[n], file);
    consts->slots[n] = v;
  }
  gc::Handle<runtime::Bytes> code(bytesOf(cache, b.code));
  gc::Handle<runtime::Bytes> lines(bytesOf(cache, b.lines));
  gc::Handle<runtime::Bytes> captures(bytesOf(cache, b.captures));
  gc::Handle<runtime::Bytes> locals(localsOf(cache, b.locals));
  gc::Handle<runtime::String> name(gc::newString(cache, b.name));
  gc::Handle<runtime::String> fileName(gc::newString(cache, file));
  auto* p = gc::allocateAs<runtime::FuncProto>(cache, runtime::Kind::FuncProto, sizeof(runtime::FuncProto));
  p->name = name.get();
  p->file = fileName.get();
  p->code = code.get();
  p->constants = consts.get();
  p->lines = lines.get();
  p->captures = captures.get();
  p->locals = locals.get();
  p->arity = b.arity;
  p->frameSize = b.frameSize;
  p->cellCount = static_cast<uint32_t>(b.captures.size());
  p->line = b.line;
  p->flags = b.variadic ? runtime::kProtoVariadic : 0;
  p->resultCount = b.resultCount;
  p->fixedArity = b.variadic ? runtime::kNoFixedArity : b.arity;
  p->codeStart = reinterpret_cast<const uint32_t*>(p->code->data);
  p->constSlots = p->constants->slots;
  return p;
}

std::string_view localName(const runtime::FuncProto* p, uint32_t reg, uint32_t pc) {
  const runtime::Bytes* b = p->locals;
  if (b == nullptr || b->size < sizeof(uint32_t)) return {};
  uint32_t count;
  std::memcpy(&count, b->data, sizeof count);
  size_t head = (1 + count * kLocalRecordWords) * sizeof(uint32_t);
  if (head > b->size) return {};
  std::string_view found;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t r[kLocalRecordWords];
    std::memcpy(r, b->data + (1 + i * kLocalRecordWords) * sizeof(uint32_t), sizeof r);
    if (r[0] != reg || pc < r[1] || pc >= r[2]) continue;
    if (head + r[3] + r[4] > b->size) return {};
    found = std::string_view(reinterpret_cast<const char*>(b->data) + head + r[3], r[4]);
  }
  return found;
}

}  // namespace goro::lang::compiler

// lang/vm/interp.cpp: the Interp object: its roots (the `globals` class:
// globals, the chunk closure, os.Args; the `allgs` class: every live
// goroutine state), loading a program, creating goroutine states, and
// buffered standard output (declared in lang/vm/interp.h).
#include "lang/vm/interp.h"

#include <cstdio>
#include <cstring>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "gc/roots.h"
#include "lang/lib/native_table.h"
#include "lang/value/array_ops.h"
#include "lang/vm/exec.h"

namespace goro::lang::vm {

using runtime::GState;
using runtime::Value;

namespace detail {
runtime::Closure* newClosure(alloc::MCache& cache, runtime::FuncProto* p);
inline constexpr size_t kInitialStack = 256;  // slots
inline constexpr size_t kInitialFrames = 16;
// Where the registers of a goroutine state made by newGoroutine (the main
// goroutine) begin: half a page (256 slots) into its stack, not at slot 0.
// The reason is the processor. A load whose address matches the low 12
// bits of an older store still in flight waits for that store ("4K
// aliasing"; on this project's AMD Zen 4 machines it costs the whole loop
// of bench/lang/loop.goro 10%: docs/benchmarks.md). The first stack and a
// small program's bytecode arrays are each often the first object of
// their span, so they begin at nearly the same page offset: main's
// registers (stores) and main's instruction words (loads) then share low
// address bits, and every store to a register delays the instruction
// fetches that follow it. Half a page keeps them as far apart as a page
// allows. A go statement's goroutine starts at slot 0: its small stack
// lands at any offset, like the code it runs.
inline constexpr uint32_t kEntrySkew = 256;  // slots
static_assert(kEntrySkew * sizeof(runtime::Value) == 2048, "half of a 4 KiB page");
}  // namespace detail

struct InterpRoots {
  // The table of globals is one root; in a slot report each global is a
  // slot of its own, named (`globals: sink`), so the report can say which
  // global keeps what alive (gc/roots.h, visitTable).
  static void scanGlobals(gc::RootVisitor& v, void* self) {
    auto* in = static_cast<Interp*>(self);
    v.visit(in->chunk_, [](std::string& n) { n += "globals: the top-level code"; });
    v.visitTable(in->globals_, [](std::string& n) { n += "globals: the table of globals"; });
    if (v.namesSlots() && in->globals_ != nullptr) {
      for (uint32_t i = 0; i < in->globals_->count(); i++) {
        v.visit(in->globals_->slots[i], [in, i](std::string& n) {
          n += "globals: ";
          n += i < in->globalNames_.size() ? in->globalNames_[i] : "#" + std::to_string(i);
        });
      }
    }
    v.visit(in->osArgs_, [](std::string& n) { n += "globals: os.Args"; });
    v.visit(in->methodFuncs_, [](std::string& n) { n += "globals: the methods"; });
  }
  // In a slot report, once the scheduler's Gs hold these states they are
  // named there (`allgs: goroutine 1 frame main.main local "x"`): naming
  // them here too would make two slots of each local, neither of which
  // would then retain anything alone.
  static void scanGs(gc::RootVisitor& v, void* self) {
    auto* in = static_cast<Interp*>(self);
    if (v.namesSlots() && in->goroutinesOnScheduler_) return;
    for (GState* g : in->allgs_) {
      v.visitParts(g, [g](std::string& n) { n += "allgs: goroutine " + std::to_string(g->goid); });
    }
  }
};

Interp::Interp() {
  globalsRootId_ = gc::registerRoots(gc::RootClass::globals, &InterpRoots::scanGlobals, this);
  allgsRootId_ = gc::registerRoots(gc::RootClass::allgs, &InterpRoots::scanGs, this);
  detail::registerGStateSlotNames();
}

Interp::~Interp() {
  flushStdout();
  gc::unregisterRoots(globalsRootId_);
  gc::unregisterRoots(allgsRootId_);
}

void Interp::load(alloc::MCache& cache, const Program& program, runtime::FuncProto* chunk) {
  gc::Handle<runtime::FuncProto> proto(chunk);
  globals_ = gc::newVector(cache, std::max<uint32_t>(program.globalCount, 1));
  setChunk(cache, proto.get());
  mainGlobal_ = program.mainGlobal;
  globalNames_ = program.globalNames;
  runtime::Array* args = gc::newArray(cache, static_cast<uint32_t>(scriptArgs_.size()));
  osArgs_ = Value::object(args);
  for (const std::string& a : scriptArgs_) {
    gc::Root s(Value::object(gc::newString(cache, a)));
    Value v = s.get();
    arrayAppend(cache, static_cast<runtime::Array*>(osArgs_.asObject()), &v, 1);
  }
  // Rooted as soon as it is stored (scanGlobals), so each native made
  // after it is kept.
  if (methodFuncs_ == nullptr) methodFuncs_ = gc::newVector(cache, static_cast<uint32_t>(syntax::Method::Count));
  for (size_t m = 0; m < static_cast<size_t>(syntax::Method::Count); m++) {
    if (!methodFuncs_->slots[m].isNil()) continue;
    auto method = static_cast<syntax::Method>(m);
    Value f = Value::object(lib::newNativeFunc(cache, lib::methodName(method), lib::methodNative(method)));
    methodFuncs_->slots[m] = f;
  }
}

void Interp::setChunk(alloc::MCache& cache, runtime::FuncProto* chunk) {
  chunk_ = Value::object(detail::newClosure(cache, chunk));
}

Value Interp::mainFunction() const {
  if (mainGlobal_ < 0 || globals_ == nullptr) return Value::nil();
  return globals_->slots[mainGlobal_];
}

GState* Interp::newGoroutine(alloc::MCache& cache, Value fn, const Value* args, uint32_t nargs) {
  auto* g = gc::allocateAs<GState>(cache, runtime::Kind::GState, sizeof(GState));
  g->pending = Value::nil();
  g->result = Value::nil();
  g->goid = nextGoid_++;
  allgs_.push_back(g);  // rooted from here on
  g->frames = gc::newBytes(cache, detail::kInitialFrames * sizeof(runtime::CallFrame));
  g->entrySlot = detail::kEntrySkew;
  prepareCall(cache, g, fn, args, nargs);
  return g;
}

namespace {
// A goroutine started by a go statement begins with a small stack (it grows
// by doubling, calls.cpp), so that a parked goroutine stays small; a dead
// goroutine's state is reused only up to kMaxReusedStack slots.
constexpr size_t kGoroutineStack = 16;  // slots
constexpr size_t kGoroutineFrames = 2;
constexpr size_t kMaxReusedStack = 1024;
}  // namespace

GState* Interp::prepareGoroutine(alloc::MCache& cache, GState* reuse, const Value* call, uint32_t nargs) {
  if (reuse != nullptr && reuse->stack != nullptr && reuse->frames != nullptr) {
    prepareCall(cache, reuse, call[0], call + 1, nargs);
    return reuse;
  }
  gc::Handle<GState> g(gc::allocateAs<GState>(cache, runtime::Kind::GState, sizeof(GState)));
  g->pending = Value::nil();
  g->result = Value::nil();
  runtime::Bytes* frames = gc::newBytes(cache, kGoroutineFrames * sizeof(runtime::CallFrame));
  g->frames = frames;
  size_t need = std::max(kGoroutineStack, size_t{nargs} * 2 + 8);
  runtime::Bytes* stack = gc::newBytes(cache, need * sizeof(Value));
  g->stack = stack;
  prepareCall(cache, g.get(), call[0], call + 1, nargs);
  return g.get();
}

bool Interp::recycleGoroutine(GState* g) {
  if (g->stackCapacity() > kMaxReusedStack) return false;
  g->stackTop = 0;
  g->frameCount = 0;
  g->pending = Value::nil();
  g->result = Value::nil();
  if (g->defers != nullptr) {
    for (size_t n = 0; n < g->deferCount; n++) g->defers->slots[n] = Value::nil();
  }
  g->deferCount = 0;
  g->panics = nullptr;
  g->panicCount = 0;
  g->status = 0;
  return true;
}

void Interp::releaseGoroutine(GState* g) {
  for (size_t n = 0; n < allgs_.size(); n++) {
    if (allgs_[n] == g) {
      allgs_.erase(allgs_.begin() + static_cast<ptrdiff_t>(n));
      return;
    }
  }
}

void Interp::prepareCall(alloc::MCache& cache, GState* g, Value fn, const Value* args, uint32_t nargs) {
  // The stack needs room for the call; the callee's frame is made room for
  // when it is entered (calls.cpp). New goroutine states come with a stack.
  size_t need = g->entrySlot + std::max(g->stack == nullptr ? detail::kInitialStack : size_t{0}, size_t{nargs} + 8);
  if (g->stack == nullptr || g->stackCapacity() < need) {
    gc::Root f(fn);
    runtime::Bytes* stack = gc::newBytes(cache, need * sizeof(Value));
    auto* fresh = reinterpret_cast<Value*>(stack->data);
    for (size_t n = 0; n < g->entrySlot; n++) fresh[n] = Value::nil();
    g->stack = stack;
    fn = f.get();
  }
  if (g->defers != nullptr) {
    for (size_t n = 0; n < g->deferCount; n++) g->defers->slots[n] = Value::nil();
  }
  g->deferCount = 0;
  g->panicCount = 0;
  g->panics = nullptr;
  g->frameCount = 0;
  // The slots below the entry slot stay nil: nothing writes there.
  Value* slots = reinterpret_cast<Value*>(g->stack->data) + g->entrySlot;
  slots[0] = fn;
  for (uint32_t n = 0; n < nargs; n++) slots[1 + n] = args[n];
  g->stackTop = g->entrySlot + 1 + nargs;
  g->status |= detail::kStatusFresh;
}

void Interp::writeStdout(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }

void Interp::flushStdout() { std::fflush(stdout); }

}  // namespace goro::lang::vm

// lang/vm/gstate_slots.cpp: a goroutine's interpreter state as named root
// slots, for the root reports (gc/root_slots.h): the interpreter's part
// namer for runtime::GState (gc/report_hooks.h). The scheduler reports a
// G's state with RootVisitor::visitParts and knows nothing of its layout;
// a slot report then comes here, and each reference the state holds
// becomes a slot named after the goroutine's slot (`allgs: goroutine 5`):
//
//   frame main.worker local "buf"     a register that a named local holds
//                                     at the frame's pc (the compiler's
//                                     table of live ranges, localName)
//   frame main.worker temporary 3     any other register of the frame
//   frame main.worker return value 0  results in flight while the frame
//                                     runs its deferred calls to return
//   frame main.worker function        the closure a frame runs
//   entry function, entry argument 1  the call a goroutine that has not
//                                     started yet will make
//   deferred call 0 (frame main.worker), panic 0 value, pending panic
//   value, hand-off value, and the buffers themselves (stack buffer, ...)
//
// Every reference traceGState (runtime/types.cpp) visits is reported, so
// that a slot report accounts for all the state keeps alive. Runs only in
// slot reports, with the world stopped: a marking cycle never comes here.
#include <string>
#include <string_view>

#include "gc/report_hooks.h"
#include "gc/roots.h"
#include "lang/compiler/compiler.h"
#include "lang/vm/exec.h"

namespace goro::lang::vm {

namespace {

using runtime::CallFrame;
using runtime::GState;
using runtime::Value;

std::string_view nameOf(const runtime::FuncProto* p) { return {p->name->data, p->name->length}; }

// The instruction a frame stands at: the one before its saved pc, or, for
// the top frame of a goroutine parked in a channel instruction, the one
// its pc was stepped back to (exec.h, Exec::parked).
uint32_t currentPc(const GState* g, const CallFrame& f, bool top) {
  auto next = static_cast<uint32_t>(f.pc - reinterpret_cast<const uint32_t*>(f.closure->proto->code->data));
  if (top && (g->status & detail::kStatusParked) != 0) return next;
  return next > 0 ? next - 1 : 0;
}

// What stack slot s of a frame (registers from f.base) is.
void nameRegister(std::string& n, const GState* g, const CallFrame& f, bool top, size_t s) {
  const runtime::FuncProto* p = f.closure->proto;
  auto reg = static_cast<uint32_t>(s - f.base);
  n += " frame ";
  n += nameOf(p);
  if ((f.flags & detail::kFrameReturning) != 0 && reg >= f.retFirst && reg - f.retFirst < f.retCount) {
    n += " return value " + std::to_string(reg - f.retFirst);
    return;
  }
  std::string_view local = compiler::localName(p, reg, currentPc(g, f, top));
  if (local.empty()) {
    n += " temporary " + std::to_string(reg);
    return;
  }
  n += " local \"";
  n += local;
  n += '"';
}

void nameStackSlots(const GState* g, const std::string& prefix, gc::RootVisitor& v) {
  if (g->stack == nullptr) return;
  v.visit(g->stack, [&](std::string& n) { n += prefix + " stack buffer"; });
  auto* slots = reinterpret_cast<const Value*>(g->stack->data);
  size_t top = std::min(g->stackTop, g->stackCapacity());
  const CallFrame* frames = g->frames == nullptr ? nullptr : reinterpret_cast<const CallFrame*>(g->frames->data);
  size_t frameCount = frames == nullptr ? 0 : std::min(g->frameCount, g->frames->size / sizeof(CallFrame));
  size_t frame = 0;  // the innermost frame whose registers start at or below s
  for (size_t s = 0; s < top; s++) {
    if (!slots[s].isObject()) continue;
    while (frame + 1 < frameCount && frames[frame + 1].base <= s) frame++;
    v.visit(slots[s], [&](std::string& n) {
      n += prefix;
      if (frameCount == 0 || s < frames[0].base) {
        // Below the first frame: the call a goroutine starts with.
        n += s == g->entrySlot ? " entry function" : " entry argument " + std::to_string(s - g->entrySlot);
        return;
      }
      nameRegister(n, g, frames[frame], frame + 1 == frameCount, s);
    });
  }
}

void nameFrames(const GState* g, const std::string& prefix, gc::RootVisitor& v) {
  if (g->frames == nullptr) return;
  v.visit(g->frames, [&](std::string& n) { n += prefix + " frame records"; });
  auto* frames = reinterpret_cast<const CallFrame*>(g->frames->data);
  size_t count = std::min(g->frameCount, g->frames->size / sizeof(CallFrame));
  for (size_t i = 0; i < count; i++) {
    v.visit(frames[i].closure, [&](std::string& n) {
      n += prefix + " frame ";
      n += nameOf(frames[i].closure->proto);
      n += " function";
    });
  }
}

// The function a frame index of this goroutine runs, for a deferred call.
std::string frameFunction(const GState* g, Value index) {
  if (!index.isSmallInt() || g->frames == nullptr) return "?";
  auto i = static_cast<size_t>(index.asSmallInt());
  if (i >= std::min(g->frameCount, g->frames->size / sizeof(CallFrame))) return "?";
  return std::string(nameOf(reinterpret_cast<const CallFrame*>(g->frames->data)[i].closure->proto));
}

void nameDefersAndPanics(const GState* g, const std::string& prefix, gc::RootVisitor& v) {
  v.visitTable(g->defers, [&](std::string& n) { n += prefix + " deferred calls"; });
  if (g->defers != nullptr) {
    for (size_t d = 0; d < g->deferCount && d < g->defers->count(); d++) {
      Value rec = g->defers->slots[d];
      v.visit(rec, [&](std::string& n) {
        n += prefix + " deferred call " + std::to_string(d);
        if (rec.asObject()->kind == runtime::Kind::Vector &&
            static_cast<const runtime::Vector*>(rec.asObject())->count() > detail::kDeferFrame) {
          n += " (frame " +
               frameFunction(g, static_cast<const runtime::Vector*>(rec.asObject())->slots[detail::kDeferFrame]) +
               ")";
        }
      });
    }
  }
  v.visitTable(g->panics, [&](std::string& n) { n += prefix + " panics"; });
  if (g->panics != nullptr) {
    size_t n = std::min(g->panicCount * detail::kPanicSlots, size_t{g->panics->count()});
    for (size_t i = 0; i < n; i++) {
      v.visit(g->panics->slots[i], [&](std::string& out) {
        out += prefix + " panic " + std::to_string(i / detail::kPanicSlots);
        out += i % detail::kPanicSlots == detail::kPanicValue ? " value" : " record";
      });
    }
  }
  v.visit(g->pending, [&](std::string& n) { n += prefix + " pending panic value"; });
  v.visit(g->result, [&](std::string& n) { n += prefix + " hand-off value"; });
}

void nameGStateParts(const runtime::Object* o, const std::string& prefix, gc::RootVisitor& v) {
  const auto* g = static_cast<const GState*>(o);
  nameStackSlots(g, prefix, v);
  v.visit(g->wide, [&](std::string& n) { n += prefix + " wide int slots"; });
  nameFrames(g, prefix, v);
  nameDefersAndPanics(g, prefix, v);
}

}  // namespace

namespace detail {
void registerGStateSlotNames() { gc::setPartNamer(runtime::Kind::GState, nameGStateParts); }
}  // namespace detail

}  // namespace goro::lang::vm

// Report hooks: how the layers above help the root reports (gc/root_slots.h)
// name what is inside their objects and describe them, without the
// collector learning their layouts.
//
// Two hooks per object kind, both used only by reports, never by a cycle:
//
//   part namer  For an object a scanner reports with RootVisitor::visitParts
//               (a goroutine's interpreter state): reports each reference
//               inside it as a slot of its own, named after the object's
//               slot (`allgs: goroutine 5` + ` frame main.worker local
//               "buf"`). The interpreter registers the one for GState,
//               since only it knows a frame's registers and their names.
//   describer   What a report says of an object of that kind, when the
//               runtime's describe function cannot say it: the scheduler
//               describes an allp array as current or as replaced so many
//               GOMAXPROCS changes ago, which only it can know.
//
// Hooks are plain functions set once per kind, at start-up or when their
// layer is first used, and never removed (setting one again replaces it):
// they hold no state of their own, so they stay valid for the process.
#pragma once

#include <string>

#include "runtime/object_model.h"

namespace goro::gc {

class RootVisitor;

// Reports, through v, every reference that o's trace function visits and
// nothing else, each with visit, visitTable or visitParts and a name that
// begins with `prefix` (the slot's name). Called with the world stopped.
using PartNamer = void (*)(const runtime::Object* o, const std::string& prefix, RootVisitor& v);
// Appends a description of o and returns true, or returns false (appending
// nothing) to leave o to the runtime's describe function.
using Describer = bool (*)(const runtime::Object* o, std::string& out);

void setPartNamer(runtime::Kind kind, PartNamer namer);
PartNamer partNamer(runtime::Kind kind);  // null: none
void setDescriber(runtime::Kind kind, Describer describer);

// An object as the reports show it: its kind and what its describer (or
// else the runtime) says of it, and no address, so that reports compare
// between runs: `array len=3`, `map len=2`, `func main.worker`,
// `allp array cap=8 (replaced 2 GOMAXPROCS changes ago)`.
std::string describeForReport(const runtime::Object* o);

}  // namespace goro::gc

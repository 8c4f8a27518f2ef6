// The heap graph (gc/heap_graph.h) as JSON, for tools. Always the whole
// graph, however big, with its summary by kind (gc/heap_summary.h) beside
// it; the schema is in docs/gc.md ("Heap dumps"). One root or object per
// line, so the file also greps well.
#pragma once

#include <string>

#include "gc/heap_graph.h"

namespace goro::gc {

std::string heapGraphToJson(const HeapGraph& graph);

}  // namespace goro::gc

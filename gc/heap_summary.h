// Heap summary: a heap graph (gc/heap_graph.h) folded by kind, for heaps
// too big to draw object by object: how many objects of each kind and their
// bytes, how many references go from each kind to each kind, and how many
// root slots each class has and the kinds of the objects they hold.
//
// The DOT writer draws a summary instead of the objects above
// kDotMaxObjects; the JSON writer always includes one beside the objects.
#pragma once

#include <cstdint>
#include <vector>

#include "gc/heap_graph.h"

namespace goro::gc {

struct HeapSummary {
  struct KindTotal {
    runtime::Kind kind;
    uint64_t objects = 0;
    uint64_t bytes = 0;
  };
  struct KindEdge {
    runtime::Kind from;
    runtime::Kind to;
    uint64_t references = 0;  // distinct (object, object) references
  };
  struct ClassTotal {
    RootClass rootClass;
    uint64_t slots = 0;
  };
  struct ClassEdge {
    RootClass rootClass;
    runtime::Kind to;
    uint64_t slots = 0;  // slots of the class holding an object of that kind
  };

  uint64_t objects = 0;
  uint64_t bytes = 0;
  // Only what occurs, each list in the order of its enums (kinds as in
  // GORO_OBJECT_KINDS, classes as in GORO_ROOT_CLASSES; edges by source,
  // then target).
  std::vector<KindTotal> kinds;
  std::vector<KindEdge> edges;
  std::vector<ClassTotal> classes;
  std::vector<ClassEdge> classEdges;
};

HeapSummary summarizeHeapGraph(const HeapGraph& graph);

}  // namespace goro::gc

// The heap graph (gc/heap_graph.h) as Graphviz DOT, for `dot -Tsvg`.
//
// Drawn left to right: the root slots on the left, one cluster per root
// class (`subgraph cluster_allm { ... }`), each slot a box labelled with its
// name; the objects to their right, each a node shaped and coloured by its
// kind (a hexagon for a map, a box for an array, a 3-D box for an allp
// array...; the legend is the table in heap_dot.cpp), labelled with its
// kind, its describe text and its bytes, and sized by its bytes on a log
// scale (16 B is the smallest node; each doubling widens it a little, up to
// a cap, so a 1 MiB array is big without hiding everything else); the
// edges are references.
//
// Above maxObjects objects (kDotMaxObjects, 300) the picture is a summary
// (gc/heap_summary.h): one node per kind with its count and bytes, edges
// between kinds labelled with how many references they stand for, the root
// slots kept, except that a class with more than maxSlotsPerClass slots
// (kDotMaxSlotsPerClass, 20) becomes one node saying how many it has, its
// edges labelled with how many slots hold an object of each kind. Why 300:
// dot lays out a few hundred nodes in about a second and the picture is
// still readable when zoomed; at thousands it takes minutes and the result
// is a grey smear.
#pragma once

#include <cstddef>
#include <string>

#include "gc/heap_graph.h"

namespace goro::gc {

inline constexpr size_t kDotMaxObjects = 300;
inline constexpr size_t kDotMaxSlotsPerClass = 20;

struct DotOptions {
  size_t maxObjects = kDotMaxObjects;              // more: summarized by kind
  size_t maxSlotsPerClass = kDotMaxSlotsPerClass;  // in a summary, more: one node
};

std::string heapGraphToDot(const HeapGraph& graph, const DotOptions& options = {});

}  // namespace goro::gc

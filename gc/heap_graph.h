// Heap graph: the live heap as a graph, for the heap dumps of
// gc/heap_dump.h (Graphviz DOT, JSON) and for tests that want to see the
// shape of the heap rather than its totals.
//
// Two kinds of node:
//  - root slots, as the collector's scanners name them (gc/roots.h):
//    `allm[2].allpSnapshot`, `allgs: goroutine 5`, `globals: sink`, each
//    with its root class and the one object it holds;
//  - objects: every object reachable from a slot, with its kind, the bytes
//    it occupies in the heap (its size class, as marking counts it) and a
//    short label from its kind's describe function (`len=2`, `"abc"`).
// Edges are the references an object's kind trace function reports
// (runtime/types.cpp), each distinct target once, in trace order.
//
// The capture walks breadth-first from the slots, in root class order
// (gc/root_classes.h) and, within a class, in the order the scanners report
// them, so the same heap always gives the same graph and object ids. It
// keeps its own visited set (a hash map from address to id) and never
// touches a mark bit, so it may run at any point of a stopped world,
// between a cycle's mark and sweep or outside a cycle. What it follows is
// what marking follows: a table slot (RootVisitor::visitTable, the
// interpreter's globals) is shown without its references, which are slots
// of their own; an object outside the collected heap (kFlagOffHeap) is shown
// but not traced, as the marker does not trace it.
//
// Memory: all of it malloc's, none the collected heap's, so the graph may
// be kept and written out after the world has started again. The addresses
// it records are for display only; the objects may be freed by then.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gc/root_classes.h"
#include "runtime/object_model.h"

namespace goro::gc {

struct HeapRoot {
  RootClass rootClass = RootClass::test;
  std::string slot;     // the slot's name, e.g. "allm[2].allpSnapshot"
  uint32_t object = 0;  // index into HeapGraph::objects
  bool table = false;   // a table whose entries are slots of their own
};

struct HeapObject {
  uintptr_t address = 0;  // for display only: never dereferenced after capture
  runtime::Kind kind = runtime::Kind::String;
  uint64_t bytes = 0;     // the allocated size: the size class, or the large span
  bool offHeap = false;   // outside the collected heap (kFlagOffHeap): not traced
  std::string label;      // the kind's describe text, valid UTF-8
  // Indices into HeapGraph::objects, distinct, in the order the kind's trace
  // function reports them. Empty for noScan kinds, tables and offHeap.
  std::vector<uint32_t> refs;
};

struct HeapGraph {
  uint64_t cycle = 0;  // collections completed when the graph was captured
  std::vector<HeapRoot> roots;
  // Invariant: objects[i]'s id is i, and every ref and HeapRoot::object is a
  // valid index; the objects held by roots come first, in root order.
  std::vector<HeapObject> objects;

  uint64_t totalBytes() const;
};

// Captures the heap graph. The world must be stopped.
HeapGraph captureHeapGraph();
// The same, stopping and starting the world itself (runtime.HeapDump).
HeapGraph captureHeapGraphStoppingTheWorld();

// The name a heap dump gives a kind: its TypeInfo name (`map`, `vector`),
// followed by its C++ kind in parentheses where two kinds share a name
// (`func (Closure)`, `func (NativeFunc)`), so each kind has its own name.
const std::string& heapKindName(runtime::Kind kind);

}  // namespace goro::gc

// Heap dumps: the live heap written to a file as a graph, for people
// (Graphviz DOT, gc/heap_dot.h) and for tools (JSON, gc/heap_json.h), the
// format chosen by the path: a name ending in `.json` gets JSON, any other
// DOT. Two ways to ask for one:
//
//  - runtime.HeapDump(path) in a script (lang/lib/runtime.cpp): the heap at
//    that moment, reachable objects only (garbage not yet swept is left
//    out). The world is stopped for the capture only; the file is written
//    once it runs again, as a blocking system call.
//  - GODEBUG=heapdump=PATH: the heap at the end of every collection, after
//    the sweep, so the live objects of that cycle. The file is replaced at
//    each cycle, so when the program ends (or hangs) it holds the last
//    cycle's heap. Replaced rather than one file per cycle because a program
//    may collect thousands of times (at every allocation under
//    GORO_GC_STRESS=1) and the heap one wants is nearly always the latest;
//    scripts that want a given moment call runtime.HeapDump. The capture
//    happens in the cycle, with the world stopped; rendering and writing
//    happen in collect() after it starts the world again, serialised by a
//    lock, and a graph older than the one already written is dropped, so
//    two collections finishing at once cannot interleave or reorder their
//    dumps. A failure to write is reported on stderr (`goro: GODEBUG
//    heapdump: open /x/heap.dot: no such file or directory`), once per
//    distinct message, and the program goes on.
//
// The file is written in place (created or truncated), not renamed over,
// so PATH may be /dev/stderr or a pipe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gc/heap_graph.h"

namespace goro::gc {

enum class HeapDumpFormat : uint8_t { Dot, Json };

// Json for a path ending in ".json", else Dot.
HeapDumpFormat heapDumpFormatFor(std::string_view path);

// The graph in that format.
std::string renderHeapDump(const HeapGraph& graph, HeapDumpFormat format);

// Renders the graph in the path's format and writes it to path. False, with
// Go's wording of the failure in *error ("open /tmp: is a directory").
// Never with the world stopped: it blocks on the file system.
bool writeHeapDump(const HeapGraph& graph, const std::string& path, std::string* error);

// GODEBUG=heapdump=PATH: writes a cycle's graph to PATH unless a later
// cycle's is already there; failures go to stderr (see the top of the file).
// Called by collect() once the world runs again.
void writeCycleHeapDump(const HeapGraph& graph, const std::string& path);

}  // namespace goro::gc

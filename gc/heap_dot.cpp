// The heap graph as Graphviz DOT: see heap_dot.h.
#include "gc/heap_dot.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "gc/heap_summary.h"
#include "runtime/byte_size.h"

namespace goro::gc {

using runtime::Kind;

namespace {

struct KindStyle {
  Kind kind;
  const char* shape;
  const char* fill;
};

// The legend: one row per kind, in GORO_OBJECT_KINDS order.
constexpr KindStyle kKindStyles[] = {
    {Kind::String, "note", "#fff3b0"},       {Kind::BoxedInt, "ellipse", "#f5deb3"},
    {Kind::Bytes, "box", "#e0e0e0"},         {Kind::Vector, "box", "#cfe2f3"},
    {Kind::Array, "box", "#9fc5e8"},         {Kind::Map, "hexagon", "#b6d7a8"},
    {Kind::FuncProto, "component", "#d9d2e9"}, {Kind::Closure, "ellipse", "#c9a0dc"},
    {Kind::Cell, "circle", "#f4cccc"},       {Kind::NativeFunc, "ellipse", "#e6d0f0"},
    {Kind::Chan, "cds", "#f9cb9c"},          {Kind::WaitGroup, "octagon", "#ea9999"},
    {Kind::Mutex, "octagon", "#e06666"},     {Kind::GState, "tab", "#ffe599"},
    {Kind::PArray, "box3d", "#ffd966"},      {Kind::Builder, "note", "#d9ead3"},
    {Kind::Record, "house", "#a2c4c9"},
    {Kind::RecordType, "folder", "#76a5af"}, {Kind::BoundMethod, "ellipse", "#b4a7d6"},
    {Kind::AtomicInt, "octagon", "#cc4125"}, {Kind::File, "folder", "#d0e0e3"},
    {Kind::Scanner, "folder", "#a2c4c9"},
    {Kind::Timer, "cds", "#fce5cd"},
    {Kind::Duration, "ellipse", "#d9ead3"},
};
static_assert(std::size(kKindStyles) == runtime::kKindCount, "one style per kind");
constexpr bool stylesInKindOrder() {
  for (size_t k = 0; k < std::size(kKindStyles); k++) {
    if (static_cast<size_t>(kKindStyles[k].kind) != k) return false;
  }
  return true;
}
static_assert(stylesInKindOrder(), "kKindStyles follows GORO_OBJECT_KINDS");

const KindStyle& styleOf(Kind k) { return kKindStyles[static_cast<size_t>(k)]; }

// A background per root class, in GORO_ROOT_CLASSES order.
constexpr const char* kClassFills[] = {"#eef5ff", "#fff5e6", "#f0fff0", "#fff0f5", "#f5f0ff", "#f0f0f0", "#fafafa"};
static_assert(std::size(kClassFills) == kRootClassCount, "one background per root class");

// A DOT quoted string: `"` and `\` escaped. Labels join such parts with the
// DOT line break `\n`, which is why quoting is per part.
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string label(std::initializer_list<std::string_view> lines) {
  std::string out = "\"";
  bool first = true;
  for (std::string_view line : lines) {
    if (line.empty()) continue;
    if (!first) out += "\\n";
    out += escaped(line);
    first = false;
  }
  return out + "\"";
}

std::string formatBytes(uint64_t bytes) { return runtime::formatByteSize(bytes).c_str(); }

// Width and height in inches, growing with log2 of the bytes from 16 B.
std::string sizeAttributes(uint64_t bytes) {
  double doublings = std::log2(static_cast<double>(std::max<uint64_t>(bytes, 16)) / 16);
  double width = std::min(0.6 + 0.25 * doublings, 4.0);
  double height = std::min(0.3 + 0.1 * doublings, 1.8);
  char buf[64];
  std::snprintf(buf, sizeof buf, "width=%.2f, height=%.2f", width, height);
  return buf;
}

std::string count(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

class DotWriter {
 public:
  DotWriter(const HeapGraph& graph, const DotOptions& options) : graph_(graph), options_(options) {}

  std::string write() {
    bool summarize = graph_.objects.size() > options_.maxObjects;
    out_ += "// A Goro heap graph (gc/heap_dot.h); render with: dot -Tsvg FILE -o heap.svg\n";
    out_ += "digraph goro_heap {\n";
    std::string title = "Goro heap after " + count(graph_.cycle, "collection", "collections") + ": " +
                        count(graph_.objects.size(), "object", "objects") + ", " +
                        formatBytes(graph_.totalBytes());
    if (summarize) title += " (summarized by kind: more than " + std::to_string(options_.maxObjects) + " objects)";
    out_ += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=14, labelloc=t, nodesep=0.15, ranksep=0.5, label=" +
            label({title}) + "];\n";
    out_ += "  node [fontname=\"Helvetica\", fontsize=9, style=filled, penwidth=0.8];\n";
    out_ += "  edge [arrowsize=0.6, penwidth=0.8, color=\"#555555\", fontname=\"Helvetica\", fontsize=8];\n";
    if (summarize) {
      writeSummary();
    } else {
      writeObjects();
    }
    out_ += "}\n";
    return std::move(out_);
  }

 private:
  // The clusters of root slots. In a summary, a class with too many slots
  // becomes the one node "c<class>" and its slots are not drawn.
  void writeRootClusters(bool summarize) {
    for (size_t c = 0; c < kRootClassCount; c++) {
      auto rc = static_cast<RootClass>(c);
      size_t slots = 0;
      for (const HeapRoot& r : graph_.roots) slots += r.rootClass == rc;
      if (slots == 0) continue;
      out_ += std::string("  subgraph cluster_") + rootClassName(rc) + " {\n";
      out_ += std::string("    label=") + label({rootClassName(rc)}) +
              "; style=\"rounded,filled\"; color=\"#999999\"; fillcolor=\"" + kClassFills[c] + "\";\n";
      if (summarize && slots > options_.maxSlotsPerClass) {
        out_ += "    c" + std::to_string(c) + " [shape=box, style=\"rounded,filled\", fillcolor=white, label=" +
                label({rootClassName(rc), count(slots, "slot", "slots")}) + "];\n";
        classSummarized_[c] = true;
      } else {
        for (size_t i = 0; i < graph_.roots.size(); i++) {
          const HeapRoot& r = graph_.roots[i];
          if (r.rootClass != rc) continue;
          out_ += "    r" + std::to_string(i) + " [shape=box, style=\"rounded,filled\", fillcolor=white, label=" +
                  label({r.slot}) + "];\n";
        }
      }
      out_ += "  }\n";
    }
  }

  void writeObjects() {
    writeRootClusters(false);
    for (size_t i = 0; i < graph_.objects.size(); i++) {
      const HeapObject& o = graph_.objects[i];
      const KindStyle& style = styleOf(o.kind);
      out_ += "  o" + std::to_string(i) + " [shape=" + style.shape + ", fillcolor=\"" + style.fill + "\", " +
              sizeAttributes(o.bytes) + ", label=" + label({heapKindName(o.kind), o.label, formatBytes(o.bytes)}) +
              "];\n";
    }
    for (size_t i = 0; i < graph_.roots.size(); i++) {
      out_ += "  r" + std::to_string(i) + " -> o" + std::to_string(graph_.roots[i].object) + ";\n";
    }
    for (size_t i = 0; i < graph_.objects.size(); i++) {
      for (uint32_t r : graph_.objects[i].refs) out_ += "  o" + std::to_string(i) + " -> o" + std::to_string(r) + ";\n";
    }
  }

  void writeSummary() {
    HeapSummary summary = summarizeHeapGraph(graph_);
    writeRootClusters(true);
    auto kindNode = [](Kind k) { return "k" + std::to_string(static_cast<size_t>(k)); };
    for (const HeapSummary::KindTotal& t : summary.kinds) {
      const KindStyle& style = styleOf(t.kind);
      out_ += "  " + kindNode(t.kind) + " [shape=" + style.shape + ", fillcolor=\"" + style.fill + "\", " +
              sizeAttributes(t.bytes) +
              ", label=" + label({heapKindName(t.kind), count(t.objects, "object", "objects"), formatBytes(t.bytes)}) +
              "];\n";
    }
    for (size_t i = 0; i < graph_.roots.size(); i++) {
      const HeapRoot& r = graph_.roots[i];
      if (classSummarized_[static_cast<size_t>(r.rootClass)]) continue;
      out_ += "  r" + std::to_string(i) + " -> " + kindNode(graph_.objects[r.object].kind) + ";\n";
    }
    for (const HeapSummary::ClassEdge& e : summary.classEdges) {
      size_t c = static_cast<size_t>(e.rootClass);
      if (!classSummarized_[c]) continue;
      out_ += "  c" + std::to_string(c) + " -> " + kindNode(e.to) + " [label=\"" + std::to_string(e.slots) + "\"];\n";
    }
    for (const HeapSummary::KindEdge& e : summary.edges) {
      out_ += "  " + kindNode(e.from) + " -> " + kindNode(e.to) + " [label=\"" + std::to_string(e.references) +
              "\"];\n";
    }
  }

  const HeapGraph& graph_;
  const DotOptions& options_;
  std::string out_;
  std::array<bool, kRootClassCount> classSummarized_{};
};

}  // namespace

std::string heapGraphToDot(const HeapGraph& graph, const DotOptions& options) {
  return DotWriter(graph, options).write();
}

}  // namespace goro::gc

// Heap graph: see heap_graph.h.
#include "gc/heap_graph.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "gc/collector.h"
#include "gc/mark.h"
#include "gc/root_slots.h"
#include "gc/world.h"
#include "runtime/tracer.h"

namespace goro::gc {

using runtime::Object;

namespace {

// The length of the well-formed UTF-8 sequence at s[0..n), or 0 if there is
// none (a stray continuation byte, an overlong form, a surrogate, a sequence
// cut short).
size_t utf8SequenceLength(const unsigned char* s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n < len || s[1] < lo || s[1] > hi) return 0;
  for (size_t i = 2; i < len; i++) {
    if (s[i] < 0x80 || s[i] > 0xBF) return 0;
  }
  return len;
}

// A describe text made safe for any writer: control characters written as
// escapes (`\n`, `\x01`), and bytes that are not UTF-8 (a string cut in the
// middle of a character, or bytes that never were text) as U+FFFD.
std::string displayLabel(const std::string& raw) {
  std::string out;
  auto* s = reinterpret_cast<const unsigned char*>(raw.data());
  for (size_t i = 0; i < raw.size();) {
    unsigned char c = s[i];
    if (c < 0x20 || c == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\t') {
        out += "\\t";
      } else {
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
      i++;
      continue;
    }
    size_t len = utf8SequenceLength(s + i, raw.size() - i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i++;
    } else {
      out.append(raw, i, len);
      i += len;
    }
  }
  return out;
}

class GraphBuilder {
 public:
  explicit GraphBuilder(HeapGraph& graph) : graph_(graph) {}

  // The id of o, adding it to the graph the first time it is seen.
  uint32_t idOf(const Object* o) {
    auto [it, fresh] = ids_.emplace(o, static_cast<uint32_t>(graph_.objects.size()));
    if (fresh) {
      HeapObject node;
      node.address = reinterpret_cast<uintptr_t>(o);
      node.kind = o->kind;
      node.bytes = allocatedBytes(o);
      node.offHeap = (o->flags & runtime::kFlagOffHeap) != 0;
      std::string label;
      runtime::typeInfo(o).describe(o, label);
      node.label = displayLabel(label);
      graph_.objects.push_back(std::move(node));
      pointers_.push_back(o);
      expand_.push_back(true);
    }
    return it->second;
  }
  void doNotExpand(uint32_t id) { expand_[id] = false; }

  // Breadth first: the objects are their own queue.
  void walk() {
    runtime::Tracer tracer;
    std::vector<const Object*> children;
    for (size_t id = 0; id < graph_.objects.size(); id++) {
      const Object* o = pointers_[id];
      const runtime::TypeInfo& type = runtime::typeInfo(o);
      if (!expand_[id] || type.noScan || graph_.objects[id].offHeap) continue;
      type.trace(const_cast<Object*>(o), tracer);
      children.clear();
      while (!tracer.empty()) children.push_back(tracer.pop());
      std::reverse(children.begin(), children.end());  // the tracer is a stack
      std::vector<uint32_t> refs;
      for (const Object* c : children) {
        uint32_t child = idOf(c);
        if (std::find(refs.begin(), refs.end(), child) == refs.end()) refs.push_back(child);
      }
      graph_.objects[id].refs = std::move(refs);
    }
  }

 private:
  HeapGraph& graph_;
  std::unordered_map<const Object*, uint32_t> ids_;
  std::vector<const Object*> pointers_;  // pointers_[id]: the object itself
  std::vector<bool> expand_;             // false for a table slot's object
};

}  // namespace

uint64_t HeapGraph::totalBytes() const {
  uint64_t total = 0;
  for (const HeapObject& o : objects) total += o.bytes;
  return total;
}

HeapGraph captureHeapGraph() {
  HeapGraph graph;
  graph.cycle = numGC();
  GraphBuilder builder(graph);
  for (RootSlot& s : rootSlots(false)) {
    uint32_t id = builder.idOf(s.object);
    if (s.table) builder.doNotExpand(id);
    graph.roots.push_back({s.rootClass, std::move(s.name), id, s.table});
  }
  builder.walk();
  return graph;
}

HeapGraph captureHeapGraphStoppingTheWorld() {
  StoppedWorld world(StwReason::HeapDump);
  return captureHeapGraph();
}

const std::string& heapKindName(runtime::Kind kind) {
  static const std::array<std::string, runtime::kKindCount> names = [] {
    std::array<std::string, runtime::kKindCount> out;
    constexpr const char* kCxxNames[] = {
#define GORO_KIND_CXX_NAME(e, name, noscan) #e,
        GORO_OBJECT_KINDS(GORO_KIND_CXX_NAME)
#undef GORO_KIND_CXX_NAME
    };
    for (size_t k = 0; k < runtime::kKindCount; k++) {
      std::string_view name = runtime::typeInfo(static_cast<runtime::Kind>(k)).name;
      bool shared = false;
      for (size_t other = 0; other < runtime::kKindCount; other++) {
        shared |= other != k && name == runtime::typeInfo(static_cast<runtime::Kind>(other)).name;
      }
      out[k] = name;
      if (shared) out[k] += std::string(" (") + kCxxNames[k] + ")";
    }
    return out;
  }();
  return names[static_cast<size_t>(kind)];
}

}  // namespace goro::gc

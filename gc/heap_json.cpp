// The heap graph as JSON: see heap_json.h.
#include "gc/heap_json.h"

#include <cstdio>

#include "gc/heap_summary.h"

namespace goro::gc {

namespace {

// A JSON string literal. The graph's texts are valid UTF-8 (heap_graph.h),
// so only quotes, backslashes and control characters need escapes.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

const char* boolean(bool b) { return b ? "true" : "false"; }

std::string kindName(runtime::Kind k) { return quoted(heapKindName(k)); }
std::string className(RootClass c) { return quoted(rootClassName(c)); }

// Writes `"key": [` items `]`, one item per line, each made by item(out, x).
template <typename List, typename Item>
void array(std::string& out, const char* indent, const char* key, const List& list, Item&& item, bool last) {
  out += indent;
  out += "\"";
  out += key;
  out += "\": [";
  bool first = true;
  for (const auto& x : list) {
    out += first ? "\n" : ",\n";
    out += indent;
    out += "  ";
    item(out, x);
    first = false;
  }
  if (!first) {
    out += "\n";
    out += indent;
  }
  out += last ? "]\n" : "],\n";
}

void writeSummary(std::string& out, const HeapSummary& s) {
  out += "  \"summary\": {\n";
  out += "    \"objects\": " + std::to_string(s.objects) + ",\n";
  out += "    \"bytes\": " + std::to_string(s.bytes) + ",\n";
  const char* in = "    ";
  array(out, in, "kinds", s.kinds, [](std::string& o, const HeapSummary::KindTotal& t) {
    o += "{\"kind\": " + kindName(t.kind) + ", \"objects\": " + std::to_string(t.objects) +
         ", \"bytes\": " + std::to_string(t.bytes) + "}";
  }, false);
  array(out, in, "edges", s.edges, [](std::string& o, const HeapSummary::KindEdge& e) {
    o += "{\"from\": " + kindName(e.from) + ", \"to\": " + kindName(e.to) +
         ", \"references\": " + std::to_string(e.references) + "}";
  }, false);
  array(out, in, "classes", s.classes, [](std::string& o, const HeapSummary::ClassTotal& c) {
    o += "{\"class\": " + className(c.rootClass) + ", \"slots\": " + std::to_string(c.slots) + "}";
  }, false);
  array(out, in, "classEdges", s.classEdges, [](std::string& o, const HeapSummary::ClassEdge& e) {
    o += "{\"class\": " + className(e.rootClass) + ", \"to\": " + kindName(e.to) +
         ", \"slots\": " + std::to_string(e.slots) + "}";
  }, true);
  out += "  }\n";
}

}  // namespace

std::string heapGraphToJson(const HeapGraph& graph) {
  std::string out = "{\n";
  out += "  \"format\": \"goro-heap-graph\",\n";
  out += "  \"version\": 1,\n";
  out += "  \"cycle\": " + std::to_string(graph.cycle) + ",\n";
  array(out, "  ", "roots", graph.roots, [](std::string& o, const HeapRoot& r) {
    o += "{\"class\": " + className(r.rootClass) + ", \"slot\": " + quoted(r.slot) +
         ", \"object\": " + std::to_string(r.object) + ", \"table\": " + boolean(r.table) + "}";
  }, false);
  uint32_t id = 0;
  array(out, "  ", "objects", graph.objects, [&id](std::string& o, const HeapObject& x) {
    char address[24];
    std::snprintf(address, sizeof address, "0x%llx", static_cast<unsigned long long>(x.address));
    o += "{\"id\": " + std::to_string(id++) + ", \"address\": \"" + address + "\", \"kind\": " + kindName(x.kind) +
         ", \"bytes\": " + std::to_string(x.bytes) + ", \"offHeap\": " + boolean(x.offHeap) +
         ", \"label\": " + quoted(x.label) + ", \"refs\": [";
    for (size_t i = 0; i < x.refs.size(); i++) {
      if (i != 0) o += ", ";
      o += std::to_string(x.refs[i]);
    }
    o += "]}";
  }, false);
  writeSummary(out, summarizeHeapGraph(graph));
  out += "}\n";
  return out;
}

}  // namespace goro::gc

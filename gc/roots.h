// The named root set: how the layers above tell the collector what they
// hold, without the collector reaching into their structures (MMTk's
// Scanning trait, clox's markRoots).
//
// A layer registers a scanner per root class it owns; a scanner is called
// with the world stopped and reports each reference through the RootVisitor.
// Scanners must not allocate, block or take a lock ranked before gcRoots.
#pragma once

#include <cstdint>

#include "gc/root_classes.h"
#include "runtime/tracer.h"
#include "runtime/value.h"

namespace goro::gc {

// What a scanner reports its references to. Counts each non-null reference
// for gctrace.
class RootVisitor {
 public:
  explicit RootVisitor(runtime::Tracer& tracer) : tracer_(tracer) {}
  void visit(runtime::Value v) {
    if (v.isObject()) visit(v.asObject());
  }
  void visit(const runtime::Object* o) {
    if (o == nullptr) return;
    count_++;
    tracer_.visit(o);
  }
  void visitRange(const runtime::Value* v, size_t n) {
    for (size_t i = 0; i < n; i++) visit(v[i]);
  }
  uint64_t count() const { return count_; }

 private:
  runtime::Tracer& tracer_;
  uint64_t count_ = 0;
};

using RootScanner = void (*)(RootVisitor&, void* context);

// Registers a scanner for a class; returns an id for unregisterRoots.
// Several scanners may serve one class.
int registerRoots(RootClass c, RootScanner scan, void* context);
void unregisterRoots(int id);

// Calls every scanner of class c (world stopped).
void scanRootClass(RootClass c, RootVisitor& visitor);

}  // namespace goro::gc

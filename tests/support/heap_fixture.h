// Test support: a fake mutator for collector tests (MMTk's MockVM idea).
//
// HeapTest gives each test its own mcache and a root set of its own, a
// vector of Values registered under the `test` root class, and collects
// before and after the test so tests do not see each other's objects.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "alloc/mcache.h"
#include "gc/allocate.h"
#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/memstats.h"
#include "gc/roots.h"
#include "runtime/object_layouts.h"

namespace goro::testing {

class HeapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rootsId_ = gc::registerRoots(gc::RootClass::test, &HeapTest::scan, this);
    gc::collect();
  }
  void TearDown() override {
    roots.clear();
    gc::unregisterRoots(rootsId_);
    cache.releaseAll();
    gc::collect();
  }

  // A 2-slot Vector node holding (value, next).
  runtime::Vector* node(runtime::Value value, runtime::Value next = runtime::Value::nil()) {
    size_t at = roots.size();
    roots.push_back(value);
    roots.push_back(next);
    runtime::Vector* v = gc::newVector(cache, 2);
    v->slots[0] = roots[at];
    v->slots[1] = roots[at + 1];
    roots.resize(at);
    return v;
  }

  static runtime::Value obj(const runtime::Object* o) { return runtime::Value::object(o); }

  alloc::MCache cache;
  std::vector<runtime::Value> roots;  // the `test` root class

 private:
  static void scan(gc::RootVisitor& v, void* self) {
    auto& r = static_cast<HeapTest*>(self)->roots;
    v.visitRange(r.data(), r.size());
  }
  int rootsId_ = 0;
};

}  // namespace goro::testing

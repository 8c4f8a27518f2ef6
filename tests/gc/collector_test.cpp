// The collector end to end: survival, freeing, cycles, clobberfree, stress
// mode, the 10-million-node list, and the sanitizer's view of a stale read.
#include <gtest/gtest.h>

#include "alloc/arena.h"
#include "alloc/span.h"
#include "gc/handles.h"
#include "gc/mark.h"
#include "runtime/settings.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Value;
using runtime::Vector;
using testing::HeapTest;

class CollectorTest : public HeapTest {};

bool isAllocated(const runtime::Object* o) { return alloc::Heap::instance().isAllocatedObject(o); }

TEST_F(CollectorTest, RootedObjectsSurviveWithTheirContents) {
  Vector* a = node(Value::smallInt(1));
  roots.push_back(obj(a));
  Vector* b = node(Value::smallInt(2), obj(a));
  roots.push_back(obj(b));
  runtime::String* s = newString(cache, "hello");
  roots.push_back(obj(s));
  collect();
  ASSERT_TRUE(isAllocated(a));
  ASSERT_TRUE(isAllocated(b));
  EXPECT_EQ(a->slots[0].asSmallInt(), 1);
  EXPECT_EQ(b->slots[1].asObject(), a);
  EXPECT_EQ(std::string_view(s->data, s->length), "hello");
  EXPECT_EQ(lastCycle().marked.objects, 3u);
}

TEST_F(CollectorTest, UnreachableObjectsAndCyclesAreFreed) {
  Handle<Vector> a(node(Value::smallInt(1)));
  Handle<Vector> b(node(Value::smallInt(2), obj(a.get())));
  a->slots[1] = obj(b.get());  // a <-> b
  Vector* ra = a.get();
  Vector* rb = b.get();
  a.set(nullptr);
  b.set(nullptr);
  collect();
  EXPECT_FALSE(isAllocated(ra));
  EXPECT_FALSE(isAllocated(rb));
  EXPECT_EQ(lastCycle().freedObjects, 2u);
}

TEST_F(CollectorTest, ClobberfreeFillsFreedObjectsWithDeadbeef) {
  if (alloc::kAsan) GTEST_SKIP() << "freed memory is poisoned in ASan builds";
  Vector* dead = node(Value::smallInt(7), Value::smallInt(8));
  runtime::settings().clobberfree = true;
  collect();
  runtime::settings().clobberfree = false;
  auto* words = reinterpret_cast<const uint32_t*>(dead);
  for (int i = 0; i < 6; i++) EXPECT_EQ(words[i], 0xdeadbeefu) << i;
}

TEST_F(CollectorTest, TenMillionNodeListDoesNotRecurse) {
  constexpr int kNodes = 10'000'000;
  Handle<Vector> head(nullptr);
  for (int i = 0; i < kNodes; i++) {
    Vector* n = newVector(cache, 2);
    n->slots[0] = Value::smallInt(i);
    n->slots[1] = head.get() != nullptr ? obj(head.get()) : Value::nil();
    head.set(n);
  }
  collect();
  EXPECT_EQ(lastCycle().marked.objects, static_cast<uint64_t>(kNodes));
  // An explicit work list that never held more than a few entries.
  EXPECT_LE(lastCycle().markStackSlots, 4096u);
  // Walk it: every node survived with its contents.
  int64_t expect = kNodes - 1;
  for (Vector* n = head.get(); n != nullptr;
       n = n->slots[1].isNil() ? nullptr : static_cast<Vector*>(n->slots[1].asObject())) {
    ASSERT_EQ(n->slots[0].asSmallInt(), expect--);
  }
  EXPECT_EQ(expect, -1);
  head.set(nullptr);
  collect();
  EXPECT_EQ(lastCycle().freedObjects, static_cast<uint64_t>(kNodes));
}

TEST_F(CollectorTest, StressModeCollectsAtEveryAllocation) {
  bool was = stressMode();
  setStressMode(true);
  uint64_t before = numGC();
  Handle<Vector> list(nullptr);
  for (int i = 0; i < 200; i++) {
    Vector* n = newVector(cache, 2);  // collects first: list must be rooted
    n->slots[0] = Value::smallInt(i);
    n->slots[1] = list.get() != nullptr ? obj(list.get()) : Value::nil();
    list.set(n);
  }
  setStressMode(was);
  EXPECT_GE(numGC() - before, 200u);
  int count = 0;
  for (Vector* n = list.get(); n != nullptr;
       n = n->slots[1].isNil() ? nullptr : static_cast<Vector*>(n->slots[1].asObject())) {
    ASSERT_EQ(n->slots[0].asSmallInt(), 199 - count);
    count++;
  }
  EXPECT_EQ(count, 200);
}

TEST_F(CollectorTest, PersistentObjectsAreNeverFreedNorMarked) {
  auto* p = static_cast<runtime::PArray*>(allocatePersistent(runtime::Kind::PArray, sizeof(runtime::PArray) + 64));
  p->capacity = 8;
  roots.push_back(obj(p));
  MemStats before = readMemStats();
  collect();
  EXPECT_TRUE(alloc::Heap::instance().isPersistentObject(p));
  EXPECT_EQ(lastCycle().marked.objects, 0u);
  EXPECT_GE(before.persistentAllocs, 1u);
}

TEST_F(CollectorTest, ReadingASweptObjectIsReportedBySanitizer) {
  if (!alloc::kAsan) GTEST_SKIP() << "only address-sanitizer builds poison freed slots";
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  Vector* stale = node(Value::smallInt(41), Value::smallInt(42));
  collect();  // `stale` was never rooted: it is freed and poisoned
  EXPECT_DEATH(
      {
        volatile int64_t v = stale->slots[0].asSmallInt();
        (void)v;
      },
      "heap-use-after-free");
}

}  // namespace
}  // namespace goro::gc

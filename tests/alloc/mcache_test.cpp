// Allocation through an mcache: zeroing, distinct addresses, reuse after a
// collection, large objects, statistics.
#include <gtest/gtest.h>

#include <cstring>
#include <set>

#include "alloc/arena.h"
#include "alloc/mheap.h"
#include "tests/support/heap_fixture.h"

namespace goro::alloc {
namespace {

using testing::HeapTest;
using runtime::Kind;

class MCacheTest : public HeapTest {};

TEST_F(MCacheTest, ObjectsAreZeroedDistinctAndInTheirSpan) {
  std::set<void*> seen;
  for (size_t size : {8, 24, 100, 1000, 5000, 32768}) {
    for (int i = 0; i < 300; i++) {
      bool grew = false;
      auto* p = static_cast<unsigned char*>(cache.alloc(size, &grew));
      ASSERT_TRUE(seen.insert(p).second);
      for (size_t b = 0; b < size; b++) ASSERT_EQ(p[b], 0) << size;
      std::memset(p, 0xab, size);  // dirty it for the reuse test below
      Span* s = spanOf(p);
      ASSERT_NE(s, nullptr);
      EXPECT_EQ(s->elemSize, roundUpSize(size));
      EXPECT_EQ(s->slotAddress(s->indexOf(reinterpret_cast<uintptr_t>(p))), reinterpret_cast<uintptr_t>(p));
    }
  }
}

TEST_F(MCacheTest, FreedSlotsAreReusedAndZeroedAgain) {
  std::set<uintptr_t> first;
  for (int i = 0; i < 1000; i++) {
    auto* o = gc::allocate(cache, Kind::Bytes, 32);
    std::memset(reinterpret_cast<char*>(o) + 8, 0x5a, 24);
    first.insert(reinterpret_cast<uintptr_t>(o));
  }
  cache.releaseAll();
  gc::collect();  // nothing is rooted: every slot is free again
  int reused = 0;
  for (int i = 0; i < 1000; i++) {
    auto* o = gc::allocate(cache, Kind::Bytes, 32);
    auto* bytes = reinterpret_cast<unsigned char*>(o) + 8;
    for (int b = 0; b < 24; b++) ASSERT_EQ(bytes[b], 0);
    reused += first.count(reinterpret_cast<uintptr_t>(o)) ? 1 : 0;
  }
  EXPECT_GT(reused, 900);
}

TEST_F(MCacheTest, LargeObjectsGetTheirOwnSpan) {
  for (size_t size : {size_t{32769}, size_t{100000}, size_t{3} << 20, size_t{9} << 20}) {
    runtime::Bytes* b = gc::newBytes(cache, size);
    Span* s = spanOf(b);
    EXPECT_TRUE(s->isLarge());
    EXPECT_EQ(s->nelems, 1u);
    EXPECT_GE(s->elemSize, size);
    EXPECT_EQ(s->base, reinterpret_cast<uintptr_t>(b));
    EXPECT_EQ(b->data[size - 1], 0);
  }
}

TEST_F(MCacheTest, StatsCountAllocationsAndFrees) {
  gc::MemStats before = gc::readMemStats();
  for (int i = 0; i < 5000; i++) roots.push_back(obj(gc::newVector(cache, 2)));  // 24 bytes
  for (int i = 0; i < 3000; i++) gc::newVector(cache, 2);                         // garbage
  gc::MemStats mid = gc::readMemStats();
  EXPECT_EQ(mid.mallocs - before.mallocs, 8000u);
  EXPECT_EQ(mid.totalAlloc - before.totalAlloc, 8000u * 24);
  EXPECT_EQ(mid.heapObjects - before.heapObjects, 8000u);
  gc::collect();
  gc::MemStats after = gc::readMemStats();
  EXPECT_EQ(after.frees - before.frees, 3000u);
  EXPECT_EQ(after.heapObjects, before.heapObjects + 5000);
  EXPECT_EQ(after.heapAlloc, before.heapAlloc + 5000 * 24);
  EXPECT_EQ(after.numGC, before.numGC + 1);
  EXPECT_GT(after.heapSys, 0u);
}

TEST_F(MCacheTest, EmptyArenasGoBackToMimalloc) {
  gc::MemStats before = gc::readMemStats();
  for (int i = 0; i < 200000; i++) gc::newVector(cache, 6);  // ~11 MB of garbage
  cache.releaseAll();
  gc::collect();
  gc::MemStats after = gc::readMemStats();
  EXPECT_GT(after.heapReleased, before.heapReleased);
  EXPECT_LE(after.heapSys, before.heapSys + (8u << 20));
}

}  // namespace
}  // namespace goro::alloc

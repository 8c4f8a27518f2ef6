// The span's allocation bitmap and cache, driven directly.
#include "alloc/span.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace goro::alloc {
namespace {

// A span over a plain buffer (no arena), enough for the bitmap logic.
struct FakeSpan {
  explicit FakeSpan(uint32_t nelems, uint32_t elemSize = 16)
      : storage(sizeof(Span) + 2 * Span::bitmapWords(nelems) * 8, 0) {
    span = reinterpret_cast<Span*>(storage.data());
    span->base = 0x100000;
    span->elemSize = elemSize;
    span->nelems = nelems;
    span->divMul = ~uint32_t{0} / elemSize + 1;
    span->allocBits = span->bits;
    span->markBits = span->bits + Span::bitmapWords(nelems);
    span->refillAllocCache(0);
  }
  uintptr_t next() {
    uintptr_t p = span->nextFreeFast();
    return p != 0 ? p : span->nextFreeSlow();
  }
  std::vector<uint8_t> storage;
  Span* span;
};

TEST(Span, AllocatesEverySlotOnceInOrder) {
  for (uint32_t n : {1u, 7u, 63u, 64u, 65u, 128u, 341u, 1024u}) {
    FakeSpan f(n);
    for (uint32_t i = 0; i < n; i++) ASSERT_EQ(f.next(), f.span->slotAddress(i)) << n;
    EXPECT_EQ(f.next(), 0u);
    EXPECT_EQ(f.span->allocCount, n);
    EXPECT_TRUE(f.span->full());
  }
}

TEST(Span, SkipsSlotsSetInAllocBits) {
  FakeSpan f(200);
  std::set<uint32_t> used = {0, 1, 5, 63, 64, 65, 127, 128, 199};
  for (uint32_t i : used) f.span->allocBits[i / 64] |= uint64_t{1} << (i % 64);
  f.span->allocCount = static_cast<uint32_t>(used.size());
  f.span->refillAllocCache(0);
  std::set<uint32_t> got;
  while (uintptr_t p = f.next()) got.insert(f.span->indexOf(p));
  EXPECT_EQ(got.size(), 200 - used.size());
  for (uint32_t i : used) EXPECT_FALSE(got.count(i)) << i;
  EXPECT_EQ(f.span->allocCount, 200u);
}

TEST(Span, IndexOfAndMarkBits) {
  FakeSpan f(100, 48);
  f.span->divMul = ~uint32_t{0} / 48 + 1;
  for (uint32_t i = 0; i < 100; i++) EXPECT_EQ(f.span->indexOf(f.span->slotAddress(i)), i);
  EXPECT_FALSE(f.span->testAndSetMark(70));
  EXPECT_TRUE(f.span->testAndSetMark(70));
  EXPECT_TRUE(f.span->isMarked(70));
  EXPECT_FALSE(f.span->isMarked(69));
}

}  // namespace
}  // namespace goro::alloc

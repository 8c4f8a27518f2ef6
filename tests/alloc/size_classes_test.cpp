#include "alloc/size_classes.h"

#include <gtest/gtest.h>

namespace goro::alloc {
namespace {

TEST(SizeClasses, EveryRequestRoundsUpToTheSmallestClassThatFits) {
  for (size_t size = 1; size <= kMaxSmallSize; size++) {
    uint8_t c = sizeClassOf(size);
    ASSERT_GE(sizeClass(c).size, size) << size;
    if (c > 1) {
      ASSERT_LT(sizeClass(c - 1).size, size) << size;
    }
  }
}

TEST(SizeClasses, KnownRoundings) {
  EXPECT_EQ(roundUpSize(1), 8u);
  EXPECT_EQ(roundUpSize(8), 8u);
  EXPECT_EQ(roundUpSize(9), 16u);
  EXPECT_EQ(roundUpSize(24), 24u);
  EXPECT_EQ(roundUpSize(25), 32u);
  EXPECT_EQ(roundUpSize(1025), 1152u);
  EXPECT_EQ(roundUpSize(32767), 32768u);
  EXPECT_EQ(roundUpSize(32768), 32768u);
}

TEST(SizeClasses, SpansWasteAtMostAnEighth) {
  for (size_t c = 1; c < kNumSizeClasses; c++) {
    const SizeClass& sc = sizeClass(c);
    size_t spanBytes = sc.npages * kPageSize;
    EXPECT_EQ(sc.nelems, spanBytes / sc.size);
    EXPECT_LE(spanBytes - sc.nelems * sc.size, spanBytes / 8) << "class " << c;
    EXPECT_LE(sc.nelems, kMaxObjectsPerSpan);
  }
}

TEST(SizeClasses, DivMulGivesTheSlotIndexOfEveryOffset) {
  for (size_t c = 1; c < kNumSizeClasses; c++) {
    const SizeClass& sc = sizeClass(c);
    for (uint64_t off = 0; off < sc.npages * kPageSize; off += 8) {
      ASSERT_EQ((off * sc.divMul) >> 32, off / sc.size) << "class " << c << " offset " << off;
    }
  }
}

}  // namespace
}  // namespace goro::alloc

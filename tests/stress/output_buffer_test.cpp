// stress/output_buffer.h: a run's output, whole under the limits, head and
// tail past them.
#include "stress/output_buffer.h"

#include <gtest/gtest.h>

namespace goro::stress {
namespace {

TEST(OutputBuffer, KeepsEverythingUnderTheLimits) {
  OutputBuffer b(8, 8);
  b.append("hello ");
  b.append("world\n");
  EXPECT_EQ(b.text(), "hello world\n");
  EXPECT_EQ(b.bytesWritten(), 12u);
}

TEST(OutputBuffer, PastTheLimitsKeepsTheBeginningAndTheEnd) {
  OutputBuffer b(4, 6);
  b.append("abcd");          // the head
  b.append("0123456789");    // the ring ends up with 456789
  b.append("XY");            // ... then 6789XY
  EXPECT_EQ(b.text(), "abcd\n[goro-stress: 6 bytes of output left out here]\n6789XY");
  EXPECT_EQ(b.bytesWritten(), 16u);
}

TEST(OutputBuffer, TheRingWrapsAcrossManySmallWrites) {
  OutputBuffer b(0, 5);
  for (char c = 'a'; c <= 'z'; c++) b.append(std::string(1, c));
  EXPECT_EQ(b.text(), "[goro-stress: 21 bytes of output left out here]\nvwxyz");
}

TEST(OutputBuffer, ExactlyFullLosesNothing) {
  OutputBuffer b(3, 3);
  b.append("abcdef");
  EXPECT_EQ(b.text(), "abcdef");
}

}  // namespace
}  // namespace goro::stress

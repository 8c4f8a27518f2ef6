// The heap verifier and GODEBUG=gccheckmark=1.
#include <gtest/gtest.h>

#include "alloc/arena.h"
#include "alloc/span.h"
#include "gc/handles.h"
#include "gc/mark.h"
#include "gc/verify.h"
#include "runtime/settings.h"
#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Value;
using runtime::Vector;

class VerifyTest : public testing::HeapTest {};

TEST_F(VerifyTest, HealthyHeapVerifies) {
  Vector* a = node(Value::smallInt(1));
  roots.push_back(obj(a));
  roots.push_back(obj(node(obj(a), obj(newString(cache, "x")))));
  EXPECT_EQ(verifyHeap(), 3u);
  runtime::settings().gccheckmark = true;
  collect();  // verifies marks and checks every pointer while marking
  runtime::settings().gccheckmark = false;
  EXPECT_EQ(verifyHeap(), 3u);
}

TEST_F(VerifyTest, CheckmarkCatchesAMarkedObjectPointingAtAnUnmarkedOne) {
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  Vector* child = node(Value::smallInt(2));
  roots.push_back(obj(child));
  Vector* parent = node(Value::smallInt(1), obj(child));
  roots.push_back(obj(parent));
  EXPECT_EXIT(
      {
        // Mark the parent alone, as a trace function that forgot a field
        // would leave it.
        clearAllMarks();
        alloc::Span* s = alloc::spanOf(parent);
        s->testAndSetMark(s->indexOf(reinterpret_cast<uintptr_t>(parent)));
        verifyMarks();
      },
      ::testing::ExitedWithCode(2), "fatal error: gccheckmark: marked object vector@0x[0-9a-f]+ \\[2\\] points to unmarked");
}

TEST_F(VerifyTest, VerifierCatchesADanglingReference) {
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  // `dead` shares its span with a live neighbour, so its slot stays free
  // rather than being handed to the next span the heap makes.
  runtime::Bytes* dead = newBytes(cache, 100);
  roots.push_back(obj(newBytes(cache, 100)));
  cache.releaseAll();
  collect();  // `dead` is freed
  Vector* holder = node(obj(dead));
  roots.push_back(obj(holder));
  EXPECT_EXIT(verifyHeap(), ::testing::ExitedWithCode(2), "fatal error: verifyHeap: object vector@.* points to");
}

}  // namespace
}  // namespace goro::gc

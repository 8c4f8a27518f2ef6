#include "gc/handles.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/support/heap_fixture.h"

namespace goro::gc {
namespace {

using runtime::Value;

class HandlesTest : public testing::HeapTest {};

TEST_F(HandlesTest, AHandleKeepsItsObjectAlive) {
  size_t depth = handleDepth();
  {
    Handle<runtime::String> s(newString(cache, "kept"));
    Root r(Value::object(newString(cache, "also kept")));
    collect();
    EXPECT_TRUE(alloc::Heap::instance().isAllocatedObject(s.get()));
    EXPECT_TRUE(alloc::Heap::instance().isAllocatedObject(r.get().asObject()));
    EXPECT_EQ(std::string_view(s->data, s->length), "kept");
    EXPECT_EQ(handleDepth(), depth + 2);
  }
  EXPECT_EQ(handleDepth(), depth);
}

TEST_F(HandlesTest, HandlesOfOtherThreadsAreRoots) {
  std::atomic<int> stage{0};
  runtime::Object* seen = nullptr;
  std::thread t([&] {
    alloc::MCache other;
    Handle<runtime::Vector> h(newVector(other, 3));
    seen = h.get();
    other.releaseAll();
    stage = 1;
    while (stage.load() != 2) std::this_thread::yield();
  });
  while (stage.load() != 1) std::this_thread::yield();
  collect();
  EXPECT_TRUE(alloc::Heap::instance().isAllocatedObject(seen));
  stage = 2;
  t.join();
}

TEST_F(HandlesTest, ReleasingOutOfOrderIsFatal) {
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  EXPECT_EXIT(
      {
        auto* a = new Root(Value::nil());
        Root b(Value::nil());
        delete a;
      },
      ::testing::ExitedWithCode(2), "fatal error: gc handle released out of order");
}

}  // namespace
}  // namespace goro::gc

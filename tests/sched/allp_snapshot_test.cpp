// The allp snapshot of findRunnable's P-less tail (docs/design.md, Go issue
// 74414), in each GODEBUG=allpsnapshot mode. The interleaving is driven
// deterministically with the test hooks:
//
//   1. allp is full (length == capacity), so growing it must replace it;
//   2. M1 runs a goroutine, finds nothing more, snapshots allp and drops its
//      P, and is held before it reads the snapshot;
//   3. GOMAXPROCS goes above the capacity: procresize allocates a new array
//      and the old one is referenced only by M1's snapshot;
//   4. a collection runs (with clobberfree=1: freed memory is poisoned);
//   5. the freed memory is reused: many objects of the array's size class,
//      filled with junk;
//   6. M1 is released and reads its snapshot.
//
// stack: the snapshot is not a root, the array is freed and reused under
// M1, and the read must be detected: fatal error, status 2 (in an
// address-sanitizer build the sanitizer reports the read first). m: M1's
// snapshot keeps the array alive. persistent: the array was never freeable.
// Each mode runs in a child process of its own, with its own settings.
#include <sys/wait.h>

#include <cstring>

#include "alloc/mheap.h"
#include "alloc/poison.h"
#include "fake_runner.h"
#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/memstats.h"
#include "runtime/settings.h"
#include "sched/sched.h"
#include "sched/testhooks.h"

namespace goro::testing {
namespace {

using runtime::AllpSnapshotMode;
namespace hooks = sched::testhooks;

void* slotOf(runtime::PArray* a, uint32_t i) { return __atomic_load_n(&a->ps[i], __ATOMIC_RELAXED); }

// Runs the scenario; returns (exit 0) unless something fails or dies.
[[noreturn]] void scenario(AllpSnapshotMode mode) {
  runtime::Settings& s = runtime::settings();
  s.allpsnapshot = mode;
  s.clobberfree = true;
  startScheduler(2);
  alloc::Heap& heap = alloc::Heap::instance();

  // 1.
  runtime::PArray* a = hooks::currentAllp();
  CHILD_CHECK(a->length() == 2 && a->capacity == 2);

  // 2.
  hooks::armTailHold();
  spawn([](G*, M*) { return RunOutcome::Returned; });
  M* m1 = hooks::waitTailHeld(10000);
  CHILD_CHECK(m1 != nullptr);
  CHILD_CHECK(m1->p.load() == nullptr);
  CHILD_CHECK(hooks::heldSnapshotArray() == a && hooks::heldSnapshotLength() == 2);
  CHILD_CHECK((m1->allpSnapshot.load() == a) == (mode == AllpSnapshotMode::M));

  // 3.
  sched::setGomaxprocs(3);
  runtime::PArray* b = hooks::currentAllp();
  CHILD_CHECK(b != a && b->length() == 3 && b->capacity == 3);

  // 4.
  gc::collect();
  switch (mode) {
    case AllpSnapshotMode::M:
      CHILD_CHECK(heap.isAllocatedObject(a));
      CHILD_CHECK(gc::lastCycle().rootMarked[static_cast<size_t>(gc::RootClass::allm)].objects >= 1);
      break;
    case AllpSnapshotMode::Stack:
      CHILD_CHECK(!heap.isAllocatedObject(a));
      break;
    case AllpSnapshotMode::Persistent:
      CHILD_CHECK(heap.isPersistentObject(a));
      break;
  }

  // 5.
  {
    alloc::MCache cache;
    size_t arrayBytes = sizeof(runtime::PArray) + 2 * sizeof(void*);
    for (int i = 0; i < 20000; i++) {
      runtime::Bytes* junk = gc::newBytes(cache, arrayBytes - sizeof(runtime::Bytes));
      std::memset(junk->data, 0xAB, junk->size);
    }
    cache.releaseAll();
  }
  if (mode != AllpSnapshotMode::Stack) {
    CHILD_CHECK(slotOf(a, 0) == sched::pEver(0) && slotOf(a, 1) == sched::pEver(1));
  }

  // 6.
  hooks::releaseTailHold();
  CHILD_CHECK(hooks::waitTailDone(10000));

  if (mode == AllpSnapshotMode::M) {
    // Once no M holds it, the old array is garbage like any other.
    CHILD_CHECK(eventually([&] { return m1->allpSnapshot.load() == nullptr; }));
    CHILD_CHECK(eventually([&] {
      gc::collect();
      return !heap.isAllocatedObject(a);
    }));
  }
  if (mode == AllpSnapshotMode::Persistent) {
    CHILD_CHECK(sched::stats().persistentArrays == 2);
    CHILD_CHECK(gc::readMemStats().persistentAllocs >= 2);
  }
  std::fprintf(stderr, "allp snapshot scenario passed: %s\n", runtime::allpSnapshotModeName(mode));
  std::fflush(stderr);
  _exit(0);
}

class AllpSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

TEST_F(AllpSnapshotTest, StackModeUseAfterFreeIsDetected) {
  if (alloc::kAsan) {
    // The sanitizer reports the read of the freed slot (exit 1), unless
    // the junk reused the slot first, and then the runtime's check does.
    EXPECT_EXIT(scenario(AllpSnapshotMode::Stack),
                [](int status) {
                  return WIFEXITED(status) && (WEXITSTATUS(status) == 1 || WEXITSTATUS(status) == 2);
                },
                "(AddressSanitizer|fatal error: findRunnable: allpSnapshot use-after-free \\(index 0 read "
                "0x[0-9a-f]+\\))");
  } else {
    EXPECT_EXIT(scenario(AllpSnapshotMode::Stack), ::testing::ExitedWithCode(2),
                "fatal error: findRunnable: allpSnapshot use-after-free \\(index 0 read 0x[0-9a-f]+\\)\n"
                "(.|\n)*runtime stack:");
  }
}

TEST_F(AllpSnapshotTest, MModeKeepsTheOldArrayAlive) {
  EXPECT_EXIT(scenario(AllpSnapshotMode::M), ::testing::ExitedWithCode(0),
              "allp snapshot scenario passed: m\n");
}

TEST_F(AllpSnapshotTest, PersistentModeNeverFreesArrays) {
  EXPECT_EXIT(scenario(AllpSnapshotMode::Persistent), ::testing::ExitedWithCode(0),
              "allp snapshot scenario passed: persistent\n");
}

}  // namespace
}  // namespace goro::testing

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
//   5. the freed memory is put in the state the case calls for (Stale);
//   6. M1 is released and reads its snapshot.
//
// stack: the snapshot is not a root, the array is freed under M1, and the
// read must be detected, whatever became of the memory: the runtime's
// fatal error (status 2) names what it found, or, in an address-sanitizer
// build where the freed memory was left free, the sanitizer reports the
// read as a heap-use-after-free (status 1). m: M1's snapshot keeps the
// array alive: the collector's own root-slot report says it is
// allm[M1].allpSnapshot and nothing else, and M1 keeps it while it sleeps in
// stopm, until it next holds a P (as Go's M does). m with that one root
// skipped (a test hook) is stack mode again: the proof that it is this root
// that keeps the array. persistent: the array was never freeable.
// Each case runs in a child process of its own, with its own settings.
#include <sys/wait.h>

#include <cstring>
#include <initializer_list>

#include "alloc/mheap.h"
#include "alloc/poison.h"
#include "fake_runner.h"
#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/gctrace.h"
#include "gc/memstats.h"
#include "gc/root_slots.h"
#include "gc/world.h"
#include "runtime/settings.h"
#include "sched/sched.h"
#include "sched/testhooks.h"

namespace goro::testing {
namespace {

using runtime::AllpSnapshotMode;
namespace hooks = sched::testhooks;

// What step 5 makes of the memory M1's snapshot points to.
enum class Stale {
  JunkOverArray,       // the freed array's slot holds junk bytes
  NothingReused,       // the freed array's slot is left free
  ArenaGivenBack,      // the array was alone in its arena, which went back to mimalloc
  AllpArrayInSlot,     // another allp array, with the same Ps at the same indices
  MasksJunk,           // growth past 32 Ps replaced the masks too; junk in every freed slot
  MasksNothingReused,  // the same, every freed slot left free
};

bool replacesMasks(Stale s) { return s == Stale::MasksJunk || s == Stale::MasksNothingReused; }

void* slotOf(runtime::PArray* a, uint32_t i) { return __atomic_load_n(&a->ps[i], __ATOMIC_RELAXED); }

size_t arrayBytes(uint32_t capacity) { return sizeof(runtime::PArray) + capacity * sizeof(void*); }

alloc::ObjectState stateOf(const void* p) {
  alloc::Heap& heap = alloc::Heap::instance();
  return heap.withLock([&] { return heap.objectStateLocked(p); });
}

bool allAllocated(std::initializer_list<const void*> objects) {
  for (const void* o : objects) {
    if (!alloc::Heap::instance().isAllocatedObject(o)) return false;
  }
  return true;
}

// `count` junk objects of `bytes` bytes in all (header included, so they
// share the size class of any object of that size), filled with 0xAB.
void allocateJunk(alloc::MCache& cache, size_t bytes, int count) {
  for (int i = 0; i < count; i++) {
    runtime::Bytes* junk = gc::newBytes(cache, bytes - sizeof(runtime::Bytes));
    std::memset(junk->data, 0xAB, junk->size);
  }
}

// Junk of each size until every one of `freed` is an allocated object again
// (junk), or a bound is reached. Returns whether all were reused.
bool junkUntilReused(alloc::MCache& cache, std::initializer_list<size_t> sizes,
                     std::initializer_list<const void*> freed) {
  for (int round = 0; round < 200 && !allAllocated(freed); round++) {
    for (size_t bytes : sizes) allocateJunk(cache, bytes, 1000);
  }
  return allAllocated(freed);
}

// Makes a new arena holding one large junk object and kLeftFree free pages.
// A new arena goes to the head of the heap's list, where the page heap
// looks first, so the next new spans are carved from it. Returns it, or
// null if the junk kept landing in older arenas.
constexpr size_t kLeftFree = 16;
alloc::Arena* claimFreshArena(alloc::MCache& cache) {
  alloc::Heap& heap = alloc::Heap::instance();
  size_t pages = alloc::kUsablePagesPerArena - kLeftFree;
  for (int i = 0; i < 4; i++) {
    runtime::Bytes* big = gc::newBytes(cache, pages * alloc::kPageSize - sizeof(runtime::Bytes));
    alloc::Arena* a = alloc::Arena::of(big);
    bool alone = heap.withLock([&] { return a->nfree == kLeftFree; });
    if (reinterpret_cast<uintptr_t>(big) == a->pageAddress(1) && alone) return a;
  }
  return nullptr;
}

// Allocates objects of `bytes` bytes until one comes from `arena`: every
// partial span of that size class is then full, and the cache's own span
// of the class stays in the cache, so the next cache to need a span of the
// class gets a new one, from the arena at the head of the list.
bool drainClassInto(alloc::MCache& cache, size_t bytes, const alloc::Arena* arena) {
  for (int i = 0; i < 1'000'000; i++) {
    if (alloc::Arena::of(gc::newBytes(cache, bytes - sizeof(runtime::Bytes))) == arena) return true;
  }
  return false;
}

// Whether, according to the collector's own marking, o is alive and kept
// alive only by the allp snapshots of Ms, M1's (slot) among them.
bool keptOnlyBySnapshots(const runtime::Object* o, const std::string& slot) {
  gc::StoppedWorld world(gc::StwReason::TestOnly);
  gc::Retainers r = gc::findRetainers(o);
  bool m1 = false;
  for (const std::string& name : r.direct) {
    if (name.rfind("allm[", 0) != 0 || name.find("].allpSnapshot") == std::string::npos) return false;
    m1 |= name == slot;
  }
  return m1 && r.reachable && !r.reachableWithoutDirect;
}

// The root report's line for slot `slot` (gc::describeRootSlot, as
// GODEBUG=gcroots prints it before what the slot retains), or "" if no slot
// has that name.
std::string reportLine(const std::string& slot) {
  gc::StoppedWorld world(gc::StwReason::TestOnly);
  for (const gc::RootSlot& s : gc::rootSlots(false)) {
    if (s.name == slot) return gc::describeRootSlot(s);
  }
  return "";
}

// Runs the case; returns (exit 0) unless something fails or dies.
// skipRoot: the allm scanner skips every M's snapshot.
[[noreturn]] void scenario(AllpSnapshotMode mode, Stale stale, bool skipRoot = false) {
  runtime::Settings& s = runtime::settings();
  s.allpsnapshot = mode;
  s.clobberfree = true;
  startScheduler(2);
  // Only this scenario's collections run: the heap's layout is part of it.
  gc::setGcPercent(-1);
  gc::setStressMode(false);
  hooks::setAllmScanSkipsSnapshot(skipRoot);
  alloc::Heap& heap = alloc::Heap::instance();
  // Whether step 4 frees what M1 snapshotted.
  const bool freed = mode == AllpSnapshotMode::Stack || (mode == AllpSnapshotMode::M && skipRoot);
  alloc::MCache filler;

  // 1. For ArenaGivenBack the array is remade alone in a fresh arena: every
  // partial span of its class is filled first, so P0's cache takes a new
  // span for it, from the fresh arena.
  alloc::Arena* fresh = nullptr;
  if (stale == Stale::ArenaGivenBack) {
    gc::collect();  // P0's cache gives its spans back, to be drained
    fresh = claimFreshArena(filler);
    CHILD_CHECK(fresh != nullptr);
    CHILD_CHECK(drainClassInto(filler, arrayBytes(3), fresh));
    sched::setGomaxprocs(3);
  }
  runtime::PArray* a = hooks::currentAllp();
  const uint32_t n = a->length();
  const uint64_t serial = a->serial;
  CHILD_CHECK(a->capacity == n && n == (fresh != nullptr ? 3u : 2u));
  CHILD_CHECK(fresh == nullptr || alloc::Arena::of(a) == fresh);
  runtime::Bytes* idle = hooks::currentIdlepMask();
  runtime::Bytes* timerp = hooks::currentTimerpMask();

  // 2.
  hooks::armTailHold();
  spawn([](G*, M*) { return RunOutcome::Returned; });
  M* m1 = hooks::waitTailHeld(10000);
  CHILD_CHECK(m1 != nullptr);
  CHILD_CHECK(m1->p.load() == nullptr);
  CHILD_CHECK(hooks::heldSnapshotArray() == a && hooks::heldSnapshotLength() == n);
  CHILD_CHECK((m1->allpSnapshot.load() == a) == (mode == AllpSnapshotMode::M));
  const std::string m1Slot = "allm[" + std::to_string(m1->id) + "].allpSnapshot";

  // 3. (ArenaGivenBack: the new array's span must not join the old one's
  // arena, so a newer arena takes the new spans.)
  if (fresh != nullptr) CHILD_CHECK(claimFreshArena(filler) != nullptr);
  const uint32_t grown = replacesMasks(stale) ? 33 : n + 1;
  sched::setGomaxprocs(static_cast<int>(grown));
  runtime::PArray* b = hooks::currentAllp();
  CHILD_CHECK(b != a && b->length() == grown && b->capacity == grown && b->serial > serial);
  CHILD_CHECK((hooks::currentIdlepMask() != idle) == replacesMasks(stale));
  CHILD_CHECK((hooks::currentTimerpMask() != timerp) == replacesMasks(stale));

  // 4.
  gc::collect();
  if (stale == Stale::ArenaGivenBack) hooks::releaseEmptyArenas();
  if (freed) {
    CHILD_CHECK(!heap.isAllocatedObject(a));
    if (stale == Stale::ArenaGivenBack) CHILD_CHECK(stateOf(a) == alloc::ObjectState::NoArena);
    if (replacesMasks(stale)) CHILD_CHECK(!heap.isAllocatedObject(idle) && !heap.isAllocatedObject(timerp));
  } else if (mode == AllpSnapshotMode::M) {
    CHILD_CHECK(heap.isAllocatedObject(a));
    CHILD_CHECK(keptOnlyBySnapshots(a, m1Slot));
    CHILD_CHECK(heap.isAllocatedObject(idle) && heap.isAllocatedObject(timerp));
    // The report says which change replaced the array (and the masks), and
    // keeps counting the changes after it.
    const std::string arrayLine = m1Slot + " -> allp array cap=" + std::to_string(n) + " (replaced ";
    const std::string size = "), " + std::to_string(gc::allocatedBytes(a)) + " B";
    CHILD_CHECK(reportLine(m1Slot) == arrayLine + "by the last GOMAXPROCS change" + size);
    CHILD_CHECK(reportLine("allp") ==
                "allp -> allp array cap=" + std::to_string(grown) + " (current), " +
                    std::to_string(gc::allocatedBytes(hooks::currentAllp())) + " B");
    if (replacesMasks(stale)) {
      const std::string maskSlot = "allm[" + std::to_string(m1->id) + "].idlepMaskSnapshot";
      CHILD_CHECK(reportLine(maskSlot) ==
                  maskSlot + " -> idlepMask words=1 (replaced by the last GOMAXPROCS change), " +
                      std::to_string(gc::allocatedBytes(idle)) + " B");
    } else {
      // Shrinking and growing back within the capacity replace nothing.
      sched::setGomaxprocs(static_cast<int>(n));
      CHILD_CHECK(reportLine(m1Slot) == arrayLine + "2 GOMAXPROCS changes ago" + size);
      sched::setGomaxprocs(static_cast<int>(grown));
      CHILD_CHECK(hooks::currentAllp() == b);
      CHILD_CHECK(reportLine(m1Slot) == arrayLine + "3 GOMAXPROCS changes ago" + size);
    }
  } else {
    CHILD_CHECK(heap.isPersistentObject(a));
    CHILD_CHECK(heap.isPersistentObject(idle) && heap.isPersistentObject(timerp));
  }

  // 5. When nothing was freed, the same allocations go elsewhere.
  size_t maskBytes = sizeof(runtime::Bytes) + sched::maskDataBytes(1);
  switch (stale) {
    case Stale::JunkOverArray:
      if (freed) CHILD_CHECK(junkUntilReused(filler, {arrayBytes(n)}, {a}));
      else allocateJunk(filler, arrayBytes(n), 20000);
      break;
    case Stale::MasksJunk:
      if (freed) CHILD_CHECK(junkUntilReused(filler, {arrayBytes(n), maskBytes}, {a, idle, timerp}));
      else allocateJunk(filler, maskBytes, 20000);
      break;
    case Stale::AllpArrayInSlot: {
      // As many arrays of a's capacity as it takes for one to land in a's
      // slot (each from P0's cache, as procresize allocates).
      runtime::PArray* same = nullptr;
      for (int i = 0; i < 5000 && same != a; i++) same = hooks::newAllpArrayAsProcresize(n);
      CHILD_CHECK((same == a) == freed);
      if (freed) {
        CHILD_CHECK(a->serial > serial);
        for (uint32_t i = 0; i < n; i++) CHILD_CHECK(slotOf(a, i) == sched::pEver(i));
      }
      break;
    }
    case Stale::NothingReused:
    case Stale::MasksNothingReused:
    case Stale::ArenaGivenBack:
      break;
  }
  filler.releaseAll();
  if (stale == Stale::NothingReused || stale == Stale::MasksNothingReused) {
    CHILD_CHECK(!heap.isAllocatedObject(a) == freed);
  }
  if (!freed) {
    CHILD_CHECK(a->serial == serial);
    for (uint32_t i = 0; i < n; i++) CHILD_CHECK(slotOf(a, i) == sched::pEver(i));
  }

  // 6.
  hooks::releaseTailHold();
  CHILD_CHECK(hooks::waitTailDone(10000));

  if (mode == AllpSnapshotMode::M && stale == Stale::JunkOverArray) {
    // M1 found nothing to run and sleeps in stopm, still holding its
    // snapshot, as Go's M does: the old array is alive, through that slot
    // alone, for as long as M1 sleeps.
    CHILD_CHECK(eventually([&] { return m1->blocked.load(); }));
    CHILD_CHECK(m1->allpSnapshot.load() == a);
    gc::collect();
    CHILD_CHECK(heap.isAllocatedObject(a));
    CHILD_CHECK(keptOnlyBySnapshots(a, m1Slot));
    // Give the Ms work until M1 has held a P again: it clears its snapshot
    // then, and the old array is garbage like any other.
    CHILD_CHECK(eventually([&] {
      for (int i = 0; i < 8; i++) spawn([](G*, M*) { return RunOutcome::Returned; });
      return m1->allpSnapshot.load() == nullptr;
    }));
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

constexpr const char* kAddr = "0x[0-9a-f]+";
constexpr const char* kSerials = "serial [0-9]+, snapshot had [0-9]+";

std::string fatalWith(const std::string& findings) {
  return "fatal error: findRunnable: allpSnapshot use-after-free \\(" + findings + "\\)\n(.|\n)*runtime stack:";
}

// The read is caught by the runtime's check (status 2), which reports
// `findings`: in every build when the freed memory was reused or is not
// the heap's any more; in a normal build also when it was left free.
void expectRuntimeReports(AllpSnapshotMode mode, Stale stale, const std::string& findings, bool skipRoot = false) {
  EXPECT_EXIT(scenario(mode, stale, skipRoot), ::testing::ExitedWithCode(2), fatalWith(findings));
}

// Memory left free: in an address-sanitizer build the sanitizer reports the
// read itself (status 1), before the runtime's check could.
void expectLeftFreeReported(AllpSnapshotMode mode, Stale stale, const std::string& findings) {
  if (alloc::kAsan) {
    EXPECT_EXIT(scenario(mode, stale), ::testing::ExitedWithCode(1), "AddressSanitizer: heap-use-after-free");
  } else {
    expectRuntimeReports(mode, stale, findings);
  }
}

void expectPasses(AllpSnapshotMode mode, Stale stale) {
  EXPECT_EXIT(scenario(mode, stale), ::testing::ExitedWithCode(0),
              std::string("allp snapshot scenario passed: ") + runtime::allpSnapshotModeName(mode) + "\n");
}

TEST_F(AllpSnapshotTest, StackModeArrayReusedByJunkIsDetected) {
  expectRuntimeReports(AllpSnapshotMode::Stack, Stale::JunkOverArray,
                       std::string("array ") + kAddr + " reused: now a bytes object");
}

TEST_F(AllpSnapshotTest, StackModeArrayLeftFreeIsDetected) {
  expectLeftFreeReported(AllpSnapshotMode::Stack, Stale::NothingReused,
                         std::string("array ") + kAddr + " no longer allocated");
}

// The old array was alone in its arena, which was given back to mimalloc:
// reading it could fault, so it is never read; the heap's records tell.
TEST_F(AllpSnapshotTest, StackModeArenaGivenBackIsDetectedWithoutTouchingIt) {
  expectRuntimeReports(AllpSnapshotMode::Stack, Stale::ArenaGivenBack,
                       std::string("array ") + kAddr + " no longer allocated: its arena was given back to mimalloc");
}

// Another allp array in the freed slot holds exactly the Ps the old one
// held, at the same indices: only its serial tells it apart.
TEST_F(AllpSnapshotTest, StackModeSlotReusedByAnotherAllpArrayIsDetected) {
  expectRuntimeReports(AllpSnapshotMode::Stack, Stale::AllpArrayInSlot,
                       std::string("array ") + kAddr + " reused: " + kSerials);
}

// Masks are replaced only together with the array (a mask's 32-bit words
// always cover the array's capacity), so the array is stale too; each
// object is reported. Junk bytes in a mask's slot are an object of the
// mask's own kind: the serial tells them apart.
TEST_F(AllpSnapshotTest, StackModeMasksReusedAreDetected) {
  expectRuntimeReports(AllpSnapshotMode::Stack, Stale::MasksJunk,
                       std::string("array ") + kAddr + " reused: now a bytes object; idle mask " + kAddr +
                           " reused: " + kSerials + "; timer mask " + kAddr + " reused: " + kSerials);
}

TEST_F(AllpSnapshotTest, StackModeMasksLeftFreeAreDetected) {
  expectLeftFreeReported(AllpSnapshotMode::Stack, Stale::MasksNothingReused,
                         std::string("array ") + kAddr + " no longer allocated(: its span was freed)?; idle mask " +
                             kAddr + " no longer allocated; timer mask " + kAddr + " no longer allocated");
}

TEST_F(AllpSnapshotTest, MModeKeepsTheOldArrayAlive) { expectPasses(AllpSnapshotMode::M, Stale::JunkOverArray); }

TEST_F(AllpSnapshotTest, MModeKeepsTheOldMasksAlive) { expectPasses(AllpSnapshotMode::M, Stale::MasksJunk); }

TEST_F(AllpSnapshotTest, MModeKeepsTheOldArenaAndSlot) {
  expectPasses(AllpSnapshotMode::M, Stale::ArenaGivenBack);
  expectPasses(AllpSnapshotMode::M, Stale::AllpArrayInSlot);
}

// The proof that allm[M1].allpSnapshot is what keeps the array alive: the
// same run with only that root skipped frees the array under M1, and the
// stale read is caught as in stack mode.
TEST_F(AllpSnapshotTest, MModeWithoutItsRootIsAUseAfterFree) {
  expectRuntimeReports(AllpSnapshotMode::M, Stale::JunkOverArray,
                       std::string("array ") + kAddr + " reused: now a bytes object", true);
}

TEST_F(AllpSnapshotTest, PersistentModeNeverFreesArrays) {
  expectPasses(AllpSnapshotMode::Persistent, Stale::JunkOverArray);
  expectPasses(AllpSnapshotMode::Persistent, Stale::MasksJunk);
}

}  // namespace
}  // namespace goro::testing

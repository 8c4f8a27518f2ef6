// The value library with several OS threads at once on shared heap objects,
// as GOMAXPROCS Ms running goroutines are (docs/language.md, "Errors": a racing
// read yields one of the values written, racing map writes may die with
// `fatal error: concurrent map writes`, nothing ever crashes).
//
// Setup: the shared objects are allocated first, by the test thread, and
// rooted in the fixture. Each thread then allocates through its own
// alloc::MCache, as each P has its own. No collection may run while the
// threads do: the scheduler's stop-the-world waits for every P to reach a
// safe point, but the default World (gc/world.h) the tests run under does
// not stop anyone. So the fixture turns GC stress and GOGC off for the
// test (a few MB are allocated at most) and collects after joining.
//
// Races that may end in one of Go's fatal errors run in a death-test child
// and accept either ending a race allows: the fatal error (exit status 2)
// or a clean finish (status 0). A signal, a sanitizer report (status 1) or
// any other message fails the test. Run these under ASan too
// (-DGORO_SANITIZE=address,undefined): an access outside the tables there
// is a report, not a silent read.
#include <sys/wait.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "gc/collector.h"
#include "gc/constructors.h"
#include "lang/lib/natives.h"
#include "lang/value/array_ops.h"
#include "lang/value/map_ops.h"
#include "lang/value/race_safe_access.h"
#include "tests/lang/library_fixture.h"

namespace goro::lang::value {
namespace {

using namespace goro::lang::lib;

using runtime::Array;
using runtime::Map;
using runtime::Value;
using testing::LibTest;
using testing::TestContext;

// Runs body(0) .. body(n-1), each on its own thread, and joins them. The
// bodies start together (a spinning barrier), so that they overlap even
// when thread creation is slow.
void runThreads(int n, const std::function<void(int)>& body) {
  std::atomic<int> waiting{n};
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; i++) {
    threads.emplace_back([&waiting, &body, i] {
      waiting--;
      while (waiting.load() > 0) std::this_thread::yield();
      body(i);
    });
  }
  for (std::thread& t : threads) t.join();
}

// The clean ending of a death-test child whose race went undetected.
constexpr const char* kFinished = "finished: no race detected";
[[noreturn]] void finishChild() {
  std::fprintf(stderr, "%s\n", kFinished);
  std::fflush(stderr);
  std::_Exit(0);
}

// The two endings a race allows: status 0 (after finishChild) or 2 (fatal).
bool cleanOrFatal(int status) {
  return WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 2);
}

// A small xorshift generator per thread, for indices and key choices.
struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed * 0x9e3779b97f4a7c15ull + 1) {}
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
};

class ConcurrencySafetyTest : public LibTest {
 protected:
  void SetUp() override {
    LibTest::SetUp();
    stress_ = gc::stressMode();
    gc::setStressMode(false);
    percent_ = gc::setGcPercent(-1);
  }
  void TearDown() override {
    setMapRaceDetectionForTesting(true);
    gc::setGcPercent(percent_);
    gc::setStressMode(stress_);
    LibTest::TearDown();
  }

  Array* newSharedArray() {
    Array* a = gc::newArray(cache, 0);
    keep(Value::object(a));
    return a;
  }
  Map* newSharedMap() {
    Map* m = newMap(cache, 0);
    keep(Value::object(m));
    return m;
  }

 private:
  bool stress_ = false;
  int percent_ = 100;
};

// ---- arrays

// One appender, as `append` in one goroutine while others index, len,
// range, slice and print the array: every element a reader can reach is the
// one appended there (the new vector is filled before it is installed, the
// elements are stored before the length), lengths only grow, and
// length <= cap at every instant.
TEST_F(ConcurrencySafetyTest, ArrayReadersRacingOneAppenderSeeEveryElement) {
  Array* a = newSharedArray();
  constexpr int64_t kAppends = 40000;
  std::atomic<bool> done{false};
  std::atomic<int> errors{0};
  std::atomic<uint64_t> reads{0};
  runThreads(3, [&](int id) {
    alloc::MCache threadCache;
    if (id == 0) {
      for (int64_t i = 0; i < kAppends; i++) {
        Value v = Value::smallInt(i);
        arrayAppend(threadCache, a, &v, 1);
      }
      done.store(true);
      return;
    }
    Rng rng(static_cast<uint64_t>(id));
    size_t lastLength = 0;
    for (int round = 0; !done.load() || round == 0; round++) {
      // The length first, the capacity after: cap never shrinks, so this
      // order must always see length <= cap.
      size_t length = loadPublished(a->length);
      if (length > arrayCapacity(a)) errors++;
      if (length < lastLength) errors++;
      lastLength = length;

      ArrayView view = arrayView(a);
      for (int k = 0; k < 8 && view.length > 0; k++) {
        size_t i = k == 0 ? view.length - 1 : rng.below(view.length);
        if (view.at(i) != Value::smallInt(static_cast<int64_t>(i))) errors++;
      }
      Value v;
      size_t now = arrayView(a).length;
      if (now > 0) {
        auto i = static_cast<int64_t>(rng.below(now));
        if (!arrayGet(a, i, &v) || v != Value::smallInt(i)) errors++;
      }
      if (arrayGet(a, kAppends, &v) || arrayGet(a, -1, &v)) errors++;
      if (now >= 16 && round % 8 == 0) {
        int64_t lo = static_cast<int64_t>(rng.below(now - 15));
        std::string err;
        Array* s = arraySlice(threadCache, a, lo, lo + 16, &err);
        if (s == nullptr || arrayView(s).length != 16) {
          errors++;
        } else {
          for (int64_t j = 0; j < 16; j++) {
            if (arrayView(s).at(static_cast<size_t>(j)) != Value::smallInt(lo + j)) errors++;
          }
        }
      }
      if (round % 512 == 0) {
        std::string text;
        appendValue(text, Value::object(a));
        if (text.front() != '[' || text.back() != ']') errors++;
      }
      reads++;
    }
  });
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GT(reads.load(), 0u);
  ArrayView view = arrayView(a);
  ASSERT_EQ(view.length, static_cast<size_t>(kAppends));
  for (size_t i = 0; i < view.length; i++) ASSERT_EQ(view.at(i), Value::smallInt(static_cast<int64_t>(i)));
}

// Several appenders on one array without a lock: elements may be lost, as
// with racing appends to a Go slice, but every write stays inside a vector
// (growth installs a larger copy by compare-and-swap, so cap never
// shrinks), and what a reader sees is nil or a value some appender wrote.
TEST_F(ConcurrencySafetyTest, RacingAppendersStayInBounds) {
  Array* a = newSharedArray();
  constexpr int kAppenders = 3;
  constexpr int64_t kPerAppender = 40000;
  constexpr int64_t kTag = 1000000;  // value = appender * kTag + i
  std::atomic<int> appendersLeft{kAppenders};
  std::atomic<int> errors{0};
  auto plausible = [&](Value v) {
    if (v.isNil()) return true;
    if (!v.isSmallInt()) return false;
    int64_t x = v.asSmallInt();
    return x >= 0 && x / kTag < kAppenders && x % kTag < kPerAppender;
  };
  runThreads(kAppenders + 1, [&](int id) {
    alloc::MCache threadCache;
    Rng rng(static_cast<uint64_t>(id) + 100);
    if (id < kAppenders) {
      Value batch[7];
      for (int64_t i = 0; i < kPerAppender;) {
        auto n = static_cast<int64_t>(1 + rng.below(7));
        if (n > kPerAppender - i) n = kPerAppender - i;
        for (int64_t j = 0; j < n; j++) batch[j] = Value::smallInt(id * kTag + i + j);
        arrayAppend(threadCache, a, batch, static_cast<size_t>(n));
        i += n;
      }
      appendersLeft--;
      return;
    }
    size_t lastCap = 0;
    while (appendersLeft.load() > 0) {
      size_t length = loadPublished(a->length);
      size_t cap = arrayCapacity(a);
      if (length > cap || cap < lastCap) errors++;
      lastCap = cap;
      ArrayView view = arrayView(a);
      for (int k = 0; k < 16 && view.length > 0; k++) {
        if (!plausible(view.at(rng.below(view.length)))) errors++;
      }
      // A write into the middle, racing the appenders' copies: lost or not,
      // never outside the array.
      if (view.length > 0) arraySet(a, static_cast<int64_t>(rng.below(view.length)), Value::nil());
    }
  });
  EXPECT_EQ(errors.load(), 0);
  ArrayView view = arrayView(a);
  EXPECT_LE(view.length, static_cast<size_t>(kAppenders * kPerAppender));
  EXPECT_LE(view.length, arrayCapacity(a));
  for (size_t i = 0; i < view.length; i++) ASSERT_TRUE(plausible(view.at(i))) << i;
}

// The natives over a shared array: append in one thread; len, cap,
// strings.Join and fmt.Sprint in others.
TEST_F(ConcurrencySafetyTest, ArrayNativesOnASharedArray) {
  Array* a = newSharedArray();
  Value piece = str("ab");
  Value sep = str(",");
  constexpr int kAppends = 4000;
  std::atomic<bool> done{false};
  std::atomic<int> errors{0};
  runThreads(3, [&](int id) {
    alloc::MCache threadCache;
    TestContext cx(threadCache);
    Value slots[4];
    Value results[kMaxNativeResults];
    if (id == 0) {
      for (int i = 0; i < kAppends; i++) {
        slots[0] = Value::object(a);
        slots[1] = piece;
        if (lib::builtinAppend(cx, slots, 2, results) != 1 || results[0] != Value::object(a)) errors++;
      }
      done.store(true);
      return;
    }
    int64_t lastLen = 0;
    for (int round = 0; !done.load() || round == 0; round++) {
      slots[0] = Value::object(a);
      if (lib::builtinLen(cx, slots, 1, results) != 1) errors++;
      int64_t len = intOf(results[0]);
      if (lib::builtinCap(cx, slots, 1, results) != 1) errors++;
      if (len < lastLen || intOf(results[0]) < len) errors++;
      lastLen = len;
      if (round % 16 == 0) {
        slots[1] = sep;
        if (lib::stringsJoin(cx, slots, 2, results) != 1 || cx.panicked) {
          errors++;
        } else {
          // At least the elements len counted, each "ab" and a comma.
          size_t joined = stringView(results[0]).size();
          if (len > 0 && joined < static_cast<size_t>(3 * len - 1)) errors++;
        }
        if (lib::fmtSprint(cx, slots, 1, results) != 1 || stringView(results[0]).front() != '[') errors++;
      }
    }
  });
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(arrayView(a).length, static_cast<size_t>(kAppends));
}

// ---- maps

// Readers only: lookups, iteration and printing of one map from several
// threads at once, with the key strings themselves shared (their hash
// cache is written by whichever thread hashes first). No writer, so no
// fatal error, and every answer is exact.
TEST_F(ConcurrencySafetyTest, MapReadersShareAMap) {
  Map* m = newSharedMap();
  constexpr int kKeys = 2000;
  std::vector<Value> keys;
  for (int i = 0; i < kKeys; i++) {
    keys.push_back(str("key" + std::to_string(i)));
    ASSERT_TRUE(mapSet(cache, m, keys.back(), Value::smallInt(i)));
  }
  // Fresh copies, not yet hashed, shared by every reader.
  std::vector<Value> lookups;
  for (int i = 0; i < kKeys; i++) lookups.push_back(str("key" + std::to_string(i)));
  std::string expectedText;
  appendValue(expectedText, Value::object(m));
  std::atomic<int> errors{0};
  runThreads(4, [&](int id) {
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < kKeys; i++) {
        int k = (i * 7 + id * 13) % kKeys;
        bool found = false;
        Value v = mapGet(m, lookups[static_cast<size_t>(k)], &found);
        if (!found || v != Value::smallInt(k)) errors++;
      }
      size_t cursor = 0;
      Value k, v;
      int64_t expect = 0;
      while (mapNext(m, &cursor, &k, &v)) {
        if (v != Value::smallInt(expect++)) errors++;
      }
      if (expect != kKeys || mapLen(m) != static_cast<size_t>(kKeys)) errors++;
      std::string text;
      appendValue(text, Value::object(m));
      if (text != expectedText) errors++;
    }
  });
  EXPECT_EQ(errors.load(), 0);
}

// Maps of their own per thread, concurrently: NaN keys (hashed from a
// per-thread source), growth, compaction, all through separate mcaches.
TEST_F(ConcurrencySafetyTest, PrivateMapsOnManyThreads) {
  constexpr int kThreads = 4;
  std::vector<Map*> maps;
  for (int i = 0; i < kThreads; i++) maps.push_back(newSharedMap());
  std::atomic<int> errors{0};
  runThreads(kThreads, [&](int id) {
    alloc::MCache threadCache;
    Map* m = maps[static_cast<size_t>(id)];
    for (int i = 0; i < 3000; i++) {
      if (!mapSet(threadCache, m, Value::smallInt(i), Value::smallInt(id))) errors++;
      if (i % 3 == 0) mapDelete(m, Value::smallInt(i / 2));
    }
    for (int i = 0; i < 100; i++) mapSet(threadCache, m, Value::fromFloat(std::nan("")), Value::nil());
  });
  EXPECT_EQ(errors.load(), 0);
  for (Map* m : maps) {
    size_t n = 0, cursor = 0;
    Value k, v;
    while (mapNext(m, &cursor, &k, &v)) n++;
    EXPECT_EQ(n, mapLen(m));
    bool found = false;
    mapGet(m, Value::fromFloat(std::nan("")), &found);
    EXPECT_FALSE(found) << "NaN never matches";
  }
}

using ConcurrencySafetyDeathTest = ConcurrencySafetyTest;

// Go's texts, each from the operation that finds a write in progress.
TEST_F(ConcurrencySafetyDeathTest, EachOperationDuringAWriteIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Map* m = newSharedMap();
  ASSERT_TRUE(mapSet(cache, m, Value::smallInt(1), Value::smallInt(2)));
  m->writing = 1;  // as a writer on another thread leaves it
  bool found;
  EXPECT_EXIT(mapGet(m, Value::smallInt(1), &found), ::testing::ExitedWithCode(2),
              "fatal error: concurrent map read and map write");
  size_t cursor = 0;
  Value k, v;
  EXPECT_EXIT(mapNext(m, &cursor, &k, &v), ::testing::ExitedWithCode(2),
              "fatal error: concurrent map iteration and map write");
  EXPECT_EXIT(mapDelete(m, Value::smallInt(1)), ::testing::ExitedWithCode(2),
              "fatal error: concurrent map writes");
  EXPECT_EXIT(mapSet(cache, m, Value::smallInt(1), Value::nil()), ::testing::ExitedWithCode(2),
              "fatal error: concurrent map writes");
  m->writing = 0;
  EXPECT_EQ(mapGet(m, Value::smallInt(1), &found), Value::smallInt(2));
  EXPECT_TRUE(found);
  EXPECT_EQ(m->writing, 0u) << "a finished write leaves the flag clear";
}

// Two threads writing one map, as two goroutines without a lock: Go's fatal
// error, or (detection being best effort) a clean finish; never a signal.
TEST_F(ConcurrencySafetyDeathTest, TwoWritersOnOneMapDieWithGoError) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Map* m = newSharedMap();
  EXPECT_EXIT(
      {
        runThreads(2, [&](int id) {
          alloc::MCache threadCache;
          for (int64_t i = 0; i < 200000; i++) {
            mapSet(threadCache, m, Value::smallInt(id * 1000000 + i), Value::smallInt(i));
            if (i % 4 == 0) mapDelete(m, Value::smallInt(id * 1000000 + i / 2));
          }
        });
        finishChild();
      },
      cleanOrFatal, "fatal error: concurrent map writes|finished: no race detected");
}

// One writer (growing and compacting the map) racing readers that look up,
// iterate, print and measure it.
TEST_F(ConcurrencySafetyDeathTest, ReadersRacingAMapWriterDieWithGoError) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Map* m = newSharedMap();
  for (int i = 0; i < 64; i++) ASSERT_TRUE(mapSet(cache, m, Value::smallInt(i), Value::smallInt(i)));
  EXPECT_EXIT(
      {
        std::atomic<bool> done{false};
        runThreads(3, [&](int id) {
          alloc::MCache threadCache;
          if (id == 0) {
            for (int64_t i = 64; i < 100000; i++) {
              mapSet(threadCache, m, Value::smallInt(i), Value::smallInt(i));
              mapDelete(m, Value::smallInt(i - 32));
            }
            done.store(true);
            return;
          }
          Rng rng(static_cast<uint64_t>(id));
          while (!done.load()) {
            bool found;
            mapGet(m, Value::smallInt(static_cast<int64_t>(rng.below(100000))), &found);
            size_t cursor = 0;
            Value k, v;
            for (int n = 0; n < 8 && mapNext(m, &cursor, &k, &v); n++) {
            }
            (void)mapLen(m);
          }
        });
        finishChild();
      },
      cleanOrFatal,
      "fatal error: concurrent map (read|iteration) and map write|finished: no race detected");
}

// With the detector off, the races it would have stopped run on: two
// writers and two readers on one map through growth, compaction, deletes
// and overwrites. Whatever they do to each other, no access leaves the
// map's tables (ASan would report it) and no probe loops for ever; the
// states only racing writers can make end in "concurrent map writes".
TEST_F(ConcurrencySafetyDeathTest, UndetectedMapRacesStayInBounds) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Map* m = newSharedMap();
  Value names[8];
  for (int i = 0; i < 8; i++) names[i] = str("name" + std::to_string(i));
  EXPECT_EXIT(
      {
        setMapRaceDetectionForTesting(false);
        std::atomic<int> writersLeft{2};
        runThreads(4, [&](int id) {
          alloc::MCache threadCache;
          Rng rng(static_cast<uint64_t>(id) + 7);
          if (id < 2) {
            for (int64_t i = 0; i < 60000; i++) {
              int64_t key = static_cast<int64_t>(rng.below(4096));
              switch (rng.below(4)) {
                case 0: mapDelete(m, Value::smallInt(key)); break;
                case 1: mapSet(threadCache, m, names[key % 8], Value::smallInt(i)); break;
                default: mapSet(threadCache, m, Value::smallInt(key), Value::smallInt(i)); break;
              }
            }
            writersLeft--;
            return;
          }
          while (writersLeft.load() > 0) {
            bool found;
            Value v = mapGet(m, Value::smallInt(static_cast<int64_t>(rng.below(4096))), &found);
            if (found && !v.isSmallInt() && !v.isNil()) std::abort();
            size_t cursor = 0;
            Value k;
            for (int n = 0; n < 64 && mapNext(m, &cursor, &k, &v); n++) {
              if (cursor >= (size_t{1} << 48)) std::abort();  // must stay a small int
            }
            std::string text;
            if (rng.below(64) == 0) appendValue(text, Value::object(m));
          }
        });
        finishChild();
      },
      cleanOrFatal, "fatal error: concurrent map writes|finished: no race detected");
}

// ---- other shared state of the library

// os.ReadFile's error text from several threads at once (strerror is not
// thread-safe; the library uses strerror_r).
TEST_F(ConcurrencySafetyTest, ErrorTextsOnManyThreads) {
  Value missing = str("/nonexistent/goro.txt");
  Value directory = str("/");
  std::atomic<int> errors{0};
  runThreads(4, [&](int id) {
    alloc::MCache threadCache;
    TestContext cx(threadCache);
    Value args[1];
    Value results[kMaxNativeResults];
    for (int i = 0; i < 200; i++) {
      bool dir = (i + id) % 2 == 0;
      args[0] = dir ? directory : missing;
      if (lib::osReadFile(cx, args, 1, results) != 2) errors++;
      std::string_view want = dir ? "read /: is a directory" : "open /nonexistent/goro.txt: no such file or directory";
      if (!results[0].isNil() || !isString(results[1]) || stringView(results[1]) != want) errors++;
    }
  });
  EXPECT_EQ(errors.load(), 0);
}

}  // namespace
}  // namespace goro::lang::value

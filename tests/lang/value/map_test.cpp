// The insertion-ordered map of lang/value/map_ops.h: get/set/delete, iteration
// order, tombstones and compaction, key normalisation, NaN keys, growth to
// a million string keys, iteration across growth, and the concurrent-write
// check.
#include <cmath>
#include <set>

#include "gc/collector.h"
#include "lang/value/array_ops.h"
#include "lang/value/map_ops.h"
#include "tests/lang/library_fixture.h"

namespace goro::lang::value {
namespace {

using runtime::Map;
using runtime::Value;
using testing::LibTest;

class MapTest : public LibTest {
 protected:
  void SetUp() override {
    LibTest::SetUp();
    m = newMap(cache, 0);
    keep(Value::object(m));
  }
  void set(Value k, Value v) {
    keep(k);
    keep(v);
    ASSERT_TRUE(mapSet(cache, m, k, v));
  }
  // The value text, or "missing".
  std::string get(Value k) {
    bool found = false;
    Value v = mapGet(m, k, &found);
    return found ? text(v) : "missing";
  }
  // "k:v k:v" in iteration order.
  std::string entries() {
    std::string s;
    size_t cursor = 0;
    Value k, v;
    while (mapNext(m, &cursor, &k, &v)) {
      if (!s.empty()) s += ' ';
      s += text(k) + ":" + text(v);
    }
    return s;
  }

  Map* m = nullptr;
};

TEST_F(MapTest, SetGetOverwriteAndLen) {
  EXPECT_EQ(mapLen(m), 0u);
  EXPECT_EQ(get(str("a")), "missing");
  set(str("a"), Value::smallInt(1));
  set(str("b"), Value::smallInt(2));
  set(Value::smallInt(3), str("three"));
  set(Value::nil(), Value::boolean(true));
  set(Value::boolean(false), flt(0.5));
  EXPECT_EQ(mapLen(m), 5u);
  EXPECT_EQ(get(str("a")), "1");
  EXPECT_EQ(get(str("b")), "2");
  EXPECT_EQ(get(Value::smallInt(3)), "three");
  EXPECT_EQ(get(Value::nil()), "true");
  EXPECT_EQ(get(Value::boolean(false)), "0.5");
  EXPECT_EQ(get(Value::boolean(true)), "missing");
  set(str("a"), Value::smallInt(10));  // overwrite keeps the position
  EXPECT_EQ(mapLen(m), 5u);
  EXPECT_EQ(entries(), "a:10 b:2 3:three <nil>:true false:0.5");
}

TEST_F(MapTest, KeysAreNormalised) {
  set(Value::smallInt(1), str("int"));
  set(flt(1.0), str("float"));
  EXPECT_EQ(mapLen(m), 1u);
  EXPECT_EQ(get(Value::smallInt(1)), "float");
  set(flt(2.0), str("two"));  // stored as the int 2
  EXPECT_EQ(get(Value::smallInt(2)), "two");
  size_t cursor = 0;
  Value k, v;
  ASSERT_TRUE(mapNext(m, &cursor, &k, &v));
  ASSERT_TRUE(mapNext(m, &cursor, &k, &v));
  EXPECT_TRUE(k.isSmallInt());
  set(flt(-0.0), str("zero"));
  EXPECT_EQ(get(Value::smallInt(0)), "zero");
  EXPECT_EQ(get(flt(0.0)), "zero");
  // Outside the small range: the float key becomes a boxed int.
  constexpr int64_t big = int64_t{1} << 60;
  set(flt(static_cast<double>(big)), str("big"));
  EXPECT_EQ(get(num(big)), "big");
  set(num(big), str("BIG"));
  EXPECT_EQ(mapLen(m), 4u);
  EXPECT_EQ(entries(), "1:float 2:two 0:zero 1152921504606846976:BIG");
  set(flt(1.5), str("frac"));
  EXPECT_EQ(get(flt(1.5)), "frac");
  EXPECT_EQ(get(Value::smallInt(1)), "float");
  // Strings equal by bytes are one key, whatever the object.
  set(str("k"), Value::smallInt(1));
  set(str("k"), Value::smallInt(2));
  EXPECT_EQ(get(str("k")), "2");
  EXPECT_EQ(mapLen(m), 6u);
}

TEST_F(MapTest, NaNKeysNeverMatch) {
  set(flt(NAN), Value::smallInt(1));
  set(flt(NAN), Value::smallInt(2));
  EXPECT_EQ(mapLen(m), 2u);
  EXPECT_EQ(get(flt(NAN)), "missing");
  mapDelete(m, flt(NAN));
  EXPECT_EQ(mapLen(m), 2u);
  EXPECT_EQ(entries(), "NaN:1 NaN:2");
}

TEST_F(MapTest, InvalidKeysAreRefused) {
  Value array = keep(Value::object(gc::newArray(cache, 0)));
  EXPECT_FALSE(mapSet(cache, m, array, Value::smallInt(1)));
  EXPECT_EQ(mapLen(m), 0u);
  EXPECT_EQ(get(array), "missing");
  EXPECT_EQ(unhashableKeyError(array), "runtime error: hash of unhashable type array");
}

TEST_F(MapTest, DeleteLeavesTombstonesThatIterationSkips) {
  for (int i = 0; i < 5; i++) set(Value::smallInt(i), Value::smallInt(i * 10));
  mapDelete(m, Value::smallInt(1));
  mapDelete(m, Value::smallInt(3));
  mapDelete(m, Value::smallInt(3));   // already gone
  mapDelete(m, Value::smallInt(99));  // never there
  EXPECT_EQ(mapLen(m), 3u);
  EXPECT_EQ(m->used, 5u);  // tombstones keep their places
  EXPECT_EQ(get(Value::smallInt(1)), "missing");
  EXPECT_EQ(entries(), "0:0 2:20 4:40");
  set(Value::smallInt(1), str("back"));  // a re-inserted key goes last
  EXPECT_EQ(entries(), "0:0 2:20 4:40 1:back");
  EXPECT_EQ(get(Value::smallInt(1)), "back");
}

TEST_F(MapTest, GrowthCompactsTombstones) {
  for (int i = 0; i < 1000; i++) set(Value::smallInt(i), Value::smallInt(i));
  size_t grown = m->entries->count();
  for (int i = 0; i < 990; i++) mapDelete(m, Value::smallInt(i));
  // Churn: many inserts and deletes with few live keys never grow the map.
  for (int i = 1000; i < 100000; i++) {
    set(Value::smallInt(i), Value::smallInt(i));
    mapDelete(m, Value::smallInt(i));
    roots.resize(roots.size() - 2);
  }
  EXPECT_EQ(mapLen(m), 10u);
  EXPECT_LE(m->entries->count(), grown);
  EXPECT_LT(m->entries->count(), 200u);
  std::string want;
  for (int i = 990; i < 1000; i++) want += (want.empty() ? "" : " ") + std::to_string(i) + ":" + std::to_string(i);
  EXPECT_EQ(entries(), want);
}

TEST_F(MapTest, CapacityHintPreallocates) {
  Map* sized = newMap(cache, 100);
  keep(Value::object(sized));
  ASSERT_NE(sized->entries, nullptr);
  EXPECT_GE(sized->entries->count(), 200u);
  runtime::Vector* before = sized->entries;
  for (int i = 0; i < 100; i++) ASSERT_TRUE(mapSet(cache, sized, Value::smallInt(i), Value::nil()));
  EXPECT_EQ(sized->entries, before);
}

TEST_F(MapTest, AMillionStringKeys) {
  // Under GORO_GC_STRESS every allocation is a full collection: a smaller map.
  const int kN = gc::stressMode() ? 3000 : 1000000;
  for (int i = 0; i < kN; i++) {
    Value k = str("key" + std::to_string(i));
    ASSERT_TRUE(mapSet(cache, m, k, Value::smallInt(i)));
    roots.pop_back();  // the map holds the key now
  }
  EXPECT_EQ(mapLen(m), static_cast<size_t>(kN));
  for (int i = 0; i < kN; i += 997) {
    Value k = str("key" + std::to_string(i));
    bool found = false;
    Value v = mapGet(m, k, &found);
    ASSERT_TRUE(found) << i;
    ASSERT_EQ(v, Value::smallInt(i));
    roots.pop_back();
  }
  Value absent = str("key" + std::to_string(kN));
  bool found = true;
  mapGet(m, absent, &found);
  EXPECT_FALSE(found);
  size_t cursor = 0;
  Value k, v;
  int i = 0;
  while (mapNext(m, &cursor, &k, &v)) {
    ASSERT_EQ(v, Value::smallInt(i)) << "insertion order";
    ASSERT_LT(cursor, size_t{1} << 48) << "the cursor fits a small int";
    i++;
  }
  EXPECT_EQ(i, kN);
}

// A range loop that deletes entries it has not reached yet and inserts
// enough to grow (and compact) the map: every entry present throughout is
// produced exactly once, in order, and deleted ones never.
TEST_F(MapTest, IterationSurvivesDeletesAndGrowth) {
  for (int i = 0; i < 100; i++) set(Value::smallInt(i), Value::smallInt(i));
  for (int i = 0; i < 100; i += 3) mapDelete(m, Value::smallInt(i));  // tombstones to compact later
  std::vector<int64_t> seen;
  size_t cursor = 0;
  Value k, v;
  int added = 0;
  runtime::Vector* firstEntries = m->entries;
  while (mapNext(m, &cursor, &k, &v)) {
    int64_t key = intOf(k);
    seen.push_back(key);
    if (key == 50) {
      mapDelete(m, Value::smallInt(52));  // not reached yet: never produced
      for (int j = 0; j < 500; j++) set(Value::smallInt(1000 + j), Value::nil());
      added = 500;
    }
  }
  EXPECT_NE(m->entries, firstEntries) << "the loop must have grown the map";
  std::vector<int64_t> want;
  for (int i = 0; i < 100; i++) {
    if (i % 3 != 0 && i != 52) want.push_back(i);
  }
  for (int j = 0; j < added; j++) want.push_back(1000 + j);  // here: added entries are produced
  EXPECT_EQ(seen, want);
  std::set<int64_t> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size());
}

TEST_F(MapTest, NestedIterationOverOneMap) {
  for (int i = 0; i < 50; i++) set(Value::smallInt(i), Value::nil());
  size_t outer = 0;
  Value k, v;
  int pairs = 0;
  while (mapNext(m, &outer, &k, &v)) {
    size_t inner = 0;
    Value k2, v2;
    while (mapNext(m, &inner, &k2, &v2)) pairs++;
  }
  EXPECT_EQ(pairs, 50 * 50);
}

TEST_F(MapTest, IterationOfAnEmptyMap) {
  size_t cursor = 0;
  Value k, v;
  EXPECT_FALSE(mapNext(m, &cursor, &k, &v));
  set(str("x"), Value::nil());
  mapDelete(m, str("x"));
  cursor = 0;
  EXPECT_FALSE(mapNext(m, &cursor, &k, &v));
}

using MapDeathTest = MapTest;

TEST_F(MapDeathTest, ConcurrentWritesAreFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // A write already in progress, as another thread would leave it.
  m->writing = 1;
  EXPECT_DEATH(mapSet(cache, m, Value::smallInt(1), Value::nil()), "fatal error: concurrent map writes");
  m->writing = 0;
  EXPECT_TRUE(mapSet(cache, m, Value::smallInt(1), Value::nil()));
}

}  // namespace
}  // namespace goro::lang::value

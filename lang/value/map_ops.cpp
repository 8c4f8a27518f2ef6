// lang/value/map_ops.cpp: the insertion-ordered hash map
// (lang/value/map_ops.h).
//
// Representation (runtime::Map):
//   entries  Vector of 2 * capacity slots: key, value of entry e at 2e, 2e+1,
//            in insertion order. A deleted entry keeps its place with the
//            key kTombstone (a bit pattern no Goro value uses, so neither the
//            tracer nor any comparison ever takes it for a value) and a nil
//            value, so that the objects it held can die.
//   index    Bytes holding an IndexHeader, then `slotCount` uint32 slots of
//            an open-addressing table (0: empty, else entry number + 1,
//            linear probing), then `capacity` uint64 insertion ordinals,
//            one per entry.
//   used     entries taken, tombstones included; count: live entries.
//
// Invariants: slotCount is a power of two and capacity = slotCount * 3/4,
// so the table is never more than 3/4 full and every probe ends at an empty
// slot. Every live entry is reachable from its hash's probe sequence. A slot
// pointing at a tombstone acts as a deleted marker: lookups pass over it,
// insertions may take it. Ordinals strictly increase along entries.
//
// Growth: when an insertion finds entries full, the map is rebuilt into new
// tables sized for twice its live count, copying live entries in order:
// tombstones are dropped then (compaction), so a map that sees many deletes
// shrinks back rather than growing.
//
// Iteration cursors must survive compaction, which moves entries. Every
// entry gets an ordinal when inserted (a per-map counter, kept across
// compaction), and ordinals increase along entries; a cursor is the ordinal
// after the last entry produced, so resuming is finding the first entry
// with an ordinal at least that: the entry after the one mapNext produced
// last (a hint in the index, right for a plain loop), else a binary search.
// Each entry present for the whole loop is produced exactly once, deleted
// ones never, in insertion order, however the map grows meanwhile.
//
// Races (docs/language.md: a script may race on a map and may then die with
// "concurrent map writes", but never crash). Two mechanisms, as in Go:
//
// Detection, best effort (Go's hashWriting): Map::writing is 1 for the
// duration of every mutation (mapSet, mapDelete, growth included). A
// mutation that finds it already 1 dies with "concurrent map writes", and
// so does one that finds it cleared at its end; a lookup that finds it 1
// dies with "concurrent map read and map write", an iteration step with
// "concurrent map iteration and map write". The flag is a relaxed load and
// store, no read-modify-write, so a single goroutine pays one load on a
// read and two stores on a write. Two writers can still slip past each
// other (both load 0), and a reader can start just before a writer, so:
//
// Safety, always: every word is read whole and once
// (lang/value/race_safe_access.h). Readers load each table pointer once
// (acquire: growth publishes complete tables) and bound every entry number by
// the tables they loaded, so a reader that races a growth sees stale or missing
// entries, never memory outside them. Writers bound their own work the same
// way, and the states only undetected racing writers can produce (an index with
// no free slot, an entry count beyond the tables) end in "concurrent map
// writes" rather than a write out of bounds or a probe that never ends.
#include "lang/value/map_ops.h"

#include <algorithm>
#include <atomic>

#include "gc/allocate.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/value/race_safe_access.h"
#include "lang/value/value_ops.h"
#include "runtime/fatal.h"

namespace goro::lang::value {

using runtime::Bytes;
using runtime::Map;
using runtime::Value;
using runtime::Vector;

namespace {

const Value kTombstone = Value::fromBits(0x7FF8000000000004ull);

// Go's texts (runtime/map.go), for the detector described at the top.
constexpr const char* kConcurrentWrites = "concurrent map writes";
constexpr const char* kConcurrentReadWrite = "concurrent map read and map write";
constexpr const char* kConcurrentIterationWrite = "concurrent map iteration and map write";

constexpr uint32_t kMinSlots = 8;
// Entries are counted in uint32 (Vector::count is 2 * capacity).
constexpr uint64_t kMaxSlots = uint64_t{1} << 30;

// The index's header. slotCount and capacity are written before the index
// is published and never change; nextOrdinal is the writers' (written under
// the map's writing flag); hint is any reader's, a relaxed word.
struct IndexHeader {
  uint64_t nextOrdinal;  // the ordinal the next inserted entry gets
  uint32_t slotCount;
  uint32_t capacity;
  uint32_t hint;         // position of the entry mapNext produced last
  uint32_t padding;
};
static_assert(sizeof(IndexHeader) % 8 == 0, "the ordinals after the slots stay aligned");

// Ordinals stay below 2^48 so that a cursor fits a small int.
constexpr uint64_t kMaxOrdinal = uint64_t{1} << 48;

// One view of the two tables, each pointer loaded once. Every entry number
// used with it is checked against `capacity`, which both tables can hold
// even when a racing growth made them come from different generations.
struct Tables {
  Vector* entries = nullptr;
  Bytes* index = nullptr;
  uint32_t mask = 0;      // slotCount - 1
  uint32_t capacity = 0;  // entries addressable in both tables

  IndexHeader* header() const { return reinterpret_cast<IndexHeader*>(index->data); }
  uint32_t* slots() const { return reinterpret_cast<uint32_t*>(index->data + sizeof(IndexHeader)); }
  uint64_t* ordinals() const {
    return reinterpret_cast<uint64_t*>(index->data + sizeof(IndexHeader) + (size_t{mask} + 1) * sizeof(uint32_t));
  }
  Value key(uint32_t e) const { return loadValue(entries->slots[2 * size_t{e}]); }
  Value value(uint32_t e) const { return loadValue(entries->slots[2 * size_t{e} + 1]); }
  void setKey(uint32_t e, Value k) const { storeValue(entries->slots[2 * size_t{e}], k); }
  void setValue(uint32_t e, Value v) const { storeValue(entries->slots[2 * size_t{e} + 1], v); }
  // The slot at pos: acquire, so that the entry it names is seen complete.
  uint32_t slot(uint32_t pos) const { return loadPublished(slots()[pos]); }
};

bool loadTables(const Map* m, Tables* t) {
  t->entries = loadPublished(m->entries);
  t->index = loadPublished(m->index);
  if (t->entries == nullptr || t->index == nullptr) return false;
  const IndexHeader* h = t->header();
  t->mask = h->slotCount - 1;
  t->capacity = std::min(h->capacity, t->entries->count() / 2);
  return true;
}

// Entries used, as far as tables t can hold them.
uint32_t usedIn(const Map* m, const Tables& t) { return std::min(loadPublished(m->used), t.capacity); }

size_t indexBytes(uint32_t slotCount, uint32_t capacity) {
  return sizeof(IndexHeader) + size_t{slotCount} * sizeof(uint32_t) + size_t{capacity} * sizeof(uint64_t);
}

uint32_t capacityFor(uint32_t slotCount) { return slotCount / 4 * 3; }

// The smallest table whose capacity holds `entries` entries.
uint32_t slotsFor(uint64_t entries) {
  uint64_t slots = kMinSlots;
  while (capacityFor(static_cast<uint32_t>(slots)) < entries) {
    slots *= 2;
    if (slots > kMaxSlots) runtime::fatal("out of memory: map too large");
  }
  return static_cast<uint32_t>(slots);
}

// The entry holding key, or -1. At most slotCount probes: the table always
// has an empty slot unless racing writers overfilled it, and even then the
// lookup ends.
int64_t findEntry(const Tables& t, Value key, uint64_t hash) {
  uint32_t pos = static_cast<uint32_t>(hash) & t.mask;
  for (uint64_t probes = 0; probes <= t.mask; probes++, pos = (pos + 1) & t.mask) {
    uint32_t s = t.slot(pos);
    if (s == 0) return -1;
    uint32_t e = s - 1;
    if (e >= t.capacity) continue;  // a racing writer's table: not ours
    Value k = t.key(e);
    if (k != kTombstone && valuesEqual(k, key)) return e;
  }
  return -1;
}

// Claims a slot for entry e of a key known to be absent. Entry e's key and
// value are stored already; the release store of the slot publishes them.
void placeEntry(const Tables& t, uint64_t hash, uint32_t e) {
  uint32_t* slots = t.slots();
  uint32_t pos = static_cast<uint32_t>(hash) & t.mask;
  for (uint64_t probes = 0; probes <= t.mask; probes++, pos = (pos + 1) & t.mask) {
    uint32_t s = loadWord(slots[pos]);
    if (s == 0 || s - 1 >= t.capacity || t.key(s - 1) == kTombstone) {
      publish(slots[pos], e + 1);
      return;
    }
  }
  // At most 3/4 of the slots name entries unless two writers raced.
  runtime::fatalUser(kConcurrentWrites);
}

// New empty tables of slotCount slots, held in the handles given (each
// allocation may collect). Nothing is published.
void allocateTables(alloc::MCache& cache, uint32_t slotCount, uint64_t nextOrdinal, gc::Handle<Vector>& entries,
                    gc::Handle<Bytes>& index) {
  uint32_t capacity = capacityFor(slotCount);
  entries.set(gc::newVector(cache, 2 * capacity));
  index.set(gc::newBytes(cache, indexBytes(slotCount, capacity)));  // zeroed: all slots empty
  auto* h = reinterpret_cast<IndexHeader*>(index->data);
  h->nextOrdinal = nextOrdinal;
  h->slotCount = slotCount;
  h->capacity = capacity;
}

// Makes complete tables m's, with `used` entries of which `count` are live.
// Each store is a release: a reader that loads a new pointer sees the
// table behind it whole. A reader may pair one new table with one old (it
// loads them one after the other): Tables bounds it either way.
void publishTables(Map* m, Vector* entries, Bytes* index, uint32_t used, size_t count) {
  publish(m->entries, entries);
  publish(m->index, index);
  publish(m->used, used);
  storeWord(m->count, count);
}

// Rebuilds m's tables with room for twice its live entries, keeping live
// entries (and their ordinals) in order and dropping tombstones. The new
// tables are filled before they are published, so a racing reader sees
// either the old map or the new one, never a half-copied one.
void grow(alloc::MCache& cache, Map* m) {
  gc::Handle<Map> map(m);
  gc::Handle<Vector> entries;
  gc::Handle<Bytes> index;
  Tables old;
  if (!loadTables(m, &old)) {
    allocateTables(cache, kMinSlots, 0, entries, index);
    publishTables(map.get(), entries.get(), index.get(), 0, 0);
    return;
  }
  gc::Handle<Vector> oldEntries(old.entries);
  gc::Handle<Bytes> oldIndex(old.index);
  uint32_t oldUsed = usedIn(m, old);
  // Sized by the live entries actually there (m->count is only a hint if
  // racing writers have been at it).
  uint64_t live = 0;
  for (uint32_t e = 0; e < oldUsed; e++) live += old.key(e) != kTombstone;
  allocateTables(cache, slotsFor(2 * std::max<uint64_t>(live, 1)), loadWord(old.header()->nextOrdinal), entries,
                 index);

  Tables t;
  t.entries = entries.get();
  t.index = index.get();
  t.mask = t.header()->slotCount - 1;
  t.capacity = t.header()->capacity;
  old.entries = oldEntries.get();
  old.index = oldIndex.get();
  const uint64_t* oldOrdinals = old.ordinals();
  uint64_t* ordinals = t.ordinals();
  uint32_t used = 0;
  for (uint32_t e = 0; e < oldUsed; e++) {
    Value k = old.key(e);
    if (k == kTombstone) continue;
    // More live entries than were counted: a racing writer added them.
    if (used >= t.capacity) runtime::fatalUser(kConcurrentWrites);
    t.entries->slots[2 * size_t{used}] = k;
    t.entries->slots[2 * size_t{used} + 1] = old.value(e);
    ordinals[used] = loadWord(oldOrdinals[e]);
    placeEntry(t, hashValue(k), used);
    used++;
  }
  publishTables(map.get(), t.entries, t.index, used, used);
}

// setMapRaceDetectionForTesting; read only on the detector's slow paths.
std::atomic<bool> gDetectRaces{true};

[[gnu::cold, gnu::noinline]] void raceDetected(const char* what) {
  if (gDetectRaces.load(std::memory_order_relaxed)) runtime::fatalUser(what);
}

// Go's hashWriting protocol: marks a mutation in progress for the lifetime
// of the guard. Relaxed loads and stores only (see the top of the file);
// the signal fence keeps the compiler from moving the map's own stores
// above the flag's, which would widen the window the detector misses.
class WriteGuard {
 public:
  explicit WriteGuard(Map* m) : m_(m) {
    if (loadWord(m->writing) != 0) [[unlikely]] {
      raceDetected(kConcurrentWrites);
    }
    storeWord(m->writing, uint32_t{1});
    std::atomic_signal_fence(std::memory_order_seq_cst);
  }
  ~WriteGuard() {
    // Another writer finished (and cleared the flag) inside our write.
    if (loadWord(m_->writing) == 0) [[unlikely]] {
      raceDetected(kConcurrentWrites);
    }
    publish(m_->writing, uint32_t{0});
  }
  WriteGuard(const WriteGuard&) = delete;
  WriteGuard& operator=(const WriteGuard&) = delete;

 private:
  Map* m_;  // reachable from the caller's roots for the whole write
};

void checkNoWriter(const Map* m, const char* what) {
  if (loadWord(m->writing) != 0) [[unlikely]] {
    raceDetected(what);
  }
}

}  // namespace

Map* newMap(alloc::MCache& cache, uint32_t capacityHint) {
  gc::Handle<Map> map(gc::allocateAs<Map>(cache, runtime::Kind::Map, sizeof(Map)));
  map->entries = nullptr;
  map->index = nullptr;
  map->count = 0;
  map->used = 0;
  map->writing = 0;
  if (capacityHint > 0) {
    gc::Handle<Vector> entries;
    gc::Handle<Bytes> index;
    allocateTables(cache, slotsFor(capacityHint), 0, entries, index);
    publishTables(map.get(), entries.get(), index.get(), 0, 0);
  }
  return map.get();
}

Value mapGet(const Map* m, Value key, bool* found) {
  checkNoWriter(m, kConcurrentReadWrite);
  Tables t;
  if (loadTables(m, &t)) {
    int64_t e = findEntry(t, key, hashValue(key));
    if (e >= 0) {
      *found = true;
      return t.value(static_cast<uint32_t>(e));
    }
  }
  *found = false;
  return Value::nil();
}

bool mapSet(alloc::MCache& cache, Map* m, Value key, Value value) {
  if (!isValidMapKey(key)) return false;
  WriteGuard guard(m);
  uint64_t hash = hashValue(key);
  Tables t;
  if (loadTables(m, &t)) {
    int64_t e = findEntry(t, key, hash);
    if (e >= 0) {
      t.setValue(static_cast<uint32_t>(e), value);
      return true;
    }
  }

  // A new entry. Everything below may allocate, so the map, key and value
  // are rooted until they are stored.
  gc::Handle<Map> map(m);
  gc::Root rootedKey(key);
  gc::Root rootedValue(value);
  int64_t asInt;
  if (normalizedIntKey(key, &asInt)) rootedKey.set(gc::makeInt(cache, asInt));
  uint32_t e = 0;
  for (int attempt = 0;; attempt++) {
    bool have = loadTables(map.get(), &t);
    if (have) {
      e = loadWord(map->used);
      if (e < t.capacity) break;
    }
    // Room was just made: only a racing writer can have taken it.
    if (attempt > 0) runtime::fatalUser(kConcurrentWrites);
    grow(cache, map.get());
  }
  t.setKey(e, rootedKey.get());
  t.setValue(e, rootedValue.get());
  IndexHeader* h = t.header();
  uint64_t ordinal = loadWord(h->nextOrdinal);
  if (ordinal >= kMaxOrdinal) runtime::fatal("map: too many insertions");
  storeWord(t.ordinals()[e], ordinal);
  storeWord(h->nextOrdinal, ordinal + 1);
  placeEntry(t, hash, e);
  publish(map->used, e + 1);
  storeWord(map->count, loadWord(map->count) + 1);
  return true;
}

void mapDelete(Map* m, Value key) {
  WriteGuard guard(m);
  Tables t;
  if (!loadTables(m, &t)) return;
  int64_t e = findEntry(t, key, hashValue(key));
  if (e < 0) return;
  t.setKey(static_cast<uint32_t>(e), kTombstone);
  t.setValue(static_cast<uint32_t>(e), Value::nil());
  size_t count = loadWord(m->count);
  if (count > 0) storeWord(m->count, count - 1);
}

// Deletes every entry as mapDelete deletes one: each becomes a tombstone,
// so probe chains stay valid and an iteration in progress ends.
void mapClear(Map* m) {
  WriteGuard guard(m);
  Tables t;
  if (!loadTables(m, &t)) return;
  uint32_t used = usedIn(m, t);
  for (uint32_t e = 0; e < used; ++e) {
    if (t.key(e) == kTombstone) continue;
    t.setKey(e, kTombstone);
    t.setValue(e, Value::nil());
  }
  storeWord(m->count, size_t{0});
}

size_t mapLen(const Map* m) { return loadWord(m->count); }

bool mapNext(const Map* m, size_t* cursor, Value* key, Value* value) {
  checkNoWriter(m, kConcurrentIterationWrite);
  Tables t;
  if (!loadTables(m, &t)) return false;
  uint32_t used = usedIn(m, t);
  const uint64_t* ordinals = t.ordinals();
  auto ordinal = [&](uint32_t e) { return loadWord(ordinals[e]); };
  uint64_t want = *cursor;

  // The first entry whose ordinal is at least `want`: right after the hint
  // in a plain loop, else by binary search.
  uint32_t h = loadWord(t.header()->hint);
  uint32_t pos;
  if (want == 0) {
    pos = 0;
  } else if (h < used && ordinal(h) < want && (h + 1 >= used || ordinal(h + 1) >= want)) {
    pos = h + 1;
  } else {
    uint32_t lo = 0;
    uint32_t hi = used;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (ordinal(mid) < want) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    pos = lo;
  }
  for (; pos < used; pos++) {
    Value k = t.key(pos);
    if (k == kTombstone) continue;
    *key = k;
    *value = t.value(pos);
    // Below kMaxOrdinal even if a racing writer left garbage: the cursor
    // must stay a small int.
    *cursor = std::min(ordinal(pos), kMaxOrdinal - 1) + 1;
    storeWord(t.header()->hint, pos);
    return true;
  }
  if (used > 0) *cursor = std::max(want, std::min(ordinal(used - 1), kMaxOrdinal - 1) + 1);
  return false;
}

void setMapRaceDetectionForTesting(bool on) { gDetectRaces.store(on, std::memory_order_relaxed); }

std::string unhashableKeyError(Value key) {
  std::string msg = "runtime error: hash of unhashable type ";
  msg += typeName(key);
  return msg;
}

}  // namespace goro::lang::value

// lang/map_ops.cpp: the insertion-ordered hash map (lang/map_ops.h).
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
// Races: Goro lets a script race on a map (LANGUAGE.md: it may die with
// "concurrent map writes", never crash). Readers load each table pointer
// once and bounds-check every entry number against the tables they loaded,
// so a reader that sees a half-finished growth reads stale or missing
// entries, never out of bounds. Writers set a flag bit in the map's header
// for the duration of a write; a second writer finding it set dies with
// Go's fatal error.
#include "lang/map_ops.h"

#include <algorithm>
#include <atomic>

#include "gc/allocate.h"
#include "gc/handles.h"
#include "gc/objects.h"
#include "lang/values.h"
#include "runtime/fatal.h"

namespace goro::lang {

using runtime::Bytes;
using runtime::Map;
using runtime::Value;
using runtime::Vector;

namespace {

const Value kTombstone = Value::fromBits(0x7FF8000000000004ull);

// A kind-private header flag bit: a write is in progress.
constexpr uint8_t kFlagMapWriting = 0x01;

constexpr uint32_t kMinSlots = 8;
// Entries are counted in uint32 (Vector::count is 2 * capacity).
constexpr uint64_t kMaxSlots = uint64_t{1} << 30;

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

// A consistent view of the two tables, loaded once.
struct Tables {
  Vector* entries = nullptr;
  Bytes* index = nullptr;
  uint32_t mask = 0;
  uint32_t capacity = 0;  // entries addressable in both tables

  IndexHeader* header() const { return reinterpret_cast<IndexHeader*>(index->data); }
  uint32_t* slots() const { return reinterpret_cast<uint32_t*>(index->data + sizeof(IndexHeader)); }
  uint64_t* ordinals() const {
    return reinterpret_cast<uint64_t*>(index->data + sizeof(IndexHeader) +
                                       size_t{header()->slotCount} * sizeof(uint32_t));
  }
  Value key(uint32_t e) const { return entries->slots[2 * size_t{e}]; }
  Value value(uint32_t e) const { return entries->slots[2 * size_t{e} + 1]; }
};

bool loadTables(const Map* m, Tables* t) {
  t->entries = m->entries;
  t->index = m->index;
  if (t->entries == nullptr || t->index == nullptr) return false;
  const IndexHeader* h = t->header();
  t->mask = h->slotCount - 1;
  t->capacity = std::min(h->capacity, t->entries->count() / 2);
  return true;
}

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

// The entry holding key, or -1.
int64_t findEntry(const Tables& t, Value key, uint64_t hash) {
  uint32_t* slots = t.slots();
  for (uint32_t pos = static_cast<uint32_t>(hash) & t.mask;; pos = (pos + 1) & t.mask) {
    uint32_t s = slots[pos];
    if (s == 0) return -1;
    uint32_t e = s - 1;
    if (e >= t.capacity) continue;  // a racing writer's table: not ours
    Value k = t.key(e);
    if (k != kTombstone && valuesEqual(k, key)) return e;
  }
}

// Claims a slot for entry e of a key known to be absent.
void placeEntry(const Tables& t, uint64_t hash, uint32_t e) {
  uint32_t* slots = t.slots();
  for (uint32_t pos = static_cast<uint32_t>(hash) & t.mask;; pos = (pos + 1) & t.mask) {
    uint32_t s = slots[pos];
    if (s == 0 || s - 1 >= t.capacity || t.key(s - 1) == kTombstone) {
      slots[pos] = e + 1;
      return;
    }
  }
}

// Allocates empty tables of slotCount slots into m (which must be rooted).
void allocateTables(alloc::MCache& cache, Map* m, uint32_t slotCount, uint64_t nextOrdinal) {
  gc::Handle<Map> map(m);
  uint32_t capacity = capacityFor(slotCount);
  gc::Handle<Vector> entries(gc::newVector(cache, 2 * capacity));
  Bytes* index = gc::newBytes(cache, indexBytes(slotCount, capacity));  // zeroed: all slots empty
  auto* h = reinterpret_cast<IndexHeader*>(index->data);
  h->nextOrdinal = nextOrdinal;
  h->slotCount = slotCount;
  h->capacity = capacity;
  map->entries = entries.get();
  map->index = index;
  map->used = 0;
}

// Rebuilds m's tables with room for twice its live entries, keeping live
// entries (and their ordinals) in order and dropping tombstones.
void grow(alloc::MCache& cache, Map* m) {
  gc::Handle<Map> map(m);
  Tables old;
  if (!loadTables(m, &old)) {
    allocateTables(cache, m, kMinSlots, 0);
    return;
  }
  gc::Handle<Vector> oldEntries(old.entries);
  gc::Handle<Bytes> oldIndex(old.index);
  size_t oldUsed = std::min<size_t>(m->used, old.capacity);
  uint64_t live = std::max<uint64_t>(m->count, 1);
  allocateTables(cache, map.get(), slotsFor(2 * live), old.header()->nextOrdinal);

  Tables t;
  loadTables(map.get(), &t);
  old.entries = oldEntries.get();
  old.index = oldIndex.get();
  uint64_t* oldOrdinals = old.ordinals();
  uint64_t* ordinals = t.ordinals();
  uint32_t used = 0;
  for (uint32_t e = 0; e < oldUsed; e++) {
    Value k = old.key(e);
    if (k == kTombstone) continue;
    t.entries->slots[2 * size_t{used}] = k;
    t.entries->slots[2 * size_t{used} + 1] = old.value(e);
    ordinals[used] = oldOrdinals[e];
    placeEntry(t, hashValue(k), used);
    used++;
  }
  map->used = used;
  map->count = used;
}

// Marks a write in progress for the lifetime of the guard.
class WriteGuard {
 public:
  explicit WriteGuard(Map* m) : flags_(m->flags) {
    if (flags_.fetch_or(kFlagMapWriting, std::memory_order_acquire) & kFlagMapWriting) {
      runtime::fatal("concurrent map writes");
    }
  }
  ~WriteGuard() { flags_.fetch_and(static_cast<uint8_t>(~kFlagMapWriting), std::memory_order_release); }
  WriteGuard(const WriteGuard&) = delete;
  WriteGuard& operator=(const WriteGuard&) = delete;

 private:
  std::atomic_ref<uint8_t> flags_;
};

}  // namespace

Map* newMap(alloc::MCache& cache, uint32_t capacityHint) {
  auto* m = gc::allocateAs<Map>(cache, runtime::Kind::Map, sizeof(Map));
  m->entries = nullptr;
  m->index = nullptr;
  m->count = 0;
  m->used = 0;
  if (capacityHint > 0) allocateTables(cache, m, slotsFor(capacityHint), 0);
  return m;
}

Value mapGet(const Map* m, Value key, bool* found) {
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
      t.entries->slots[2 * static_cast<size_t>(e) + 1] = value;
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
  if (map->index == nullptr || map->used >= reinterpret_cast<IndexHeader*>(map->index->data)->capacity) {
    grow(cache, map.get());
  }
  loadTables(map.get(), &t);
  auto e = static_cast<uint32_t>(map->used);
  t.entries->slots[2 * size_t{e}] = rootedKey.get();
  t.entries->slots[2 * size_t{e} + 1] = rootedValue.get();
  if (t.header()->nextOrdinal >= kMaxOrdinal) runtime::fatal("map: too many insertions");
  t.ordinals()[e] = t.header()->nextOrdinal++;
  placeEntry(t, hash, e);
  map->used = e + 1;
  map->count++;
  return true;
}

void mapDelete(Map* m, Value key) {
  Tables t;
  if (!loadTables(m, &t)) return;
  WriteGuard guard(m);
  int64_t e = findEntry(t, key, hashValue(key));
  if (e < 0) return;
  t.entries->slots[2 * static_cast<size_t>(e)] = kTombstone;
  t.entries->slots[2 * static_cast<size_t>(e) + 1] = Value::nil();
  m->count--;
}

size_t mapLen(const Map* m) { return m->count; }

bool mapNext(const Map* m, size_t* cursor, Value* key, Value* value) {
  Tables t;
  if (!loadTables(m, &t)) return false;
  auto used = static_cast<uint32_t>(std::min<size_t>(m->used, t.capacity));
  const uint64_t* ordinals = t.ordinals();
  uint64_t want = *cursor;

  // The first entry whose ordinal is at least `want`: right after the hint
  // in a plain loop, else by binary search.
  std::atomic_ref<uint32_t> hint(t.header()->hint);
  uint32_t h = hint.load(std::memory_order_relaxed);
  uint32_t pos;
  if (want == 0) {
    pos = 0;
  } else if (h < used && ordinals[h] < want && (h + 1 >= used || ordinals[h + 1] >= want)) {
    pos = h + 1;
  } else {
    pos = static_cast<uint32_t>(std::lower_bound(ordinals, ordinals + used, want) - ordinals);
  }
  for (; pos < used; pos++) {
    Value k = t.key(pos);
    if (k == kTombstone) continue;
    *key = k;
    *value = t.value(pos);
    *cursor = ordinals[pos] + 1;
    hint.store(pos, std::memory_order_relaxed);
    return true;
  }
  if (used > 0) *cursor = std::max(want, ordinals[used - 1] + 1);
  return false;
}

std::string unhashableKeyError(Value key) {
  std::string msg = "runtime error: hash of unhashable type ";
  msg += typeName(key);
  return msg;
}

}  // namespace goro::lang

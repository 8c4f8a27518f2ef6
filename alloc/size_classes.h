// Size classes: the object sizes the small-object allocator hands out, from
// 8 bytes to 32 KiB, and the number of pages of each class's spans.
//
// The class sizes are Go's (runtime/sizeclasses.go); the span length of each
// class is computed here as the smallest number of 8 KiB pages whose tail
// waste is at most 1/8 of the span. Sizes above kMaxSmallSize are large
// objects with a span of their own (mheap.h). Class 0 means "large".
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace goro::alloc {

constexpr size_t kPageShift = 13;
constexpr size_t kPageSize = size_t{1} << kPageShift;  // 8 KiB
constexpr size_t kMaxSmallSize = 32768;
constexpr size_t kNumSizeClasses = 68;  // class 0 (large) included

struct SizeClass {
  uint32_t size;     // bytes per object
  uint32_t npages;   // pages per span
  uint32_t nelems;   // objects per span
  uint32_t divMul;   // (offset * divMul) >> 32 == offset / size within a span
};

namespace detail {
constexpr uint32_t kClassSizes[kNumSizeClasses] = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,
    160,   176,   192,   208,   224,   240,   256,   288,   320,   352,   384,   416,
    448,   480,   512,   576,   640,   704,   768,   896,   1024,  1152,  1280,  1408,
    1536,  1792,  2048,  2304,  2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,
    6528,  6784,  6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384,
    18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

constexpr std::array<SizeClass, kNumSizeClasses> makeClasses() {
  std::array<SizeClass, kNumSizeClasses> t{};
  for (size_t c = 1; c < kNumSizeClasses; c++) {
    uint32_t size = kClassSizes[c];
    uint32_t npages = 1;
    while ((npages * kPageSize) % size > (npages * kPageSize) / 8) npages++;
    t[c] = {size, npages, static_cast<uint32_t>(npages * kPageSize / size),
            ~uint32_t{0} / size + 1};
  }
  return t;
}

// Lookup tables: sizes up to 1024 by 8-byte steps, larger by 128-byte steps.
constexpr size_t kSmallStep = 8, kLargeStep = 128, kSmallLimit = 1024;
constexpr std::array<uint8_t, kSmallLimit / kSmallStep + 1> makeSmallLookup() {
  std::array<uint8_t, kSmallLimit / kSmallStep + 1> t{};
  size_t c = 1;
  for (size_t i = 0; i < t.size(); i++) {
    while (kClassSizes[c] < i * kSmallStep) c++;
    t[i] = static_cast<uint8_t>(c);
  }
  return t;
}
constexpr std::array<uint8_t, (kMaxSmallSize - kSmallLimit) / kLargeStep + 1> makeLargeLookup() {
  std::array<uint8_t, (kMaxSmallSize - kSmallLimit) / kLargeStep + 1> t{};
  size_t c = 1;
  for (size_t i = 0; i < t.size(); i++) {
    while (kClassSizes[c] < kSmallLimit + i * kLargeStep) c++;
    t[i] = static_cast<uint8_t>(c);
  }
  return t;
}
inline constexpr auto kClasses = makeClasses();
inline constexpr auto kSmallLookup = makeSmallLookup();
inline constexpr auto kLargeLookup = makeLargeLookup();
}  // namespace detail

// The class for a small request (1 <= size <= kMaxSmallSize).
inline uint8_t sizeClassOf(size_t size) {
  if (size <= detail::kSmallLimit) return detail::kSmallLookup[(size + 7) >> 3];
  return detail::kLargeLookup[(size - detail::kSmallLimit + detail::kLargeStep - 1) >> 7];
}

inline const SizeClass& sizeClass(size_t c) { return detail::kClasses[c]; }

// Bytes actually handed out for a request of `size` (small sizes only).
inline size_t roundUpSize(size_t size) { return sizeClass(sizeClassOf(size)).size; }

// Every class keeps at most this many objects per span (8-byte class, one
// page), which bounds the per-span bitmaps.
constexpr size_t kMaxObjectsPerSpan = kPageSize / 8;

}  // namespace goro::alloc

// lang/lib/rand.cpp: the rand module, Go's math/rand top-level functions.
//
//   rand.Seed(n)      restarts the sequence from n
//   rand.Int()        a non-negative int (63 random bits)
//   rand.Int63()      the same, Go's other name
//   rand.Intn(n)      an int in [0, n); n <= 0 panics "invalid argument to Intn"
//   rand.Float64()    a float in [0.0, 1.0)
//   rand.Perm(n)      an array holding 0..n-1 in random order
//
// The generator is SplitMix64 (Steele, Lea and Flood, "Fast splittable
// pseudorandom number generators", 2014; Java's SplittableRandom): its
// state is one 64-bit counter advanced by a fixed odd constant, and each
// output is a bijective mix of the counter. That makes the whole generator
// one atomic fetch_add on a process-wide word: goroutines on every P may
// call it at once with no lock, and each call gets a distinct state. A
// program that calls Seed(n) and then draws from one goroutine gets the
// same numbers on every run; with several goroutines drawing, which one
// gets which number depends on the schedule, as in Go.
//
// As Go 1.19 does, the sequence starts as if Seed(1) had been called. The
// numbers are not Go's (Go uses an additive lagged Fibonacci generator
// with a 607-word table): a Goro program seeded like a Go one prints
// different random values.
#include <atomic>
#include <cstdint>

#include "gc/constructors.h"
#include "gc/handles.h"
#include "lang/lib/natives.h"

namespace goro::lang::lib {

using runtime::Value;

namespace {

constexpr uint64_t kGamma = 0x9e3779b97f4a7c15ull;  // the golden ratio's odd 64-bit fraction

// The counter. Seed(n) stores n; every draw adds kGamma.
std::atomic<uint64_t> state{1};

uint64_t next64() {
  uint64_t z = state.fetch_add(kGamma, std::memory_order_relaxed) + kGamma;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

int64_t next63() { return static_cast<int64_t>(next64() >> 1); }

// A uniform number in [0, n), n > 0, without modulo bias (Lemire,
// "Fast random integer generation in an interval", 2019).
uint64_t below(uint64_t n) {
  unsigned __int128 m = static_cast<unsigned __int128>(next64()) * n;
  auto low = static_cast<uint64_t>(m);
  if (low < n) {
    uint64_t threshold = -n % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(next64()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

uint32_t returnInt(NativeContext& cx, Value* results, int64_t v) {
  results[0] = gc::makeInt(cx.cache(), v);
  return 1;
}

// The one int argument of Intn and Perm, which must be positive
// (Intn) or not negative (Perm): Go panics "invalid argument to F".
bool sizeArgument(NativeContext& cx, const char* fn, const Value* args, uint32_t nargs, int64_t smallest,
                  int64_t* n) {
  std::string name = std::string("rand.") + fn;  // outlives check, which keeps a view of it
  Args check(cx, name, args, nargs);
  if (!check.count(1) || !check.integer(0, n)) return false;
  if (*n < smallest) {
    cx.panicString(std::string("invalid argument to ") + fn);
    return false;
  }
  return true;
}

}  // namespace

uint32_t randSeed(NativeContext& cx, const Value* args, uint32_t nargs, Value*) {
  Args check(cx, "rand.Seed", args, nargs);
  int64_t seed;
  if (!check.count(1) || !check.integer(0, &seed)) return 0;
  state.store(static_cast<uint64_t>(seed), std::memory_order_relaxed);
  return 0;
}

uint32_t randInt(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "rand.Int", args, nargs).count(0)) return 0;
  return returnInt(cx, results, next63());
}

uint32_t randInt63(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "rand.Int63", args, nargs).count(0)) return 0;
  return returnInt(cx, results, next63());
}

uint32_t randIntn(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t n;
  if (!sizeArgument(cx, "Intn", args, nargs, 1, &n)) return 0;
  return returnInt(cx, results, static_cast<int64_t>(below(static_cast<uint64_t>(n))));
}

uint32_t randFloat64(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  if (!Args(cx, "rand.Float64", args, nargs).count(0)) return 0;
  // The top 53 bits, scaled: every float64 multiple of 2^-53 in [0, 1).
  results[0] = Value::fromFloat(static_cast<double>(next64() >> 11) * 0x1.0p-53);
  return 1;
}

uint32_t randPerm(NativeContext& cx, const Value* args, uint32_t nargs, Value* results) {
  int64_t n;
  if (!sizeArgument(cx, "Perm", args, nargs, 0, &n)) return 0;
  if (n > UINT32_MAX / 2) {
    cx.panicString("runtime error: makeslice: len out of range");
    return 0;
  }
  auto count = static_cast<uint32_t>(n);
  runtime::Array* array = gc::newArray(cx.cache(), count);
  // Go's insertion form of Fisher-Yates: m[i] = m[j], m[j] = i.
  runtime::Value* m = array->items->slots;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t j = static_cast<uint32_t>(below(uint64_t{i} + 1));
    m[i] = m[j];
    m[j] = Value::smallInt(i);
  }
  array->length = count;
  results[0] = Value::object(array);
  return 1;
}

}  // namespace goro::lang::lib

// Shared helpers of the Goro benchmarks: a monotonic clock, medians, and
// the command-line flags every benchmark takes.
//
// The benchmarks use their own small harness rather than Google Benchmark:
// each one measures Goro and its peer side by side, interleaved round by
// round in the same process, and prints a table with the ratio of the two.
// Timings are only ever printed, never asserted: a benchmark exits 0
// whenever it ran.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace goro::bench {

inline uint64_t nowNs() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
          .count());
}

// The median of a non-empty sample (the mean of the middle two for an even
// count).
inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

inline double minimum(const std::vector<double>& v) {
  return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

// argv helpers: `--name` flags and `--name=value` options.
inline bool hasFlag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], name) == 0) return true;
  }
  return false;
}

inline const char* option(int argc, char** argv, const char* name) {
  size_t len = std::strlen(name);
  for (int i = 1; i < argc; i++) {
    if (std::strncmp(argv[i], name, len) == 0 && argv[i][len] == '=') return argv[i] + len + 1;
  }
  return nullptr;
}

inline long optionLong(int argc, char** argv, const char* name, long fallback) {
  const char* v = option(argc, argv, name);
  return v != nullptr ? std::strtol(v, nullptr, 10) : fallback;
}

// The machine's load average, printed with the figures: the benchmarks
// measure wall time, which other processes on the 2-core machine disturb.
inline void printLoad() {
  double l1 = 0, l5 = 0, l15 = 0;
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &l1, &l5, &l15) == 3) {
      std::printf("load average %.2f %.2f %.2f%s\n", l1, l5, l15,
                  l1 > 1.0 ? " (busy machine: expect noisy figures)" : "");
    }
    std::fclose(f);
  }
}

// Goro divided by the peer, or 0 when the peer has no figure.
inline double ratio(double goro, double peer) { return peer > 0 ? goro / peer : 0; }

}  // namespace goro::bench

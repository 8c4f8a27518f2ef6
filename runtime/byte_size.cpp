#include "runtime/byte_size.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace goro::runtime {

namespace {

struct Unit {
  std::string_view name;
  uint64_t bytes;
};

constexpr uint64_t kKi = 1024;
constexpr std::array kUnits = {
    Unit{"", 1},           Unit{"B", 1},
    Unit{"KB", 1000},      Unit{"MB", 1000 * 1000},       Unit{"GB", 1000 * 1000 * 1000},
    Unit{"TB", 1000ull * 1000 * 1000 * 1000},
    Unit{"KiB", kKi},      Unit{"MiB", kKi * kKi},        Unit{"GiB", kKi * kKi * kKi},
    Unit{"TiB", kKi * kKi * kKi * kKi},
};

}  // namespace

std::optional<uint64_t> parseByteSize(std::string_view text) {
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  std::string_view unit = text.substr(static_cast<size_t>(end - text.data()));
  for (const Unit& u : kUnits) {
    if (u.name != unit) continue;
    constexpr uint64_t kMax = uint64_t{1} << 63;
    if (n > (kMax - 1) / u.bytes) return std::nullopt;
    return n * u.bytes;
  }
  return std::nullopt;
}

ByteSizeText formatByteSize(uint64_t bytes) {
  ByteSizeText out;
  auto d = static_cast<double>(bytes);
  if (bytes < kKi) {
    std::snprintf(out.text, sizeof out.text, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < kKi * kKi) {
    std::snprintf(out.text, sizeof out.text, "%.1f KiB", d / kKi);
  } else if (bytes < kKi * kKi * kKi) {
    std::snprintf(out.text, sizeof out.text, "%.1f MiB", d / (kKi * kKi));
  } else {
    std::snprintf(out.text, sizeof out.text, "%.2f GiB", d / (kKi * kKi * kKi));
  }
  return out;
}

}  // namespace goro::runtime

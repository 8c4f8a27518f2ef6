#include "stress/status_line.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace goro::stress {

double sessionFraction(const SessionProgress& p) {
  double fraction = -1;
  if (p.countLimit > 0) fraction = static_cast<double>(p.runs) / static_cast<double>(p.countLimit);
  if (p.durationLimit.count() > 0) {
    fraction = std::max(fraction, static_cast<double>(p.elapsed.count()) / static_cast<double>(p.durationLimit.count()));
  }
  return fraction < 0 ? fraction : std::min(fraction, 1.0);
}

std::string progressBar(double fraction, int width) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  int filled = static_cast<int>(std::floor(fraction * width));
  std::string bar = "[" + std::string(static_cast<size_t>(filled), '#') +
                    std::string(static_cast<size_t>(width - filled), '.') + "]";
  return bar + " " + std::to_string(static_cast<int>(std::floor(fraction * 100))) + "%";
}

std::string statusLine(const SessionProgress& p) {
  std::string line = formatDuration(truncateToSeconds(p.elapsed)) + ": " + std::to_string(p.runs) + " runs " +
                     (p.final ? "total" : "so far") + ", " + std::to_string(p.failures) + " failures";
  if (p.failures > 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, " (%.2f%%)", 100.0 * static_cast<double>(p.failures) / static_cast<double>(p.runs));
    line += pct;
  }
  if (p.active > 0) line += ", " + std::to_string(p.active) + " active";
  double fraction = sessionFraction(p);
  if (fraction >= 0) line += " " + progressBar(fraction);
  return line;
}

}  // namespace goro::stress

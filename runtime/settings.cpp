// Runtime settings: see settings.h for the parsing rules.
//
// The GODEBUG switches are one table of name and setter; adding a switch
// means a field in Settings and a row here.
#include "runtime/settings.h"

#include <charconv>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sched.h>
#include <thread>
#include <vector>

#include "runtime/byte_size.h"

namespace goro::runtime {
namespace {

// A whole string of decimal digits with an optional leading '-', within
// [lo, hi]; anything else (empty, '+', spaces, trailing junk, overflow) is
// rejected.
std::optional<int64_t> parseInteger(std::string_view v, int64_t lo, int64_t hi) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi) return std::nullopt;
  return n;
}

template <int Settings::*Field>
bool setInt(Settings& s, std::string_view v) {
  auto n = parseInteger(v, 0, INT_MAX);
  if (!n) return false;
  s.*Field = static_cast<int>(*n);
  return true;
}

template <int64_t Settings::*Field>
bool setInt64(Settings& s, std::string_view v) {
  auto n = parseInteger(v, 0, INT64_MAX);
  if (!n) return false;
  s.*Field = *n;
  return true;
}

template <bool Settings::*Field>
bool setBool(Settings& s, std::string_view v) {
  auto n = parseInteger(v, 0, INT_MAX);
  if (!n) return false;
  s.*Field = *n != 0;
  return true;
}

// Bounded (settings.h): a larger value is rejected, not truncated on its
// way to the sleep.
bool setFindrunnableDelay(Settings& s, std::string_view v) {
  auto n = parseInteger(v, 0, kMaxFindrunnableDelayUs);
  if (!n) return false;
  s.findrunnabledelay = *n;
  return true;
}

bool setAllpSnapshot(Settings& s, std::string_view v) {
  for (auto mode : {AllpSnapshotMode::M, AllpSnapshotMode::Stack, AllpSnapshotMode::Persistent}) {
    if (v == allpSnapshotModeName(mode)) {
      s.allpsnapshot = mode;
      return true;
    }
  }
  return false;
}

// A path (GODEBUG heapdump, tracefile); empty turns the output off.
template <std::string Settings::*Field>
bool setPath(Settings& s, std::string_view v) {
  s.*Field = std::string(v);
  return true;
}

// What a switch is set to, for the warning about a bad value.
template <int Settings::*Field>
std::string showInt(const Settings& s) {
  return std::to_string(s.*Field);
}
template <int64_t Settings::*Field>
std::string showInt64(const Settings& s) {
  return std::to_string(s.*Field);
}
template <bool Settings::*Field>
std::string showBool(const Settings& s) {
  return s.*Field ? "1" : "0";
}
template <std::string Settings::*Field>
std::string showPath(const Settings& s) {
  return (s.*Field).empty() ? "off" : s.*Field;
}
std::string showAllpSnapshot(const Settings& s) { return allpSnapshotModeName(s.allpsnapshot); }

struct Switch {
  std::string_view name;
  bool (*apply)(Settings&, std::string_view value);  // false: value rejected
  std::string (*show)(const Settings&);
  const char* accepted;  // what apply accepts, for the warning about a bad value
};

constexpr const char* kCount = "a whole number, 0 for off";
constexpr const char* kOnOff = "0 or 1";
constexpr const char* kPath = "a file path, empty for off";

constexpr Switch kSwitches[] = {
    {"gctrace", setInt<&Settings::gctrace>, showInt<&Settings::gctrace>, kCount},
    {"schedtrace", setInt<&Settings::schedtrace>, showInt<&Settings::schedtrace>, "milliseconds between lines, 0 for off"},
    {"scheddetail", setBool<&Settings::scheddetail>, showBool<&Settings::scheddetail>, kOnOff},
    {"allpsnapshot", setAllpSnapshot, showAllpSnapshot, "m, stack, persistent"},
    {"clobberfree", setBool<&Settings::clobberfree>, showBool<&Settings::clobberfree>, kOnOff},
    {"gcroots", setInt<&Settings::gcroots>, showInt<&Settings::gcroots>, "0, 1 or 2"},
    {"gccheckmark", setBool<&Settings::gccheckmark>, showBool<&Settings::gccheckmark>, kOnOff},
    {"gcmarkworkers", setInt<&Settings::gcmarkworkers>, showInt<&Settings::gcmarkworkers>,
     "a whole number, 0 for automatic"},
    {"findrunnabledelay", setFindrunnableDelay, showInt64<&Settings::findrunnabledelay>, "microseconds, 0 to 1000000"},
    {"heapdump", setPath<&Settings::heapdump>, showPath<&Settings::heapdump>, kPath},
    {"tracefile", setPath<&Settings::tracefile>, showPath<&Settings::tracefile>, kPath},
};

// Unknown names are skipped without a word, as Go skips them; a known
// switch with a value it rejects keeps its setting and adds a warning.
void applyGodebugEntry(Settings& s, std::string_view entry, std::vector<std::string>& warnings) {
  size_t eq = entry.find('=');
  if (eq == std::string_view::npos) return;
  std::string_view name = entry.substr(0, eq);
  std::string_view value = entry.substr(eq + 1);
  for (const Switch& sw : kSwitches) {
    if (sw.name == name) {
      if (!sw.apply(s, value)) {
        warnings.push_back(std::string(entry) + " not understood (accepted: " + sw.accepted + "); " +
                           std::string(name) + " stays " + sw.show(s));
      }
      return;
    }
  }
}

int computeNumCPU() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? static_cast<int>(hw) : 1;
}

}  // namespace

const char* allpSnapshotModeName(AllpSnapshotMode mode) {
  switch (mode) {
    case AllpSnapshotMode::M:
      return "m";
    case AllpSnapshotMode::Stack:
      return "stack";
    case AllpSnapshotMode::Persistent:
      return "persistent";
  }
  return "?";
}

Settings& settings() {
  static Settings s;
  return s;
}

std::vector<std::string> parseGodebug(Settings& s, std::string_view list) {
  std::vector<std::string> warnings;
  while (!list.empty()) {
    size_t comma = list.find(',');
    applyGodebugEntry(s, list.substr(0, comma), warnings);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return warnings;
}

bool parseMemoryLimit(Settings& s, std::string_view value) {
  if (value == "off") {
    s.memoryLimit = 0;
    return true;
  }
  auto n = parseByteSize(value);
  if (n) s.memoryLimit = *n;
  return n.has_value();
}

bool parseGogc(Settings& s, std::string_view value) {
  if (value == "off") {
    s.gogc = -1;
    return true;
  }
  auto n = parseInteger(value, INT_MIN, INT_MAX);
  if (n) s.gogc = *n < 0 ? -1 : static_cast<int>(*n);
  return n.has_value();
}

bool parseGomaxprocs(Settings& s, std::string_view value) {
  auto n = parseInteger(value, 1, INT64_MAX);
  if (n) s.gomaxprocs = static_cast<int>(*n > kMaxGomaxprocs ? kMaxGomaxprocs : *n);
  return n.has_value();
}

bool parseGotraceback(Settings& s, std::string_view value) {
  struct Named {
    std::string_view name;
    TracebackSetting setting;
  };
  static constexpr Named kNamed[] = {
      {"none", {0, false, false}},  {"single", {1, false, false}}, {"", {1, false, false}},
      {"all", {1, true, false}},    {"system", {2, true, false}},  {"crash", {2, true, true}},
  };
  for (const Named& n : kNamed) {
    if (n.name == value) {
      s.traceback = n.setting;
      return true;
    }
  }
  // Go's numeric form: the level itself, with every goroutine.
  if (auto n = parseInteger(value, 0, INT_MAX)) {
    s.traceback = TracebackSetting{static_cast<int>(*n), true, false};
    return true;
  }
  return false;
}

void loadFromEnvironment(Settings& s) {
  if (const char* v = std::getenv("GODEBUG")) {
    for (const std::string& w : parseGodebug(s, v)) std::fprintf(stderr, "goro: GODEBUG %s\n", w.c_str());
  }
  // Go ignores a malformed GOGC or GOMAXPROCS without a word; Goro says so,
  // since a run with the wrong number of Ps is a wrong experiment.
  if (const char* v = std::getenv("GOGC"); v != nullptr && *v != 0 && !parseGogc(s, v)) {
    std::fprintf(stderr, "goro: GOGC=%s not understood (accepted: a percentage, or off); using 100\n", v);
  }
  if (const char* v = std::getenv("GOMAXPROCS"); v != nullptr && *v != 0 && !parseGomaxprocs(s, v)) {
    std::fprintf(stderr,
                 "goro: GOMAXPROCS=%s not understood (accepted: a whole number from 1); using the number of "
                 "CPUs\n",
                 v);
  }
  if (const char* v = std::getenv("GOMEMLIMIT"); v != nullptr && *v != 0 && !parseMemoryLimit(s, v)) {
    std::fprintf(stderr, "goro: GOMEMLIMIT=%s not understood (accepted: %s, or off); no limit\n", v,
                 kByteSizeForms);
  }
  if (const char* v = std::getenv("GOTRACEBACK"); v != nullptr && !parseGotraceback(s, v)) {
    std::fprintf(stderr, "goro: GOTRACEBACK=%s not understood (accepted: %s); using single\n", v,
                 kGotracebackValues);
  }
}

int gomaxprocsOrDefault(const Settings& s) {
  int n = s.gomaxprocs > 0 ? s.gomaxprocs : numCPU();
  return n > kMaxGomaxprocs ? kMaxGomaxprocs : n;
}

int numCPU() {
  static const int n = computeNumCPU();
  return n;
}

}  // namespace goro::runtime

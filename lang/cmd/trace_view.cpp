// lang/cmd/trace_view.cpp: reading a trace-event file into a TraceModel
// (the format and what is drawn: lang/cmd/trace_view.h).
//
// Two passes over the events: the metadata first (process_name gives the
// pids their roles, thread_name the lanes their labels, wherever in the
// file they stand), then everything else into its lane or list. A field
// the viewer reads is checked for its type where it is read.
#include "lang/cmd/trace_view.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

namespace goro::lang::cmd {

namespace {

using json = nlohmann::ordered_json;

// What a pid stands for.
enum class TrackGroup { Ps, Ms, Runtime, Unknown };

// The default roles; process_name metadata may move them.
struct TrackRoles {
  std::map<int64_t, TrackGroup> byPid = {{1, TrackGroup::Ps}, {2, TrackGroup::Ms}, {3, TrackGroup::Runtime}};

  TrackGroup of(int64_t pid) const {
    auto it = byPid.find(pid);
    return it == byPid.end() ? TrackGroup::Unknown : it->second;
  }
};

std::string where(size_t index) { return "event " + std::to_string(index); }

// A number field: nullopt when absent (or null); a TraceError when present
// with another type.
std::optional<double> numberField(const json& event, const char* key, size_t index) {
  auto it = event.find(key);
  if (it == event.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) {
    throw TraceError(where(index) + ": \"" + key + "\" is " + it->type_name() + ", not a number");
  }
  double v = it->get<double>();
  if (!std::isfinite(v)) throw TraceError(where(index) + ": \"" + key + "\" is not a finite number");
  return v;
}

// A string field, "" when absent or not a string (names and categories are
// only shown, so a strange one is not worth refusing the file).
std::string stringField(const json& event, const char* key) {
  auto it = event.find(key);
  return it != event.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A track id (pid or tid): nullopt when absent or not an integer, which
// puts the event on no track the viewer knows.
std::optional<int64_t> trackField(const json& event, const char* key) {
  auto it = event.find(key);
  if (it == event.end() || !it->is_number()) return std::nullopt;
  double v = it->get<double>();
  if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > 1e15) return std::nullopt;
  return static_cast<int64_t>(v);
}

// The args object, or an empty object; args of another type are refused.
const json& argsOf(const json& event, size_t index) {
  static const json kNone = json::object();
  auto it = event.find("args");
  if (it == event.end() || it->is_null()) return kNone;
  if (!it->is_object()) throw TraceError(where(index) + ": \"args\" is " + std::string(it->type_name()) + ", not an object");
  return *it;
}

std::string formatNumber(double v) {
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

// args as "key=value, key=value": strings bare, numbers without a
// needless ".0", anything else as JSON.
std::string describeArgs(const json& args) {
  std::string out;
  for (auto it = args.begin(); it != args.end(); ++it) {
    if (!out.empty()) out += ", ";
    out += it.key();
    out += '=';
    const json& v = it.value();
    if (v.is_string()) {
      out += v.get<std::string>();
    } else if (v.is_number()) {
      out += formatNumber(v.get<double>());
    } else {
      out += v.dump();
    }
  }
  return out;
}

// The goroutine id of a run: args.goid, else the digits of "G<goid>".
int64_t goidOf(const json& args, const std::string& name) {
  auto it = args.find("goid");
  if (it != args.end() && it->is_number_integer()) return it->get<int64_t>();
  if (name.size() > 1 && name[0] == 'G') {
    int64_t id = 0;
    for (size_t i = 1; i < name.size(); i++) {
      if (name[i] < '0' || name[i] > '9' || id > (int64_t{1} << 50)) return -1;
      id = id * 10 + (name[i] - '0');
    }
    return id;
  }
  return -1;
}

TraceLane& laneFor(std::map<int64_t, TraceLane>& lanes, int64_t id, const char* prefix) {
  TraceLane& lane = lanes[id];
  lane.id = id;
  if (lane.label.empty()) lane.label = prefix + std::to_string(id);
  return lane;
}

// Pass one: process_name and thread_name metadata.
void readMetadata(const json& events, TrackRoles& roles, std::map<std::pair<int64_t, int64_t>, std::string>& threadNames) {
  for (const json& event : events) {
    if (!event.is_object() || stringField(event, "ph") != "M") continue;
    std::optional<int64_t> pid = trackField(event, "pid");
    auto argsIt = event.find("args");
    if (!pid || argsIt == event.end() || !argsIt->is_object()) continue;
    std::string value = stringField(*argsIt, "name");
    std::string kind = stringField(event, "name");
    if (kind == "process_name") {
      if (value == "Ps") roles.byPid[*pid] = TrackGroup::Ps;
      if (value == "Ms") roles.byPid[*pid] = TrackGroup::Ms;
      if (value == "runtime") roles.byPid[*pid] = TrackGroup::Runtime;
    } else if (kind == "thread_name") {
      std::optional<int64_t> tid = trackField(event, "tid");
      if (tid && !value.empty()) threadNames[{*pid, *tid}] = value;
    }
  }
}

template <typename T, typename Key>
void sortBy(std::vector<T>& v, Key key) {
  std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
}

}  // namespace

TraceModel readTrace(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.what() starts with "[json.exception.parse_error.101] "; the rest
    // says where and what.
    std::string what = e.what();
    size_t cut = what.find("] ");
    throw TraceError("not JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
  }
  const json* events = nullptr;
  if (doc.is_array()) {
    events = &doc;
  } else if (doc.is_object()) {
    auto it = doc.find("traceEvents");
    if (it == doc.end()) throw TraceError("not a trace: the JSON object has no \"traceEvents\"");
    if (!it->is_array()) throw TraceError("not a trace: \"traceEvents\" is " + std::string(it->type_name()) + ", not an array");
    events = &*it;
  } else {
    throw TraceError("not a trace: the JSON is " + std::string(doc.type_name()) + ", not an object with \"traceEvents\"");
  }

  TraceModel model;
  TrackRoles roles;
  std::map<std::pair<int64_t, int64_t>, std::string> threadNames;
  for (size_t i = 0; i < events->size(); i++) {
    if (!(*events)[i].is_object()) {
      throw TraceError(where(i) + " is " + std::string((*events)[i].type_name()) + ", not an object");
    }
  }
  readMetadata(*events, roles, threadNames);

  // A named P or M track is a lane even if nothing happens on it.
  for (const auto& [key, label] : threadNames) {
    TrackGroup group = roles.of(key.first);
    if (group == TrackGroup::Ps) laneFor(model.ps, key.second, "P").label = label;
    if (group == TrackGroup::Ms) laneFor(model.ms, key.second, "M").label = label;
  }

  bool anyTime = false;
  auto cover = [&](double from, double to) {
    model.begin = anyTime ? std::min(model.begin, from) : from;
    model.end = anyTime ? std::max(model.end, to) : to;
    anyTime = true;
    model.drawnEvents++;
  };

  for (size_t i = 0; i < events->size(); i++) {
    const json& event = (*events)[i];
    std::string ph = stringField(event, "ph");
    if (ph == "M") continue;  // read in the first pass
    std::string cat = stringField(event, "cat");
    std::string name = stringField(event, "name");
    std::optional<double> ts = numberField(event, "ts", i);
    double dur = ph == "X" ? numberField(event, "dur", i).value_or(0) : 0;
    const json& args = argsOf(event, i);
    std::optional<int64_t> pid = trackField(event, "pid");
    std::optional<int64_t> tid = trackField(event, "tid");
    TrackGroup group = pid ? roles.of(*pid) : TrackGroup::Unknown;
    if (!ts) {
      model.skippedEvents++;
      continue;
    }
    if (dur < 0) throw TraceError(where(i) + ": \"dur\" is negative");

    TraceSlice slice;
    slice.start = *ts;
    slice.dur = dur;
    slice.name = name;
    slice.category = cat;
    slice.details = describeArgs(args);
    TraceInstant instant{*ts, name, cat, slice.details};

    bool drawn = true;
    if (ph == "X" && cat == "goroutine" && tid && (group == TrackGroup::Ps || group == TrackGroup::Ms)) {
      slice.goid = goidOf(args, name);
      TraceLane& lane = group == TrackGroup::Ps ? laneFor(model.ps, *tid, "P") : laneFor(model.ms, *tid, "M");
      lane.runs.push_back(std::move(slice));
    } else if (ph == "X" && cat == "stw") {
      model.stopTheWorld.push_back(std::move(slice));
    } else if (ph == "X" && cat == "gc") {
      model.gcPhases.push_back(std::move(slice));
    } else if (ph == "X" && cat == "m" && tid && group == TrackGroup::Ms) {
      laneFor(model.ms, *tid, "M").states.push_back(std::move(slice));
    } else if (ph == "X" && cat == "findrunnable" && tid && group == TrackGroup::Ms) {
      laneFor(model.ms, *tid, "M").tails.push_back(std::move(slice));
    } else if (ph == "i" && cat == "procresize") {
      model.procresizes.push_back(std::move(instant));
    } else if (ph == "i" && cat == "allp") {
      model.allpArrays.push_back(std::move(instant));
    } else if (ph == "i" && cat == "goroutine" && tid && (group == TrackGroup::Ps || group == TrackGroup::Ms)) {
      TraceLane& lane = group == TrackGroup::Ps ? laneFor(model.ps, *tid, "P") : laneFor(model.ms, *tid, "M");
      lane.marks.push_back(std::move(instant));
    } else if (ph == "C" && name == "GOMAXPROCS") {
      std::optional<double> procs;
      for (auto it = args.begin(); it != args.end() && !procs; ++it) {
        if ((it.key() == "procs" || args.size() == 1) && it->is_number()) procs = it->get<double>();
      }
      if (procs) {
        model.gomaxprocs.push_back({*ts, *procs});
      } else {
        drawn = false;
      }
    } else {
      drawn = false;
    }
    if (drawn) {
      cover(*ts, *ts + dur);
    } else {
      model.skippedEvents++;
    }
  }

  auto byStart = [](const TraceSlice& s) { return s.start; };
  auto byTs = [](const auto& e) { return e.ts; };
  for (auto* lanes : {&model.ps, &model.ms}) {
    for (auto& [id, lane] : *lanes) {
      sortBy(lane.runs, byStart);
      sortBy(lane.states, byStart);
      sortBy(lane.tails, byStart);
      sortBy(lane.marks, byTs);
    }
  }
  sortBy(model.stopTheWorld, byStart);
  sortBy(model.gcPhases, byStart);
  sortBy(model.procresizes, byTs);
  sortBy(model.allpArrays, byTs);
  sortBy(model.gomaxprocs, byTs);
  return model;
}

TraceModel readTraceFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::string why = std::strerror(errno);
    if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
    throw TraceError("open " + path + ": " + why);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return readTrace(text.str());
}

}  // namespace goro::lang::cmd

// The execution trace's events: see trace_events.h for the tracks and the
// vocabulary, trace_writer.h for how the texts reach the file.
#include "runtime/trace_events.h"

#include <time.h>

#include <algorithm>
#include <cstring>

#include "runtime/trace_writer.h"

namespace goro::runtime::trace {

namespace detail {
std::atomic<bool> gOn{false};
}

namespace {

constexpr int kPsPid = 1;
constexpr int kMsPid = 2;
constexpr int kRuntimePid = 3;
constexpr int kWorldTid = 0;
constexpr int kGomaxprocsTid = 1;

// Process start (static initialisation, before main): ts 0.
const int64_t gEpochNs = nowNs();

std::atomic<bool> gFinishing{false};
// The highest P and M ids seen, for the thread names written at the end
// (-1: none yet), and the last GOMAXPROCS, for otherData.
std::atomic<int64_t> gMaxP{-1};
std::atomic<int64_t> gMaxM{-1};
std::atomic<int32_t> gGomaxprocs{0};
// The goro version for otherData, copied at start (finish cannot allocate).
char gVersion[128];

void noteMax(std::atomic<int64_t>& max, int64_t id) {
  int64_t seen = max.load(std::memory_order_relaxed);
  while (id > seen && !max.compare_exchange_weak(seen, id, std::memory_order_relaxed)) {
  }
}

// ts relative to the process start.
int64_t sinceStart(int64_t ns) { return ns - gEpochNs; }

// {"ph":"X","cat":<cat>,"name":<name>,"pid":<pid>,"tid":<tid>,"args":{
void sliceHead(EventText& t, const char* cat, int pid, int64_t tid) {
  t.str("{\"ph\":\"X\",\"cat\":\"").str(cat).str("\",\"pid\":").i64(pid).str(",\"tid\":").i64(tid);
}

// The track of an instant: P p, else M m, else the world.
void instantTrack(EventText& t, int32_t p, int64_t m) {
  if (p >= 0) {
    noteMax(gMaxP, p);
    t.str(",\"pid\":").i64(kPsPid).str(",\"tid\":").i64(p);
  } else if (m >= 0) {
    noteMax(gMaxM, m);
    t.str(",\"pid\":").i64(kMsPid).str(",\"tid\":").i64(m);
  } else {
    t.str(",\"pid\":").i64(kRuntimePid).str(",\"tid\":").i64(kWorldTid);
  }
}

// {"ph":"i","s":<scope>,"cat":<cat>,"ts":<now>,"name":"
void instantHead(EventText& t, const char* scope, const char* cat) {
  t.str("{\"ph\":\"i\",\"s\":\"").str(scope).str("\",\"cat\":\"").str(cat).str("\",\"ts\":");
  t.micros(sinceStart(nowNs())).str(",\"name\":\"");
}

void commit(const EventText& t) {
  if (!t.overflowed()) append(t.view());
}

void openTimed(SliceSlot slot, const EventText& head, std::string_view unfinished) {
  if (!head.overflowed()) openSlice(slot, sinceStart(nowNs()), head.view(), unfinished);
}

// A metadata event naming a track: prefix, then number unless it is < 0.
void writeName(TailWriter& tail, const char* what, int pid, int64_t tid, const char* prefix, int64_t number) {
  EventText t;
  t.str("{\"ph\":\"M\",\"name\":\"").str(what).str("\",\"pid\":").i64(pid).str(",\"tid\":").i64(tid);
  t.str(",\"args\":{\"name\":\"").str(prefix);
  if (number >= 0) t.i64(number);
  t.str("\"}}");
  tail.event(t.view());
}

// The file's tail: the metadata that names the tracks, then otherData.
void writeTail(TailWriter& tail) {
  static const struct {
    int pid;
    const char* name;
  } kProcesses[] = {{kPsPid, "Ps"}, {kMsPid, "Ms"}, {kRuntimePid, "runtime"}};
  for (const auto& p : kProcesses) {
    writeName(tail, "process_name", p.pid, 0, p.name, -1);
    EventText t;
    t.str("{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":").i64(p.pid);
    t.str(",\"tid\":0,\"args\":{\"sort_index\":").i64(p.pid).str("}}");
    tail.event(t.view());
  }
  for (int64_t p = 0; p <= gMaxP.load(); p++) writeName(tail, "thread_name", kPsPid, p, "P", p);
  for (int64_t m = 0; m <= gMaxM.load(); m++) writeName(tail, "thread_name", kMsPid, m, "M", m);
  writeName(tail, "thread_name", kRuntimePid, kWorldTid, "world", -1);
  writeName(tail, "thread_name", kRuntimePid, kGomaxprocsTid, "GOMAXPROCS", -1);
  EventText trailer;
  trailer.str("],\"displayTimeUnit\":\"ns\",\"otherData\":{\"goro\":\"").escaped(gVersion);
  trailer.str("\",\"gomaxprocs\":").i64(gGomaxprocs.load()).str("}}\n");
  tail.raw(trailer.view());
}

}  // namespace

int64_t nowNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

bool start(const std::string& path, std::string_view version, std::string* error) {
  if (!openFile(path, error)) return false;
  size_t n = std::min(version.size(), sizeof gVersion - 1);
  std::memcpy(gVersion, version.data(), n);
  gVersion[n] = 0;
  detail::gOn.store(true, std::memory_order_release);
  return true;
}

void finish() {
  if (!detail::gOn.load() || gFinishing.exchange(true)) return;
  detail::gOn.store(false, std::memory_order_relaxed);
  finishFile(sinceStart(nowNs()), writeTail);
}

const char* runEndName(RunEnd why) {
  switch (why) {
    case RunEnd::Block:
      return "block";
    case RunEnd::Yield:
      return "yield";
    case RunEnd::Preempt:
      return "preempt";
    case RunEnd::Exit:
      return "exit";
    case RunEnd::Syscall:
      return "syscall";
    case RunEnd::Stw:
      return "stw";
  }
  return "?";
}

void runBegin(int32_t p, int64_t m, uint64_t goid) {
  noteMax(gMaxP, p);
  noteMax(gMaxM, m);
  int64_t start = sinceStart(nowNs());
  constexpr std::string_view kUnfinished = ",\"end\":\"exit\",\"unfinished\":true";
  EventText onP;
  sliceHead(onP, "goroutine", kPsPid, p);
  onP.str(",\"name\":\"G").u64(goid).str("\",\"args\":{\"goid\":").u64(goid).str(",\"m\":").i64(m);
  EventText onM;
  sliceHead(onM, "goroutine", kMsPid, m);
  onM.str(",\"name\":\"G").u64(goid).str("\",\"args\":{\"goid\":").u64(goid).str(",\"m\":").i64(m);
  onM.str(",\"p\":").i64(p);
  if (onP.overflowed() || onM.overflowed()) return;
  closeSlice(SliceSlot::RunOnP, start, kUnfinished);
  closeSlice(SliceSlot::RunOnM, start, kUnfinished);
  openSlice(SliceSlot::RunOnP, start, onP.view(), kUnfinished);
  openSlice(SliceSlot::RunOnM, start, onM.view(), kUnfinished);
}

void runEnd(RunEnd why) {
  if (!sliceOpen(SliceSlot::RunOnP)) return;
  int64_t end = sinceStart(nowNs());
  EventText extra;
  extra.str(",\"end\":\"").str(runEndName(why)).str("\"");
  closeSlice(SliceSlot::RunOnP, end, extra.view());
  closeSlice(SliceSlot::RunOnM, end, extra.view());
}

void goCreate(int32_t p, int64_t m, uint64_t goid, uint64_t parent) {
  EventText t;
  instantHead(t, "t", "goroutine");
  t.str("go G").u64(goid).str("\"");
  instantTrack(t, p, m);
  t.str(",\"args\":{\"goid\":").u64(goid).str(",\"parent\":").u64(parent).str("}},\n");
  commit(t);
}

void goBlock(int32_t p, int64_t m, uint64_t goid, const char* reason) {
  EventText t;
  instantHead(t, "t", "goroutine");
  t.str("block G").u64(goid).str(": ").escaped(reason).str("\"");
  instantTrack(t, p, m);
  t.str(",\"args\":{\"goid\":").u64(goid).str(",\"reason\":\"").escaped(reason).str("\"}},\n");
  commit(t);
}

void goReady(int32_t p, int64_t m, uint64_t goid) {
  EventText t;
  instantHead(t, "t", "goroutine");
  t.str("ready G").u64(goid).str("\"");
  instantTrack(t, p, m);
  t.str(",\"args\":{\"goid\":").u64(goid).str("}},\n");
  commit(t);
}

void parkBegin(int64_t m, const char* why) {
  noteMax(gMaxM, m);
  EventText t;
  sliceHead(t, "m", kMsPid, m);
  t.str(",\"name\":\"parked\",\"args\":{\"why\":\"").str(why).str("\"");
  openTimed(SliceSlot::Parked, t, ",\"unfinished\":true");
}

void parkEnd() { closeSlice(SliceSlot::Parked, sinceStart(nowNs()), ""); }

void plessTailBegin(int64_t m, uint64_t snapshotSerial, AllpSnapshotMode mode) {
  noteMax(gMaxM, m);
  EventText t;
  sliceHead(t, "findrunnable", kMsPid, m);
  t.str(",\"name\":\"P-less tail\",\"args\":{\"snapshot\":").u64(snapshotSerial);
  t.str(",\"mode\":\"").str(allpSnapshotModeName(mode)).str("\"");
  openTimed(SliceSlot::PlessTail, t, ",\"unfinished\":true");
}

void plessTailEnd() { closeSlice(SliceSlot::PlessTail, sinceStart(nowNs()), ""); }

void stopTheWorldBegin(const char* reason) {
  EventText t;
  sliceHead(t, "stw", kRuntimePid, kWorldTid);
  t.str(",\"name\":\"stop-the-world (").escaped(reason).str(")\",\"args\":{\"reason\":\"").escaped(reason);
  t.str("\"");
  openTimed(SliceSlot::World, t, ",\"unfinished\":true");
}

void stopTheWorldEnd() { closeSlice(SliceSlot::World, sinceStart(nowNs()), ""); }

void gcPhase(const char* name, int64_t startNs, int64_t endNs, const char* countName, uint64_t count,
             uint64_t bytes) {
  EventText t;
  sliceHead(t, "gc", kRuntimePid, kWorldTid);
  t.str(",\"name\":\"").str(name).str("\",\"ts\":").micros(sinceStart(startNs));
  t.str(",\"dur\":").micros(endNs > startNs ? endNs - startNs : 0);
  t.str(",\"args\":{\"").str(countName).str("\":").u64(count);
  t.str(",\"").str(countName).str("Bytes\":").u64(bytes).str("}},\n");
  commit(t);
}

void procresize(int32_t from, int32_t to) {
  gGomaxprocs.store(to, std::memory_order_relaxed);
  EventText t;
  instantHead(t, "g", "procresize");
  t.str("GOMAXPROCS ").i64(from).str(" -> ").i64(to).str("\",\"pid\":").i64(kRuntimePid);
  t.str(",\"tid\":").i64(kGomaxprocsTid).str(",\"args\":{\"from\":").i64(from).str(",\"to\":").i64(to);
  t.str("}},\n");
  commit(t);
  EventText counter;
  counter.str("{\"ph\":\"C\",\"name\":\"GOMAXPROCS\",\"pid\":").i64(kRuntimePid).str(",\"tid\":");
  counter.i64(kGomaxprocsTid).str(",\"ts\":").micros(sinceStart(nowNs())).str(",\"args\":{\"procs\":").i64(to);
  counter.str("}},\n");
  commit(counter);
}

void newAllpArray(uint32_t cap, uint32_t len, uint64_t serial) {
  EventText t;
  instantHead(t, "g", "allp");
  t.str("new allp array\",\"pid\":").i64(kRuntimePid).str(",\"tid\":").i64(kGomaxprocsTid);
  t.str(",\"args\":{\"cap\":").u64(cap).str(",\"len\":").u64(len).str(",\"serial\":").u64(serial).str("}},\n");
  commit(t);
}

}  // namespace goro::runtime::trace

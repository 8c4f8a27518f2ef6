// The named root set: how the layers above tell the collector what they
// hold, without the collector reaching into their structures (MMTk's
// Scanning trait, clox's markRoots).
//
// A layer registers a scanner per root class it owns; a scanner is called
// with the world stopped and reports each reference through the RootVisitor.
// Scanners must not allocate, block or take a lock ranked before gcRoots
// (naming a slot may allocate the name's string, in the malloc heap: that
// happens only for the slot reports of gc/root_slots.h, never in a cycle).
//
// Slots have names. A scanner passes, with each reference, a function that
// writes the name of the slot it came from as a person would say it
// (`allm[2].allpSnapshot`, `allgs: goroutine 5`): it is called only when a
// report enumerates the slots (gc/root_slots.h), so naming costs a marking
// cycle nothing. A scanner whose root is one table of many values (the
// interpreter's globals) can name each value: it reports the table with
// visitTable and, only when namesSlots(), each entry with its own name; the
// report then marks the table itself without what it holds, so that each
// entry's slot is credited with what it keeps alive. A scanner whose root
// is an object of a layer above it (the scheduler's G holds the
// interpreter's goroutine state) reports it with visitParts: a slot report
// then asks that layer's part namer (gc/report_hooks.h) to report the
// object's references as slots (`allgs: goroutine 5 frame main.worker
// local "buf"`), the scanner knowing nothing of their layout.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gc/root_classes.h"
#include "runtime/tracer.h"
#include "runtime/value.h"

namespace goro::gc {

// Takes root slots one by one, with their names, instead of marking them
// (the slot reports of gc/root_slots.h).
class SlotSink {
 public:
  virtual ~SlotSink() = default;
  // name is empty for a slot its scanner did not name.
  // table: the object is a table whose entries were (or will be) reported
  // as slots of their own: mark it, not what it holds.
  virtual void slot(const runtime::Object* o, std::string&& name, bool table) = 0;
};

// What a scanner reports its references to: a marking work list (a cycle),
// or a SlotSink. Counts each non-null reference for gctrace.
class RootVisitor {
 public:
  explicit RootVisitor(runtime::Tracer& tracer) : tracer_(&tracer) {}
  explicit RootVisitor(SlotSink& sink) : sink_(&sink) {}

  // name(std::string& out) appends the slot's name; see the top of the file.
  template <typename NameFn>
  void visit(const runtime::Object* o, NameFn&& name) {
    report(o, static_cast<NameFn&&>(name), false);
  }
  // A table of values (see the top of the file): a cycle marks it whole; a
  // slot report marks it alone, its entries being slots of their own.
  template <typename NameFn>
  void visitTable(const runtime::Object* o, NameFn&& name) {
    report(o, static_cast<NameFn&&>(name), true);
  }
  // An object whose parts a layer above names (see the top of the file): a
  // cycle marks it whole; a slot report marks it alone and reports each
  // reference inside it as a slot, through its kind's part namer (or, if
  // its kind has none, reports it as one slot, as visit does).
  template <typename NameFn>
  void visitParts(const runtime::Object* o, NameFn&& name) {
    if (o == nullptr) return;
    if (sink_ == nullptr) [[likely]] {
      count_++;
      tracer_->visit(o);
      return;
    }
    std::string n;
    name(n);
    reportParts(o, std::move(n));
  }
  // Whether the slots are being named (a slot report): a scanner that uses
  // visitTable reports the table's entries one by one only then.
  bool namesSlots() const { return sink_ != nullptr; }
  template <typename NameFn>
  void visit(runtime::Value v, NameFn&& name) {
    if (v.isObject()) visit(v.asObject(), static_cast<NameFn&&>(name));
  }
  void visit(const runtime::Object* o) {
    visit(o, [](std::string&) {});
  }
  void visit(runtime::Value v) {
    if (v.isObject()) visit(v.asObject());
  }
  void visitRange(const runtime::Value* v, size_t n) {
    for (size_t i = 0; i < n; i++) visit(v[i]);
  }
  uint64_t count() const { return count_; }

 private:
  template <typename NameFn>
  void report(const runtime::Object* o, NameFn&& name, bool table) {
    if (o == nullptr) return;
    count_++;
    if (sink_ == nullptr) [[likely]] {
      tracer_->visit(o);
      return;
    }
    std::string n;
    name(n);
    sink_->slot(o, std::move(n), table);
  }

  void reportParts(const runtime::Object* o, std::string&& name);  // roots.cpp

  runtime::Tracer* tracer_ = nullptr;
  SlotSink* sink_ = nullptr;
  uint64_t count_ = 0;
};

using RootScanner = void (*)(RootVisitor&, void* context);

// Registers a scanner for a class; returns an id for unregisterRoots.
// Several scanners may serve one class.
int registerRoots(RootClass c, RootScanner scan, void* context);
void unregisterRoots(int id);

// Calls every scanner of class c (world stopped).
void scanRootClass(RootClass c, RootVisitor& visitor);

// Root scanning split among parallel marking workers (gc/parallel_mark.h):
// each scanner of a class is one job, run by whichever worker claims it.
// The object holds the registry's lock from construction to destruction (so
// no scanner is unregistered meanwhile; the thread that made it must
// destroy it); run() may be called from any thread in between, each job
// once, several at a time (scanners only read what they scan).
class RootJobs {
 public:
  explicit RootJobs(RootClass c);
  ~RootJobs();
  RootJobs(const RootJobs&) = delete;
  RootJobs& operator=(const RootJobs&) = delete;

  size_t size() const { return jobs_.size(); }
  void run(size_t job, RootVisitor& visitor) const { jobs_[job].scan(visitor, jobs_[job].context); }

 private:
  struct Job {
    RootScanner scan;
    void* context;
  };
  std::vector<Job> jobs_;
};

}  // namespace goro::gc

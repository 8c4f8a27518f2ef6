// Channels and select with fake goroutines, after Go's chan_test.go
// (TestChan, TestNonblockRecvRace, TestSelectFairness, TestSelectDuplicateChannel,
// TestChanSendInterface...): order and hand-off, buffering, many senders
// and receivers, close waking every waiter, select's random choice,
// default and blocking, and a value in flight surviving a collection.
//
// A fake goroutine runs a Script, a list of channel operations, the way the
// interpreter does: an operation that returns Parked makes it return
// Blocked, and when it runs again it calls the matching ...Resume.
#include <map>
#include <set>
#include <vector>

#include "fake_runner.h"
#include "gc/collector.h"
#include "gc/constructors.h"
#include "gc/handles.h"
#include "sched/chan.h"
#include "sched/sched.h"

namespace goro::testing {
namespace {

using runtime::Chan;
using runtime::Value;
using sched::ChanStatus;
using sched::SelectCase;

Value num(int64_t i) { return Value::smallInt(i); }

struct Op {
  enum Kind { Send, Recv, Close, Select };
  explicit Op(Kind k, Chan* ch = nullptr, Value value = Value::nil()) : kind(k), c(ch), v(value) {}
  Kind kind;
  Chan* c;
  Value v;
  std::vector<SelectCase> cases;
  bool hasDefault = false;
};

struct Result {
  ChanStatus status;
  Value v;
  bool ok = false;
  int chosen = -1;
};

struct Script {
  std::vector<Op> ops;
  std::vector<Result> results;
  size_t pc = 0;
  // Parked in the middle of ops[pc] (read by the test thread, hence atomic).
  std::atomic<bool> resuming{false};

  RunOutcome step() {
    while (pc < ops.size()) {
      Op& op = ops[pc];
      Result r{ChanStatus::Done, Value::nil()};
      if (resuming.load()) {
        resuming.store(false);
        switch (op.kind) {
          case Op::Send: r.status = sched::chansendResume(); break;
          case Op::Recv: sched::chanrecvResume(&r.v, &r.ok); break;
          case Op::Select: r.status = sched::selectResume(&r.chosen, &r.v, &r.ok); break;
          case Op::Close: break;
        }
      } else {
        switch (op.kind) {
          case Op::Send: r.status = sched::chansend(op.c, op.v, true); break;
          case Op::Recv: r.status = sched::chanrecv(op.c, true, &r.v, &r.ok); break;
          case Op::Close: r.status = sched::closechan(op.c); break;
          case Op::Select:
            r.status = sched::selectgo(op.cases.data(), static_cast<int>(op.cases.size()), !op.hasDefault,
                                       &r.chosen, &r.v, &r.ok);
            break;
        }
      }
      if (r.status == ChanStatus::Parked) {
        resuming.store(true);
        return RunOutcome::Blocked;
      }
      results.push_back(r);
      pc++;
    }
    return RunOutcome::Returned;
  }
};

// Runs the script in a new fake goroutine; done is counted when it ends.
void go(Script* s, Counter* done) {
  spawn([s, done](G*, M*) {
    RunOutcome o = s->step();
    if (o == RunOutcome::Returned) done->add();
    return o;
  });
}

Op send(Chan* c, int64_t i) { return Op(Op::Send, c, num(i)); }
Op recv(Chan* c) { return Op(Op::Recv, c); }
Op closeOp(Chan* c) { return Op(Op::Close, c); }

class ChanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ensureScheduler();
    sched::setGomaxprocs(4);
  }
  // A rooted channel (the test thread's handle stack is a root).
  Chan* make(uint32_t capacity) {
    handles_.push_back(std::make_unique<gc::Handle<Chan>>(sched::makechan(cache_, capacity)));
    return handles_.back()->get();
  }
  void TearDown() override {
    while (!handles_.empty()) handles_.pop_back();
    cache_.releaseAll();
  }

  alloc::MCache cache_;
  std::vector<std::unique_ptr<gc::Handle<Chan>>> handles_;
};

TEST_F(ChanTest, UnbufferedHandsOffInOrder) {
  Chan* c = make(0);
  Script sender, receiver;
  for (int i = 0; i < 200; i++) {
    sender.ops.push_back(send(c, i));
    receiver.ops.push_back(recv(c));
  }
  Counter done;
  go(&receiver, &done);
  go(&sender, &done);
  ASSERT_TRUE(done.waitFor(2));
  for (int i = 0; i < 200; i++) {
    EXPECT_EQ(receiver.results[i].v, num(i));
    EXPECT_TRUE(receiver.results[i].ok);
    EXPECT_EQ(sender.results[i].status, ChanStatus::Done);
  }
}

TEST_F(ChanTest, BufferedIsAFifoAndNeverBlocksBelowCapacity) {
  Chan* c = make(3);
  for (int i = 0; i < 3; i++) EXPECT_EQ(sched::chansend(c, num(i), false), ChanStatus::Done);
  EXPECT_EQ(sched::chansend(c, num(9), false), ChanStatus::WouldBlock);
  EXPECT_EQ(sched::chanlen(c), 3u);
  Value v;
  bool ok = false;
  for (int i = 0; i < 3; i++) {
    ASSERT_EQ(sched::chanrecv(c, false, &v, &ok), ChanStatus::Done);
    EXPECT_EQ(v, num(i));
  }
  EXPECT_EQ(sched::chanrecv(c, false, &v, &ok), ChanStatus::WouldBlock);
  EXPECT_EQ(sched::chanlen(c), 0u);
  EXPECT_EQ(c->buffer->slots[0], Value::nil()) << "no stale value kept alive";

  // Through goroutines, more values than the capacity.
  Script sender, receiver;
  for (int i = 0; i < 100; i++) {
    sender.ops.push_back(send(c, i));
    receiver.ops.push_back(recv(c));
  }
  Counter done;
  go(&sender, &done);
  go(&receiver, &done);
  ASSERT_TRUE(done.waitFor(2));
  for (int i = 0; i < 100; i++) EXPECT_EQ(receiver.results[i].v, num(i));
}

TEST_F(ChanTest, ManySendersAndReceiversPassEveryValueOnce) {
  for (uint32_t capacity : {0u, 1u, 7u}) {
    Chan* c = make(capacity);
    constexpr int kEach = 4;
    constexpr int kPer = 300;
    std::vector<Script> senders(kEach), receivers(kEach);
    for (int s = 0; s < kEach; s++) {
      for (int i = 0; i < kPer; i++) {
        senders[s].ops.push_back(send(c, s * kPer + i));
        receivers[s].ops.push_back(recv(c));
      }
    }
    Counter done;
    for (int s = 0; s < kEach; s++) {
      go(&receivers[s], &done);
      go(&senders[s], &done);
    }
    ASSERT_TRUE(done.waitFor(2 * kEach)) << "capacity " << capacity;
    std::vector<int> seen(kEach * kPer);
    for (auto& r : receivers) {
      int last[kEach];
      std::fill(last, last + kEach, -1);
      for (auto& res : r.results) {
        int64_t x = res.v.asSmallInt();
        seen[x]++;
        // Values from one sender arrive in the order it sent them.
        int from = static_cast<int>(x / kPer);
        EXPECT_GT(x, last[from]);
        last[from] = static_cast<int>(x);
      }
    }
    for (int x : seen) ASSERT_EQ(x, 1) << "capacity " << capacity;
  }
}

TEST_F(ChanTest, CloseWakesEveryWaiter) {
  Chan* c = make(0);
  std::vector<Script> receivers(3);
  Script sender;
  Counter done;
  for (auto& r : receivers) {
    r.ops.push_back(recv(c));
    go(&r, &done);
  }
  ASSERT_TRUE(eventually([&] {
    int n = 0;
    sched::forEachG([&](G* g) {
      n += g->status.load() == sched::GStatus::Waiting && g->waitReason.load() == sched::WaitReason::ChanReceive;
    });
    return n >= 3;
  }));
  EXPECT_EQ(sched::closechan(c), ChanStatus::Done);
  ASSERT_TRUE(done.waitFor(3));
  for (auto& r : receivers) {
    EXPECT_EQ(r.results[0].v, Value::nil());
    EXPECT_FALSE(r.results[0].ok);
  }
  // After close: sends fail, receives never block, a second close fails.
  EXPECT_EQ(sched::chansend(c, num(1), true), ChanStatus::SendOnClosed);
  Value v = num(5);
  bool ok = true;
  EXPECT_EQ(sched::chanrecv(c, true, &v, &ok), ChanStatus::Done);
  EXPECT_FALSE(ok);
  EXPECT_EQ(sched::closechan(c), ChanStatus::CloseOfClosed);
  EXPECT_EQ(sched::closechan(nullptr), ChanStatus::CloseOfNil);
}

TEST_F(ChanTest, CloseMakesAWaitingSenderPanic) {
  Chan* c = make(0);
  Script sender;
  sender.ops.push_back(send(c, 1));
  Counter done;
  go(&sender, &done);
  ASSERT_TRUE(eventually([&] { return sender.resuming.load(); }));
  Script closer;
  closer.ops.push_back(closeOp(c));
  go(&closer, &done);
  ASSERT_TRUE(done.waitFor(2));
  EXPECT_EQ(sender.results[0].status, ChanStatus::SendOnClosed);
}

TEST_F(ChanTest, ClosedBufferedChannelDrainsFirst) {
  Chan* c = make(4);
  sched::chansend(c, num(1), false);
  sched::chansend(c, num(2), false);
  sched::closechan(c);
  Value v;
  bool ok = false;
  sched::chanrecv(c, false, &v, &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(v, num(1));
  sched::chanrecv(c, false, &v, &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(v, num(2));
  sched::chanrecv(c, false, &v, &ok);
  EXPECT_FALSE(ok);
  EXPECT_EQ(v, Value::nil());
}

TEST_F(ChanTest, NilChannelBlocksForever) {
  Script s;
  s.ops.push_back(recv(nullptr));
  Counter done;
  go(&s, &done);
  ASSERT_TRUE(eventually([&] { return s.resuming.load(); }));
  G* parked = nullptr;
  ASSERT_TRUE(eventually([&] {
    sched::forEachG([&](G* g) {
      if (g->status.load() == sched::GStatus::Waiting &&
          g->waitReason.load() == sched::WaitReason::ChanReceiveNilChan) {
        parked = g;
      }
    });
    return parked != nullptr;
  }));
  Value v;
  bool ok;
  EXPECT_EQ(sched::chansend(nullptr, num(1), false), ChanStatus::WouldBlock);
  EXPECT_EQ(sched::chanrecv(nullptr, false, &v, &ok), ChanStatus::WouldBlock);
  EXPECT_EQ(done.get(), 0);
}

TEST_F(ChanTest, SelectPicksAmongReadyCasesAtRandom) {
  // Go's TestSelectFairness, small: both channels always ready.
  Chan* a = make(1);
  Chan* b = make(1);
  int counts[2] = {0, 0};
  Counter done;
  Script s;
  spawn([&](G*, M*) {
    for (int i = 0; i < 2000; i++) {
      sched::chansend(a, num(1), false);
      sched::chansend(b, num(2), false);
      SelectCase cases[2] = {{a, false, Value::nil()}, {b, false, Value::nil()}};
      int chosen = -1;
      Value v;
      bool ok;
      EXPECT_EQ(sched::selectgo(cases, 2, true, &chosen, &v, &ok), ChanStatus::Done);
      counts[chosen]++;
      // Empty the other one.
      sched::chanrecv(chosen == 0 ? b : a, false, &v, &ok);
    }
    done.add();
    return RunOutcome::Returned;
  });
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_GT(counts[0], 800);
  EXPECT_GT(counts[1], 800);
}

TEST_F(ChanTest, SelectDefaultAndBlocking) {
  Chan* a = make(0);
  Chan* b = make(0);
  // Nothing ready: default.
  Script s1;
  Op sel(Op::Select);
  sel.cases = {{a, false, Value::nil()}, {b, true, num(7)}};
  sel.hasDefault = true;
  s1.ops.push_back(sel);
  Counter done;
  go(&s1, &done);
  ASSERT_TRUE(done.waitFor(1));
  EXPECT_EQ(s1.results[0].status, ChanStatus::WouldBlock);

  // Blocking: the receive case fires when someone sends on a; the send
  // case on b is withdrawn.
  Script s2;
  sel.hasDefault = false;
  s2.ops.push_back(sel);
  go(&s2, &done);
  ASSERT_TRUE(eventually([&] { return s2.resuming.load(); }));
  Script sender;
  sender.ops.push_back(send(a, 42));
  go(&sender, &done);
  ASSERT_TRUE(done.waitFor(3));
  EXPECT_EQ(s2.results[0].chosen, 0);
  EXPECT_EQ(s2.results[0].v, num(42));
  EXPECT_TRUE(s2.results[0].ok);
  // b's queue holds no stale Sudog: a receive on b finds no sender.
  Value v;
  bool ok;
  EXPECT_EQ(sched::chanrecv(b, false, &v, &ok), ChanStatus::WouldBlock);

  // Blocking on a send case, taken by a receiver.
  Script s3;
  s3.ops.push_back(sel);
  go(&s3, &done);
  ASSERT_TRUE(eventually([&] { return s3.resuming.load(); }));
  Script receiver;
  receiver.ops.push_back(recv(b));
  go(&receiver, &done);
  ASSERT_TRUE(done.waitFor(5));
  EXPECT_EQ(s3.results[0].chosen, 1);
  EXPECT_EQ(receiver.results[0].v, num(7));

  // Woken by close: the receive case reports nil, false.
  Script s4;
  s4.ops.push_back(sel);
  go(&s4, &done);
  ASSERT_TRUE(eventually([&] { return s4.resuming.load(); }));
  sched::closechan(a);
  ASSERT_TRUE(done.waitFor(6));
  EXPECT_EQ(s4.results[0].chosen, 0);
  EXPECT_FALSE(s4.results[0].ok);
}

TEST_F(ChanTest, SelectDuplicateChannel) {
  // Go's TestSelectDuplicateChannel: one channel in two cases of a select.
  Chan* c = make(0);
  Script sel;
  Op op(Op::Select);
  op.cases = {{c, false, Value::nil()}, {c, false, Value::nil()}, {nullptr, false, Value::nil()}};
  sel.ops.push_back(op);
  Counter done;
  go(&sel, &done);
  ASSERT_TRUE(eventually([&] { return sel.resuming.load(); }));
  Script sender;
  sender.ops.push_back(send(c, 8));
  go(&sender, &done);
  ASSERT_TRUE(done.waitFor(2));
  EXPECT_TRUE(sel.results[0].chosen == 0 || sel.results[0].chosen == 1);
  EXPECT_EQ(sel.results[0].v, num(8));
}

TEST_F(ChanTest, SelectStressConservesValues) {
  // Selectors race over three channels fed by senders; every value arrives
  // exactly once, whichever case takes it.
  Chan* chans[3] = {make(0), make(2), make(0)};
  constexpr int kPer = 200;
  std::vector<Script> senders(3);
  for (int s = 0; s < 3; s++) {
    for (int i = 0; i < kPer; i++) senders[s].ops.push_back(send(chans[s], s * kPer + i));
  }
  constexpr int kSelectors = 4;
  std::vector<Script> selectors(kSelectors);
  for (auto& sel : selectors) {
    for (int i = 0; i < 3 * kPer / kSelectors; i++) {
      Op op(Op::Select);
      op.cases = {{chans[0], false, Value::nil()}, {chans[1], false, Value::nil()}, {chans[2], false, Value::nil()}};
      sel.ops.push_back(op);
    }
  }
  Counter done;
  for (auto& sel : selectors) go(&sel, &done);
  for (auto& s : senders) go(&s, &done);
  ASSERT_TRUE(done.waitFor(3 + kSelectors));
  std::vector<int> seen(3 * kPer);
  for (auto& sel : selectors) {
    for (auto& r : sel.results) {
      ASSERT_TRUE(r.ok);
      int64_t x = r.v.asSmallInt();
      EXPECT_EQ(x / kPer, r.chosen) << "value came through the case that fired";
      seen[x]++;
    }
  }
  for (int x : seen) ASSERT_EQ(x, 1);
}

TEST_F(ChanTest, AValueInFlightSurvivesACollection) {
  // The only reference to the sent object is in the blocked sender's Sudog.
  Chan* c = make(0);
  Counter done;
  Script sender;
  spawn([&](G*, M*) {
    if (!sender.resuming.load()) {
      runtime::String* s = gc::newString(*sched::currentCache(), "in flight");
      sender.ops.push_back(Op(Op::Send, c, Value::object(s)));
    }
    RunOutcome o = sender.step();
    if (o == RunOutcome::Returned) done.add();
    return o;
  });
  ASSERT_TRUE(eventually([&] { return sender.resuming.load(); }));
  gc::collect();
  gc::collect();
  Script receiver;
  receiver.ops.push_back(recv(c));
  go(&receiver, &done);
  ASSERT_TRUE(done.waitFor(2));
  Value v = receiver.results[0].v;
  ASSERT_TRUE(v.isObject());
  auto* str = static_cast<runtime::String*>(v.asObject());
  EXPECT_EQ(std::string(str->data, str->length), "in flight");
}

}  // namespace
}  // namespace goro::testing

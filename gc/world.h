// Stopping the world: the handshake through which the collector (and
// anything else that needs every P stopped) asks the scheduler to stop.
//
// The scheduler owns Ps, so it implements World and installs it with
// setWorld(); the collector only calls stopTheWorld/startTheWorld. Until a
// scheduler is installed, the default World serialises callers with a lock,
// which is all a single-threaded program (tests, the demo) needs.
//
// Contract of stop(reason): returns once no P runs Goro code: running Ps
// have stopped at a safe point, idle Ps and Ps in system calls are taken.
// Ms without a P keep running (they cannot touch the heap). Only one stop
// is in force at a time; a second caller waits until the first has started
// the world again. Every stop is matched by exactly one start().
#pragma once

#include <cstdint>

namespace goro::gc {

#define GORO_STW_REASONS(X)                                 \
  X(GC, "garbage collection")                               \
  X(GCForced, "garbage collection (forced)")                \
  X(GOMAXPROCS, "GOMAXPROCS")                               \
  X(ReadMemStats, "ReadMemStats")                           \
  X(GoroutineDump, "goroutine dump")                        \
  X(RootReport, "root report")                              \
  X(HeapDump, "heap dump")                                  \
  X(TestOnly, "test only")                                  \
  X(TestHookRace, "test only: allp race scenario")

enum class StwReason : uint8_t {
#define GORO_STW_ENUM(e, name) e,
  GORO_STW_REASONS(GORO_STW_ENUM)
#undef GORO_STW_ENUM
      Count
};

const char* stwReasonName(StwReason r);

class World {
 public:
  virtual ~World() = default;
  virtual void stop(StwReason reason) = 0;
  virtual void start() = 0;
  // The number of Ps (for gctrace).
  virtual int procs() const = 0;
};

// Installs the scheduler's World (nullptr restores the default).
void setWorld(World* world);

void stopTheWorld(StwReason reason);
void startTheWorld();
int worldProcs();

// Stops the world for the lifetime of the object.
class StoppedWorld {
 public:
  explicit StoppedWorld(StwReason reason) { stopTheWorld(reason); }
  ~StoppedWorld() { startTheWorld(); }
  StoppedWorld(const StoppedWorld&) = delete;
  StoppedWorld& operator=(const StoppedWorld&) = delete;
};

}  // namespace goro::gc

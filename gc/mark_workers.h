// Mark workers: the threads that mark (and sweep) in parallel while the
// world is stopped, and how many of them a cycle uses.
//
// Who runs them. Worker 0 is always the thread that stopped the world (the
// collector's caller); workers 1..n-1 are threads of a pool the collector
// owns, started the first time a cycle needs them and parked on a futex
// between cycles (one word per thread, so waking one costs one system call
// and a parked thread costs nothing). Go instead has every P's M run a
// mark worker during the stop. Goro does not borrow the stopped Ms: a
// stopped P's M sleeps deep inside the scheduler's stop-the-world handshake
// (sched/stw.cpp) on its own note, and making it run collector code would
// put a call from sched into gc's marking loop on the scheduler's most
// delicate path, for no gain: the pool's threads are as many as the Ps
// (GOMAXPROCS), so the machine runs the same number of marking threads,
// and the world's stop and start stay exactly as they were. The pool
// threads are not Ms: they never run Goro code, never allocate in the Goro
// heap, hold no handles and block every signal (the runtime's signals go
// to its Ms).
//
// How many. A cycle uses min(GOMAXPROCS, the machine's hardware threads,
// kMaxMarkWorkers) workers, but only one (the caller alone: today's
// sequential path, no thread woken, no atomic mark bit) when the heap is
// under kParallelMarkMinHeap, where waking threads costs more than it
// saves (GC stress mode collects tiny heaps at every allocation).
// setMarkWorkers() forces a number, for tests and benchmarks, and so does
// GODEBUG=gcmarkworkers=N (setMarkWorkers wins).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace goro::gc {

inline constexpr int kMaxMarkWorkers = 32;
inline constexpr uint64_t kParallelMarkMinHeap = uint64_t{4} << 20;

// The number of workers a cycle starting with heapBytes allocated uses.
int markWorkersFor(uint64_t heapBytes);

// Forces every later cycle to use n workers (1..kMaxMarkWorkers), whatever
// the heap size and the hardware; 0 returns to the automatic choice.
// Values out of range are clamped.
void setMarkWorkers(int n);

// A task run on several workers at once: called as run(worker, context)
// for worker = 0..workers-1, each on its own thread.
using WorkerTask = void (*)(int worker, void* context);

// Runs task on `workers` workers: the caller is worker 0, pool threads the
// others. Returns when every worker has returned; everything the workers
// wrote is then visible to the caller. Only one thread may call it at a
// time (the one that stopped the world). workers <= 1 runs task(0) alone.
void runOnWorkers(int workers, WorkerTask task, void* context);

// Convenience: runs f(worker) on `workers` workers.
template <typename F>
void runOnWorkers(int workers, F& f) {
  runOnWorkers(
      workers, [](int worker, void* context) { (*static_cast<F*>(context))(worker); }, &f);
}

// Waits until word no longer holds value: spins a few microseconds (the
// change is usually that close while the world is stopped), then sleeps on
// the word as a futex. The writer must futexWake it after changing it.
void waitWhileEquals(std::atomic<uint32_t>& word, uint32_t value);

}  // namespace goro::gc

// goro-bench-sched-parked: the bytes a parked goroutine costs outside the
// collected heap, the part that parked.goro's HeapAlloc delta cannot see.
//
// A Goro goroutine is two things: its interpreter state (a GState, its
// stack and frames, in the collected heap, counted by parked.goro) and the
// scheduler's C++ structures, which come from mimalloc (runtime/
// cxx_allocator.cpp) and live outside the heap:
//
//   sched::G      one per goroutine, immortal (reused once dead), new'd by
//                 takeDeadG (sched/proc.cpp);
//   sched::Sudog  one per goroutine parked on a channel, new'd by
//                 acquireSudog (sched/chan.cpp) once the per-P cache of
//                 128 is used up;
//   allgs         one G* slot per goroutine in an array that doubles from
//                 64 slots and keeps every outgrown array (sched/g.cpp
//                 allgadd), so its bytes are summed over all the arrays
//                 made for `n` goroutines.
//
// Each is counted at the size mimalloc really hands out for it
// (mi_good_size: the size class the request rounds up to); mimalloc keeps
// no per-object header. The per-P Sudog cache and the G free lists hold
// nothing extra here (no goroutine has died yet). Prints one line:
//
//   goro-bench-sched-parked [N]      (N: the goroutines parked.goro parks)
//   -> sched bench=parked-cxx unit=B value=... g=... sudog=... allgs=... n=N
#include <mimalloc.h>

#include <cstdio>
#include <cstdlib>

#include "sched/chan.h"
#include "sched/g.h"

int main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 100000;
  if (n < 1) n = 1;
  // parked.goro's n goroutines plus its main goroutine (goroutine 1).
  size_t gs = static_cast<size_t>(n) + 1;
  size_t gBytes = mi_good_size(sizeof(goro::sched::G));
  size_t sudogBytes = mi_good_size(sizeof(goro::sched::Sudog));
  size_t allgsBytes = 0;
  for (size_t cap = 64;; cap *= 2) {
    allgsBytes += cap * sizeof(goro::sched::G*);
    if (cap >= gs) break;
  }
  double perG = static_cast<double>(gBytes + sudogBytes) +
                static_cast<double>(allgsBytes) / static_cast<double>(n);
  std::printf("sched bench=parked-cxx unit=B value=%.0f g=%zu(sizeof %zu) sudog=%zu(sizeof %zu) allgs=%.1f n=%ld\n",
              perG, gBytes, sizeof(goro::sched::G), sudogBytes, sizeof(goro::sched::Sudog),
              static_cast<double>(allgsBytes) / static_cast<double>(n), n);
  return 0;
}

// goro-bench-alloc: small-object allocation through an alloc::MCache against
// mimalloc's mi_malloc/mi_free, for sizes 8 to 512 bytes.
//
// How it measures, for each size, in rounds that alternate Goro and mimalloc
// (the median of the rounds is printed):
//  - Goro, batch: gc::allocate() `batch` objects of the size (GOGC off, so
//    no collection starts inside the loop), storing each pointer in a plain
//    C++ array that is not a root; "alloc" is the time of that loop per
//    object. Then gc::collect(), which finds every object of the batch dead
//    and frees it; "reclaim" is the collection's time divided by the batch.
//    "alloc+reclaim" is the sum: what an object costs from allocation to
//    the reuse of its memory.
//  - mimalloc: the same loop with mi_malloc (not zeroed; Goro's objects are),
//    then mi_free of every pointer; "alloc", "free" and "alloc+free" per
//    object. mi_zalloc+mi_free is printed as well, since Goro zeroes.
//  - Goro, paced: GOGC=100 and nothing rooted, so the pacer starts the
//    collections by itself; `paced` allocations in a row, collections
//    included, per object: the steady state of a program whose objects die
//    young. Its heap cycles through at least 4 MiB (the minimum goal), more
//    than the cache keeps of a small batch, so small sizes cost more here.
// Ratios: Goro's alloc over mi_malloc's and over mi_zalloc's, and Goro's
// alloc+reclaim over mi_malloc+mi_free; the target is at most 1.5x.
// The page faults taken in the allocation loops are printed too (0 means the
// memory was reused, not mapped again). Nothing is asserted: the program
// prints the table and exits 0.
//
// Flags: --quick (small batches, few rounds), --batch=N, --rounds=N,
// --paced=N (objects per paced run), --sizes=8,16,... (instead of the
// default list), --csv (also print machine-readable lines prefixed with
// "csv,").
#include <mimalloc.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <vector>

#include <sys/resource.h>

#include "alloc/mcache.h"
#include "bench/bench_util.h"
#include "gc/allocate.h"
#include "gc/collector.h"
#include "runtime/object_model.h"

namespace goro::bench {
namespace {

constexpr size_t kSizes[] = {8, 16, 24, 32, 48, 64, 128, 256, 512};

struct Config {
  std::vector<size_t> sizes{std::begin(kSizes), std::end(kSizes)};
  size_t batch = 100000;
  int rounds = 21;
  size_t paced = 2000000;
  bool csv = false;
};

// Keeps the compiler from dropping the stores into the pointer array.
void escape(void* p) { asm volatile("" : : "g"(p) : "memory"); }

// Minor page faults of this process so far: a batch that lands on memory
// the kernel has to map again pays for it in its allocation loop.
long minorFaults() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

// One round of one allocator: ns per object to allocate, ns per object to
// free (or reclaim), and the page faults taken while allocating.
struct Round {
  double allocNs, freeNs;
  long faults;
};

Round goroBatch(alloc::MCache& cache, std::vector<void*>& ptrs, size_t size) {
  size_t n = ptrs.size();
  void** out = ptrs.data();
  long f0 = minorFaults();
  uint64_t t0 = nowNs();
  for (size_t i = 0; i < n; i++) out[i] = gc::allocate(cache, runtime::Kind::Bytes, size);
  uint64_t t1 = nowNs();
  long f1 = minorFaults();
  escape(out);
  gc::collect();
  uint64_t t2 = nowNs();
  return {double(t1 - t0) / double(n), double(t2 - t1) / double(n), f1 - f0};
}

template <bool Zero>
Round miBatch(std::vector<void*>& ptrs, size_t size) {
  size_t n = ptrs.size();
  void** out = ptrs.data();
  long f0 = minorFaults();
  uint64_t t0 = nowNs();
  for (size_t i = 0; i < n; i++) out[i] = Zero ? mi_zalloc(size) : mi_malloc(size);
  uint64_t t1 = nowNs();
  long f1 = minorFaults();
  escape(out);
  for (size_t i = 0; i < n; i++) mi_free(out[i]);
  uint64_t t2 = nowNs();
  return {double(t1 - t0) / double(n), double(t2 - t1) / double(n), f1 - f0};
}

// Paced allocation, collections included, ns per object. The pointers go
// to a small ring that is not a root, so every object dies young.
double goroPaced(alloc::MCache& cache, std::vector<void*>& ring, size_t size, size_t total) {
  int old = gc::setGcPercent(100);
  size_t mask = ring.size() - 1;  // a power of two
  void** out = ring.data();
  uint64_t t0 = nowNs();
  for (size_t i = 0; i < total; i++) out[i & mask] = gc::allocate(cache, runtime::Kind::Bytes, size);
  uint64_t t1 = nowNs();
  escape(out);
  gc::setGcPercent(old);
  return double(t1 - t0) / double(total);
}

// The medians of one size. "total" is the median of the per-round sums
// (alloc + reclaim or free), not the sum of the medians.
struct Row {
  size_t size;
  double goroAlloc, goroTotal, goroPaced, miAlloc, miTotal, zAlloc, zTotal;
  double goroFaults, miFaults;
};

Row measure(alloc::MCache& cache, const Config& cfg, size_t size) {
  std::vector<void*> ptrs(cfg.batch, nullptr);
  std::vector<void*> ring(4096, nullptr);

  // Warm-up: the heap, mimalloc's pages and the pointer array all exist
  // before the first timed round.
  goroBatch(cache, ptrs, size);
  miBatch<false>(ptrs, size);
  miBatch<true>(ptrs, size);

  std::vector<double> ga, gt, gf, ma, mt, mf, za, zt, gp;
  for (int r = 0; r < cfg.rounds; r++) {
    Round g = goroBatch(cache, ptrs, size);
    Round m = miBatch<false>(ptrs, size);
    Round z = miBatch<true>(ptrs, size);
    ga.push_back(g.allocNs);
    gt.push_back(g.allocNs + g.freeNs);
    gf.push_back(double(g.faults));
    ma.push_back(m.allocNs);
    mt.push_back(m.allocNs + m.freeNs);
    mf.push_back(double(m.faults));
    za.push_back(z.allocNs);
    zt.push_back(z.allocNs + z.freeNs);
  }
  int pacedRuns = cfg.rounds < 3 ? cfg.rounds : 3;
  for (int r = 0; r < pacedRuns; r++) gp.push_back(goroPaced(cache, ring, size, cfg.paced));
  gc::collect();

  return Row{size,      median(ga), median(gt), median(gp), median(ma), median(mt),
             median(za), median(zt), median(gf), median(mf)};
}

int run(int argc, char** argv) {
  Config cfg;
  if (hasFlag(argc, argv, "--quick")) {
    cfg.batch = 20000;
    cfg.rounds = 3;
    cfg.paced = 200000;
  }
  cfg.batch = static_cast<size_t>(optionLong(argc, argv, "--batch", static_cast<long>(cfg.batch)));
  cfg.rounds = static_cast<int>(optionLong(argc, argv, "--rounds", cfg.rounds));
  cfg.paced = static_cast<size_t>(optionLong(argc, argv, "--paced", static_cast<long>(cfg.paced)));
  cfg.csv = hasFlag(argc, argv, "--csv");
  if (const char* list = option(argc, argv, "--sizes")) {
    cfg.sizes.clear();
    for (const char* p = list; *p != '\0';) {
      char* end = nullptr;
      long v = std::strtol(p, &end, 10);
      if (end == p || v < 1 || v > 32768) {
        std::fprintf(stderr, "goro-bench-alloc: bad --sizes list '%s' (sizes 1..32768)\n", list);
        return 2;
      }
      cfg.sizes.push_back(static_cast<size_t>(v));
      p = *end == ',' ? end + 1 : end;
    }
  }
  if (cfg.batch < 1) cfg.batch = 1;
  if (cfg.rounds < 1) cfg.rounds = 1;

  gc::setGcPercent(-1);
  alloc::MCache cache;

  std::printf("goro-bench-alloc: %zu objects per batch, median of %d rounds; paced: %zu objects, GOGC=100\n",
              cfg.batch, cfg.rounds, cfg.paced);
  printLoad();
  std::printf("ns per object. goro: gc::allocate through an MCache, reclaim = gc::collect() of the dead batch / batch;\n"
              "paced = GOGC=100, collections included. mimalloc %d: mi_malloc+mi_free, mi_zalloc+mi_free (zeroed,\n"
              "like Goro's objects). Ratios goro/mimalloc; the issue's target is <= 1.5x.\n\n",
              mi_version());
  std::printf("%5s | %-31s | %-15s | %-15s | %s\n", "", "goro", "mi_malloc", "mi_zalloc", "ratio goro/mimalloc");
  std::printf("%5s | %7s %7s %7s %7s | %7s %7s | %7s %7s | %7s %7s %7s\n", "bytes", "alloc", "reclaim", "total",
              "paced", "alloc", "+free", "alloc", "+free", "a/mall", "a/zall", "tot/mi");
  std::printf("------+---------------------------------+-----------------+-----------------+------------------------\n");

  std::vector<Row> rows;
  for (size_t size : cfg.sizes) {
    Row r = measure(cache, cfg, size);
    rows.push_back(r);
    std::printf("%5zu | %7.2f %7.2f %7.2f %7.2f | %7.2f %7.2f | %7.2f %7.2f | %6.2fx %6.2fx %6.2fx\n", r.size,
                r.goroAlloc, r.goroTotal - r.goroAlloc, r.goroTotal, r.goroPaced, r.miAlloc, r.miTotal, r.zAlloc,
                r.zTotal, ratio(r.goroAlloc, r.miAlloc), ratio(r.goroAlloc, r.zAlloc),
                ratio(r.goroTotal, r.miTotal));
    std::fflush(stdout);
  }

  std::printf("\npage faults per batch while allocating (goro / mi_malloc):");
  for (const Row& r : rows) std::printf(" %zuB %.0f/%.0f", r.size, r.goroFaults, r.miFaults);
  std::printf("\n");

  double g = 0, m = 0, z = 0, gt = 0, mt = 0;
  int meetAlloc = 0, meetTotal = 0;
  for (const Row& r : rows) {
    g += r.goroAlloc;
    m += r.miAlloc;
    z += r.zAlloc;
    gt += r.goroTotal;
    mt += r.miTotal;
    if (ratio(r.goroAlloc, r.miAlloc) <= 1.5) meetAlloc++;
    if (ratio(r.goroTotal, r.miTotal) <= 1.5) meetTotal++;
  }
  size_t n = rows.size();
  std::printf("mean over sizes: alloc goro %.2f ns, mi_malloc %.2f ns (%.2fx), mi_zalloc %.2f ns (%.2fx); "
              "alloc+reclaim goro %.2f ns, mi_malloc+free %.2f ns (%.2fx)\n",
              g / n, m / n, ratio(g, m), z / n, ratio(g, z), gt / n, mt / n, ratio(gt, mt));
  std::printf("target <= 1.5x mimalloc: alloc vs mi_malloc met for %d/%zu sizes, alloc+reclaim vs mi_malloc+free met "
              "for %d/%zu sizes\n",
              meetAlloc, n, meetTotal, n);
  if (cfg.csv) {
    std::printf("csv,size,goro_alloc,goro_total,goro_paced,mi_alloc,mi_total,mi_zalloc,mi_zalloc_total\n");
    for (const Row& r : rows) {
      std::printf("csv,%zu,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", r.size, r.goroAlloc, r.goroTotal, r.goroPaced,
                  r.miAlloc, r.miTotal, r.zAlloc, r.zTotal);
    }
  }
  return 0;
}

}  // namespace
}  // namespace goro::bench

int main(int argc, char** argv) { return goro::bench::run(argc, argv); }

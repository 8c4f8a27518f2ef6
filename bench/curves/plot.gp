# bench/curves/plot.gp: the curves' SVGs, from bench/curves/run.py's CSV files.
#
#   gnuplot -e "data='DIR'; out='DIR'; info_a='TEXT'; ...; n_gc_heap=3; n_spawn=2; ..." plot.gp
#
# run.py passes the variables: data, the directory of NAME.csv; out, where
# the SVGs go; info_a .. info_d, the conditions (processor, build, load,
# date) each plot's data were measured in, from its CSV's header; n_NAME,
# how many runtimes NAME.csv holds (0: the curve was not measured, and its
# plot is left out). A CSV holds x, then for each runtime three columns:
# its median, min and max (the error bars); the runtimes' names are the
# header row's. Goro is always the first runtime, drawn in blue.
#
# Four plots, each with a per-unit panel beside the total where the x range
# spans decades: a per-object or per-goroutine cost that rises with x is a
# cost that grows faster than linearly.

set terminal svg size 1100,460 dynamic enhanced font "sans,11" background "white"
set datafile separator ","
set datafile missing "?"
set grid
set key top left box opaque
set style line 1 lc rgb "#1f5fbf" lw 2 pt 7 ps 0.7
set style line 2 lc rgb "#c0392b" lw 2 pt 5 ps 0.7
set style line 3 lc rgb "#2e8b3d" lw 2 pt 9 ps 0.7
set format x "%.0s%c"

# f(k): the column of runtime k's median (its min and max follow it).
f(k) = 2 + 3 * k

# (a) full collection time against the live heap
if (n_gc_heap > 0) {
  set output out."/gc_heap.svg"
  set multiplot layout 1,2 title "(a) Full collection against the live heap\n{/*0.75 ".info_a."}"
  set logscale xy
  set xlabel "live objects"
  set ylabel "ms per runtime.GC()"
  plot for [k=0:n_gc_heap-1] data."/gc_heap.csv" \
    using 1:(column(f(k))):(column(f(k)+1)):(column(f(k)+2)) \
    with yerrorlines ls k+1 title columnhead(f(k))
  unset logscale y
  set logscale x
  set ylabel "ns per live object"
  plot for [k=0:n_gc_heap-1] data."/gc_heap.csv" \
    using 1:(column(f(k))*1e6/$1):(column(f(k)+1)*1e6/$1):(column(f(k)+2)*1e6/$1) \
    with yerrorlines ls k+1 title columnhead(f(k))
  unset multiplot
  unset logscale
}

# (b) spawn cost and parked memory against the number of goroutines
if (n_spawn > 0) {
  set output out."/spawn.svg"
  set multiplot layout 1,2 title "(b) Goroutines: spawn cost and parked memory against their number, GOMAXPROCS=2\n{/*0.75 ".info_b."}"
  set logscale x
  set xlabel "goroutines"
  set ylabel "ns per goroutine (spawn, send one value, exit)"
  set yrange [0:*]
  plot for [k=0:n_spawn-1] data."/spawn.csv" \
    using 1:(column(f(k))):(column(f(k)+1)):(column(f(k)+2)) \
    with yerrorlines ls k+1 title columnhead(f(k))
  if (n_parked > 0) {
    set ylabel "bytes per parked goroutine"
    plot for [k=0:n_parked-1] data."/parked.csv" \
      using 1:(column(f(k))):(column(f(k)+1)):(column(f(k)+2)) \
      with yerrorlines ls k+1 title columnhead(f(k))
  }
  unset multiplot
  unset logscale
  set yrange [*:*]
}

# (c) round trip (and fan-in, when measured) against GOMAXPROCS
if (n_roundtrip > 0) {
  set output out."/roundtrip.svg"
  set multiplot layout 1,2 title "(c) Channels against GOMAXPROCS\n{/*0.75 ".info_c."}"
  set logscale x 2
  set format x "%g"
  set xtics (1, 2, 4, 8)
  # Some room either side, so that the 1 and 8 points and ticks show.
  set xrange [0.8:10]
  set xlabel "GOMAXPROCS"
  set ylabel "ns per unbuffered round trip"
  set yrange [0:*]
  plot for [k=0:n_roundtrip-1] data."/roundtrip.csv" \
    using 1:(column(f(k))):(column(f(k)+1)):(column(f(k)+2)) \
    with yerrorlines ls k+1 title columnhead(f(k))
  if (n_fanin > 0) {
    set ylabel "s, whole process: 1M goroutines into a channel of 1024"
    plot for [k=0:n_fanin-1] data."/fanin.csv" \
      using 1:(column(f(k))):(column(f(k)+1)):(column(f(k)+2)) \
      with yerrorlines ls k+1 title columnhead(f(k))
  } else {
    # An empty panel that says why (the line -1 is below the y range).
    set label 1 "(c') fan-in: no bench/sched/fanin.goro yet" at graph 0.5, graph 0.5 center
    set yrange [0:1]
    unset ytics
    unset key
    set ylabel ""
    plot -1 notitle
    unset label 1
    set ytics autofreq
    set key
  }
  unset multiplot
  set xrange [*:*]
  unset logscale
  set xtics autofreq
  set format x "%.0s%c"
  set yrange [*:*]
}

# (d) full collection time against the number of parked goroutines
if (n_gc_parked > 0) {
  set output out."/gc_parked.svg"
  set multiplot layout 1,2 title "(d) Full collection against parked goroutines, GOMAXPROCS=2\n{/*0.75 ".info_d."}"
  set logscale xy
  set xlabel "parked goroutines"
  set ylabel "ms per runtime.GC()"
  plot for [k=0:n_gc_parked-1] data."/gc_parked.csv" \
    using 1:(column(f(k))):(column(f(k)+1)):(column(f(k)+2)) \
    with yerrorlines ls k+1 title columnhead(f(k))
  unset logscale y
  set logscale x
  set ylabel "ns per parked goroutine"
  plot for [k=0:n_gc_parked-1] data."/gc_parked.csv" \
    using 1:(column(f(k))*1e6/$1):(column(f(k)+1)*1e6/$1):(column(f(k)+2)*1e6/$1) \
    with yerrorlines ls k+1 title columnhead(f(k))
  unset multiplot
  unset logscale
}

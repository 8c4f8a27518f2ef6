-- gc_collect.lua: the Lua 5.4 side of goro-bench-gc (bench/gc_bench.cpp).
--
-- Builds N live 2-field tables in one of the benchmark's shapes, then times
-- REPS full collections, collectgarbage("collect"), with os.clock() (CPU
-- time of this single-threaded process), and prints one line per
-- collection and a final `result` line that goro-bench-gc parses:
--   result median_ms=M min_ms=M build_s=S kb=K
--
-- Shapes (the same as Goro's):
--   list    {i, next}, each table pointing at the one built before it;
--   tree    {left, right}, a complete binary tree built breadth-first
--           (children of node k are 2k and 2k+1);
--   random  {i, next}, linked through a random permutation (fixed seed);
--   wide    {i, i}, every table held by one array of N entries.
--
-- Usage: lua5.4 gc_collect.lua [list|tree|random|wide] [N] [REPS]

local shape = arg[1] or "list"
local n = tonumber(arg[2]) or 3000000
local reps = tonumber(arg[3]) or 5

collectgarbage("stop")  -- no cycles while building; the collections are timed below
local t0 = os.clock()
local root
if shape == "list" then
  local head = false
  for i = 1, n do head = {i, head} end
  root = head
elseif shape == "tree" then
  local t = {}
  for k = 1, n do t[k] = {false, false} end
  for k = 1, n do
    local node = t[k]
    if 2 * k <= n then node[1] = t[2 * k] end
    if 2 * k + 1 <= n then node[2] = t[2 * k + 1] end
  end
  root = t[1]
elseif shape == "wide" then
  local t = {}
  for k = 1, n do t[k] = {k, k} end
  root = t
elseif shape == "random" then
  local t, p = {}, {}
  for k = 1, n do
    t[k] = {k, false}
    p[k] = k
  end
  math.randomseed(42)
  for k = n, 2, -1 do
    local j = math.random(k)
    p[k], p[j] = p[j], p[k]
  end
  for k = 1, n - 1 do t[p[k]][2] = t[p[k + 1]] end
  root = t[p[1]]
else
  io.stderr:write("gc_collect.lua: unknown shape " .. shape .. " (list, tree, random, wide)\n")
  os.exit(2)
end
local buildS = os.clock() - t0
collectgarbage("restart")
-- Warm-up: frees the building's temporaries, so every timed cycle sees only
-- the live shape.
collectgarbage("collect")
collectgarbage("collect")

local times = {}
for r = 1, reps do
  local c0 = os.clock()
  collectgarbage("collect")
  local ms = (os.clock() - c0) * 1000
  times[r] = ms
  print(string.format("collect %d: %.2f ms", r, ms))
end
table.sort(times)
local median
if reps % 2 == 1 then
  median = times[(reps + 1) // 2]
else
  median = (times[reps // 2] + times[reps // 2 + 1]) / 2
end
assert(root)  -- keeps the shape alive through the timed collections
print(string.format("result median_ms=%.3f min_ms=%.3f build_s=%.3f kb=%.0f", median, times[1], buildS,
  collectgarbage("count")))

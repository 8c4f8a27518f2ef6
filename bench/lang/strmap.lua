local m = {}
for i = 0, 999999 do m["key" .. i] = i end
local sum = 0
for i = 0, 999999 do sum = sum + m["key" .. i] end
local n = 0
for _ in pairs(m) do n = n + 1 end
print(n, sum)

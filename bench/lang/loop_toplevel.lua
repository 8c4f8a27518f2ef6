-- The loop of loop.lua with sum a global instead of a local.
sum = 0
for i = 0, 100000000 - 1 do
  sum = sum + i * i % 7
end
print(sum)

# The loop of loop.py at module level: s and i are globals.
s = 0
for i in range(100000000):
    s += i * i % 7
print(s)

m = {}
for i in range(1000000):
    m["key" + str(i)] = i
s = 0
for i in range(1000000):
    s += m["key" + str(i)]
print(len(m), s)

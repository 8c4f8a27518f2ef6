# The loop inside a function, as loop.goro has it inside main (its twin at
# module level, where the variables are globals, is loop_toplevel.py).
def main():
    s = 0
    for i in range(100000000):
        s += i * i % 7
    print(s)


main()

// From A Tour of Go, "Exercise: Fibonacci closure" (go.dev/tour/moretypes/26), with a solution.
package main

import "fmt"

func fibonacci() func() int {
	a, b := 0, 1
	return func() int {
		r := a
		a, b = b, a+b
		return r
	}
}

func main() {
	f := fibonacci()
	for i := 0; i < 10; i++ {
		fmt.Println(f())
	}
}

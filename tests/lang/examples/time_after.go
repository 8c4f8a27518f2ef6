// From Go's time package documentation, the example of After (pkg.go.dev/time#example-After), in package main with a main that calls it.
package main

import (
	"fmt"
	"time"
)

var c chan int

func handle(int) {}

func ExampleAfter() {
	select {
	case m := <-c:
		handle(m)
	case <-time.After(10 * time.Second):
		fmt.Println("timed out")
	}
}

func main() {
	ExampleAfter()
}

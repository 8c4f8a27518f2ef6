// From Go's time package documentation, the example of Duration.Nanoseconds (pkg.go.dev/time#example-Duration.Nanoseconds), in package main with a main that calls it.
package main

import (
	"fmt"
	"time"
)

func ExampleDuration_Nanoseconds() {
	u, _ := time.ParseDuration("1µs")
	fmt.Printf("One microsecond is %d nanoseconds.\n", u.Nanoseconds())
}

func main() {
	ExampleDuration_Nanoseconds()
}

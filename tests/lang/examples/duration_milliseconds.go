// From Go's time package documentation, the example of Duration.Milliseconds (pkg.go.dev/time#example-Duration.Milliseconds), in package main with a main that calls it.
package main

import (
	"fmt"
	"time"
)

func ExampleDuration_Milliseconds() {
	u, _ := time.ParseDuration("1s")
	fmt.Printf("One second is %d milliseconds.\n", u.Milliseconds())
}

func main() {
	ExampleDuration_Milliseconds()
}

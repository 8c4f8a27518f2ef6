// From Go's time package documentation, the example of Duration.String (pkg.go.dev/time#example-Duration.String), in package main with a main that calls it.
package main

import (
	"fmt"
	"time"
)

func ExampleDuration_String() {
	fmt.Println(1*time.Hour + 2*time.Minute + 300*time.Millisecond)
	fmt.Println(300 * time.Millisecond)
}

func main() {
	ExampleDuration_String()
}

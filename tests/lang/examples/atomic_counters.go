// From Go by Example: Atomic Counters (gobyexample.com/atomic-counters)
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {

	// An atomic integer type holds the counter, which only grows.
	var ops atomic.Uint64

	// The WaitGroup lets main wait for every goroutine.
	var wg sync.WaitGroup

	// Fifty goroutines each add one to the counter a thousand times.
	for i := 0; i < 50; i++ {
		wg.Add(1)

		go func() {
			for c := 0; c < 1000; c++ {

				// Add increments the counter atomically.
				ops.Add(1)
			}

			wg.Done()
		}()
	}

	// Wait for all of them.
	wg.Wait()

	// Load reads the value atomically; nothing writes it now, but it
	// would be safe even while goroutines were still adding.
	fmt.Println("ops:", ops.Load())
}

// From The Go Programming Language (Donovan and Kernighan), section 1.3: dup1 (gopl.io/ch1/dup1)
// Dup1 prints each line that appears more than once in the standard
// input, after its count.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	counts := make(map[string]int)
	input := bufio.NewScanner(os.Stdin)
	for input.Scan() {
		counts[input.Text()]++
	}
	// NOTE: errors from input.Err() are ignored
	for line, n := range counts {
		if n > 1 {
			fmt.Printf("%d\t%s\n", n, line)
		}
	}
}

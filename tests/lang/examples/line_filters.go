// From Go by Example: Line Filters (gobyexample.com/line-filters)
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {

	// A buffered scanner over the unbuffered os.Stdin; Scan moves it to
	// the next line of the input.
	scanner := bufio.NewScanner(os.Stdin)

	for scanner.Scan() {
		// Text is the current line, without its newline.
		ucl := strings.ToUpper(scanner.Text())

		// Write out the line in upper case.
		fmt.Println(ucl)
	}

	// End of input is not an error; anything else that stopped Scan is.
	if err := scanner.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

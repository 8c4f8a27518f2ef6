// lang/lib/prelude_sort.cpp: the sort module's prelude, the members that
// call a script's function (sort.Slice, SliceStable, SliceIsSorted,
// Search), written in Goro (lib/prelude.h says how a prelude is loaded).
//
// Slice and SliceStable are Go 1.19's algorithms (src/sort/zsortfunc.go,
// pdqsort_func and stable_func) with the types removed, so they make the
// same calls of less, in the same order, and leave elements that compare
// equal in the same order as Go. Go's unsigned arithmetic is spelled out:
// `uint(i+j) >> 1` is `(i + j) >> 1` (indices are far from overflow) and
// the xorshift generator's logical right shift masks the sign bits.
#include "lang/lib/prelude.h"

namespace goro::lang::lib {

std::string_view sortPreludeSource() {
  return R"goro(// The sort module's prelude (lang/lib/prelude_sort.cpp).
package sort

func checkArray(x, fn) {
	if type(x) != "array" {
		panic("cannot use " + type(x) + " as array value in argument to " + fn)
	}
}

func Slice(x, less) {
	checkArray(x, "sort.Slice")
	length := len(x)
	limit := 0
	for n := length; n > 0; n >>= 1 {
		limit++
	}
	pdqsort(x, less, 0, length, limit)
}

func SliceStable(x, less) {
	checkArray(x, "sort.SliceStable")
	stable(x, less, len(x))
}

func SliceIsSorted(x, less) {
	checkArray(x, "sort.SliceIsSorted")
	for i := len(x) - 1; i > 0; i-- {
		if less(i, i-1) {
			return false
		}
	}
	return true
}

func Search(n, f) {
	i, j := 0, n
	for i < j {
		h := (i + j) >> 1
		if !f(h) {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

func insertionSort(x, less, a, b) {
	for i := a + 1; i < b; i++ {
		for j := i; j > a && less(j, j-1); j-- {
			x[j], x[j-1] = x[j-1], x[j]
		}
	}
}

func siftDown(x, less, lo, hi, first) {
	root := lo
	for {
		child := 2*root + 1
		if child >= hi {
			break
		}
		if child+1 < hi && less(first+child, first+child+1) {
			child++
		}
		if !less(first+root, first+child) {
			return
		}
		x[first+root], x[first+child] = x[first+child], x[first+root]
		root = child
	}
}

func heapSort(x, less, a, b) {
	first := a
	lo := 0
	hi := b - a
	for i := (hi - 1) / 2; i >= 0; i-- {
		siftDown(x, less, i, hi, first)
	}
	for i := hi - 1; i >= 0; i-- {
		x[first], x[first+i] = x[first+i], x[first]
		siftDown(x, less, lo, i, first)
	}
}

// choosePivot's hints are Go's sortedHint: 0 unknown, 1 increasing,
// 2 decreasing.
func pdqsort(x, less, a, b, limit) {
	maxInsertion := 12
	wasBalanced := true
	wasPartitioned := true
	for {
		length := b - a
		if length <= maxInsertion {
			insertionSort(x, less, a, b)
			return
		}
		if limit == 0 {
			heapSort(x, less, a, b)
			return
		}
		if !wasBalanced {
			breakPatterns(x, a, b)
			limit--
		}
		pivot, hint := choosePivot(less, a, b)
		if hint == 2 {
			reverseRange(x, a, b)
			pivot = (b - 1) - (pivot - a)
			hint = 1
		}
		if wasBalanced && wasPartitioned && hint == 1 {
			if partialInsertionSort(x, less, a, b) {
				return
			}
		}
		if a > 0 && !less(a-1, pivot) {
			a = partitionEqual(x, less, a, b, pivot)
			continue
		}
		mid, alreadyPartitioned := partition(x, less, a, b, pivot)
		wasPartitioned = alreadyPartitioned
		leftLen, rightLen := mid-a, b-mid
		balanceThreshold := length / 8
		if leftLen < rightLen {
			wasBalanced = leftLen >= balanceThreshold
			pdqsort(x, less, a, mid, limit)
			a = mid + 1
		} else {
			wasBalanced = rightLen >= balanceThreshold
			pdqsort(x, less, mid+1, b, limit)
			b = mid
		}
	}
}

func partition(x, less, a, b, pivot) {
	x[a], x[pivot] = x[pivot], x[a]
	i, j := a+1, b-1
	for i <= j && less(i, a) {
		i++
	}
	for i <= j && !less(j, a) {
		j--
	}
	if i > j {
		x[j], x[a] = x[a], x[j]
		return j, true
	}
	x[i], x[j] = x[j], x[i]
	i++
	j--
	for {
		for i <= j && less(i, a) {
			i++
		}
		for i <= j && !less(j, a) {
			j--
		}
		if i > j {
			break
		}
		x[i], x[j] = x[j], x[i]
		i++
		j--
	}
	x[j], x[a] = x[a], x[j]
	return j, false
}

func partitionEqual(x, less, a, b, pivot) {
	x[a], x[pivot] = x[pivot], x[a]
	i, j := a+1, b-1
	for {
		for i <= j && !less(a, i) {
			i++
		}
		for i <= j && less(a, j) {
			j--
		}
		if i > j {
			break
		}
		x[i], x[j] = x[j], x[i]
		i++
		j--
	}
	return i
}

func partialInsertionSort(x, less, a, b) {
	maxSteps := 5
	shortestShifting := 50
	i := a + 1
	for step := 0; step < maxSteps; step++ {
		for i < b && !less(i, i-1) {
			i++
		}
		if i == b {
			return true
		}
		if b-a < shortestShifting {
			return false
		}
		x[i], x[i-1] = x[i-1], x[i]
		if i-a >= 2 {
			for j := i - 1; j >= 1; j-- {
				if !less(j, j-1) {
					break
				}
				x[j], x[j-1] = x[j-1], x[j]
			}
		}
		if b-i >= 2 {
			for j := i + 1; j < b; j++ {
				if !less(j, j-1) {
					break
				}
				x[j], x[j-1] = x[j-1], x[j]
			}
		}
	}
	return false
}

func breakPatterns(x, a, b) {
	length := b - a
	if length >= 8 {
		random := length
		modulus := 1
		for n := length; n > 0; n >>= 1 {
			modulus <<= 1
		}
		for idx := a + (length/4)*2 - 1; idx <= a+(length/4)*2+1; idx++ {
			// xorshift's Next on a uint64: >> 17 is a logical shift.
			random ^= random << 13
			random ^= (random >> 17) & 0x7fffffffffff
			random ^= random << 5
			other := random & (modulus - 1)
			if other >= length {
				other -= length
			}
			x[idx], x[a+other] = x[a+other], x[idx]
		}
	}
}

func choosePivot(less, a, b) {
	shortestNinther := 50
	maxSwaps := 4 * 3
	l := b - a
	swaps := 0
	i := a + l/4*1
	j := a + l/4*2
	k := a + l/4*3
	if l >= 8 {
		if l >= shortestNinther {
			i, swaps = median(less, i-1, i, i+1, swaps)
			j, swaps = median(less, j-1, j, j+1, swaps)
			k, swaps = median(less, k-1, k, k+1, swaps)
		}
		j, swaps = median(less, i, j, k, swaps)
	}
	if swaps == 0 {
		return j, 1
	}
	if swaps == maxSwaps {
		return j, 2
	}
	return j, 0
}

// Go's order2 and median count swaps through a pointer; here they return
// the count.
func order2(less, a, b, swaps) {
	if less(b, a) {
		return b, a, swaps + 1
	}
	return a, b, swaps
}

func median(less, a, b, c, swaps) {
	a, b, swaps = order2(less, a, b, swaps)
	b, c, swaps = order2(less, b, c, swaps)
	a, b, swaps = order2(less, a, b, swaps)
	return b, swaps
}

func reverseRange(x, a, b) {
	i := a
	j := b - 1
	for i < j {
		x[i], x[j] = x[j], x[i]
		i++
		j--
	}
}

func swapRange(x, a, b, n) {
	for i := 0; i < n; i++ {
		x[a+i], x[b+i] = x[b+i], x[a+i]
	}
}

func stable(x, less, n) {
	blockSize := 20
	a, b := 0, blockSize
	for b <= n {
		insertionSort(x, less, a, b)
		a = b
		b += blockSize
	}
	insertionSort(x, less, a, n)
	for blockSize < n {
		a, b = 0, 2*blockSize
		for b <= n {
			symMerge(x, less, a, a+blockSize, b)
			a = b
			b += 2 * blockSize
		}
		m := a + blockSize
		if m < n {
			symMerge(x, less, a, m, n)
		}
		blockSize *= 2
	}
}

func symMerge(x, less, a, m, b) {
	if m-a == 1 {
		i := m
		j := b
		for i < j {
			h := (i + j) >> 1
			if less(h, a) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := a; k < i-1; k++ {
			x[k], x[k+1] = x[k+1], x[k]
		}
		return
	}
	if b-m == 1 {
		i := a
		j := m
		for i < j {
			h := (i + j) >> 1
			if !less(m, h) {
				i = h + 1
			} else {
				j = h
			}
		}
		for k := m; k > i; k-- {
			x[k], x[k-1] = x[k-1], x[k]
		}
		return
	}
	mid := (a + b) >> 1
	n := mid + m
	start := a
	r := m
	if m > mid {
		start = n - b
		r = mid
	}
	p := n - 1
	for start < r {
		c := (start + r) >> 1
		if !less(p-c, c) {
			start = c + 1
		} else {
			r = c
		}
	}
	end := n - start
	if start < m && m < end {
		rotate(x, start, m, end)
	}
	if a < start && start < mid {
		symMerge(x, less, a, start, mid)
	}
	if mid < end && end < b {
		symMerge(x, less, mid, end, b)
	}
}

func rotate(x, a, m, b) {
	i := m - a
	j := b - m
	for i != j {
		if i > j {
			swapRange(x, m-i, m, j)
			i -= j
		} else {
			swapRange(x, m-i, m+j-i, i)
			j -= i
		}
	}
	swapRange(x, m-i, m, i)
}
)goro";
}

}  // namespace goro::lang::lib

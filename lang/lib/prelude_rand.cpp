// lang/lib/prelude_rand.cpp: the rand module's prelude, rand.Shuffle,
// written in Goro because it calls the program's swap function
// (lib/prelude.h says how a prelude is loaded).
//
// Go's rand.Shuffle(n, swap): Fisher-Yates from the top, swap(i, j) with j
// uniform in [0, i]; n < 0 panics "invalid argument to Shuffle". The j's
// come from rand.Intn, so after rand.Seed(k) the order is the same on
// every run, though not Go's (Go draws them from its own generator).
#include "lang/lib/prelude.h"

namespace goro::lang::lib {

std::string_view randPreludeSource() {
  return R"goro(// The rand module's prelude (lang/lib/prelude_rand.cpp).
package rand

func Shuffle(n, swap) {
	if type(n) != "int" {
		panic("cannot use " + type(n) + " as int value in argument to rand.Shuffle")
	}
	if n < 0 {
		panic("invalid argument to Shuffle")
	}
	for i := n - 1; i > 0; i-- {
		swap(i, rand.Intn(i+1))
	}
}
)goro";
}

}  // namespace goro::lang::lib

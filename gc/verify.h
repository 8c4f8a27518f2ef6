// Heap verification (Lua's lua_checkmemory, mimalloc's expensive asserts).
//
// verifyMarks(): after marking, with the world stopped: every marked
// object's references point at marked objects. A failure means a trace
// function missed a reference or the mark loop lost work; it is fatal
// (GODEBUG=gccheckmark=1 runs it every cycle).
//
// verifyHeap(): at any point with the world stopped: every allocated object
// has a valid kind and every reference it holds points at an allocated
// object (or a persistent one). After a sweep this proves nothing live was
// freed. Returns the number of objects checked; dies on the first failure.
#pragma once

#include <cstdint>

namespace goro::gc {

void verifyMarks();
uint64_t verifyHeap();

}  // namespace goro::gc

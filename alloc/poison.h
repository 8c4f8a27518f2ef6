// Address-sanitizer poisoning of heap slots.
//
// In an address-sanitizer build every slot that is not allocated is
// poisoned: never-used slots as user-poisoned memory, freed slots with the
// shadow value ASan uses for freed heap memory, so that a read of a swept
// object is reported as a heap-use-after-free (this is how a stale
// allpSnapshot is caught). A slot is unpoisoned when it is allocated again.
// Outside address-sanitizer builds every function here is empty.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__SANITIZE_ADDRESS__)
#define GORO_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GORO_ASAN 1
#endif
#endif

namespace goro::alloc {

#ifdef GORO_ASAN
constexpr bool kAsan = true;
void poisonFresh(uintptr_t addr, size_t bytes);
void poisonFreed(uintptr_t addr, size_t bytes);
void unpoison(uintptr_t addr, size_t bytes);
#else
constexpr bool kAsan = false;
inline void poisonFresh(uintptr_t, size_t) {}
inline void poisonFreed(uintptr_t, size_t) {}
inline void unpoison(uintptr_t, size_t) {}
#endif

// Fills [addr, addr+bytes) with the repeating word 0xdeadbeef
// (GODEBUG=clobberfree=1).
void clobber(uintptr_t addr, size_t bytes);

}  // namespace goro::alloc

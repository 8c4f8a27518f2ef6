#include "alloc/poison.h"

#include <cstring>

#ifdef GORO_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace goro::alloc {

#ifdef GORO_ASAN
namespace {
// ASan's shadow byte for freed heap memory (kAsanHeapFreeMagic). The public
// interface can only write "user poisoned" (reported as use-after-poison),
// so freed slots are marked through the shadow mapping, which the public
// __asan_get_shadow_mapping describes.
constexpr unsigned char kHeapFreeMagic = 0xfd;

// Not instrumented, and through volatile stores so the loop is not turned
// into a call to memset (ASan's memset would check the shadow's shadow).
__attribute__((no_sanitize_address)) void writeShadow(uintptr_t addr, size_t bytes, unsigned char value) {
  size_t scale = 0, offset = 0;
  __asan_get_shadow_mapping(&scale, &offset);
  // Slots are 8-byte aligned multiples of 8, so whole shadow bytes cover them.
  auto* shadow = reinterpret_cast<volatile unsigned char*>((addr >> scale) + offset);
  for (size_t i = 0; i < (bytes >> scale); i++) shadow[i] = value;
}
}  // namespace

void poisonFresh(uintptr_t addr, size_t bytes) {
  ASAN_POISON_MEMORY_REGION(reinterpret_cast<void*>(addr), bytes);
}
void poisonFreed(uintptr_t addr, size_t bytes) { writeShadow(addr, bytes, kHeapFreeMagic); }
void unpoison(uintptr_t addr, size_t bytes) {
  ASAN_UNPOISON_MEMORY_REGION(reinterpret_cast<void*>(addr), bytes);
}
#endif

void clobber(uintptr_t addr, size_t bytes) {
  auto* words = reinterpret_cast<uint32_t*>(addr);
  for (size_t i = 0; i < bytes / sizeof(uint32_t); i++) words[i] = 0xdeadbeef;
}

}  // namespace goro::alloc

// mimalloc as the allocator of the runtime's own C++ structures: this file
// replaces the global operator new and delete with mimalloc's in every
// program that links the runtime (the linker pulls it in for the first
// `new`). Sanitizer builds keep the default operators, so that ASan and
// TSan still see every C++ allocation.
#if !defined(GORO_SANITIZE_BUILD)
#include <mimalloc-new-delete.h>
#endif

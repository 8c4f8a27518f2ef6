#include "gc/handles.h"

#include <mimalloc.h>

#include <mutex>

#include "gc/roots.h"
#include "runtime/fatal.h"
#include "runtime/mutex.h"

namespace goro::gc {

namespace {

// One thread's handle stack. Slots live in a mimalloc buffer that grows by
// doubling; a slot's index stays valid across growth (handles keep indices,
// not addresses).
struct HandleStack {
  runtime::Value* slots = nullptr;
  size_t top = 0;
  size_t capacity = 0;
  HandleStack* next = nullptr;
  HandleStack* prev = nullptr;

  HandleStack();
  ~HandleStack();
};

struct HandleRegistry {
  runtime::Mutex lock{runtime::LockRank::handles};
  HandleStack* head = nullptr;
  int rootsId = 0;
};

void scanHandles(RootVisitor& v, void* context);

HandleRegistry& registry() {
  static HandleRegistry* r = [] {
    auto* reg = new HandleRegistry();
    reg->rootsId = registerRoots(RootClass::handles, scanHandles, reg);
    return reg;
  }();
  return *r;
}

void scanHandles(RootVisitor& v, void* context) {
  auto* reg = static_cast<HandleRegistry*>(context);
  std::lock_guard<runtime::Mutex> guard(reg->lock);
  for (HandleStack* s = reg->head; s != nullptr; s = s->next) v.visitRange(s->slots, s->top);
}

HandleStack::HandleStack() {
  HandleRegistry& reg = registry();
  std::lock_guard<runtime::Mutex> guard(reg.lock);
  next = reg.head;
  if (reg.head != nullptr) reg.head->prev = this;
  reg.head = this;
}

HandleStack::~HandleStack() {
  HandleRegistry& reg = registry();
  {
    std::lock_guard<runtime::Mutex> guard(reg.lock);
    if (prev != nullptr) prev->next = next;
    else reg.head = next;
    if (next != nullptr) next->prev = prev;
  }
  mi_free(slots);
}

thread_local HandleStack tStack;

}  // namespace

namespace detail {

size_t pushHandle(runtime::Value v) {
  HandleStack& s = tStack;
  if (s.top == s.capacity) {
    size_t n = s.capacity == 0 ? 64 : 2 * s.capacity;
    // The registry lock keeps a concurrent scan from reading the old buffer
    // while it is replaced.
    std::lock_guard<runtime::Mutex> guard(registry().lock);
    auto* bigger = static_cast<runtime::Value*>(mi_realloc(s.slots, n * sizeof(runtime::Value)));
    if (bigger == nullptr) runtime::fatalOutOfMemory("cannot grow the handle stack");
    s.slots = bigger;
    s.capacity = n;
  }
  s.slots[s.top] = v;
  return s.top++;
}

void popHandle(size_t index) {
  HandleStack& s = tStack;
  if (index + 1 != s.top) {
    runtime::fatalf("gc handle released out of order: slot %zu released with %zu held", index, s.top);
  }
  s.top--;
}

runtime::Value& handleSlot(size_t index) { return tStack.slots[index]; }

}  // namespace detail

size_t handleDepth() { return tStack.top; }

}  // namespace goro::gc

#include "alloc/mcentral.h"

#include <mutex>

#include "alloc/mheap.h"

namespace goro::alloc {

void MCentral::pushLocked(Span* s) {
  Span*& head = s->full() ? full_ : partial_;
  s->onPartialList = !s->full();
  s->prev = nullptr;
  s->next = head;
  if (head != nullptr) head->prev = s;
  head = s;
}

void MCentral::removeLocked(Span* s) {
  Span*& head = s->onPartialList ? partial_ : full_;
  if (s->prev != nullptr) s->prev->next = s->next;
  else head = s->next;
  if (s->next != nullptr) s->next->prev = s->prev;
  s->next = s->prev = nullptr;
}

Span* MCentral::cacheSpan() {
  {
    std::lock_guard<runtime::Mutex> guard(lock_);
    if (Span* s = partial_) {
      removeLocked(s);
      s->inCache = true;
      return s;
    }
  }
  Span* s = Heap::instance().allocSmallSpan(sizeClass_);
  s->inCache = true;
  return s;
}

void MCentral::uncacheSpan(Span* s) {
  std::lock_guard<runtime::Mutex> guard(lock_);
  s->inCache = false;
  pushLocked(s);
}

void MCentral::resetForSweep() { partial_ = full_ = nullptr; }

void MCentral::addSwept(Span* s) { pushLocked(s); }

}  // namespace goro::alloc

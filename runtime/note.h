// Note: a one-shot wakeup event on a futex, as Go's note (runtime/
// lock_futex.go: noteclear, notesleep, notetsleep, notewakeup). An idle M
// parks on its note in stopm and is woken by startm/wakep.
//
// The word is 0 while the note is clear and 1 once it has been woken.
//
// Protocol and invariants:
// - clear() makes the note ready for one round; it must not race with
//   sleep() or wakeup() (the owner clears it before handing it out).
// - wakeup() is called at most once per clear(); a second one is a fatal
//   error ("notewakeup - double wakeup"), as in Go, because it means two
//   parties each believed they alone owned the wakeup.
// - At most one thread sleeps on a note at a time.
// - A wakeup that comes before the sleep is not lost: sleep() then returns at
//   once.
#pragma once

#include <atomic>
#include <cstdint>

namespace goro::runtime {

class Note {
 public:
  constexpr Note() = default;
  Note(const Note&) = delete;
  Note& operator=(const Note&) = delete;

  void clear();
  void wakeup();
  // Blocks until wakeup() has been called since the last clear().
  void sleep();
  // Like sleep(), but gives up after ns nanoseconds (ns < 0: no limit).
  // Returns true if the note was woken, false on timeout.
  bool sleepFor(int64_t ns);

 private:
  std::atomic<uint32_t> key_{0};
};

}  // namespace goro::runtime

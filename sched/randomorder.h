// The order in which a spinning M visits the other Ps to steal from (Go's
// randomOrder/randomEnum): every P exactly once per sweep, starting at a
// random P and moving by a random stride coprime with the count, so that
// stealers spread over victims without a shuffle per steal.
//
// Why it covers every P exactly once: with a stride s coprime with n, the
// positions start + k*s (mod n) for k = 0..n-1 are all distinct, since two
// equal ones would need n to divide (k1 - k2)*s, hence (k1 - k2).
//
// Invariant: reset(n) runs with the world stopped (procresize); start() and
// the enumeration are used by Ms holding a P, so they never see a reset.
#pragma once

#include <cstdint>

#include "runtime/settings.h"

namespace goro::sched {

class RandomEnum {
 public:
  RandomEnum(uint32_t count, uint32_t pos, uint32_t inc) : count_(count), pos_(pos), inc_(inc) {}
  bool done() const { return i_ == count_; }
  void next() {
    i_++;
    pos_ = (pos_ + inc_) % count_;
  }
  uint32_t position() const { return pos_; }

 private:
  uint32_t i_ = 0;
  uint32_t count_;
  uint32_t pos_;
  uint32_t inc_;
};

class RandomOrder {
 public:
  void reset(uint32_t count) {
    count_ = count;
    ncoprimes_ = 0;
    for (uint32_t i = 1; i <= count; i++) {
      if (gcd(i, count) == 1) coprimes_[ncoprimes_++] = i;
    }
  }
  // An enumeration chosen by the random number r. count must be >= 1.
  RandomEnum start(uint32_t r) const {
    return RandomEnum(count_, r % count_, coprimes_[(r / count_) % ncoprimes_]);
  }
  uint32_t count() const { return count_; }

 private:
  static uint32_t gcd(uint32_t a, uint32_t b) {
    while (b != 0) {
      uint32_t t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
  uint32_t count_ = 0;
  uint32_t ncoprimes_ = 0;
  uint32_t coprimes_[runtime::kMaxGomaxprocs] = {};
};

}  // namespace goro::sched

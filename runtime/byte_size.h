// Byte sizes as people write them: GOMEMLIMIT and --max-heap read them, and
// the heap's messages (the out-of-memory report, heap graphs) print them.
//
// Reading follows Go's GOMEMLIMIT: a whole number of bytes, then an optional
// unit, with no space and case as written. Go accepts the binary units
// B, KiB, MiB, GiB and TiB; Goro also accepts the decimal KB, MB, GB and TB
// (powers of 1000, as the SI prefixes mean), since people write them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace goro::runtime {

// The byte count `text` denotes, or nothing when it is malformed or does not
// fit in 63 bits (Go's limit is an int64).
std::optional<uint64_t> parseByteSize(std::string_view text);

// What parseByteSize accepts, for the message about a value it rejects.
inline constexpr const char* kByteSizeForms =
    "a whole number of bytes with an optional unit: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB";

// A size for a person: "512 B", "3.5 KiB", "64.0 MiB", "1.50 GiB". Made in
// place, without allocating: the out-of-memory report uses it.
struct ByteSizeText {
  char text[24];
  const char* c_str() const { return text; }
};
ByteSizeText formatByteSize(uint64_t bytes);

}  // namespace goro::runtime

// Whole-file reads and writes with Go's error wording: a failure is
// described as Go's *os.PathError prints it, "open /tmp/x: permission
// denied", "read /etc: is a directory", the errno description being the C
// library's with its first letter in lower case, which is how Go spells
// them. For os.ReadFile (lang/lib/os.cpp) and heap dumps (gc/heap_dump.h).
//
// Both are plain blocking system calls: callers on a goroutine make them
// inside a BlockingCall (lang/lib/native_context.h) or accept that their P
// waits. Interrupted calls are retried.
#pragma once

#include <string>
#include <string_view>

namespace goro::runtime {

// "OP PATH: DESCRIPTION OF err". Thread-safe (strerror_r).
std::string pathError(std::string_view op, std::string_view path, int err);

// Appends the file's bytes to *contents; false with *error set on failure.
bool readWholeFile(const std::string& path, std::string* contents, std::string* error);

// Creates or truncates the file (mode 0644 before the umask) and writes
// contents; false with *error set on failure (open, write or close).
bool writeWholeFile(const std::string& path, std::string_view contents, std::string* error);

}  // namespace goro::runtime

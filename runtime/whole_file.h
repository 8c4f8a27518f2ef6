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

// Creates or truncates the file (created with `mode`, before the umask)
// and writes contents; false with *error set on failure (open, write or
// close).
bool writeWholeFile(const std::string& path, std::string_view contents, std::string* error, unsigned mode = 0644);

// Removes the file or empty directory, as Go's os.Remove: false with
// *error set ("remove PATH: no such file or directory") on failure.
bool removePath(const std::string& path, std::string* error);

// Opens the file for reading (os.Open): the descriptor, or -1 with *error
// set ("open PATH: no such file or directory").
int openForReading(const std::string& path, std::string* error);

// Closes fd (File.Close): false with *error set ("close PATH: ...").
bool closeFile(int fd, std::string_view path, std::string* error);

// One read(2) of at most `size` bytes from fd, retried when interrupted:
// the count read (0 at end of file), or -1 with *err set to errno.
long readSome(int fd, char* buf, size_t size, int* err);

}  // namespace goro::runtime

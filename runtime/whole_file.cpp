// Whole-file reads and writes: see whole_file.h.
#include "runtime/whole_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace goro::runtime {

namespace {

// strerror_r, which unlike strerror may be called from several threads at
// once, comes in two flavours: GNU's returns the text (not necessarily in
// buf), XSI's fills buf and returns 0.
[[maybe_unused]] const char* errorText(const char* gnuResult, const char*) { return gnuResult; }
[[maybe_unused]] const char* errorText(int xsiResult, const char* buf) {
  return xsiResult == 0 ? buf : "unknown error";
}

int openRetrying(const std::string& path, int flags, mode_t mode = 0) {
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

}  // namespace

std::string pathError(std::string_view op, std::string_view path, int err) {
  std::string msg(op);
  msg += ' ';
  msg += path;
  msg += ": ";
  char buf[256];
  std::string text = errorText(::strerror_r(err, buf, sizeof buf), buf);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  msg += text;
  return msg;
}

bool readWholeFile(const std::string& path, std::string* contents, std::string* error) {
  int fd = openRetrying(path, O_RDONLY);
  if (fd < 0) {
    *error = pathError("open", path, errno);
    return false;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = pathError("read", path, errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    contents->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

bool writeWholeFile(const std::string& path, std::string_view contents, std::string* error, unsigned mode) {
  int fd = openRetrying(path, O_WRONLY | O_CREAT | O_TRUNC, static_cast<mode_t>(mode));
  if (fd < 0) {
    *error = pathError("open", path, errno);
    return false;
  }
  while (!contents.empty()) {
    ssize_t n = ::write(fd, contents.data(), contents.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = pathError("write", path, errno);
      ::close(fd);
      return false;
    }
    contents.remove_prefix(static_cast<size_t>(n));
  }
  // A full disk may be reported only now (NFS, some FUSE file systems).
  if (::close(fd) != 0 && errno != EINTR) {
    *error = pathError("close", path, errno);
    return false;
  }
  return true;
}

bool removePath(const std::string& path, std::string* error) {
  // Go's order: unlink, then rmdir; rmdir's error is the one reported
  // unless it says the path is not a directory.
  if (::unlink(path.c_str()) == 0) return true;
  int unlinkErr = errno;
  if (::rmdir(path.c_str()) == 0) return true;
  int rmdirErr = errno;
  *error = pathError("remove", path, rmdirErr != ENOTDIR ? rmdirErr : unlinkErr);
  return false;
}

int openForReading(const std::string& path, std::string* error) {
  int fd = openRetrying(path, O_RDONLY);
  if (fd < 0) *error = pathError("open", path, errno);
  return fd;
}

bool closeFile(int fd, std::string_view path, std::string* error) {
  // Linux frees the descriptor even when close fails: never retried.
  if (::close(fd) == 0 || errno == EINTR) return true;
  *error = pathError("close", path, errno);
  return false;
}

long readSome(int fd, char* buf, size_t size, int* err) {
  for (;;) {
    ssize_t n = ::read(fd, buf, size);
    if (n >= 0) return static_cast<long>(n);
    if (errno != EINTR) {
      *err = errno;
      return -1;
    }
  }
}

}  // namespace goro::runtime

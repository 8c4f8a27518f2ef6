#include "stress/failure_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace goro::stress {

FailureLog::FailureLog(std::string dir, std::string startTime) : dir_(std::move(dir)), startTime_(std::move(startTime)) {}

std::string FailureLog::prepare() {
  if (dir_.empty()) return "";
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return "cannot create -o directory \"" + dir_ + "\": " + ec.message();
  if (!std::filesystem::is_directory(dir_, ec)) return "-o \"" + dir_ + "\" is not a directory";
  if (access(dir_.c_str(), W_OK | X_OK) != 0) {
    return "cannot write to -o directory \"" + dir_ + "\": " + std::strerror(errno);
  }
  return "";
}

std::string FailureLog::write(const std::string& content, std::string* error) {
  if (dir_.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != 0 ? tmp : "/tmp") + "/goro-stress-" + startTime_ + "-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      *error = "cannot create a directory for failure logs (" + pattern + "): " + std::strerror(errno);
      return "";
    }
    dir_ = pattern;
  }
  for (;;) {
    std::string path = dir_ + "/goro-stress-" + startTime_ + "-" + std::to_string(++written_) + ".log";
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST) continue;
    if (fd < 0) {
      *error = "cannot create " + path + ": " + std::strerror(errno);
      return "";
    }
    size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fd, content.data() + done, content.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        *error = "cannot write " + path + ": " + std::strerror(errno);
        close(fd);
        return "";
      }
      done += static_cast<size_t>(n);
    }
    if (close(fd) != 0) {
      *error = "cannot write " + path + ": " + std::strerror(errno);
      return "";
    }
    return path;
  }
}

namespace {

std::string notesAndEnding(const std::vector<std::string>& notes, const std::string& ending) {
  std::string out;
  for (const std::string& note : notes) out += note + "\n";
  return out + "ERROR: " + ending + "\n";
}

}  // namespace

std::string failureLogText(const std::string& output, const std::vector<std::string>& notes,
                           const std::string& ending) {
  return output + "\n\n" + notesAndEnding(notes, ending);
}

std::string consoleExcerpt(const std::string& output, const std::vector<std::string>& notes,
                           const std::string& ending, size_t maxLines) {
  std::string out;
  size_t pos = 0;
  size_t lines = 0;
  while (pos < output.size() && lines < maxLines) {
    size_t end = output.find('\n', pos);
    if (end == std::string::npos) end = output.size();
    out.append(output, pos, end - pos);
    out += '\n';
    pos = end + 1;
    lines++;
  }
  if (pos < output.size()) out += "...\n";
  return out + notesAndEnding(notes, ending);
}

std::string compactTimestamp() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%S", &local);
  return buf;
}

}  // namespace goro::stress

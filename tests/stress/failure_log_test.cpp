// stress/failure_log.h: one file per failure, and the console's excerpt.
#include "stress/failure_log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace goro::stress {
namespace {

namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh directory under the build's temporary directory, removed at the end.
class FailureLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "goro-stress-unit-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST(FailureLogText, IsTheOutputThenTheNotesAndTheErrorLine) {
  EXPECT_EQ(failureLogText("out\n", {}, "exit status 1"), "out\n\n\nERROR: exit status 1\n");
  EXPECT_EQ(failureLogText("x", {"timed out after 1s; sent SIGABRT"}, "signal: aborted"),
            "x\n\ntimed out after 1s; sent SIGABRT\nERROR: signal: aborted\n");
}

TEST(ConsoleExcerpt, ShowsTheFirstLinesThenHowTheRunEnded) {
  std::string output;
  for (int i = 1; i <= 15; i++) output += "line " + std::to_string(i) + "\n";
  EXPECT_EQ(consoleExcerpt(output, {"note"}, "exit status 2", 3), "line 1\nline 2\nline 3\n...\nnote\nERROR: exit status 2\n");
  // Exactly maxLines lines, or a last line without a newline: nothing is cut.
  EXPECT_EQ(consoleExcerpt("a\nb\n", {}, "exit status 1", 2), "a\nb\nERROR: exit status 1\n");
  EXPECT_EQ(consoleExcerpt("a\nb", {}, "exit status 1", 2), "a\nb\nERROR: exit status 1\n");
  EXPECT_EQ(consoleExcerpt("", {}, "signal: killed", 10), "ERROR: signal: killed\n");
}

TEST_F(FailureLogTest, WritesNumberedFilesInTheGivenDirectory) {
  FailureLog log((dir_ / "logs").string(), "20250101T120000");
  ASSERT_EQ(log.prepare(), "");
  EXPECT_TRUE(fs::is_directory(dir_ / "logs"));
  std::string error;
  std::string first = log.write("one", &error);
  std::string second = log.write("two", &error);
  EXPECT_EQ(first, (dir_ / "logs" / "goro-stress-20250101T120000-1.log").string()) << error;
  EXPECT_EQ(second, (dir_ / "logs" / "goro-stress-20250101T120000-2.log").string()) << error;
  EXPECT_EQ(slurp(first), "one");
  EXPECT_EQ(slurp(second), "two");
}

TEST_F(FailureLogTest, SkipsNamesAlreadyTaken) {
  std::ofstream(dir_ / "goro-stress-T-1.log") << "older";
  FailureLog log(dir_.string(), "T");
  ASSERT_EQ(log.prepare(), "");
  std::string error;
  EXPECT_EQ(log.write("new", &error), (dir_ / "goro-stress-T-2.log").string()) << error;
  EXPECT_EQ(slurp((dir_ / "goro-stress-T-1.log").string()), "older");
}

TEST_F(FailureLogTest, WithoutADirectoryMakesAFreshOneAtTheFirstFailure) {
  std::string saved = getenv("TMPDIR") != nullptr ? getenv("TMPDIR") : "";
  setenv("TMPDIR", dir_.c_str(), 1);
  FailureLog log("", "20250101T120000");
  EXPECT_EQ(log.prepare(), "");
  EXPECT_EQ(log.directory(), "");
  EXPECT_TRUE(fs::is_empty(dir_));  // nothing made before a failure
  std::string error;
  std::string path = log.write("boom", &error);
  if (saved.empty()) unsetenv("TMPDIR"); else setenv("TMPDIR", saved.c_str(), 1);
  ASSERT_FALSE(path.empty()) << error;
  fs::path made = log.directory();
  EXPECT_EQ(made.parent_path(), dir_);
  EXPECT_EQ(made.filename().string().rfind("goro-stress-20250101T120000-", 0), 0u) << made;
  EXPECT_EQ(fs::path(path).parent_path(), made);
  EXPECT_EQ(slurp(path), "boom");
}

TEST_F(FailureLogTest, ADirectoryThatIsAFileIsRefused) {
  std::ofstream(dir_ / "plain") << "x";
  FailureLog log((dir_ / "plain").string(), "T");
  EXPECT_NE(log.prepare(), "");
}

TEST(CompactTimestamp, LooksLikeGoStressLogNames) {
  std::string t = compactTimestamp();
  ASSERT_EQ(t.size(), 15u) << t;
  EXPECT_EQ(t[8], 'T');
}

}  // namespace
}  // namespace goro::stress

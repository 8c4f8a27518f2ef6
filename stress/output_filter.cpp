#include "stress/output_filter.h"

namespace goro::stress {

namespace {

std::shared_ptr<const RE2> compileOne(const std::string& pattern, std::string* error) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const RE2>(pattern, options);
  if (!re->ok()) {
    *error = "bad regexp \"" + pattern + "\": " + re->error();
    return nullptr;
  }
  return re;
}

std::shared_ptr<const RE2> compileFlag(const std::string& flag, const std::string& pattern, std::string* error) {
  std::shared_ptr<const RE2> re = compileOne(pattern, error);
  if (!re) *error = "-" + flag + ": " + *error;
  return re;
}

}  // namespace

std::optional<OutputFilter> OutputFilter::compile(const std::string& failure, const std::string& ignore,
                                                  std::string* error) {
  OutputFilter filter;
  if (!failure.empty() && !(filter.failure_ = compileFlag("failure", failure, error))) return std::nullopt;
  if (!ignore.empty() && !(filter.ignore_ = compileFlag("ignore", ignore, error))) return std::nullopt;
  return filter;
}

std::string OutputFilter::check(const std::string& pattern) {
  std::string error;
  compileOne(pattern, &error);
  return error;
}

bool OutputFilter::countsAsFailure(bool runFailed, const std::string& output) const {
  if (!runFailed) return false;
  if (failure_ && !RE2::PartialMatch(output, *failure_)) return false;
  if (ignore_ && RE2::PartialMatch(output, *ignore_)) return false;
  return true;
}

}  // namespace goro::stress

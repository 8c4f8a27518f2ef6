// lang/cmd/trace_command.cpp: `goro trace view` (lang/cmd/trace_command.h),
// its command line through CLI11.
#include "lang/cmd/trace_command.h"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "lang/cmd/trace_svg.h"
#include "lang/cmd/trace_view.h"

namespace goro::lang::cmd {

namespace {

int failure(const std::string& msg) {
  std::fprintf(stderr, "goro trace: %s\n", msg.c_str());
  return 2;
}

int viewTrace(const std::string& input, const std::string& output, int width) {
  TraceModel model;
  try {
    model = readTraceFile(input);
  } catch (const TraceError& e) {
    return failure(input + ": " + e.what());
  }
  TraceSvgOptions options;
  options.width = width;
  options.title = input;
  std::string svg = renderTraceSvg(model, options);
  if (output.empty() || output == "-") {
    std::fwrite(svg.data(), 1, svg.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : failure("write standard output: " + std::string(std::strerror(errno)));
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!out) return failure("create " + output + ": " + std::strerror(errno));
  out.write(svg.data(), static_cast<std::streamsize>(svg.size()));
  out.close();
  if (!out) return failure("write " + output + ": " + std::strerror(errno));
  return 0;
}

int usageError(const std::string& msg) {
  std::fprintf(stderr, "goro trace: %s\nUsage: goro trace view FILE [-o OUT.svg] [--width PIXELS]\n", msg.c_str());
  return 2;
}

}  // namespace

int runTraceCommand(int argc, char** argv) {
  CLI::App app{"goro trace works with the trace files that goro run --trace writes.", "goro trace"};
  app.require_subcommand(1, 1);
  CLI::App* view = app.add_subcommand("view", "draw a trace as an SVG timeline");
  std::string input, output;
  int width = 1200;
  view->add_option("FILE", input, "the trace (Chrome trace-event JSON)")->required();
  view->add_option("-o,--output", output, "the SVG file to write (default: standard output)");
  view->add_option("--width", width, "the picture's width in pixels (default 1200)")
      ->check(CLI::Range(kMinTraceSvgWidth, 100000));
  app.footer("Usage:\n  goro trace view FILE [-o OUT.svg] [--width PIXELS]");
  // CLI11 would say only that a subcommand is required; name the word.
  if (argc > 1 && argv[1][0] != '-' && std::strcmp(argv[1], "view") != 0) {
    return usageError("unknown subcommand " + std::string(argv[1]) + " (there is one: view)");
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::ParseError& e) {
    return usageError(e.what());
  }
  return viewTrace(input, output, width);
}

}  // namespace goro::lang::cmd

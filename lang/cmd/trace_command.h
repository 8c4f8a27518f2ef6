// lang/cmd/trace_command.h: `goro trace`, the commands on trace files.
//
//   goro trace view FILE [-o OUT.svg] [--width PIXELS]
//
// draws the trace FILE (lang/cmd/trace_view.h) as an SVG timeline
// (lang/cmd/trace_svg.h), into OUT.svg or, without -o, on standard output.
// A usage error, a file that cannot be read or is not a trace, and an
// output that cannot be written: a message on standard error and status 2.
#pragma once

namespace goro::lang::cmd {

// Runs `goro trace ...`; argv[0] is "trace". Returns the exit status.
int runTraceCommand(int argc, char** argv);

}  // namespace goro::lang::cmd

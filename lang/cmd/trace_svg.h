// lang/cmd/trace_svg.h: a trace (lang/cmd/trace_view.h) drawn as an SVG
// timeline, `goro trace view`'s picture.
//
// From top to bottom:
//
//   title     the file, its Ps and Ms, its span and how many events were
//             drawn and skipped
//   time axis milliseconds since the trace's first event, ticks at 1, 2 or
//             5 times a power of ten, about one per 100 pixels, with faint
//             grid lines down through the lanes
//   world     stop-the-world slices with their reason; the collection's
//             mark and sweep phases in its lower half
//   GOMAXPROCS the counter as a step line; each change a dashed vertical
//             line through every lane, labelled "GOMAXPROCS 2 -> 4" where
//             there is room; each new allp array a diamond
//   P lanes   one per P (P0, P1, ...): each G's run a rectangle coloured by
//             its goroutine id (a fixed palette of twelve colours,
//             goid mod 12, so G5 has the same colour in every picture),
//             "G5" written inside when it fits; goroutine creation,
//             blocking and readying as ticks at the lane's foot
//   M lanes   one per M: the Gs it ran (coloured and labelled as on the
//             Ps), its parked spans in grey, and findRunnable's P-less
//             tail hatched
//   legend
//
// Stop-the-world is also shaded across every lane, beneath the runs. Every
// shape carries an SVG <title>, so a browser shows the event's name, time
// and args on hover. All text from the trace is escaped for XML.
//
// Long traces. Nothing narrower than a pixel is drawn on its own: on a
// lane, consecutive slices narrower than a pixel, each starting within two
// pixels of the one before, become one shape ("37 runs of 5 goroutines",
// the first few named in its title), and instants closer than two pixels
// become one mark. So a lane holds at most one shape per three pixels of
// width (plus the slices wide enough to see), whatever the trace's length:
// a picture of 8 Ps and 8 Ms at the default width stays under 2 MB, and a
// 100,000-event trace of a busy program gives a few hundred kilobytes
// (tests/tools/trace_view_test.cpp and trace_view_check.py check both).
#pragma once

#include <string>
#include <string_view>

#include "lang/cmd/trace_view.h"

namespace goro::lang::cmd {

struct TraceSvgOptions {
  int width = 1200;   // pixels, the whole picture (the lanes get less)
  std::string title;  // the first line of the picture, e.g. the file name
};

// The smallest width renderTraceSvg accepts (narrower is raised to it).
constexpr int kMinTraceSvgWidth = 400;

// The picture, a complete SVG document.
std::string renderTraceSvg(const TraceModel& model, const TraceSvgOptions& options);

// text escaped for XML character data and attribute values: & < > " '
// as entities, control characters XML 1.0 cannot hold as U+FFFD.
std::string xmlEscape(std::string_view text);

// The palette colour ("#rrggbb") of goroutine goid's runs.
const char* goroutineColour(int64_t goid);

}  // namespace goro::lang::cmd

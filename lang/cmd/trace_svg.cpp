// lang/cmd/trace_svg.cpp: the SVG timeline (the picture and its limits:
// lang/cmd/trace_svg.h).
//
// The body is written first, into a string, with the lanes placed from the
// top down; the <svg> header, which needs the final height, goes in front
// of it at the end. Drawing order is painting order: lane backgrounds,
// the stop-the-world shading and grid lines beneath, then the slices, then
// the GOMAXPROCS lines and the labels on top.
#include "lang/cmd/trace_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <vector>

namespace goro::lang::cmd {

namespace {

// Twelve colours that stay apart from one another and from the runtime's
// own colours below (no light red as stop-the-world's, no grey as merged
// runs' and parked Ms', not the purples of the GC phases).
constexpr const char* kPalette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#76b7b2", "#edc948", "#9c755f",
                                    "#d37295", "#a0cbe8", "#8cd17d", "#ffbe7d", "#b6992d", "#499894"};
constexpr int kPaletteSize = sizeof kPalette / sizeof kPalette[0];

constexpr const char* kMergedFill = "#8c8c8c";      // runs of several Gs, merged
constexpr const char* kUnknownGFill = "#c7c7c7";    // a run without a goroutine id
constexpr const char* kStwFill = "#f4a3a3";         // the stop-the-world bar
constexpr const char* kStwShade = "#d62728";        // its shading, at kStwShadeOpacity
constexpr double kStwShadeOpacity = 0.12;
constexpr const char* kMarkFill = "#5b2c6f";
constexpr const char* kSweepFill = "#c39bd3";
constexpr const char* kParkedFill = "#d9d9d9";
constexpr const char* kProcresizeStroke = "#6a3d9a";
constexpr const char* kAllpFill = "#e8741a";
constexpr const char* kCounterStroke = "#6a3d9a";
constexpr const char* kLaneFill = "#f3f3f3";
constexpr const char* kGridStroke = "#e0e0e0";

constexpr double kMinPixels = 1.0;        // narrower slices are merged...
constexpr double kMergeGapPixels = 2.0;   // ...across gaps up to this wide
constexpr double kInstantMergePixels = 2.0;
constexpr double kCharWidth = 6.2;        // an average glyph at font-size 10
constexpr int kMarginLeft = 80;
constexpr int kMarginRight = 16;
constexpr int kTitleHeight = 26;
constexpr int kAxisHeight = 22;
constexpr int kWorldHeight = 30;
constexpr int kProcsHeight = 34;
constexpr int kPLaneHeight = 22;
constexpr int kMLaneHeight = 16;
constexpr int kLaneGap = 3;
constexpr int kGroupGap = 10;
constexpr double kTickSpacingPixels = 100;
constexpr size_t kListedInTitle = 6;  // items named in a merged shape's title

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// A coordinate, to a tenth of a pixel.
std::string px(double v) {
  std::string s = fmt("%.1f", v);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

// A duration in microseconds, in the unit that suits it.
std::string formatDuration(double us) {
  if (us < 1) return fmt("%.0f ns", us * 1000);
  if (us < 1000) return fmt("%.3g µs", us);
  if (us < 1e6) return fmt("%.3f ms", us / 1000);
  return fmt("%.3f s", us / 1e6);
}

bool darkColour(const char* hex) {
  unsigned r = 0, g = 0, b = 0;
  std::sscanf(hex, "#%02x%02x%02x", &r, &g, &b);
  return 0.299 * r + 0.587 * g + 0.114 * b < 110;
}

double textWidth(std::string_view text) {
  // UTF-8 continuation bytes are not glyphs of their own.
  size_t glyphs = 0;
  for (unsigned char c : text) glyphs += (c & 0xC0) != 0x80;
  return static_cast<double>(glyphs) * kCharWidth;
}

// text, or its start and "…" if it is wider than width; "" when not even
// three characters and the "…" fit.
std::string fitText(const std::string& text, double width) {
  if (textWidth(text) <= width) return text;
  size_t glyphs = static_cast<size_t>(width / kCharWidth);
  if (glyphs < 4) return "";
  size_t cut = 0;
  for (size_t kept = 0; cut < text.size() && kept < glyphs - 1; kept++) {
    do cut++;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80);
  }
  return text.substr(0, cut) + "…";
}

// A run of consecutive slices (or instants) drawn as one shape.
struct Group {
  size_t first = 0;
  size_t count = 0;
  double x0 = 0;
  double x1 = 0;
};

class TimelineWriter {
 public:
  TimelineWriter(const TraceModel& model, const TraceSvgOptions& options)
      : model_(model), width_(std::max(options.width, kMinTraceSvgWidth)), title_(options.title) {
    plotLeft_ = kMarginLeft;
    plotWidth_ = width_ - kMarginLeft - kMarginRight;
    begin_ = model.begin;
    span_ = model.end > model.begin ? model.end - model.begin : 1000;
  }

  std::string render() {
    writeDefs();
    writeTitle();
    double y = kTitleHeight + kAxisHeight;
    worldTop_ = y;
    y += kWorldHeight + kLaneGap;
    procsTop_ = y;
    y += kProcsHeight + kGroupGap;
    for (size_t i = 0; i < model_.ps.size(); i++) {
      pLaneTops_.push_back(y);
      y += kPLaneHeight + kLaneGap;
    }
    if (!model_.ms.empty()) y += kGroupGap - kLaneGap;
    for (size_t i = 0; i < model_.ms.size(); i++) {
      mLaneTops_.push_back(y);
      y += kMLaneHeight + kLaneGap;
    }
    lanesBottom_ = y - kLaneGap;

    writeLaneBackgrounds();
    writeStopTheWorldShading();
    writeAxis();
    writeWorldLane();
    size_t i = 0;
    for (const auto& [id, lane] : model_.ps) writeLane(lane, pLaneTops_[i++], kPLaneHeight, true);
    i = 0;
    for (const auto& [id, lane] : model_.ms) writeLane(lane, mLaneTops_[i++], kMLaneHeight, false);
    writeProcsLane();
    if (model_.drawnEvents == 0) {
      text(plotLeft_ + plotWidth_ / 2, procsTop_ + kProcsHeight + 16, "no events to draw", "middle", "#555");
    }
    double height = writeLegend(lanesBottom_ + 18);

    std::string doc;
    doc += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    doc += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width_) + "\" height=\"" +
           px(height) + "\" viewBox=\"0 0 " + std::to_string(width_) + " " + px(height) +
           "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">\n";
    doc += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"><title>" + xmlEscape(title_) + "</title></rect>\n";
    doc += body_;
    doc += "</svg>\n";
    return doc;
  }

 private:
  double x(double t) const { return plotLeft_ + (t - begin_) / span_ * plotWidth_; }

  std::string at(double t) const { return "at " + fmt("%.3f ms", (t - begin_) / 1000); }

  void rect(double x0, double y0, double w, double h, std::string_view fill, std::string_view title,
            std::string_view extra = "") {
    body_ += "<rect x=\"" + px(x0) + "\" y=\"" + px(y0) + "\" width=\"" + px(w) + "\" height=\"" + px(h) +
             "\" fill=\"" + std::string(fill) + "\"";
    if (!extra.empty()) body_ += " " + std::string(extra);
    body_ += "><title>" + xmlEscape(title) + "</title></rect>\n";
  }

  static std::string textElement(double x0, double y0, std::string_view s, std::string_view anchor = "start",
                                 std::string_view colour = "#222", std::string_view extra = "") {
    std::string e = "<text x=\"" + px(x0) + "\" y=\"" + px(y0) + "\" fill=\"" + std::string(colour) + "\"";
    if (anchor != "start") e += " text-anchor=\"" + std::string(anchor) + "\"";
    if (!extra.empty()) e += " " + std::string(extra);
    return e + ">" + xmlEscape(s) + "</text>";
  }

  void text(double x0, double y0, std::string_view s, std::string_view anchor = "start",
            std::string_view colour = "#222", std::string_view extra = "") {
    body_ += textElement(x0, y0, s, anchor, colour, extra) + "\n";
  }

  // Consecutive slices narrower than a pixel, each starting within
  // kMergeGapPixels of the group's end, are one group; a wider slice is a
  // group of its own. So groups of narrow slices lie more than
  // kMergeGapPixels apart, or have a wide slice between them.
  std::vector<Group> groupSlices(const std::vector<TraceSlice>& slices) const {
    std::vector<Group> groups;
    bool open = false;
    for (size_t i = 0; i < slices.size(); i++) {
      double x0 = x(slices[i].start), x1 = x(slices[i].end());
      bool narrow = x1 - x0 < kMinPixels;
      if (open && narrow && x0 <= groups.back().x1 + kMergeGapPixels) {
        groups.back().count++;
        groups.back().x1 = std::max(groups.back().x1, x1);
        continue;
      }
      groups.push_back({i, 1, x0, x1});
      open = narrow;
    }
    for (Group& g : groups) g.x1 = std::max(g.x1, g.x0 + kMinPixels);
    return groups;
  }

  // Instants closer than kInstantMergePixels to a group's first are one group.
  template <typename Instant>
  std::vector<Group> groupInstants(const std::vector<Instant>& instants) const {
    std::vector<Group> groups;
    for (size_t i = 0; i < instants.size(); i++) {
      double xi = x(instants[i].ts);
      if (!groups.empty() && xi - groups.back().x0 < kInstantMergePixels) {
        groups.back().count++;
        groups.back().x1 = xi;
        continue;
      }
      groups.push_back({i, 1, xi, xi});
    }
    return groups;
  }

  // "from 1.000 ms to 1.250 ms" for a merged group of slices.
  std::string spanText(const std::vector<TraceSlice>& slices, const Group& g) const {
    double end = slices[g.first].end();
    for (size_t i = g.first; i < g.first + g.count; i++) end = std::max(end, slices[i].end());
    return "from " + fmt("%.3f ms", (slices[g.first].start - begin_) / 1000) + " to " +
           fmt("%.3f ms", (end - begin_) / 1000);
  }

  // The title of a group of slices: the slice's own, or "N <what> (on
  // <where>), merged" and the time they span.
  std::string groupSliceTitle(const std::vector<TraceSlice>& slices, const Group& g, std::string_view where,
                              std::string_view what) const {
    if (g.count == 1) return sliceTitle(slices[g.first], where);
    std::string t = std::to_string(g.count) + " " + std::string(what);
    if (!where.empty()) t += " on " + std::string(where);
    return t + ", each narrower than a pixel, merged\n" + spanText(slices, g);
  }

  std::string sliceTitle(const TraceSlice& s, std::string_view where) const {
    std::string t = s.name.empty() ? s.category : s.name;
    if (!where.empty()) t += " on " + std::string(where);
    t += "\n" + at(s.start) + " for " + formatDuration(s.dur);
    if (!s.details.empty()) t += "\n" + s.details;
    return t;
  }

  std::string instantTitle(const TraceInstant& e) const {
    std::string t = e.name.empty() ? e.category : e.name;
    t += "\n" + at(e.ts);
    if (!e.details.empty()) t += "\n" + e.details;
    return t;
  }

  // The title of a group of instants: the one, or the count and the first few.
  template <typename Describe>
  std::string groupTitle(const std::vector<TraceInstant>& instants, const Group& g, std::string_view what,
                         Describe describe) const {
    if (g.count == 1) return instantTitle(instants[g.first]);
    std::string t = std::to_string(g.count) + " " + std::string(what) + " within two pixels, " + at(instants[g.first].ts);
    for (size_t i = g.first; i < g.first + std::min(g.count, kListedInTitle); i++) t += "\n" + describe(instants[i]);
    if (g.count > kListedInTitle) t += "\n...";
    return t;
  }

  void writeDefs() {
    // findRunnable's P-less tail: orange stripes.
    body_ +=
        "<defs><pattern id=\"pless-tail\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
        "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fde0b6\"/>"
        "<rect width=\"3\" height=\"6\" fill=\"#e8741a\"/></pattern></defs>\n";
  }

  void writeTitle() {
    std::string line = title_.empty() ? "Goro trace" : title_;
    line += ": " + std::to_string(model_.ps.size()) + " Ps, " + std::to_string(model_.ms.size()) + " Ms, " +
            formatDuration(model_.end - model_.begin) + ", " + std::to_string(model_.drawnEvents) + " events drawn";
    if (model_.skippedEvents > 0) line += ", " + std::to_string(model_.skippedEvents) + " of other kinds skipped";
    text(8, 17, line, "start", "#111", "font-size=\"12\" font-weight=\"bold\"");
  }

  void laneBackground(double top, double h, const std::string& label, const std::string& title) {
    rect(plotLeft_, top, plotWidth_, h, kLaneFill, title);
    text(plotLeft_ - 6, top + h / 2 + 3.5, label, "end");
  }

  void writeLaneBackgrounds() {
    laneBackground(worldTop_, kWorldHeight, "world",
                   "world: stop-the-world (" + std::to_string(model_.stopTheWorld.size()) + ") and GC phases (" +
                       std::to_string(model_.gcPhases.size()) + ")");
    laneBackground(procsTop_, kProcsHeight, "GOMAXPROCS",
                   "GOMAXPROCS: " + std::to_string(model_.procresizes.size()) + " changes, " +
                       std::to_string(model_.allpArrays.size()) + " new allp arrays");
    size_t i = 0;
    for (const auto& [id, lane] : model_.ps) {
      laneBackground(pLaneTops_[i++], kPLaneHeight, lane.label,
                     lane.label + ": " + std::to_string(lane.runs.size()) + " goroutine runs");
    }
    i = 0;
    for (const auto& [id, lane] : model_.ms) {
      laneBackground(mLaneTops_[i++], kMLaneHeight, lane.label,
                     lane.label + ": " + std::to_string(lane.runs.size()) + " goroutine runs, " +
                         std::to_string(lane.states.size()) + " parked spans, " + std::to_string(lane.tails.size()) +
                         " P-less tails");
    }
  }

  void writeStopTheWorldShading() {
    std::string opacity = "fill-opacity=\"" + fmt("%.2f", kStwShadeOpacity) + "\"";
    for (const Group& g : groupSlices(model_.stopTheWorld)) {
      std::string title = groupSliceTitle(model_.stopTheWorld, g, "", "stops of the world");
      rect(g.x0, worldTop_, g.x1 - g.x0, lanesBottom_ - worldTop_, kStwShade, title, opacity);
    }
  }

  void writeAxis() {
    double spanMs = span_ / 1000;
    double raw = spanMs / std::max(1.0, plotWidth_ / kTickSpacingPixels);
    double power = std::pow(10, std::floor(std::log10(raw)));
    double step = power;
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
      if (m * power >= raw) {
        step = m * power;
        break;
      }
    }
    int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    char format[32];
    std::snprintf(format, sizeof format, "%%.%df ms", decimals);
    double axisY = kTitleHeight + kAxisHeight - 4;
    body_ += "<line x1=\"" + px(plotLeft_) + "\" y1=\"" + px(axisY) + "\" x2=\"" + px(plotLeft_ + plotWidth_) +
             "\" y2=\"" + px(axisY) + "\" stroke=\"#444\"/>\n";
    for (int k = 0;; k++) {
      double ms = k * step;
      if (ms > spanMs * (1 + 1e-9)) break;
      double xt = plotLeft_ + ms / spanMs * plotWidth_;
      body_ += "<line x1=\"" + px(xt) + "\" y1=\"" + px(axisY) + "\" x2=\"" + px(xt) + "\" y2=\"" +
               px(lanesBottom_) + "\" stroke=\"" + kGridStroke + "\"/>\n";
      body_ += "<line x1=\"" + px(xt) + "\" y1=\"" + px(axisY - 4) + "\" x2=\"" + px(xt) + "\" y2=\"" + px(axisY) +
               "\" stroke=\"#444\"/>\n";
      text(xt, axisY - 6, fmt(format, ms), k == 0 ? "start" : "middle", "#444");
    }
  }

  void writeWorldLane() {
    double half = (kWorldHeight - 2) / 2.0;
    for (const Group& g : groupSlices(model_.stopTheWorld)) {
      const TraceSlice& first = model_.stopTheWorld[g.first];
      std::string title = groupSliceTitle(model_.stopTheWorld, g, "", "stops of the world");
      rect(g.x0, worldTop_ + 1, g.x1 - g.x0, half, kStwFill, title);
      // The whole name if it fits, else the reason in its brackets, cut
      // short if need be.
      std::string label = g.count == 1 ? first.name : "";
      if (textWidth(label) + 4 > g.x1 - g.x0) {
        size_t open = label.find('(');
        label = open == std::string::npos ? "" : fitText(label.substr(open + 1, label.size() - open - 2), g.x1 - g.x0 - 4);
      }
      if (!label.empty()) text(g.x0 + 2, worldTop_ + half - 2, label);
    }
    for (const Group& g : groupSlices(model_.gcPhases)) {
      const TraceSlice& first = model_.gcPhases[g.first];
      bool mark = g.count == 1 && first.name == "mark";
      const char* fill = g.count > 1 ? kMergedFill : mark ? kMarkFill : kSweepFill;
      std::string title = groupSliceTitle(model_.gcPhases, g, "", "GC phases");
      rect(g.x0, worldTop_ + 1 + half, g.x1 - g.x0, half, fill, title);
      if (g.count == 1 && textWidth(first.name) + 4 <= g.x1 - g.x0) {
        text(g.x0 + 2, worldTop_ + 2 * half - 2, first.name, "start", mark ? "#fff" : "#222");
      }
    }
  }

  // Goroutine runs of one lane, between top and top + h.
  void writeRuns(const TraceLane& lane, double top, double h) {
    for (const Group& g : groupSlices(lane.runs)) {
      const TraceSlice& first = lane.runs[g.first];
      if (g.count == 1) {
        const char* fill = first.goid >= 0 ? goroutineColour(first.goid) : kUnknownGFill;
        rect(g.x0, top, g.x1 - g.x0, h, fill, sliceTitle(first, lane.label));
        std::string label = first.goid >= 0 ? "G" + std::to_string(first.goid) : first.name;
        if (textWidth(label) + 4 <= g.x1 - g.x0) {
          text(g.x0 + 2, top + h / 2 + 3.5, label, "start", darkColour(fill) ? "#fff" : "#111");
        }
        continue;
      }
      std::set<int64_t> goids;
      for (size_t i = g.first; i < g.first + g.count; i++) goids.insert(lane.runs[i].goid);
      std::string title = std::to_string(g.count) + " runs of " + std::to_string(goids.size()) +
                          (goids.size() == 1 ? " goroutine" : " goroutines") + " on " + lane.label +
                          ", each narrower than a pixel, merged\n" + spanText(lane.runs, g) + "\n";
      size_t listed = 0;
      for (int64_t id : goids) {
        if (listed++ == kListedInTitle) {
          title += " ...";
          break;
        }
        title += (listed > 1 ? " G" : "G") + (id >= 0 ? std::to_string(id) : std::string("?"));
      }
      const char* fill = goids.size() == 1 && *goids.begin() >= 0 ? goroutineColour(*goids.begin()) : kMergedFill;
      rect(g.x0, top, g.x1 - g.x0, h, fill, title);
    }
  }

  // Slices of one kind (parked spans, P-less tails) on a lane.
  void writeSpans(const std::vector<TraceSlice>& spans, const TraceLane& lane, double top, double h,
                  std::string_view fill, std::string_view kind) {
    for (const Group& g : groupSlices(spans)) {
      rect(g.x0, top, g.x1 - g.x0, h, fill, groupSliceTitle(spans, g, lane.label, kind));
    }
  }

  static const char* markColour(const std::string& name) {
    if (name.rfind("go ", 0) == 0) return "#2ca02c";
    if (name.rfind("block", 0) == 0) return "#d62728";
    if (name.rfind("ready", 0) == 0) return "#1f77b4";
    return "#555555";
  }

  void writeLane(const TraceLane& lane, double top, double h, bool isP) {
    if (!isP) {
      writeSpans(lane.tails, lane, top, h, "url(#pless-tail)", "P-less tails");
      writeSpans(lane.states, lane, top + 3, h - 6, kParkedFill, "parked spans");
    }
    writeRuns(lane, top, h);
    for (const Group& g : groupInstants(lane.marks)) {
      const TraceInstant& first = lane.marks[g.first];
      const char* fill = markColour(first.name);
      for (size_t i = g.first + 1; i < g.first + g.count; i++) {
        if (markColour(lane.marks[i].name) != fill) fill = "#555555";
      }
      std::string title = groupTitle(lane.marks, g, "goroutine events on " + lane.label,
                                     [](const TraceInstant& e) { return e.name; });
      rect(g.x0 - 1, top + h - 5, 2 + (g.x1 - g.x0), 5, fill, title);
    }
  }

  void writeProcsLane() {
    double top = procsTop_, h = kProcsHeight;
    // The counter as a step line, at most four points per pixel column.
    if (!model_.gomaxprocs.empty()) {
      double maxValue = 1;
      for (const TraceCounterPoint& p : model_.gomaxprocs) maxValue = std::max(maxValue, p.value);
      auto yOf = [&](double v) { return top + h - 3 - v / maxValue * (h - 16); };
      std::string points;
      auto add = [&](double xp, double v) { points += px(xp) + "," + px(yOf(v)) + " "; };
      double last = model_.gomaxprocs.front().value;
      size_t i = 0;
      while (i < model_.gomaxprocs.size()) {
        double column = std::floor(x(model_.gomaxprocs[i].ts));
        double lo = model_.gomaxprocs[i].value, hi = lo, value = lo;
        for (; i < model_.gomaxprocs.size() && std::floor(x(model_.gomaxprocs[i].ts)) == column; i++) {
          value = model_.gomaxprocs[i].value;
          lo = std::min(lo, value);
          hi = std::max(hi, value);
        }
        add(column, last);
        if (lo != hi) {
          add(column, lo);
          add(column, hi);
        }
        add(column, value);
        last = value;
      }
      add(x(model_.end), last);
      body_ += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + kCounterStroke +
               "\" stroke-width=\"1.5\"><title>GOMAXPROCS counter: " + std::to_string(model_.gomaxprocs.size()) +
               " values, the last " + fmt("%g", last) + "</title></polyline>\n";
    }
    // Changes: a dashed line through every lane, labelled where there is room.
    double labelEnds[2] = {-1e9, -1e9};
    for (const Group& g : groupInstants(model_.procresizes)) {
      const TraceInstant& first = model_.procresizes[g.first];
      std::string title = groupTitle(model_.procresizes, g, "GOMAXPROCS changes",
                                     [](const TraceInstant& e) { return e.name; });
      body_ += "<g><title>" + xmlEscape(title) + "</title>";
      body_ += "<line x1=\"" + px(g.x0) + "\" y1=\"" + px(top) + "\" x2=\"" + px(g.x0) + "\" y2=\"" + px(lanesBottom_) +
               "\" stroke=\"" + kProcresizeStroke + "\" stroke-width=\"1.2\" stroke-dasharray=\"4,2\"/>";
      std::string label = g.count == 1 ? first.name : std::to_string(g.count) + " GOMAXPROCS changes";
      double w = textWidth(label);
      for (int row = 0; row < 2; row++) {
        if (g.x0 + 3 >= labelEnds[row] && g.x0 + 3 + w <= plotLeft_ + plotWidth_) {
          body_ += textElement(g.x0 + 3, top + 10 + row * 10, label, "start", kProcresizeStroke,
                               "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"");
          labelEnds[row] = g.x0 + 3 + w + 6;
          break;
        }
      }
      body_ += "</g>\n";
    }
    // New allp arrays: diamonds at the lane's foot.
    for (const Group& g : groupInstants(model_.allpArrays)) {
      std::string title = groupTitle(model_.allpArrays, g, "new allp arrays",
                                     [](const TraceInstant& e) { return e.details; });
      if (g.count == 1) title = "new allp array\n" + title.substr(title.find('\n') + 1);
      double cx = (g.x0 + g.x1) / 2, cy = top + h - 6;
      body_ += "<polygon points=\"" + px(cx) + "," + px(cy - 5) + " " + px(cx + 4) + "," + px(cy) + " " + px(cx) + "," +
               px(cy + 5) + " " + px(cx - 4) + "," + px(cy) + "\" fill=\"" + kAllpFill +
               "\" stroke=\"#fff\" stroke-width=\"0.8\"><title>" + xmlEscape(title) + "</title></polygon>\n";
    }
  }

  // The legend from top down, wrapping at the picture's width; returns the
  // picture's height.
  double writeLegend(double top) {
    struct Item {
      std::string label;
      std::string title;
      std::string swatch;  // SVG at (0,0), 14 wide, 10 high
    };
    auto box = [](std::string_view fill, double x0 = 0, double w = 14) {
      return "<rect x=\"" + px(x0) + "\" width=\"" + px(w) + "\" height=\"10\" fill=\"" + std::string(fill) + "\"/>";
    };
    std::string palette;
    for (int k = 0; k < 4; k++) palette += box(kPalette[k], k * 3.5, 3.5);
    std::vector<Item> items = {
        {"G run (colour: goroutine id)", "a goroutine's run on a P (and on its M); G<id> inside when it fits", palette},
        {"runs merged", "several runs, each narrower than a pixel, drawn as one", box(kMergedFill)},
        {"stop-the-world", "stop-the-world, with its reason; shaded across every lane", box(kStwFill)},
        {"mark", "the collection's mark phase", box(kMarkFill)},
        {"sweep", "the collection's sweep phase", box(kSweepFill)},
        {"M parked", "an M parked, waiting for work", box(kParkedFill)},
        {"P-less tail", "findRunnable's P-less tail: the M has dropped its P and checks the allp snapshot",
         box("url(#pless-tail)")},
        {"GOMAXPROCS change", "a GOMAXPROCS change (procresize)",
         std::string("<line x1=\"7\" y1=\"-1\" x2=\"7\" y2=\"11\" stroke=\"") + kProcresizeStroke +
             "\" stroke-width=\"1.2\" stroke-dasharray=\"4,2\"/>"},
        {"new allp array", "procresize made a new allp array",
         std::string("<polygon points=\"7,0 11,5 7,10 3,5\" fill=\"") + kAllpFill + "\"/>"},
        {"go / block / ready", "goroutine created (green), blocked (red), made ready (blue)",
         box("#2ca02c", 1, 3) + box("#d62728", 5.5, 3) + box("#1f77b4", 10, 3)},
    };
    double xCursor = plotLeft_, y = top;
    for (const Item& item : items) {
      double w = 14 + 5 + textWidth(item.label) + 16;
      if (xCursor + w > width_ - kMarginRight && xCursor > plotLeft_) {
        xCursor = plotLeft_;
        y += 16;
      }
      body_ += "<g transform=\"translate(" + px(xCursor) + "," + px(y) + ")\"><title>" + xmlEscape(item.title) +
               "</title>" + item.swatch + "<text x=\"19\" y=\"9\" fill=\"#222\">" + xmlEscape(item.label) +
               "</text></g>\n";
      xCursor += w;
    }
    return y + 22;
  }

  const TraceModel& model_;
  int width_;
  std::string title_;
  double plotLeft_ = 0;
  double plotWidth_ = 0;
  double begin_ = 0;  // microseconds at the plot's left edge
  double span_ = 1;   // microseconds across the plot; > 0
  double worldTop_ = 0;
  double procsTop_ = 0;
  double lanesBottom_ = 0;
  std::vector<double> pLaneTops_;
  std::vector<double> mLaneTops_;
  std::string body_;
};

}  // namespace

const char* goroutineColour(int64_t goid) {
  int64_t k = goid % kPaletteSize;
  return kPalette[k < 0 ? k + kPaletteSize : k];
}

std::string xmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string renderTraceSvg(const TraceModel& model, const TraceSvgOptions& options) {
  return TimelineWriter(model, options).render();
}

}  // namespace goro::lang::cmd

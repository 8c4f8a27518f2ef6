#include "stress/flags.h"

#include "stress/duration.h"

#include <cctype>

namespace goro::stress {

namespace {

bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

// CLI11's help, with the option names spelled as Go's flag package prints them.
class GoFlagFormatter : public CLI::Formatter {
 public:
  explicit GoFlagFormatter(std::string usage) : usage_(std::move(usage)) {}

  std::string make_usage(const CLI::App* app, std::string name) const override {
    if (usage_.empty()) return CLI::Formatter::make_usage(app, std::move(name));
    return "Usage: " + usage_ + "\n";
  }

  std::string make_option_name(const CLI::Option* opt, bool isPositional) const override {
    return goFlagMessage(CLI::Formatter::make_option_name(opt, isPositional));
  }

 private:
  std::string usage_;  // the usage lines, without "Usage: "; "" for CLI11's
};

}  // namespace

TranslatedArgs translateGoFlags(const CLI::App& app, const std::vector<std::string>& args) {
  TranslatedArgs out;
  size_t i = 0;
  for (; i < args.size(); i++) {
    const std::string& arg = args[i];
    if (arg == "--") {
      i++;
      break;
    }
    // "-" alone and anything without a leading dash end the flags, as in Go.
    if (arg.size() < 2 || arg[0] != '-') break;
    std::string body = arg.substr(arg[1] == '-' ? 2 : 1);
    size_t equals = body.find('=');
    std::string name = body.substr(0, equals);
    // Not a name Go would accept ("---x", "-=x"): hand it to CLI11 unchanged to reject.
    if (name.empty() || name[0] == '-' || name[0] == '=') {
      out.flags.push_back(arg);
      continue;
    }
    const CLI::Option* option = app.get_option_no_throw("--" + name);
    bool takesValue = option != nullptr && option->get_expected_min() > 0;
    if (takesValue && equals == std::string::npos && i + 1 < args.size()) {
      out.flags.push_back("--" + name + "=" + args[++i]);
    } else {
      out.flags.push_back("--" + body);
    }
  }
  out.rest.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  return out;
}

std::unique_ptr<CLI::App> goFlagApp(const std::string& description, const std::string& name,
                                    const std::string& usage) {
  auto app = std::make_unique<CLI::App>(description, name);
  app->option_defaults()->group("Flags");
  app->set_help_flag("--help,--h", "print this help");
  app->formatter(std::make_shared<GoFlagFormatter>(usage));
  return app;
}

void takeLastOfRepeatedFlags(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->get_expected_min() > 0) option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  }
}

std::string goFlagMessage(const std::string& cli11Message) {
  // A "--" that starts a word and is followed by a name loses one dash.
  std::string out;
  for (size_t i = 0; i < cli11Message.size(); i++) {
    bool startsWord = i == 0 || std::isspace(static_cast<unsigned char>(cli11Message[i - 1])) ||
                      cli11Message[i - 1] == ',' || cli11Message[i - 1] == '[';
    if (startsWord && cli11Message.compare(i, 2, "--") == 0 && i + 2 < cli11Message.size() &&
        isNameChar(cli11Message[i + 2]) && cli11Message[i + 2] != '-') {
      i++;  // skip one of the two dashes
    }
    out += cli11Message[i];
  }
  return out;
}

FlagParse parseGoFlags(CLI::App& app, const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  TranslatedArgs translated = translateGoFlags(app, args);
  std::vector<std::string> argv = {app.get_name()};
  argv.insert(argv.end(), translated.flags.begin(), translated.flags.end());
  std::vector<const char*> cargv;
  for (const std::string& a : argv) cargv.push_back(a.c_str());
  FlagParse result;
  try {
    app.parse(static_cast<int>(cargv.size()), cargv.data());
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), out);
    result.exitStatus = 0;
    return result;
  } catch (const CLI::ParseError& e) {
    std::fprintf(err, "%s: %s\nRun '%s -help' for usage.\n", app.get_name().c_str(), goFlagMessage(e.what()).c_str(),
                 app.get_name().c_str());
    result.exitStatus = 2;
    return result;
  }
  result.ok = true;
  result.rest = std::move(translated.rest);
  return result;
}

// A flag holding a Go duration; `allowZero` for the ones where 0 means "no limit".
CLI::Option* addDurationFlag(CLI::App& app, const std::string& name, Duration* target, bool allowZero,
                             const std::string& description) {
  CLI::Option* option = app.add_option_function<std::string>(
      "--" + name,
      [name, target, allowZero](const std::string& text) {
        DurationParse parsed = parseDuration(text);
        if (!parsed.value) throw CLI::ValidationError("-" + name, parsed.error);
        if (parsed.value->count() < 0 || (!allowZero && parsed.value->count() == 0)) {
          throw CLI::ValidationError("-" + name, "must be " + std::string(allowZero ? "0 or more" : "more than 0") +
                                                     ", not " + text);
        }
        *target = *parsed.value;
      },
      description);
  option->type_name("DURATION");
  option->default_str(formatDuration(*target));
  return option;
}

}  // namespace goro::stress

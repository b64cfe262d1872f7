#include "cli.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "site.h"
#include "template.h"

namespace gongkai {

namespace fs = std::filesystem;

namespace {

/// Exit statuses: the contract scripts rely on.
constexpr int kExitOk = 0;
constexpr int kExitContentError = 1;
constexpr int kExitUsageError = 2;

struct CommonOptions {
  std::string source = ".";
  bool drafts = false;
  bool quiet = false;
};

struct BuildCommandOptions {
  std::string output;
  unsigned jobs = 0;
  std::string dump_views;
};

struct CheckCommandOptions {
  std::string format = "text";
};

struct TemplateCommandOptions {
  std::string file;
  std::string data;
  std::string partials;
};

void add_common(CLI::App& command, CommonOptions& common) {
  command.add_option("-s,--source", common.source, "Site folder, the one holding site.toml")
      ->capture_default_str();
  command.add_flag("--drafts", common.drafts, "Include reports marked draft = true");
  command.add_flag("-q,--quiet", common.quiet, "Print errors and warnings only");
}

void print_diagnostics(const Diagnostics& diagnostics) {
  std::string text = diagnostics.format_all();
  if (!text.empty()) std::cerr << text << std::flush;
}

std::string summary(const Diagnostics& diagnostics) {
  return std::to_string(diagnostics.error_count()) + " error(s), " +
         std::to_string(diagnostics.warning_count()) + " warning(s)";
}

/// The site folder as an absolute, normal path; reports when it holds no site.toml.
std::optional<fs::path> site_folder(const std::string& source, Diagnostics& diagnostics) {
  std::error_code ec;
  fs::path dir = fs::absolute(source, ec).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  if (!fs::is_regular_file(dir / "site.toml", ec)) {
    diagnostics.error({(dir / "site.toml").string(), 0, 0},
                      "no site.toml here: run gongkai in a site folder or name one with --source");
    return std::nullopt;
  }
  return dir;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [end, _] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return end == outer.end();
}

/// The output folder must not be the site's own folder, hold it, or lie among its sources:
/// publishing replaces the whole output folder.
bool output_is_safe(const fs::path& source, const fs::path& output, Diagnostics& diagnostics) {
  bool inside_sources = false;
  for (const char* folder : {"content", "templates", "assets", "i18n"}) {
    inside_sources = inside_sources || is_within(output, source / folder);
  }
  if (is_within(source, output) || inside_sources) {
    diagnostics.error({output.string(), 0, 0},
                      "the output folder must not be the site folder, contain it, or lie inside "
                      "content/, templates/, assets/ or i18n/");
    return false;
  }
  return true;
}

std::optional<Site> load_and_check(const BuildOptions& options, Diagnostics& diagnostics) {
  std::optional<Site> site = Site::load(options, diagnostics);
  if (site) site->check(diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return site;
}

int run_build(const CommonOptions& common, const BuildCommandOptions& build) {
  auto start = std::chrono::steady_clock::now();
  Diagnostics diagnostics;
  std::optional<fs::path> source = site_folder(common.source, diagnostics);
  fs::path output = build.output.empty() ? fs::path() : fs::absolute(build.output).lexically_normal();
  if (source && output.empty()) output = *source / "public";
  if (!source || !output_is_safe(*source, output, diagnostics)) {
    print_diagnostics(diagnostics);
    return kExitContentError;
  }
  BuildOptions options{*source, common.drafts, build.jobs, build.dump_views};
  std::optional<Site> site = load_and_check(options, diagnostics);
  DiskOutput writer(output, diagnostics);
  if (site && writer.begin()) site->build(writer, diagnostics);
  bool published = site && !diagnostics.has_errors() && writer.commit();
  print_diagnostics(diagnostics);
  if (!published) {
    std::cerr << "build failed: " << summary(diagnostics) << "; nothing was published\n";
    return kExitContentError;
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  if (!common.quiet) {
    const PublishStats& stats = writer.stats();
    std::cout << "built " << site->report_count() << " reports of " << site->department_count()
              << " departments: " << stats.files << " files (" << stats.unchanged
              << " unchanged), " << stats.bytes << " bytes in " << ms.count() << " ms → "
              << output.string() << "\n";
  }
  return kExitOk;
}

nlohmann::json diagnostics_json(const Diagnostics& diagnostics) {
  nlohmann::json items = nlohmann::json::array();
  for (const Diagnostic& d : diagnostics.sorted()) {
    items.push_back({{"severity", d.severity == Severity::error     ? "error"
                                  : d.severity == Severity::warning ? "warning"
                                                                    : "note"},
                     {"path", d.where.path},
                     {"line", d.where.line},
                     {"column", d.where.column},
                     {"message", d.message}});
  }
  return {{"errors", diagnostics.error_count()},
          {"warnings", diagnostics.warning_count()},
          {"diagnostics", items}};
}

int run_check(const CommonOptions& common, const CheckCommandOptions& check) {
  Diagnostics diagnostics;
  std::optional<fs::path> source = site_folder(common.source, diagnostics);
  std::optional<Site> site;
  if (source) site = load_and_check({*source, common.drafts, 0, {}}, diagnostics);
  if (check.format == "json") {
    std::cout << diagnostics_json(diagnostics).dump(2) << "\n";
  } else {
    print_diagnostics(diagnostics);
    if (site && !common.quiet) {
      std::cout << "checked " << site->report_count() << " reports of "
                << site->department_count() << " departments: " << summary(diagnostics) << "\n";
    }
  }
  return diagnostics.has_errors() ? kExitContentError : kExitOk;
}

int run_template(const TemplateCommandOptions& options) {
  Diagnostics diagnostics;
  auto optional_path = [](const std::string& s) {
    return s.empty() ? std::optional<fs::path>() : std::optional<fs::path>(s);
  };
  int status = template_command(options.file, optional_path(options.data),
                                optional_path(options.partials), std::cout, diagnostics);
  std::cout.flush();
  print_diagnostics(diagnostics);
  return status;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"gongkai: a static site generator for government budget transparency"};
  app.set_version_flag("--version", std::string("gongkai ") + GONGKAI_VERSION);
  app.require_subcommand(1);

  CommonOptions common;
  BuildCommandOptions build;
  CLI::App* build_cmd = app.add_subcommand("build", "Check the site and build it into the output folder");
  add_common(*build_cmd, common);
  build_cmd->add_option("-o,--output", build.output, "Output folder (default: SOURCE/public)");
  build_cmd->add_option("-j,--jobs", build.jobs, "Rendering threads (default: one per core)");
  build_cmd->add_option("--dump-views", build.dump_views,
                        "Also write every page's view model as JSON into this folder");

  CheckCommandOptions check;
  CLI::App* check_cmd = app.add_subcommand("check", "Validate content and figures without writing anything");
  add_common(*check_cmd, common);
  check_cmd->add_option("--format", check.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  TemplateCommandOptions tmpl;
  CLI::App* template_cmd = app.add_subcommand(
      "template", "Render one Mustache template with a JSON data file to standard output");
  template_cmd->add_option("file", tmpl.file, "Template file")->required();
  template_cmd->add_option("--data", tmpl.data, "JSON file with the data (default: {})");
  template_cmd->add_option("--partials", tmpl.partials,
                           "Folder where partial NAME is read from NAME.mustache");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    return status == 0 ? kExitOk : kExitUsageError;
  }
  if (build_cmd->parsed()) return run_build(common, build);
  if (check_cmd->parsed()) return run_check(common, check);
  if (template_cmd->parsed()) return run_template(tmpl);
  return kExitUsageError;
}

}  // namespace gongkai

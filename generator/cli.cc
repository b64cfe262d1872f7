#include "cli.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "import_command.h"
#include "scaffold.h"
#include "serve.h"
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
  bool coverage = false;
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
  if (site) note_raw_html(site->config(), diagnostics);
  if (site) site->check(diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return site;
}

/// ", N of them kept from the last build" for a build that kept departments of the published
/// site; "" for one that kept none.
std::string kept_note(std::size_t kept) {
  if (kept == 0) return "";
  return ", " + std::to_string(kept) + " of them kept from the last build";
}

long long milliseconds_since(std::chrono::steady_clock::time_point start) {
  auto elapsed = std::chrono::steady_clock::now() - start;
  return std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
}

/// What a build that found nothing to do prints: the previous build's diagnostics, as that
/// build printed them, and one line.
int report_up_to_date(const BuildManifest& published, const fs::path& output, bool quiet,
                      std::chrono::steady_clock::time_point start) {
  if (!published.diagnostics.empty()) std::cerr << published.diagnostics << std::flush;
  if (quiet) return kExitOk;
  std::size_t files = std::count_if(published.entries.begin(), published.entries.end(),
                                    [](const OutputEntry& e) { return e.type == 'f'; });
  std::cout << "up to date: " << published.reports << " reports of " << published.departments
            << " departments, " << files << " files as the last build left them; nothing "
            << "changed since (" << milliseconds_since(start) << " ms) → " << output.string()
            << "\n";
  return kExitOk;
}

/// The published site when it was built from inputs with `site`'s fingerprint and is intact.
std::optional<BuildManifest> current_build(const Site& site, const DiskOutput& writer,
                                           const Diagnostics& diagnostics, BuildManifest& record) {
  if (diagnostics.has_errors()) return std::nullopt;
  record.fingerprint = site.fingerprint(diagnostics);
  record.reports = site.report_count();
  record.departments = site.department_count();
  return writer.current(record.fingerprint);
}

/// The files of a recorded department's reports, as the manifest lists them, when a scan of
/// the output finds every one of them as the manifest recorded it; nullopt otherwise.
std::optional<std::vector<OutputEntry>> intact_files(const DepartmentRecord& department,
                                                     const std::vector<OutputEntry>& recorded,
                                                     const std::vector<OutputEntry>& scanned) {
  auto before = [](const OutputEntry& entry, const std::string& path) { return entry.path < path; };
  std::vector<OutputEntry> files;
  for (const ReportSummary& report : department.reports) {
    auto it = std::lower_bound(recorded.begin(), recorded.end(), report.dir, before);
    bool has_page = false;
    for (; it != recorded.end() && it->path.starts_with(report.dir); ++it) {
      auto now = std::lower_bound(scanned.begin(), scanned.end(), it->path, before);
      if (now == scanned.end() || *now != *it) return std::nullopt;
      if (it->type == 'f') files.push_back(*it);
      has_page = has_page || it->path == report.dir + "index.html";
    }
    if (!has_page) return std::nullopt;
  }
  return files;
}

/// The departments of the published site that a build may keep (site.h): those the last
/// build recorded with the digest `digests` gives them now, and with every file of their
/// reports exactly as it left them. `reuse` receives the records they point into; the others
/// are read past, not kept (at 10,000 reports the record holds 150 MB of search entries). None
/// without a record that belongs to the manifest of this boot.
ReusedDepartments reusable_departments(const fs::path& output, const DiskOutput& writer,
                                       const std::map<std::string, std::string>& digests,
                                       std::optional<ReuseRecord>& reuse) {
  const std::optional<BuildManifest>& manifest = writer.published_manifest();
  if (!manifest || manifest->boot.empty() || manifest->boot != boot_identity()) return {};
  reuse = read_reuse(reuse_path(output), manifest->fingerprint,
                     [&](const std::string& slug, const std::string& digest) {
                       auto now = digests.find(slug);
                       return now != digests.end() && now->second == digest;
                     });
  std::error_code ec;
  if (!reuse || !fs::is_directory(fs::symlink_status(output, ec))) {
    reuse.reset();
    return {};
  }
  std::optional<std::vector<OutputEntry>> scanned = scan_output(output, writer.jobs());
  if (!scanned) return {};
  std::vector<DepartmentRecord> usable;
  std::vector<std::vector<OutputEntry>> files;
  for (DepartmentRecord& department : reuse->departments) {
    if (auto intact = intact_files(department, manifest->entries, *scanned)) {
      usable.push_back(std::move(department));
      files.push_back(std::move(*intact));
    }
  }
  reuse->departments = std::move(usable);
  ReusedDepartments reused;
  for (std::size_t i = 0; i < files.size(); ++i) {
    reused[reuse->departments[i].slug] = {&reuse->departments[i], std::move(files[i])};
  }
  return reused;
}

int run_build(const CommonOptions& common, const BuildCommandOptions& build) {
  auto start = std::chrono::steady_clock::now();
  Diagnostics diagnostics;
  std::optional<fs::path> source = site_folder(common.source, diagnostics);
  fs::path output =
      build.output.empty() ? fs::path() : fs::absolute(build.output).lexically_normal();
  if (source && output.empty()) output = *source / "public";
  DiskOutput writer(output, diagnostics, build.jobs);
  if (!source || !output_is_safe(*source, output, diagnostics) || !writer.lock()) {
    print_diagnostics(diagnostics);
    return kExitContentError;
  }
  BuildOptions options{*source, common.drafts, build.jobs, build.dump_views};
  std::optional<Site> site = Site::load_sources(options, diagnostics);
  BuildManifest record;
  std::optional<ReuseRecord> previous;
  if (site) {
    if (auto published = current_build(*site, writer, diagnostics, record)) {
      return report_up_to_date(*published, output, common.quiet, start);
    }
    // With errors already, the build only goes on to report those of the reports: it stages
    // nothing (write() does nothing before begin()) and publishes nothing.
    bool failed = diagnostics.has_errors();
    ReusedDepartments reused;
    if (!failed && !record.fingerprint.empty()) {
      reused = reusable_departments(output, writer, site->department_digests(), previous);
    }
    if (!failed && !writer.begin()) site.reset();
    if (site && (!site->build_streaming(writer, diagnostics, reused) || failed)) site.reset();
  }
  record.diagnostics = diagnostics.format_all();
  ReuseRecord next;
  if (site) next = {record.fingerprint, site->take_department_records()};
  bool published = site && !diagnostics.has_errors() && writer.commit(std::move(record), next);
  print_diagnostics(diagnostics);
  if (!published) {
    std::cerr << "build failed: " << summary(diagnostics) << "; nothing was published\n";
    return kExitContentError;
  }
  if (!common.quiet) {
    const PublishStats& stats = writer.stats();
    std::cout << "built " << site->report_count() << " reports of " << site->department_count()
              << " departments" << kept_note(site->kept_department_count()) << ": " << stats.files
              << " files (" << stats.unchanged << " unchanged), " << stats.bytes << " bytes in "
              << milliseconds_since(start) << " ms → " << output.string() << "\n";
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
  std::vector<ReportCoverage> coverage;
  if (site && check.coverage) coverage = site->coverage();
  if (check.format == "json") {
    nlohmann::json out = diagnostics_json(diagnostics);
    if (check.coverage) out["coverage"] = coverage_json(coverage);
    std::cout << out.dump(2) << "\n";
  } else {
    if (site && check.coverage) std::cout << coverage_text(coverage);
    print_diagnostics(diagnostics);
    if (diagnostics.has_errors()) {
      // Also past the limit of printed messages: the counts say how much is left to fix.
      std::cerr << "check failed: " << summary(diagnostics) << "\n";
    } else if (site && !common.quiet) {
      std::cout << "checked " << site->report_count() << " reports of " << site->department_count()
                << " departments: " << summary(diagnostics) << "\n";
    }
  }
  return diagnostics.has_errors() ? kExitContentError : kExitOk;
}

struct NewCommandOptions {
  std::string source = ".";
  std::string slug;
  std::string name;
  std::string parent;
  std::string spec;
  std::string dir;
  std::string title;
  std::string language = "zh-CN";
};

/// The subcommands of `gongkai new`, to tell which one was given.
struct NewCommands {
  CLI::App* site = nullptr;
  CLI::App* department = nullptr;
  CLI::App* report = nullptr;
};

/// Prints what `new` did: the problems, else each file written (relative to the site folder,
/// like every path `check` prints).
int report_written(const std::vector<fs::path>& files, const Diagnostics& diagnostics) {
  print_diagnostics(diagnostics);
  for (const fs::path& file : files) std::cout << "created " << file.generic_string() << "\n";
  return diagnostics.has_errors() ? kExitContentError : kExitOk;
}

/// `new site` makes the site folder, so it needs none to run in.
int run_new_site(const NewCommandOptions& options) {
  Diagnostics diagnostics;
  std::vector<fs::path> files = new_site(options.dir, options.title, options.language, diagnostics);
  return report_written(files, diagnostics);
}

int run_new_department(const NewCommandOptions& options) {
  Diagnostics diagnostics;
  std::optional<fs::path> source = site_folder(options.source, diagnostics);
  std::vector<fs::path> files;
  if (source) {
    files = new_department(*source, options.slug, options.name, options.parent, diagnostics);
  }
  return report_written(files, diagnostics);
}

int run_new_report(const NewCommandOptions& options) {
  Diagnostics diagnostics;
  std::optional<fs::path> source = site_folder(options.source, diagnostics);
  std::string problem;
  std::optional<ReportSpec> spec = parse_report_spec(options.spec, problem);  // checked by CLI11
  std::vector<fs::path> files;
  if (source && spec) files = new_report(*source, *spec, diagnostics);
  return report_written(files, diagnostics);
}

/// A CLI11 validator from a function giving the problem with an argument ("" when none), so a
/// bad argument to `new` is a usage error (status 2) reported before the site is touched.
CLI::Validator argument_check(std::string (*problem)(std::string_view)) {
  return CLI::Validator([problem](std::string& value) { return problem(value); }, "");
}

std::string report_spec_problem(std::string_view spec) {
  std::string problem;
  parse_report_spec(spec, problem);
  return problem;
}

/// `gongkai new site`.
CLI::App* add_new_site_command(CLI::App& new_cmd, NewCommandOptions& fresh) {
  CLI::App* site = new_cmd.add_subcommand(
      "site", "Write DIR/site.toml and an empty DIR/content/: a new site, ready to build");
  site->add_option("dir", fresh.dir, "The site folder, created when missing")->required();
  site->add_option("--title", fresh.title, "The site's title (default: the folder's name)")
      ->check(argument_check(site_title_problem));
  site->add_option("--language", fresh.language, "The language of the theme's texts: zh-CN or en")
      ->check(argument_check(site_language_problem))
      ->capture_default_str();
  return site;
}

/// `gongkai new site`, `gongkai new department` and `gongkai new report`.
NewCommands add_new_commands(CLI::App& app, NewCommandOptions& fresh) {
  CLI::App* new_cmd =
      app.add_subcommand("new", "Write skeleton files for a new site, department or report");
  new_cmd->require_subcommand(1);
  NewCommands commands;
  commands.site = add_new_site_command(*new_cmd, fresh);
  CLI::App* department = commands.department = new_cmd->add_subcommand(
      "department", "Write content/SLUG/department.toml with the department's name");
  department
      ->add_option("slug", fresh.slug, "Folder name: lowercase letters, digits, single hyphens")
      ->required()
      ->check(argument_check(department_slug_problem));
  department->add_option("--name", fresh.name, "The department's name (default: the slug)")
      ->check(argument_check(department_name_problem));
  department
      ->add_option("--parent", fresh.parent,
                   "Slug of the parent department, which must exist: written as parent = "
                   "\"SLUG\"")
      ->check(argument_check(department_slug_problem));
  department->add_option("-s,--source", fresh.source, "Site folder, the one holding site.toml")
      ->capture_default_str();
  CLI::App* report = commands.report = new_cmd->add_subcommand(
      "report",
      "Write content/DEPT/YEAR/KIND.md and .json: the narrative's parts and every table of "
      "that kind, without figures (to start from a published document, use gongkai import)");
  report
      ->add_option("spec", fresh.spec,
                   "DEPT/YEAR/KIND, KIND being budget, final-accounts or evaluation; "
                   "e.g. city-library/2024/budget")
      ->required()
      ->check(argument_check(report_spec_problem));
  report->add_option("-s,--source", fresh.source, "Site folder, the one holding site.toml")
      ->capture_default_str();
  return commands;
}

/// `gongkai import`: writes the report, then checks the site and prints what `check` finds in
/// the report's two files.
int run_import(const ImportCommandOptions& options) {
  Diagnostics diagnostics;
  std::optional<fs::path> source = site_folder(options.source, diagnostics);
  std::string problem;
  std::optional<ReportSpec> spec = parse_report_spec(options.into, problem);  // checked by CLI11
  std::vector<fs::path> files;
  if (source && spec) files = import_into_site(*source, *spec, options, std::cout, diagnostics);
  print_diagnostics(diagnostics);
  if (files.empty()) return diagnostics.has_errors() ? kExitContentError : kExitOk;
  for (const fs::path& file : files) std::cout << "wrote " << file.generic_string() << "\n";
  Diagnostics checked;
  load_and_check({*source, true, 0, {}}, checked);
  Diagnostics own;
  for (const Diagnostic& d : checked.sorted()) {
    if (d.where.path == files[0].generic_string() || d.where.path == files[1].generic_string())
      own.report(d);
  }
  print_diagnostics(own);
  std::cout << "check of the imported report: " << summary(own) << "\n";
  return own.has_errors() ? kExitContentError : kExitOk;
}

CLI::App* add_import_command(CLI::App& app, ImportCommandOptions& options) {
  CLI::App* import = app.add_subcommand(
      "import",
      "Import published documents (the text of a PDF, CSV files, .xlsx workbooks) into "
      "content/DEPT/YEAR/KIND.json and .md, then check them");
  import->add_option("sources", options.inputs, "The files to import, read as one document")
      ->required()
      ->check(CLI::ExistingFile);
  import
      ->add_option("--into", options.into,
                   "DEPT/YEAR/KIND, KIND being budget, final-accounts or evaluation")
      ->required()
      ->check(argument_check(report_spec_problem));
  import->add_option("-s,--source", options.source, "Site folder, the one holding site.toml")
      ->capture_default_str();
  import->add_flag("--force", options.force, "Replace the report's files when they exist");
  import->add_flag("--dry-run", options.dry_run, "Print the import report; write nothing");
  return import;
}

struct ServeCommandOptions {
  std::string source = ".";
  std::string bind = "127.0.0.1";
  int port = 1313;
  bool drafts = true;
  bool verbose = false;
};

int run_serve(const ServeCommandOptions& options) {
  Diagnostics diagnostics;
  std::optional<fs::path> source = site_folder(options.source, diagnostics);
  if (!source) {
    print_diagnostics(diagnostics);
    return kExitContentError;
  }
  ServeOptions serve;
  serve.source_dir = *source;
  serve.bind = options.bind;
  serve.port = options.port;
  serve.include_drafts = options.drafts;
  serve.verbose = options.verbose;
  return serve_until_signalled(serve);
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
  CLI::App* build_cmd =
      app.add_subcommand("build", "Check the site and build it into the output folder");
  add_common(*build_cmd, common);
  build_cmd->add_option("-o,--output", build.output, "Output folder (default: SOURCE/public)");
  build_cmd->add_option("-j,--jobs", build.jobs,
                        "Threads for reading, rendering and writing (default: one per core)");
  build_cmd->add_option("--dump-views", build.dump_views,
                        "Also write every page's view model as JSON into this folder");

  CheckCommandOptions check;
  CLI::App* check_cmd =
      app.add_subcommand("check", "Validate content and figures without writing anything");
  add_common(*check_cmd, common);
  check_cmd->add_option("--format", check.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check_cmd->add_flag("--coverage", check.coverage,
                      "Also say, table by table, how many printed figures a check reads, and "
                      "list those none reads");

  TemplateCommandOptions tmpl;
  CLI::App* template_cmd = app.add_subcommand(
      "template", "Render one Mustache template with a JSON data file to standard output");
  template_cmd->add_option("file", tmpl.file, "Template file")->required();
  template_cmd->add_option("--data", tmpl.data, "JSON file with the data (default: {})");
  template_cmd->add_option("--partials", tmpl.partials,
                           "Folder where partial NAME is read from NAME.mustache");

  NewCommandOptions fresh;
  NewCommands new_cmds = add_new_commands(app, fresh);

  ImportCommandOptions imports;
  CLI::App* import_cmd = add_import_command(app, imports);

  ServeCommandOptions serve;
  CLI::App* serve_cmd = app.add_subcommand(
      "serve", "Preview the site over HTTP, rebuilding and reloading pages as the sources change");
  serve_cmd->add_option("-s,--source", serve.source, "Site folder, the one holding site.toml")
      ->capture_default_str();
  serve_cmd
      ->add_option("--bind", serve.bind,
                   "Address to listen on; keep it loopback unless the "
                   "preview (drafts included) may be seen by others")
      ->capture_default_str();
  serve_cmd->add_option("-p,--port", serve.port, "Port to listen on; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve_cmd->add_flag("--drafts,!--no-drafts", serve.drafts,
                      "Show reports marked draft = true. On by default for serve (build leaves "
                      "them out); --no-drafts previews exactly what build publishes");
  serve_cmd->add_flag("-v,--verbose", serve.verbose,
                      "Print, for each rebuild, what changed, how many files were re-rendered "
                      "and the time from the edit to the new page");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    return status == 0 ? kExitOk : kExitUsageError;
  }
  if (build_cmd->parsed()) return run_build(common, build);
  if (check_cmd->parsed()) return run_check(common, check);
  if (template_cmd->parsed()) return run_template(tmpl);
  if (serve_cmd->parsed()) return run_serve(serve);
  if (new_cmds.site->parsed()) return run_new_site(fresh);
  if (new_cmds.department->parsed()) return run_new_department(fresh);
  if (new_cmds.report->parsed()) return run_new_report(fresh);
  if (import_cmd->parsed()) return run_import(imports);
  return kExitUsageError;
}

}  // namespace gongkai

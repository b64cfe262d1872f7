#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/archive_command.h"
#include "cli/build_command.h"
#include "cli/command_support.h"
#include "cli/template_command.h"
#include "import/import_command.h"
#include "import/scaffold.h"
#include "pipeline/site.h"
#include "serve/serve.h"

namespace gongkai {

namespace fs = std::filesystem;

namespace {

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

  ArchiveCommandOptions archive;
  CLI::App* archive_cmd = app.add_subcommand(
      "archive",
      "Pack the built site into one .zip with SHA256SUMS (the SHA-256 of every file) and a "
      "README");
  archive_cmd->add_option("-s,--source", archive.source, "Site folder, the one holding site.toml")
      ->capture_default_str();
  archive_cmd->add_option("--site", archive.site,
                          "The built site folder to pack (default: SOURCE/public)");
  archive_cmd->add_option("-o,--output", archive.output,
                          "The .zip to write (default: SITE.zip beside the site folder, "
                          "SOURCE/public.zip)");
  archive_cmd->add_flag("-q,--quiet", archive.quiet, "Print errors only");

  std::string verify_target;
  CLI::App* verify_cmd = app.add_subcommand(
      "verify",
      "Check a copy of a site, a folder or the .zip of gongkai archive, against its SHA256SUMS");
  verify_cmd->add_option("target", verify_target, "The folder or .zip to check")->required();

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
  if (archive_cmd->parsed()) return run_archive(archive);
  if (verify_cmd->parsed()) return run_verify(verify_target);
  return kExitUsageError;
}

}  // namespace gongkai

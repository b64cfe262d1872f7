#include "example_site.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace gongkai::testing {

namespace fs = std::filesystem;

void copy_example_site(const fs::path& to) {
  fs::create_directories(to);
  fs::copy_file(source_dir() / "site.toml", to / "site.toml");
  for (const char* folder : {"content", "templates", "assets", "i18n"}) {
    copy_tree(source_dir() / folder, to / folder);
  }
}

void replace_first(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  std::size_t at = text.find(from);
  INFO(file.string() << " lacks: " << from);
  REQUIRE(at != std::string::npos);
  write_file(file, text.replace(at, from.size(), to));
}

void replace_all(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  std::size_t count = 0;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
    ++count;
  }
  INFO(file.string() << " lacks: " << from);
  REQUIRE(count > 0);
  write_file(file, text);
}

void append(const fs::path& file, const std::string& text) { write_file(file, read_file(file) + text); }

const std::string kCredit = "content/shenzhen-public-credit-center/";
const std::string kData = "content/shenzhen-data-administration/";
const std::string kMarket = "content/shenzhen-market-regulation/";

std::vector<Edit> example_site_edits(const fs::path& original) {
  return {
      {"narrative", [](const fs::path& s) { append(s / (kCredit + "2023/budget.md"), "\n新增的一段说明。\n"); },
       {kCredit + "2023/budget.md"}},
      {"front matter title",
       [](const fs::path& s) { replace_first(s / (kCredit + "2023/budget.md"), "+++\n", "+++\ntitle = \"修订后的预算\"\n"); },
       {kCredit + "2023/budget.md"}},
      {"figures json",
       [](const fs::path& s) {
         fs::path file = s / (kData + "2022/final-accounts.json");
         auto data = nlohmann::ordered_json::parse(read_file(file));
         data["tables"][0]["title"] = data["tables"][0]["title"].get<std::string>() + "（修订）";
         write_file(file, data.dump(2) + "\n");
       },
       {kData + "2022/final-accounts.json"}},
      {"department name", [](const fs::path& s) { replace_first(s / (kMarket + "department.toml"), "name = \"", "name = \"新"); },
       {kMarket + "department.toml"}},
      {"name of a department with reports",
       [](const fs::path& s) { replace_first(s / (kCredit + "department.toml"), "short_name = \"", "short_name = \"新"); replace_first(s / (kCredit + "department.toml"), "name = \"", "name = \"新"); },
       {kCredit + "department.toml"}},
      {"department parent",
       [](const fs::path& s) { append(s / (kData + "department.toml"), "parent = \"shenzhen-market-regulation\"\n"); },
       {kData + "department.toml"}},
      {"partial template", [](const fs::path& s) { append(s / "templates/report-link.mustache", "<!-- edited -->\n"); },
       {"templates/report-link.mustache"}},
      {"layout template", [](const fs::path& s) { replace_first(s / "templates/layout.mustache", "</footer>", "<p>edited</p></footer>"); },
       {"templates/layout.mustache"}},
      {"asset", [](const fs::path& s) { append(s / "assets/style.css", "/* edited */\n"); }, {"assets/style.css"}},
      {"new asset", [](const fs::path& s) { write_file(s / "assets/notes.txt", "notes\n"); }, {"assets/notes.txt"}},
      {"site.toml", [](const fs::path& s) { replace_first(s / "site.toml", "title = \"", "title = \"新"); }, {"site.toml"}},
      {"i18n", [](const fs::path& s) { replace_first(s / "i18n/zh-CN.toml", "= \"", "= \"改"); }, {"i18n/zh-CN.toml"}},
      {"remove a year", [](const fs::path& s) { fs::remove_all(s / (kCredit + "2021")); }, {kCredit + "2021"}, true},
      {"restore the year", [original](const fs::path& s) { copy_tree(original / (kCredit + "2021"), s / (kCredit + "2021")); },
       {kCredit + "2021"}, true},
      {"new department",
       [](const fs::path& s) { write_file(s / "content/new-office/department.toml", "name = \"新设机构\"\nparent = \"shenzhen-market-regulation\"\n"); },
       {"content/new-office"}, true},
      {"remove a template override", [](const fs::path& s) { fs::remove(s / "templates/report-link.mustache"); },
       {"templates/report-link.mustache"}},
  };
}

}  // namespace gongkai::testing

// The model's own functions (data.h) and the top of the loader: the report itself — schema,
// kind, department, year, unit and source — and the list of its tables. What a table holds is
// read by the files data_reader.h lists.
#include "model/data.h"

#include <algorithm>
#include <map>
#include <utility>

#include "base/json.h"
#include "model/data_reader.h"

namespace gongkai {
namespace {

using data_reader::Reader;
using data_reader::TableContext;
using json::Type;
using json::Value;

/// "schema": 1, the only schema this generator reads.
void read_schema(Reader& reader, const Value& root) {
  const Value* v = reader.require(root, "schema", "the report");
  if (!v || !reader.expect_type(*v, "schema", Type::number)) return;
  if (v->text != "1") {
    reader.error(v->position, "unsupported schema " + v->text + "; this generator reads schema 1");
  }
}

/// "kind": the document's slug. Its place is kept: a kind that disagrees with the file's name is
/// reported there later.
void read_kind(Reader& reader, const Value& root, ReportData& report) {
  const Value* v = reader.require(root, "kind", "the report");
  if (!v || !reader.expect_type(*v, "kind", Type::string)) return;
  report.kind_where = {v->position.line, v->position.column};
  if (auto kind = kind_from_slug(v->text)) {
    report.kind = *kind;
  } else {
    reader.error(v->position,
                 "unknown kind \"" + v->text + "\"; expected budget, final-accounts or evaluation");
  }
}

/// "year": a plain integer from 1900 to 2999.
void read_year(Reader& reader, const Value& root, ReportData& report) {
  const Value* v = reader.require(root, "year", "the report");
  if (!v) return;
  std::optional<int> year = data_reader::integer_literal(*v);
  if (!year || *year < 1900 || *year > 2999) {
    reader.error(v->position, "\"year\" must be an integer year");
    return;
  }
  report.year = *year;
}

/// "tables": each table or form, with ids unique in the file. Tables without a unit take the
/// file's.
void read_tables(Reader& reader, const Value& root, ReportData& report) {
  const Value* tables = reader.array_member(root, "tables", "the report", true);
  if (!tables) return;
  std::map<std::string, SourceLocation> ids;
  TableContext context{report.unit, "", false};
  for (const Value& item : tables->items) {
    Table table = data_reader::read_table(reader, item, context);
    if (const Value* id = item.is(Type::object) ? item.find("id") : nullptr) {
      reader.note_duplicate(ids, table.id, id->position, "table id");
    }
    report.tables.push_back(std::move(table));
  }
}

void read_report(Reader& reader, const Value& root, ReportData& report) {
  if (!reader.expect_object(root, "the report")) return;
  reader.check_keys(
      root, "the report",
      {"schema", "kind", "department", "year", "title", "unit", "source", "tables", "checks"});
  read_schema(reader, root);
  read_kind(reader, root, report);
  report.department = reader.string_member(root, "department", "the report", true);
  read_year(reader, root, report);
  report.title = reader.string_member(root, "title", "the report", true);
  report.unit = reader.unit_member(root).value_or(AmountUnit::none);
  report.source = reader.string_member(root, "source", "the report", false);
  read_tables(reader, root, report);
  data_reader::read_checks(reader, root, "the report", "", report.checks);
}

}  // namespace

std::string_view column_type_name(ColumnType type) {
  switch (type) {
    case ColumnType::text:
      return "text";
    case ColumnType::code:
      return "code";
    case ColumnType::agency:
      return "agency";
    case ColumnType::amount:
      return "amount";
    case ColumnType::number:
      return "number";
    case ColumnType::percent:
      return "percent";
    case ColumnType::score:
      return "score";
  }
  return "text";
}

bool Column::holds_figures() const {
  return type == ColumnType::amount || type == ColumnType::number || type == ColumnType::percent ||
         type == ColumnType::score;
}

int Table::column_index(std::string_view key) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

bool Table::has_amount_column() const {
  return std::any_of(columns.begin(), columns.end(),
                     [](const Column& c) { return c.type == ColumnType::amount; });
}

const Table* Table::part(std::string_view local_id) const {
  for (const Table& p : parts) {
    std::string_view id = p.id;
    if (id.size() == this->id.size() + 1 + local_id.size() &&
        id.substr(this->id.size() + 1) == local_id) {
      return &p;
    }
  }
  return nullptr;
}

std::string form_name(const Table& form) {
  for (const Field& f : form.fields) {
    if (f.label.find("项目名称") != std::string::npos && !f.text.empty()) return f.text;
  }
  return form.title;
}

const Table* ReportData::find_table(std::string_view full_id) const {
  std::size_t dot = full_id.find('.');
  std::string_view head = full_id.substr(0, dot);
  for (const Table& t : tables) {
    if (t.id != head) continue;
    return dot == std::string_view::npos ? &t : t.part(full_id.substr(dot + 1));
  }
  return nullptr;
}

std::optional<ReportData> load_report_data(std::string_view path, std::string_view text,
                                           Diagnostics& diagnostics) {
  std::optional<Value> root = json::parse(path, text, diagnostics);
  if (!root) return std::nullopt;
  Reader reader(path, text, diagnostics);
  ReportData report;
  report.path = reader.path();
  read_report(reader, *root, report);
  if (reader.failed()) return std::nullopt;
  return report;
}

}  // namespace gongkai

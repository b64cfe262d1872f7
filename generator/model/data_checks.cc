// Declared checks (the file's and each table's "checks": assertions the check stage evaluates)
// and acknowledgements (a table's "acknowledged": findings of the automatic checks known to be
// in the published document). Both may pin the difference they expect, so that a changed
// figure is not acknowledged by an old note.
#include <map>
#include <utility>

#include "model/data_reader.h"

namespace gongkai::data_reader {
namespace {

/// "difference": a figure, as an acknowledged difference (negative when the printed figure is
/// below what the check expects).
std::optional<Decimal> difference_member(Reader& reader, const Value& object) {
  const Value* d = object.find("difference");
  if (!d || !reader.expect_type(*d, "difference", Type::number)) return std::nullopt;
  return reader.parse_figure(*d, "difference");
}

/// "tolerance": how far the two sides of the assertion may differ; not negative.
void read_tolerance(Reader& reader, const Value& v, DeclaredCheck& check) {
  const Value* t = v.find("tolerance");
  if (!t || !reader.expect_type(*t, "tolerance", Type::number)) return;
  check.tolerance = reader.parse_figure(*t, "tolerance");
  if (check.tolerance && check.tolerance->is_negative()) {
    reader.error(t->position, "\"tolerance\" must not be negative");
  }
}

/// One check; its id, when it has one, is unique among `ids` (the checks of its scope). A check
/// is placed at its "assert" string, or at the check itself when that is missing.
void read_check(Reader& reader, const Value& v, const std::string& scope,
                std::map<std::string, SourceLocation>& ids, std::vector<DeclaredCheck>& out) {
  if (!reader.expect_object(v, "a check")) return;
  reader.check_keys(v, "a check", {"id", "assert", "tolerance", "acknowledged", "difference"});
  DeclaredCheck check;
  check.scope = scope;
  check.id = reader.identifier_member(v, "id", "a check", false);
  if (const Value* id = v.find("id"))
    reader.note_duplicate(ids, check.id, id->position, "check id");
  check.assertion = reader.string_member(v, "assert", "a check", true);
  check.where = reader.at(v.position);
  if (const Value* a = v.find("assert")) check.where = reader.at(a->position);
  read_tolerance(reader, v, check);
  check.acknowledged = reader.string_member(v, "acknowledged", "a check", false);
  check.acknowledged_difference = difference_member(reader, v);
  if (check.acknowledged_difference && check.acknowledged.empty()) {
    reader.error(v.find("difference")->position, "\"difference\" goes with \"acknowledged\"");
  }
  out.push_back(std::move(check));
}

}  // namespace

void read_checks(Reader& reader, const Value& object, std::string_view what,
                 const std::string& scope, std::vector<DeclaredCheck>& out) {
  std::map<std::string, SourceLocation> ids;
  const Value* checks = reader.array_member(object, "checks", what, false);
  if (!checks) return;
  for (const Value& c : checks->items) read_check(reader, c, scope, ids, out);
}

void read_acknowledged(Reader& reader, const Value& v, Table& table) {
  const Value* list = reader.array_member(v, "acknowledged", "a table", false);
  if (!list) return;
  for (const Value& item : list->items) {
    if (!reader.expect_object(item, "an acknowledgement")) continue;
    reader.check_keys(item, "an acknowledgement", {"check", "note", "difference"});
    Acknowledgement ack;
    ack.where = reader.at(item.position);
    ack.check = reader.string_member(item, "check", "an acknowledgement", true);
    ack.note = reader.string_member(item, "note", "an acknowledgement", true);
    ack.difference = difference_member(reader, item);
    table.acknowledged.push_back(std::move(ack));
  }
}

}  // namespace gongkai::data_reader

// Declared checks (docs/data-format.md, "Declared checks"): the expression language of
// assertions, its exact decimal evaluation with the tolerance published rounding allows, and
// the verdict, acknowledged or not.
#include "check/check_expression.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "check/check_support.h"

namespace gongkai {
namespace {

struct Node {
  enum class Kind { literal, cell, range, negate, add, subtract, multiply, divide, round };
  Kind kind = Kind::literal;
  std::size_t offset = 0;
  Decimal literal;
  std::string table, row, row_end, column;
  bool all_rows = false;
  int digits = 0;
  std::unique_ptr<Node> left, right;
};

struct Assertion {
  std::unique_ptr<Node> left, right;
  std::string op;
};

struct ExpressionError {
  std::size_t offset;
  std::string message;
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/// Recursive descent over the assertion text. Nesting is bounded by the length of the text;
/// assertions are short, written by hand.
class ExpressionParser {
 public:
  explicit ExpressionParser(std::string_view text) : text_(text) {}

  Assertion parse() {
    Assertion a;
    a.left = expression();
    skip_spaces();
    for (std::string_view op : {"<=", ">=", "=", "<", ">"}) {
      if (text_.substr(pos_, op.size()) == op) {
        a.op = std::string(op);
        pos_ += op.size();
        break;
      }
    }
    if (a.op.empty()) fail("expected a comparison (=, <=, >=, <, >)");
    a.right = expression();
    skip_spaces();
    if (pos_ < text_.size()) fail("unexpected text after the assertion");
    return a;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  int depth_ = 0;

  [[noreturn]] void fail(std::string message) const {
    throw ExpressionError{pos_, std::move(message)};
  }

  void skip_spaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }

  bool accept(char c) {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  void expect(char c) {
    if (!accept(c)) fail(std::string("expected '") + c + "'");
  }

  static std::unique_ptr<Node> binary(Node::Kind kind, std::size_t offset, std::unique_ptr<Node> l,
                                      std::unique_ptr<Node> r) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->offset = offset;
    node->left = std::move(l);
    node->right = std::move(r);
    return node;
  }

  std::unique_ptr<Node> expression() {
    if (++depth_ > 64) fail("expression nested too deeply");
    auto node = term();
    while (true) {
      skip_spaces();
      std::size_t at = pos_;
      if (accept('+')) {
        node = binary(Node::Kind::add, at, std::move(node), term());
      } else if (accept('-')) {
        node = binary(Node::Kind::subtract, at, std::move(node), term());
      } else {
        break;
      }
    }
    --depth_;
    return node;
  }

  std::unique_ptr<Node> term() {
    auto node = unary();
    while (true) {
      skip_spaces();
      std::size_t at = pos_;
      if (accept('*')) {
        node = binary(Node::Kind::multiply, at, std::move(node), unary());
      } else if (accept('/')) {
        node = binary(Node::Kind::divide, at, std::move(node), unary());
      } else {
        break;
      }
    }
    return node;
  }

  std::unique_ptr<Node> unary() {
    skip_spaces();
    std::size_t at = pos_;
    if (accept('-')) {
      if (++depth_ > 64) fail("expression nested too deeply");
      auto node = binary(Node::Kind::negate, at, unary(), nullptr);
      --depth_;
      return node;
    }
    return primary();
  }

  std::unique_ptr<Node> primary() {
    skip_spaces();
    if (accept('(')) {
      auto node = expression();
      expect(')');
      return node;
    }
    if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') return number();
    if (pos_ < text_.size() && text_[pos_] == '[') return reference("", pos_);
    std::size_t at = pos_;
    std::string name = table_name();
    if (name.empty()) fail("expected a number, a cell reference, sum( or round(");
    if ((name == "sum" || name == "round") && accept('(')) {
      return name == "sum" ? sum(at) : round(at);
    }
    pos_ = at;
    return reference(table_name(), at);
  }

  std::unique_ptr<Node> number() {
    std::size_t start = pos_;
    while (pos_ < text_.size() &&
           ((text_[pos_] >= '0' && text_[pos_] <= '9') || text_[pos_] == '.')) {
      if (text_[pos_] == '.' && text_.substr(pos_, 2) == "..") break;
      ++pos_;
    }
    auto node = std::make_unique<Node>();
    node->offset = start;
    auto value = Decimal::parse(text_.substr(start, pos_ - start));
    if (!value) {
      pos_ = start;
      fail("invalid number");
    }
    node->literal = *value;
    return node;
  }

  /// A name of [a-z0-9_-] characters; a '-' belongs to the name only when a letter or digit
  /// follows it, so "a - b" subtracts. With `dots`, '.' joins names (form.part).
  std::string name(bool dots) {
    std::size_t start = pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      bool next_alnum =
          pos_ + 1 < text_.size() && is_name_char(text_[pos_ + 1]) && text_[pos_ + 1] != '-';
      if (c == '-' && !next_alnum) break;
      if (c == '.' && !(dots && next_alnum)) break;
      if (!is_name_char(c) && c != '.') break;
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string table_name() {
    skip_spaces();
    if (pos_ >= text_.size() || text_[pos_] < 'a' || text_[pos_] > 'z') return {};
    return name(true);
  }

  std::string row_name() {
    skip_spaces();
    if (accept('#')) return "#" + name(false);
    std::string n = name(false);
    if (n.empty()) fail("expected a row id, a code, UNIT/CODE or #N");
    if (pos_ < text_.size() && text_[pos_] == '/') {
      ++pos_;
      std::string code = name(false);
      if (code.empty()) fail("expected a code after '/'");
      n += "/" + code;
    }
    return n;
  }

  /// table[row].column, table[a..b].column or table[*].column; `start` is where it began.
  std::unique_ptr<Node> reference(std::string table, std::size_t start) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::cell;
    node->offset = start;
    node->table = std::move(table);
    expect('[');
    if (accept('*')) {
      node->all_rows = true;
      node->kind = Node::Kind::range;
    } else {
      node->row = row_name();
      skip_spaces();
      if (text_.substr(pos_, 2) == "..") {
        pos_ += 2;
        node->row_end = row_name();
        node->kind = Node::Kind::range;
      }
    }
    expect(']');
    expect('.');
    node->column = name(false);
    if (node->column.empty()) fail("expected a column key after '.'");
    return node;
  }

  std::unique_ptr<Node> sum(std::size_t at) {
    skip_spaces();
    std::size_t start = pos_;
    std::string table = text_.substr(pos_, 1) == "[" ? std::string() : table_name();
    auto node = reference(table, start);
    if (node->kind != Node::Kind::range) {
      pos_ = start;
      fail("sum() takes a range: table[*].column or table[a..b].column");
    }
    node->offset = at;
    expect(')');
    return node;
  }

  std::unique_ptr<Node> round(std::size_t at) {
    auto node = binary(Node::Kind::round, at, expression(), nullptr);
    expect(',');
    skip_spaces();
    std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    if (start == pos_ || pos_ - start > 2) fail("round() takes a number of decimals, 0 to 18");
    node->digits = std::stoi(std::string(text_.substr(start, pos_ - start)));
    if (node->digits > Decimal::kMaxResultScale)
      fail("round() takes a number of decimals, 0 to 18");
    expect(')');
    return node;
  }
};

// ---- evaluation ------------------------------------------------------------------------------

constexpr int kDivisionScale = 12;

/// A value of one side of an assertion: exact value, the rounding tolerance of the figures
/// added into it, and, for a single figure, the scale of its last published digit.
struct Operand {
  Decimal value;
  Decimal tolerance;
  bool single = false;
  int ulp_scale = 0;
};

struct Resolved {
  const Table* table = nullptr;
  const Side* side = nullptr;
  const Row* row = nullptr;
  int column = -1;
};

class Evaluator {
 public:
  Evaluator(const ReportData& report, const DeclaredCheck& check, bool record)
      : report_(report), check_(check), record_(record) {}

  /// The cells the assertion read, when recording.
  const std::vector<const Cell*>& cells() const { return cells_; }

  /// Decides whether amounts are converted to 元: when the assertion mixes 万元 and 元 tables.
  void prepare(const Node& node) {
    if (node.kind == Node::Kind::cell || node.kind == Node::Kind::range) {
      const Table* table = resolve_table(node);
      int c = table ? table->column_index(node.column) : -1;
      if (c >= 0 && table->columns[static_cast<std::size_t>(c)].type == ColumnType::amount) {
        (table->unit == AmountUnit::wan_yuan ? seen_wan_ : seen_yuan_) = true;
      }
    }
    if (node.left) prepare(*node.left);
    if (node.right) prepare(*node.right);
  }

  Operand evaluate(const Node& node) {
    switch (node.kind) {
      case Node::Kind::literal:  // exact: never the coarser side when aligning
        return {node.literal, Decimal(), true, Decimal::kMaxResultScale};
      case Node::Kind::cell:
        return cell(node);
      case Node::Kind::range:
        return range(node);
      case Node::Kind::negate: {
        Operand o = evaluate(*node.left);
        o.value = o.value.negated();
        return o;
      }
      case Node::Kind::round:
        return {rounded(evaluate(*node.left).value, node.digits), Decimal(), false, 0};
      default:
        return arithmetic(node);
    }
  }

 private:
  const ReportData& report_;
  const DeclaredCheck& check_;
  bool record_ = false;
  std::vector<const Cell*> cells_;
  bool seen_wan_ = false;
  bool seen_yuan_ = false;

  [[noreturn]] static void fail(const Node& node, std::string message) {
    throw ExpressionError{node.offset, std::move(message)};
  }

  /// round(x, n): x rounded half away from zero to n decimals. When x has n decimals or fewer,
  /// rounding only widens its scale (12.3 → 12.30), which is exact; where the wider form does
  /// not fit (n = 18 and x above 10^19) x itself is the result, so round() never overflows
  /// where x fits. Rounding to fewer decimals cannot fail.
  static Decimal rounded(const Decimal& value, int digits) {
    return value.rounded(digits).value_or(value);
  }

  static Decimal checked(std::optional<Decimal> value, const Node& node) {
    if (!value) fail(node, "arithmetic overflow");
    return *value;
  }

  Operand arithmetic(const Node& node) {
    Operand l = evaluate(*node.left);
    Operand r = evaluate(*node.right);
    Operand out;
    switch (node.kind) {
      case Node::Kind::add:
      case Node::Kind::subtract:
        out.value = checked(
            node.kind == Node::Kind::add ? add(l.value, r.value) : subtract(l.value, r.value),
            node);
        out.tolerance = checked(add(l.tolerance, r.tolerance), node);
        return out;
      case Node::Kind::multiply:
        out.value = checked(multiply(l.value, r.value), node);
        return out;
      default:
        if (r.value.is_zero()) fail(node, "division by zero");
        out.value = checked(divide(l.value, r.value, kDivisionScale), node);
        return out;
    }
  }

  const Table* resolve_table(const Node& node) const {
    if (node.table.empty()) {
      const Table* own = report_.find_table(check_.scope);
      return own && !own->is_form() ? own : nullptr;
    }
    if (!check_.scope.empty()) {
      if (const Table* t = report_.find_table(check_.scope + "." + node.table)) return t;
    }
    return report_.find_table(node.table);
  }

  std::string display(const Node& node, const std::string& row) const {
    return node.table + "[" + row + "]." + node.column;
  }

  Resolved resolve(const Node& node, const std::string& row_ref) const {
    Resolved r;
    r.table = resolve_table(node);
    if (!r.table) {
      if (node.table.empty())
        fail(node, "a reference without a table name needs a check inside a table");
      fail(node, "no table \"" + node.table + "\"");
    }
    std::optional<RowPosition> at = find_row(*r.table, row_ref);
    if (!at) {
      std::string hint = row_reference_hint(*r.table, row_ref);
      fail(node, "no unique row \"" + row_ref + "\" in table \"" + r.table->id + "\"" +
                     (hint.empty() ? "" : ": " + hint));
    }
    r.side = &r.table->sides[static_cast<std::size_t>(at->side)];
    r.row = &r.side->rows[static_cast<std::size_t>(at->row)];
    r.column = r.table->column_index(node.column);
    if (r.column < 0)
      fail(node, "no column \"" + node.column + "\" in table \"" + r.table->id + "\"");
    if (r.table->columns[static_cast<std::size_t>(r.column)].side != at->side) {
      fail(node, "column \"" + node.column + "\" is not on the side of row \"" + row_ref +
                     "\" in table \"" + r.table->id + "\"");
    }
    return r;
  }

  /// Half a unit of a figure's last published digit; nothing for scores, which are given,
  /// not rounded.
  static Decimal tolerance_of(const Table& table, int column, int scale) {
    bool score = table.columns[static_cast<std::size_t>(column)].type == ColumnType::score;
    return score ? Decimal() : half_unit_at(scale);
  }

  /// The figure as compared: amounts of 万元 tables in 元 when the check mixes units.
  std::pair<Decimal, int> normalized(const Table& table, int column, const Decimal& figure,
                                     const Node& node) const {
    bool convert = seen_wan_ && seen_yuan_ && table.unit == AmountUnit::wan_yuan &&
                   table.columns[static_cast<std::size_t>(column)].type == ColumnType::amount;
    if (!convert) return {figure, figure.scale()};
    return {checked(multiply(figure, Decimal(10000, 0)), node), figure.scale() - 4};
  }

  Operand cell(const Node& node) {
    Resolved r = resolve(node, node.row);
    const Cell& cell = r.row->cells[static_cast<std::size_t>(r.column)];
    if (cell.kind != CellKind::figure) {
      const char* what = cell.kind == CellKind::empty  ? "is empty"
                         : cell.kind == CellKind::dash ? "is a dash"
                                                       : "holds text, not a figure";
      fail(node, display(node, node.row) + " " + what);
    }
    if (record_) cells_.push_back(&cell);
    auto [value, scale] = normalized(*r.table, r.column, cell.figure, node);
    return {value, tolerance_of(*r.table, r.column, scale), true, scale};
  }

  std::pair<int, int> range_bounds(const Node& node, const Resolved& first) const {
    int begin = 0;
    int end = static_cast<int>(first.side->rows.size()) - 1;
    if (node.all_rows) return {begin, end};
    Resolved last = resolve(node, node.row_end);
    begin = static_cast<int>(first.row - first.side->rows.data());
    end = static_cast<int>(last.row - last.side->rows.data());
    if (last.side != first.side || end < begin) {
      fail(node, "the range " + node.row + ".." + node.row_end + " runs backwards or across sides");
    }
    return {begin, end};
  }

  Operand range(const Node& node) {
    Resolved first = node.all_rows ? resolve_column_side(node) : resolve(node, node.row);
    auto [begin, end] = range_bounds(node, first);
    Operand out;
    for (int i = begin; i <= end; ++i) {
      const Row& row = first.side->rows[static_cast<std::size_t>(i)];
      const Cell& cell = row.cells[static_cast<std::size_t>(first.column)];
      if (!cell.has_figure() || (node.all_rows && row.total)) continue;
      if (record_) cells_.push_back(&cell);
      auto [value, scale] = normalized(*first.table, first.column, cell.figure, node);
      out.value = checked(add(out.value, value), node);
      out.tolerance =
          checked(add(out.tolerance, tolerance_of(*first.table, first.column, scale)), node);
    }
    return out;
  }

  /// For table[*].column: the side that holds the column.
  Resolved resolve_column_side(const Node& node) const {
    Resolved r;
    r.table = resolve_table(node);
    if (!r.table) fail(node, "no table \"" + node.table + "\"");
    r.column = r.table->column_index(node.column);
    if (r.column < 0)
      fail(node, "no column \"" + node.column + "\" in table \"" + r.table->id + "\"");
    r.side = &r.table->sides[static_cast<std::size_t>(
        r.table->columns[static_cast<std::size_t>(r.column)].side)];
    return r;
  }
};

// ---- comparing the two sides -----------------------------------------------------------------

/// Shows computed values briefly: at most six decimals, without trailing zeros.
std::string show(const Decimal& value) {
  if (value.scale() <= 4) return value.format();
  std::string s = value.format_fixed(6);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

struct Verdict {
  bool holds = false;
  Decimal left, right, difference;
};

/// Rounds the other side to a single figure's published digit; both single: the finer one to
/// the coarser. Returns the tolerance that applies.
Decimal align(Operand& l, Operand& r) {
  auto round_to = [](Operand& o, int scale) {
    if (o.value.scale() > scale) {
      if (auto v = o.value.rounded(scale)) o.value = *v;
    }
  };
  if (l.single && r.single) {
    if (l.ulp_scale < r.ulp_scale) round_to(r, l.ulp_scale);
    if (r.ulp_scale < l.ulp_scale) round_to(l, r.ulp_scale);
    return Decimal();
  }
  if (l.single) {
    round_to(r, l.ulp_scale);
    return r.tolerance;
  }
  if (r.single) {
    round_to(l, r.ulp_scale);
    return l.tolerance;
  }
  return add(l.tolerance, r.tolerance).value_or(Decimal());
}

Verdict compare_sides(Operand l, Operand r, const std::string& op,
                      const std::optional<Decimal>& explicit_tolerance) {
  Decimal tolerance = explicit_tolerance ? *explicit_tolerance : align(l, r);
  Verdict v{false, l.value, r.value, subtract(l.value, r.value).value_or(Decimal())};
  Decimal upper = add(r.value, tolerance).value_or(r.value);
  Decimal lower = subtract(r.value, tolerance).value_or(r.value);
  if (op == "=") v.holds = v.difference.abs() <= tolerance;
  if (op == "<=") v.holds = l.value <= upper;
  if (op == ">=") v.holds = l.value >= lower;
  if (op == "<") v.holds = l.value < upper;
  if (op == ">") v.holds = l.value > lower;
  return v;
}

// ---- reporting -------------------------------------------------------------------------------

std::string check_name(const DeclaredCheck& check) {
  std::string name = check.id.empty() ? "check" : "check \"" + check.id + "\"";
  return check.scope.empty() ? name : name + " in " + check.scope;
}

/// The location of byte `offset` of the assertion: one column past the opening quote, plus the
/// code points before it (exact when no escape sequence precedes it).
SourceLocation location_in(const DeclaredCheck& check, std::size_t offset) {
  SourceLocation where = check.where;
  if (where.column <= 0) return where;
  int column = where.column + 1;
  for (std::size_t i = 0; i < offset && i < check.assertion.size(); ++i) {
    if ((static_cast<unsigned char>(check.assertion[i]) & 0xC0) != 0x80) ++column;
  }
  where.column = column;
  return where;
}

/// Reports a failing check: an error, or a warning quoting its acknowledgement. An
/// acknowledgement that pins the difference holds only while the difference is the same.
/// Returns whether the check still protects its figures.
bool report_failure(const DeclaredCheck& check, const std::string& message,
                    const Decimal& difference, Diagnostics& diagnostics) {
  if (check.acknowledged.empty()) {
    diagnostics.error(check.where, message);
    return true;
  }
  if (check.acknowledged_difference && *check.acknowledged_difference != difference) {
    diagnostics.error(check.where,
                      message + unlike_pinned(*check.acknowledged_difference, difference));
    return true;
  }
  diagnostics.warning(check.where, message + " — acknowledged: " + check.acknowledged);
  return check.acknowledged_difference.has_value();
}

}  // namespace

void run_declared_check(const ReportData& report, const DeclaredCheck& check,
                        Diagnostics& diagnostics, CheckCoverage* coverage) {
  std::string name = check_name(check);
  Assertion assertion;
  try {
    assertion = ExpressionParser(check.assertion).parse();
  } catch (const ExpressionError& e) {
    diagnostics.error(location_in(check, e.offset), name + ": syntax error: " + e.message);
    return;
  }
  Verdict verdict;
  Evaluator evaluator(report, check, coverage != nullptr);
  try {
    evaluator.prepare(*assertion.left);
    evaluator.prepare(*assertion.right);
    Operand l = evaluator.evaluate(*assertion.left);
    Operand r = evaluator.evaluate(*assertion.right);
    verdict = compare_sides(l, r, assertion.op, check.tolerance);
  } catch (const ExpressionError& e) {
    diagnostics.error(location_in(check, e.offset), name + ": " + e.message);
    return;
  }
  bool protects = true;
  if (verdict.holds && !check.acknowledged.empty()) {
    diagnostics.warning(check.where, name +
                                         " is acknowledged as failing but passes; remove "
                                         "\"acknowledged\"");
  } else if (!verdict.holds) {
    std::string message = name + " failed: " + check.assertion + ": left side is " +
                          show(verdict.left) + ", right side is " + show(verdict.right) +
                          " (difference " + show(verdict.difference.abs()) + ")";
    protects = report_failure(check, message, verdict.difference, diagnostics);
  }
  if (!coverage || !protects) return;
  for (const Cell* cell : evaluator.cells()) coverage->add(cell);
}

}  // namespace gongkai

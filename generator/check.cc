#include "check.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gongkai {
namespace {

// ---- automatic checks ------------------------------------------------------------------------

/// One inconsistency found by an automatic check.
struct Finding {
  SourceLocation where;
  std::string message;
  /// The full cell reference, "table[row].column", that acknowledges it.
  std::string reference;
};

/// A table as messages name it; a part is named with its form's title.
struct Named {
  const Table& table;
  std::string name;
};

std::string cell_reference(const Table& table, const Row& row, int column) {
  return table.id + "[" + row_reference(table, row) + "]." +
         table.columns[static_cast<std::size_t>(column)].key;
}

std::string row_label(const Table& table, const Side& side, const Row& row) {
  std::string label;
  for (int c : side.columns) {
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    if (column.holds_figures()) break;
    const Cell& cell = row.cells[static_cast<std::size_t>(c)];
    if (cell.kind != CellKind::text || cell.text.empty()) continue;
    if (!label.empty()) label += ' ';
    label += cell.text;
  }
  return label.empty() ? "row #" + std::to_string(row.number) : label;
}

std::string column_label(const Table& table, int index) {
  const Column& column = table.columns[static_cast<std::size_t>(index)];
  int same = 0;
  for (const Column& other : table.columns) same += other.label == column.label ? 1 : 0;
  std::string label = column.label.empty() ? column.key : column.label;
  if (same < 2) return label;
  std::string path;
  for (const std::string& group : column.groups) path += group + " ";
  return path + label;
}

/// The sum of the figures of `rows` in `column`, with the tolerance their rounding allows.
struct PartSum {
  Decimal sum;
  Decimal tolerance;
  int figures = 0;
  bool overflow = false;
};

void add_part(PartSum& total, const Cell& cell) {
  if (!cell.has_figure()) return;
  auto sum = add(total.sum, cell.figure);
  auto tolerance = add(total.tolerance, cell.figure.half_unit());
  if (!sum || !tolerance) {
    total.overflow = true;
    return;
  }
  total.sum = *sum;
  total.tolerance = *tolerance;
  ++total.figures;
}

PartSum sum_rows(const Side& side, const std::vector<int>& rows, int column) {
  PartSum total;
  for (int r : rows) {
    add_part(total, side.rows[static_cast<std::size_t>(r)].cells[static_cast<std::size_t>(column)]);
  }
  return total;
}

/// Adds a finding when `cell` differs from `parts` by more than their tolerance.
void compare(const Named& named, const Side& side, const Row& row, int column,
             const PartSum& parts, const std::string& what, std::vector<Finding>& out) {
  const Cell& cell = row.cells[static_cast<std::size_t>(column)];
  if (!cell.has_figure() || parts.figures == 0 || parts.overflow) return;
  auto difference = subtract(cell.figure, parts.sum);
  if (!difference || difference->abs() <= parts.tolerance) return;
  out.push_back({{named.table.where.path, cell.where.line, cell.where.column},
                 named.name + ": " + row_label(named.table, side, row) + " " +
                     column_label(named.table, column) + " is " + cell.figure.format() + " but " +
                     what + " sum to " + parts.sum.format() + " (difference " +
                     difference->abs().format() + ") [" + cell_reference(named.table, row, column) +
                     "]",
                 cell_reference(named.table, row, column)});
}

std::string row_sum_phrase(const Row& row) {
  switch (row.sum) {
    case RowSum::children:
      return "its children";
    case RowSum::above:
      return "the rows above";
    case RowSum::codes:
      return "its codes";
    case RowSum::listed:
      return "its rows";
    case RowSum::none:
      break;
  }
  return row.code.empty() ? "its codes" : "its children";
}

void check_row_sums(const Named& named, const Side& side, std::vector<Finding>& out) {
  for (const Row& row : side.rows) {
    if (row.parts.empty()) continue;
    for (int c : side.columns) {
      if (!named.table.columns[static_cast<std::size_t>(c)].additive) continue;
      compare(named, side, row, c, sum_rows(side, row.parts, c), row_sum_phrase(row), out);
    }
  }
}

void check_column_sums(const Named& named, const Side& side, std::vector<Finding>& out) {
  for (int c : side.columns) {
    const Column& column = named.table.columns[static_cast<std::size_t>(c)];
    if (column.sum_of.empty()) continue;
    std::string what;
    for (int part : column.sum_of) {
      what += (what.empty() ? "" : " + ") + column_label(named.table, part);
    }
    for (const Row& row : side.rows) {
      PartSum parts;
      for (int part : column.sum_of) add_part(parts, row.cells[static_cast<std::size_t>(part)]);
      compare(named, side, row, c, parts, what, out);
    }
  }
}

void check_empty(const Named& named, const Side& side, std::vector<Finding>& out) {
  for (const Row& row : side.rows) {
    for (int c : side.columns) {
      const Cell& cell = row.cells[static_cast<std::size_t>(c)];
      if (named.table.columns[static_cast<std::size_t>(c)].type != ColumnType::amount) continue;
      if (!cell.has_figure() || cell.figure.is_zero()) continue;
      out.push_back({{named.table.where.path, cell.where.line, cell.where.column},
                     named.name + ": " + row_label(named.table, side, row) + " " +
                         column_label(named.table, c) + " is " + cell.figure.format() +
                         " but the table is marked empty [" + cell_reference(named.table, row, c) +
                         "]",
                     cell_reference(named.table, row, c)});
    }
  }
}

void check_grid(const Named& named, std::vector<Finding>& out) {
  for (const Side& side : named.table.sides) {
    check_row_sums(named, side, out);
    check_column_sums(named, side, out);
    if (named.table.published_empty) check_empty(named, side, out);
  }
}

/// Every automatic finding of a top-level table or form, in document order.
std::vector<Finding> automatic_findings(const Table& table) {
  std::vector<Finding> out;
  check_grid({table, table.title}, out);
  for (const Table& part : table.parts) {
    std::string name = part.title.empty() ? table.title : table.title + " " + part.title;
    check_grid({part, name}, out);
  }
  return out;
}

// ---- the expression language of declared checks ----------------------------------------------

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

  [[noreturn]] void fail(std::string message) const { throw ExpressionError{pos_, std::move(message)}; }

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
    while (pos_ < text_.size() && ((text_[pos_] >= '0' && text_[pos_] <= '9') || text_[pos_] == '.')) {
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
      bool next_alnum = pos_ + 1 < text_.size() && is_name_char(text_[pos_ + 1]) &&
                        text_[pos_ + 1] != '-';
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
    if (n.empty()) fail("expected a row id, a code or #N");
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
    if (node->digits > Decimal::kMaxResultScale) fail("round() takes a number of decimals, 0 to 18");
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

/// Half a unit at `scale` (negative scales: tens, hundreds, …).
Decimal half_unit_at(int scale) {
  if (scale >= 0) return Decimal(5, scale + 1);
  long long units = 5;
  for (int i = 1; i < -scale; ++i) units *= 10;
  return Decimal(units, 0);
}

struct Resolved {
  const Table* table = nullptr;
  const Side* side = nullptr;
  const Row* row = nullptr;
  int column = -1;
};

class Evaluator {
 public:
  Evaluator(const ReportData& report, const DeclaredCheck& check)
      : report_(report), check_(check) {}

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
        return {checked(evaluate(*node.left).value.rounded(node.digits), node), Decimal(), false, 0};
      default:
        return arithmetic(node);
    }
  }

 private:
  const ReportData& report_;
  const DeclaredCheck& check_;
  bool seen_wan_ = false;
  bool seen_yuan_ = false;

  [[noreturn]] static void fail(const Node& node, std::string message) {
    throw ExpressionError{node.offset, std::move(message)};
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
        out.value = checked(node.kind == Node::Kind::add ? add(l.value, r.value)
                                                         : subtract(l.value, r.value),
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
      if (node.table.empty()) fail(node, "a reference without a table name needs a check inside a table");
      fail(node, "no table \"" + node.table + "\"");
    }
    std::optional<RowPosition> at = find_row(*r.table, row_ref);
    if (!at) fail(node, "no unique row \"" + row_ref + "\" in table \"" + r.table->id + "\"");
    r.side = &r.table->sides[static_cast<std::size_t>(at->side)];
    r.row = &r.side->rows[static_cast<std::size_t>(at->row)];
    r.column = r.table->column_index(node.column);
    if (r.column < 0) fail(node, "no column \"" + node.column + "\" in table \"" + r.table->id + "\"");
    if (r.table->columns[static_cast<std::size_t>(r.column)].side != at->side) {
      fail(node, "column \"" + node.column + "\" is not on the side of row \"" + row_ref +
                     "\" in table \"" + r.table->id + "\"");
    }
    return r;
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
    auto [value, scale] = normalized(*r.table, r.column, cell.figure, node);
    return {value, half_unit_at(scale), true, scale};
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
      auto [value, scale] = normalized(*first.table, first.column, cell.figure, node);
      out.value = checked(add(out.value, value), node);
      out.tolerance = checked(add(out.tolerance, half_unit_at(scale)), node);
    }
    return out;
  }

  /// For table[*].column: the side that holds the column.
  Resolved resolve_column_side(const Node& node) const {
    Resolved r;
    r.table = resolve_table(node);
    if (!r.table) fail(node, "no table \"" + node.table + "\"");
    r.column = r.table->column_index(node.column);
    if (r.column < 0) fail(node, "no column \"" + node.column + "\" in table \"" + r.table->id + "\"");
    r.side = &r.table->sides[static_cast<std::size_t>(r.table->columns[static_cast<std::size_t>(r.column)].side)];
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
  Verdict v{false, l.value, r.value, subtract(l.value, r.value).value_or(Decimal()).abs()};
  Decimal upper = add(r.value, tolerance).value_or(r.value);
  Decimal lower = subtract(r.value, tolerance).value_or(r.value);
  if (op == "=") v.holds = v.difference <= tolerance;
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

void run_check(const ReportData& report, const DeclaredCheck& check, Diagnostics& diagnostics) {
  std::string name = check_name(check);
  Assertion assertion;
  try {
    assertion = ExpressionParser(check.assertion).parse();
  } catch (const ExpressionError& e) {
    diagnostics.error(location_in(check, e.offset), name + ": syntax error: " + e.message);
    return;
  }
  Verdict verdict;
  try {
    Evaluator evaluator(report, check);
    evaluator.prepare(*assertion.left);
    evaluator.prepare(*assertion.right);
    Operand l = evaluator.evaluate(*assertion.left);
    Operand r = evaluator.evaluate(*assertion.right);
    verdict = compare_sides(l, r, assertion.op, check.tolerance);
  } catch (const ExpressionError& e) {
    diagnostics.error(location_in(check, e.offset), name + ": " + e.message);
    return;
  }
  if (verdict.holds) {
    if (!check.acknowledged.empty()) {
      diagnostics.warning(check.where, name + " is acknowledged as failing but passes; remove "
                                             "\"acknowledged\"");
    }
    return;
  }
  std::string message = name + " failed: " + check.assertion + ": left side is " +
                        show(verdict.left) + ", right side is " + show(verdict.right) +
                        " (difference " + show(verdict.difference) + ")";
  if (check.acknowledged.empty()) {
    diagnostics.error(check.where, message);
  } else {
    diagnostics.warning(check.where, message + " — acknowledged: " + check.acknowledged);
  }
}

/// An acknowledgement with the table it was written in, for resolving relative references.
struct AckEntry {
  const Acknowledgement* ack;
  std::string owner;
  bool used = false;

  bool matches(const std::string& reference) const {
    const std::string& r = ack->check;
    return reference == r || reference == owner + "." + r ||
           (!r.empty() && r.front() == '[' && reference == owner + r);
  }
};

std::vector<AckEntry> acknowledgements_of(const Table& table) {
  std::vector<AckEntry> out;
  for (const Acknowledgement& a : table.acknowledged) out.push_back({&a, table.id});
  for (const Table& part : table.parts) {
    for (const Acknowledgement& a : part.acknowledged) out.push_back({&a, part.id});
  }
  return out;
}

void report_findings(const Table& table, Diagnostics& diagnostics) {
  std::vector<AckEntry> acks = acknowledgements_of(table);
  for (const Finding& f : automatic_findings(table)) {
    AckEntry* match = nullptr;
    for (AckEntry& a : acks) {
      if (!match && a.matches(f.reference)) match = &a;
    }
    if (!match) {
      diagnostics.error(f.where, f.message);
      continue;
    }
    match->used = true;
    diagnostics.warning(f.where, f.message + " — acknowledged: " + match->ack->note);
  }
  for (const AckEntry& a : acks) {
    if (a.used) continue;
    diagnostics.warning(a.ack->where, "acknowledged inconsistency \"" + a.ack->check +
                                          "\" does not occur; remove the acknowledgement");
  }
}

/// True when the grid has amount columns and not one figure in them.
bool lacks_amounts(const Table& grid) {
  if (!grid.has_amount_column() || grid.published_empty) return false;
  for (const Side& side : grid.sides) {
    for (const Row& row : side.rows) {
      for (int c : side.columns) {
        bool amount = grid.columns[static_cast<std::size_t>(c)].type == ColumnType::amount;
        if (amount && row.cells[static_cast<std::size_t>(c)].has_figure()) return false;
      }
    }
  }
  return true;
}

/// A table with amount columns but no amount is either still to be filled in (a skeleton of
/// `gongkai new`) or published empty, which the file must then say: a warning, so that an
/// unfinished disclosure is not published unnoticed.
void warn_unfilled(const Table& table, Diagnostics& diagnostics) {
  std::vector<const Table*> grids;
  if (table.is_form()) {
    for (const Table& part : table.parts) grids.push_back(&part);
  } else {
    grids.push_back(&table);
  }
  for (const Table* grid : grids) {
    if (!lacks_amounts(*grid)) continue;
    std::string name = grid == &table || grid->title.empty() ? table.title : table.title + " " + grid->title;
    diagnostics.warning(grid->where, name + ": no amounts filled in; fill in the figures, or mark the "
                                            "table \"empty\": true if the published table is empty");
  }
}

}  // namespace

void check_report(const ReportData& report, Diagnostics& diagnostics) {
  for (const Table& table : report.tables) {
    warn_unfilled(table, diagnostics);
    report_findings(table, diagnostics);
    for (const DeclaredCheck& check : table.checks) run_check(report, check, diagnostics);
  }
  for (const DeclaredCheck& check : report.checks) run_check(report, check, diagnostics);
}

}  // namespace gongkai

// The data templates render: a tree of null, booleans, numbers, strings, arrays and objects,
// like JSON, built by the view models (view.cc, report_view.cc) and read by the Mustache
// renderer (template_render.cc).
//
// Why not nlohmann::json: a report page's view holds tens of thousands of values (one object
// per table cell), and nlohmann's objects are std::maps, a heap node per member. A View object
// keeps its members in two vectors, in the order they were added; building one costs two
// allocations, and the renderer finds a member by scanning a few short keys. Profiles of a full
// build put the nlohmann view models and their lookups at more than half of the CPU time
// (docs/performance.md).
//
// A View may also borrow another View (View::borrow): data shared by every page, such as the
// site's UI strings, is then built once instead of copied into each page's view. And an array
// may be made item by item as the renderer reads it (View::made): a page of tens of thousands
// of linked cells then holds one row at a time, not all of them.
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

/// A member name with its hash, computed once: objects keep their keys so, and the template
/// compiler so keeps the names a template looks up, which the renderer does by the million.
struct ViewName {
  std::string text;
  std::uint32_t hash = 0;
  ViewName() = default;
  explicit ViewName(std::string_view name);
  /// FNV-1a of the bytes.
  static std::uint32_t hash_of(std::string_view name);
};

class View {
 public:
  enum class Kind : std::uint8_t { null, boolean, integer, unsigned_integer, real, string, array, object };
  struct Member;

  View() = default;
  View(std::nullptr_t) {}
  View(bool value) : kind_(Kind::boolean) { scalar_.boolean = value; }
  template <std::signed_integral T>
  View(T value) : kind_(Kind::integer) {
    scalar_.integer = value;
  }
  template <std::unsigned_integral T>
    requires(!std::same_as<T, bool>)
  View(T value) : kind_(Kind::unsigned_integer) {
    scalar_.unsigned_integer = value;
  }
  View(double value) : kind_(Kind::real) { scalar_.real = value; }
  View(const char* text) : kind_(Kind::string), text_(text) {}
  View(std::string text) : kind_(Kind::string), text_(std::move(text)) {}
  View(std::string_view text) : kind_(Kind::string), text_(text) {}
  /// An array of strings.
  View(const std::vector<std::string>& texts);
  /// An object with these members, in this order. Keys should be distinct: a lookup finds the
  /// first member of a name.
  View(std::initializer_list<Member> members);

  static View array();
  static View array(std::initializer_list<View> items);
  static View object();
  /// A view that reads as `target`, without copying it. `target` must outlive this view and
  /// every copy of it, and must not change while they are read.
  static View borrow(const View& target);
  /// An array of `count` items, each made by `make(index)` only when it is read and dropped
  /// after: a section renders one at a time (the year's function classes page, a cell per
  /// department and class, would otherwise hold tens of megabytes). `make` must give the same
  /// item for the same index, and what it refers to must outlive the view and its copies. A
  /// made array cannot be appended to.
  static View made(std::size_t count, std::function<View(std::size_t)> make);

  /// Appends to an array (not a made one); a null view becomes an array first.
  void push_back(View item);
  /// The member `key` of an object, added as null when missing; a null view becomes an object
  /// first.
  View& operator[](std::string_view key);

  /// The kind of the value read (for a borrowed view: of the target).
  Kind kind() const { return resolved().kind_; }
  bool is_null() const { return kind() == Kind::null; }
  bool is_boolean() const { return kind() == Kind::boolean; }
  bool is_string() const { return kind() == Kind::string; }
  bool is_array() const { return kind() == Kind::array; }
  bool is_object() const { return kind() == Kind::object; }
  bool boolean() const { return resolved().scalar_.boolean; }
  std::int64_t integer() const { return resolved().scalar_.integer; }
  std::uint64_t unsigned_integer() const { return resolved().scalar_.unsigned_integer; }
  double real() const { return resolved().scalar_.real; }
  /// A string's text; "" for anything else.
  const std::string& text() const { return resolved().text_; }
  /// Elements of an array, member values of an object, nothing for the rest, nor for a made
  /// array: read arrays with size() and item().
  const std::vector<View>& items() const { return resolved().items_; }
  /// Member keys of an object, parallel to items().
  const std::vector<ViewName>& keys() const { return resolved().keys_; }
  /// The number of elements of an array (made or not) or members of an object.
  std::size_t size() const;
  bool empty() const { return size() == 0; }
  /// Element `index` (< size()) of an array: the stored one, or one made into `scratch`.
  const View& item(std::size_t index, View& scratch) const;
  /// An object's member `key`, or nullptr.
  const View* find(std::string_view key) const { return find(key, ViewName::hash_of(key)); }
  const View* find(const ViewName& key) const { return find(key.text, key.hash); }

  /// The same data as JSON, members in order (for --dump-views and printing a whole object).
  nlohmann::ordered_json to_json() const;
  /// The view of JSON data (for `gongkai template --data` and the template tests).
  static View from_json(const nlohmann::json& json);

 private:
  const View& resolved() const { return borrowed_ ? *borrowed_ : *this; }
  void add_member(std::string key, View value);
  void add_member(std::string key, std::uint32_t hash, View value);
  const View* find(std::string_view key, std::uint32_t hash) const;

  Kind kind_ = Kind::null;
  union {
    bool boolean;
    std::int64_t integer;
    std::uint64_t unsigned_integer;
    double real;
  } scalar_{};
  /// For objects: one bit per key, chosen by its hash, so that most lookups of a name an
  /// object lacks (the renderer tries each enclosing object in turn) end at once.
  std::uint64_t key_bits_ = 0;
  const View* borrowed_ = nullptr;
  std::string text_;
  std::vector<View> items_;
  std::vector<ViewName> keys_;
  /// For a made array: its size and how an item is made.
  struct Maker {
    std::size_t count;
    std::function<View(std::size_t)> make;
  };
  std::shared_ptr<const Maker> maker_;
};

/// A member of an object being built from a braced list. The fields are mutable so that the
/// constructor can move them out of the list's (const) elements: a member's value is often a
/// whole table's rows, which must not be copied.
struct View::Member {
  mutable std::string key;
  mutable View value;
};

}  // namespace gongkai

#include "render/view_data.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace gongkai;

TEST_CASE("a view object keeps its members in the order they were given", "[view]") {
  View cell = {{"text", "1,234.00"}, {"numeric", true}, {"rowspan", 2}, {"level", std::size_t{3}}};
  REQUIRE(cell.is_object());
  std::vector<std::string> keys;
  for (const ViewName& key : cell.keys()) keys.push_back(key.text);
  CHECK(keys == std::vector<std::string>{"text", "numeric", "rowspan", "level"});
  CHECK(cell.find("text")->text() == "1,234.00");
  CHECK(cell.find("numeric")->boolean());
  CHECK(cell.find("rowspan")->integer() == 2);
  CHECK(cell.find("level")->unsigned_integer() == 3);
  CHECK(cell.to_json().dump() == R"({"text":"1,234.00","numeric":true,"rowspan":2,"level":3})");
}

TEST_CASE("finding a member a view object lacks gives nullptr", "[view]") {
  View row = {{"class", "level-1"}, {"cells", View::array()}};
  // Names of the same length and first letter as a member, and names of other objects.
  for (const char* missing : {"cellz", "c", "", "colspan", "change_text", "header", "classes"}) {
    CAPTURE(missing);
    CHECK(row.find(missing) == nullptr);
  }
  CHECK(View("text").find("text") == nullptr);
  CHECK(View::array({View(1)}).find("0") == nullptr);
}

TEST_CASE("operator[] finds a member or appends it as null", "[view]") {
  View view;
  view["a"] = 1;
  view["b"] = View::array();
  view["a"] = "one";
  view["b"].push_back(true);
  CHECK(view.to_json().dump() == R"({"a":"one","b":[true]})");
  View list;
  list.push_back(nullptr);
  CHECK(list.is_array());
  CHECK(list.size() == 1);
}

TEST_CASE("members and items are moved out of braced lists, not copied", "[view]") {
  View rows = View::array();
  for (int i = 0; i < 3; ++i) rows.push_back({{"n", i}});
  const View* first = &rows.items().front();
  View table = {{"rows", std::move(rows)}};
  CHECK(&table.find("rows")->items().front() == first);
}

TEST_CASE("a borrowed view reads as its target without copying it", "[view]") {
  View strings = {{"nav_home", "首页"}, {"table_csv", "下载 CSV"}};
  View page = {{"i18n", View::borrow(strings)}};
  const View* i18n = page.find("i18n");
  CHECK(i18n->is_object());
  CHECK(i18n->size() == 2);
  CHECK(&i18n->find("nav_home")->text() == &strings.find("nav_home")->text());
  View again = View::borrow(*i18n);
  CHECK(again.find("table_csv")->text() == "下载 CSV");
  CHECK(page.to_json().dump() == R"({"i18n":{"nav_home":"首页","table_csv":"下载 CSV"}})");
}

TEST_CASE("JSON data converts to a view and back", "[view]") {
  auto data = nlohmann::json::parse(
      R"({"b":[1,-2,18446744073709551615,1.5,"x",null,false],"a":{"c":{}},"d":[]})");
  View view = View::from_json(data);
  CHECK(view.find("b")->items()[1].integer() == -2);
  CHECK(view.find("b")->items()[2].unsigned_integer() == 18446744073709551615u);
  CHECK(view.find("b")->items()[3].real() == 1.5);
  CHECK(view.find("b")->items()[5].is_null());
  CHECK(view.find("a")->find("c")->is_object());
  // nlohmann::json orders keys; the view keeps that order.
  CHECK(view.to_json().dump() == data.dump());
}

TEST_CASE("an array of strings converts from a vector", "[view]") {
  View notes = std::vector<std::string>{"注：一", "注：二"};
  REQUIRE(notes.is_array());
  CHECK(notes.items()[1].text() == "注：二");
  CHECK(View(std::vector<std::string>{}).is_array());
  CHECK(View(std::vector<std::string>{}).empty());
}

TEST_CASE("a made array makes each item only when it is read", "[view]") {
  int made = 0;
  View rows = View::made(3, [&made](std::size_t i) {
    ++made;
    return View{{"n", i * 10}};
  });
  REQUIRE(rows.is_array());
  CHECK(rows.size() == 3);
  CHECK_FALSE(rows.empty());
  CHECK(rows.items().empty());
  CHECK(made == 0);
  View scratch;
  CHECK(rows.item(2, scratch).find("n")->unsigned_integer() == 20);
  CHECK(made == 1);
  // A copy shares the maker; the JSON dump makes every item.
  View copy = rows;
  CHECK(copy.to_json().dump() == R"([{"n":0},{"n":10},{"n":20}])");
  CHECK(made == 4);
  CHECK(View::borrow(rows).size() == 3);
  CHECK(View::made(0, [](std::size_t) { return View(); }).empty());
  CHECK_THROWS_AS(rows.push_back(1), std::logic_error);
}

TEST_CASE("a stored array reads the same through item() and items()", "[view]") {
  View rows = View::array({1, 2});
  View scratch;
  CHECK(&rows.item(1, scratch) == &rows.items()[1]);
  CHECK(scratch.is_null());
}

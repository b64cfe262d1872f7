// base/fill_in.h: the placeholders of UI strings.
#include "base/fill_in.h"

#include <catch2/catch.hpp>

using gongkai::fill_in;

TEST_CASE("fill_in replaces every placeholder of its key and no other", "[fill_in]") {
  CHECK(fill_in("{year} 年 {title}（{year}）", "year", "2023") == "2023 年 {title}（2023）");
  CHECK(fill_in("无占位符", "year", "2023") == "无占位符");
  CHECK(fill_in("{year", "year", "2023") == "{year");
}

TEST_CASE("fill_in does not fill in a value that holds the placeholder again", "[fill_in]") {
  CHECK(fill_in("{title}：{title}", "title", "{title}") == "{title}：{title}");
  CHECK(fill_in("{a}", "a", "") == "");
}

#include "render/view_data.h"

#include <algorithm>
#include <stdexcept>

namespace gongkai {

namespace {

std::uint64_t key_bit(std::uint32_t hash) { return std::uint64_t{1} << (hash >> 26); }

}  // namespace

std::uint32_t ViewName::hash_of(std::string_view name) {
  std::uint32_t hash = 2166136261u;
  for (char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

ViewName::ViewName(std::string_view name) : text(name), hash(hash_of(name)) {}

View::View(const std::vector<std::string>& texts) : kind_(Kind::array) {
  items_.reserve(texts.size());
  for (const std::string& text : texts) items_.emplace_back(text);
}

View::View(std::initializer_list<Member> members) : kind_(Kind::object) {
  keys_.reserve(members.size());
  items_.reserve(members.size());
  for (const Member& member : members) {
    add_member(std::move(member.key), std::move(member.value));
  }
}

View View::array() {
  View view;
  view.kind_ = Kind::array;
  return view;
}

View View::array(std::initializer_list<View> items) {
  View view = array();
  view.items_.assign(items.begin(), items.end());
  return view;
}

View View::object() {
  View view;
  view.kind_ = Kind::object;
  return view;
}

View View::borrow(const View& target) {
  View view;
  view.borrowed_ = &target.resolved();
  return view;
}

View View::made(std::size_t count, std::function<View(std::size_t)> make) {
  View view = array();
  view.maker_ = std::make_shared<const Maker>(Maker{count, std::move(make)});
  return view;
}

std::size_t View::size() const {
  const View& self = resolved();
  return self.maker_ ? self.maker_->count : self.items_.size();
}

const View& View::item(std::size_t index, View& scratch) const {
  const View& self = resolved();
  if (!self.maker_) return self.items_[index];
  scratch = self.maker_->make(index);
  return scratch;
}

void View::add_member(std::string key, View value) {
  std::uint32_t hash = ViewName::hash_of(key);
  add_member(std::move(key), hash, std::move(value));
}

void View::add_member(std::string key, std::uint32_t hash, View value) {
  key_bits_ |= key_bit(hash);
  ViewName& name = keys_.emplace_back();
  name.text = std::move(key);
  name.hash = hash;
  items_.push_back(std::move(value));
}

void View::push_back(View item) {
  if (maker_) throw std::logic_error("View::push_back on a made array");
  if (kind_ == Kind::null && !borrowed_) kind_ = Kind::array;
  items_.push_back(std::move(item));
}

View& View::operator[](std::string_view key) {
  if (kind_ == Kind::null && !borrowed_) kind_ = Kind::object;
  std::uint32_t hash = ViewName::hash_of(key);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i].hash == hash && keys_[i].text == key) return items_[i];
  }
  add_member(std::string(key), hash, nullptr);
  return items_.back();
}

const View* View::find(std::string_view key, std::uint32_t hash) const {
  const View& self = resolved();
  if (self.kind_ != Kind::object || !(self.key_bits_ & key_bit(hash))) return nullptr;
  for (std::size_t i = 0; i < self.keys_.size(); ++i) {
    if (self.keys_[i].hash == hash && self.keys_[i].text == key) return &self.items_[i];
  }
  return nullptr;
}

nlohmann::ordered_json View::to_json() const {
  const View& self = resolved();
  switch (self.kind_) {
    case Kind::null:
      return nullptr;
    case Kind::boolean:
      return self.scalar_.boolean;
    case Kind::integer:
      return self.scalar_.integer;
    case Kind::unsigned_integer:
      return self.scalar_.unsigned_integer;
    case Kind::real:
      return self.scalar_.real;
    case Kind::string:
      return self.text_;
    case Kind::array: {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      View scratch;
      for (std::size_t i = 0; i < self.size(); ++i) out.push_back(self.item(i, scratch).to_json());
      return out;
    }
    case Kind::object: {
      nlohmann::ordered_json out = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < self.keys_.size(); ++i) out[self.keys_[i].text] = self.items_[i].to_json();
      return out;
    }
  }
  return nullptr;
}

View View::from_json(const nlohmann::json& json) {
  using Type = nlohmann::json::value_t;
  switch (json.type()) {
    case Type::boolean:
      return json.get<bool>();
    case Type::number_integer:
      return json.get<std::int64_t>();
    case Type::number_unsigned:
      return json.get<std::uint64_t>();
    case Type::number_float:
      return json.get<double>();
    case Type::string:
      return json.get_ref<const std::string&>();
    case Type::array: {
      View out = array();
      out.items_.reserve(json.size());
      for (const nlohmann::json& item : json) out.items_.push_back(from_json(item));
      return out;
    }
    case Type::object: {
      View out = object();
      for (const auto& [key, value] : json.items()) out.add_member(key, from_json(value));
      return out;
    }
    default:
      return nullptr;
  }
}

}  // namespace gongkai

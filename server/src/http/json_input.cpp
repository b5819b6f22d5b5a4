#include "http/json_input.hpp"

namespace lvzhi::http {
namespace {
constexpr const char* kRequired = "此项为必填项";
}  // namespace

std::optional<std::string> JsonInput::string(const std::string& field, bool required) {
  const auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) errors_.add(field, kRequired);
    return std::nullopt;
  }
  if (!it->is_string()) {
    errors_.add(field, "必须为文本");
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<long long> JsonInput::integer(const std::string& field, bool required) {
  const auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) errors_.add(field, kRequired);
    return std::nullopt;
  }
  if (!it->is_number_integer()) {
    errors_.add(field, "必须为整数");
    return std::nullopt;
  }
  return it->get<long long>();
}

std::optional<bool> JsonInput::boolean(const std::string& field, bool required) {
  const auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) errors_.add(field, kRequired);
    return std::nullopt;
  }
  if (!it->is_boolean()) {
    errors_.add(field, "必须为 true 或 false");
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<std::vector<std::string>> JsonInput::strings(const std::string& field,
                                                           bool required) {
  const auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) errors_.add(field, kRequired);
    return std::nullopt;
  }
  if (!it->is_array()) {
    errors_.add(field, "必须为列表");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : *it) {
    if (!item.is_string()) {
      errors_.add(field, "列表中的每一项都必须为文本");
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::vector<long long>> JsonInput::ids(const std::string& field, bool required) {
  const auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) errors_.add(field, kRequired);
    return std::nullopt;
  }
  if (!it->is_array()) {
    errors_.add(field, "必须为 ID 的列表");
    return std::nullopt;
  }
  std::vector<long long> out;
  out.reserve(it->size());
  for (const auto& item : *it) {
    if (!item.is_number_integer() || item.get<long long>() <= 0) {
      errors_.add(field, "列表中的每一项都必须为正整数 ID");
      return std::nullopt;
    }
    out.push_back(item.get<long long>());
  }
  return out;
}

}  // namespace lvzhi::http

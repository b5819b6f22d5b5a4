#pragma once
// Reading typed fields out of a JSON request body, collecting one Chinese message per bad field.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace lvzhi::http {

class JsonInput {
 public:
  explicit JsonInput(const Json& body) : body_(body) {}

  [[nodiscard]] bool has(const std::string& field) const { return body_.contains(field); }
  // A string field; absent → nullopt (and an error if required); wrong type → error.
  std::optional<std::string> string(const std::string& field, bool required);
  std::optional<long long> integer(const std::string& field, bool required);
  std::optional<bool> boolean(const std::string& field, bool required);
  std::optional<std::vector<std::string>> strings(const std::string& field, bool required);
  // A list of positive integer ids (references to other records).
  std::optional<std::vector<long long>> ids(const std::string& field, bool required);
  // Explicit null (to clear an optional reference such as parent_id).
  [[nodiscard]] bool is_null(const std::string& field) const {
    return has(field) && body_.at(field).is_null();
  }

  FieldErrors& errors() { return errors_; }
  [[nodiscard]] bool ok() const { return errors_.empty(); }

 private:
  const Json& body_;
  FieldErrors errors_;
};

}  // namespace lvzhi::http

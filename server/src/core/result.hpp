#pragma once
// Expected failures travel as values: Result<T> holds a T or an Error whose code is declared in
// contract/errors.json.
#include <cassert>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

#include "contract/errors.hpp"

namespace lvzhi {

using Json = nlohmann::json;

struct Error {
  contract::ErrorDef def;
  std::string message;  // defaults to def.message; set to say something more precise
  Json details = Json::object();

  [[nodiscard]] std::string_view code() const { return def.code; }
  [[nodiscard]] int status() const { return def.status; }
};

inline Error make_error(const contract::ErrorDef& def, Json details = Json::object()) {
  return Error{def, std::string(def.message), std::move(details)};
}

inline Error make_error(const contract::ErrorDef& def, std::string message,
                        Json details = Json::object()) {
  return Error{def, std::move(message), std::move(details)};
}

// A literal message: without this overload a string literal could convert to either string or Json.
inline Error make_error(const contract::ErrorDef& def, const char* message,
                        Json details = Json::object()) {
  return Error{def, std::string(message), std::move(details)};
}

// 422 with one message per offending field: details = {"fields": {"name": "…"}}.
class FieldErrors {
 public:
  void add(const std::string& field, std::string message) {
    if (!fields_.contains(field)) fields_[field] = std::move(message);
  }
  [[nodiscard]] bool empty() const { return fields_.empty(); }
  // field → message, in field order.
  [[nodiscard]] const Json& fields() const { return fields_; }
  [[nodiscard]] Error error() const {
    return make_error(contract::err::kRequestValidationFailed, Json{{"fields", fields_}});
  }

 private:
  Json fields_ = Json::object();
};

inline Error field_error(const std::string& field, std::string message) {
  FieldErrors errors;
  errors.add(field, std::move(message));
  return errors.error();
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

  [[nodiscard]] const Error& error() const {
    assert(!ok());
    return std::get<1>(data_);
  }
  Error&& take_error() {
    assert(!ok());
    return std::get<1>(std::move(data_));
  }

 private:
  std::variant<T, Error> data_;
};

struct Unit {};

// Thrown, not returned: a service the request needs (the database) cannot be reached at all. The
// HTTP pipeline answers 503 server.unavailable, which tells the client to retry later.
class UnavailableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace lvzhi

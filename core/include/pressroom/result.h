// Result<T>: the value-or-error type used across the core for expected failures.
//
// Contract: an Error carries a machine-readable `code` (e.g. "invalid_argument", "not_found"),
// a human `message` written for the person who made the mistake, and the `field` it concerns
// (empty when it concerns no single field). The core never maps codes to HTTP statuses; searchd
// does. Thread-safety: plain values, no shared state.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace pressroom {

struct Error {
  std::string code;
  std::string message;
  std::string field;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Preconditions: ok() for value(), !ok() for error().
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Error& error() const { return std::get<1>(v_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(std::string code, std::string message, std::string field = {}) {
  return Error{std::move(code), std::move(message), std::move(field)};
}

}  // namespace pressroom

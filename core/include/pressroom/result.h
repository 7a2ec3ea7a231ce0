// Result<T>: the value-or-error type used across the core for expected failures.
//
// Contract: an Error carries a machine-readable `code` (an ErrorCode; its wire form, e.g.
// "invalid_argument", is to_string(code)), a human `message` written for the person who made the
// mistake, and the `field` it concerns (empty when it concerns no single field). The core never
// maps codes to HTTP statuses; searchd does, with a switch the compiler checks for every code.
// Result<void> is the outcome of an operation that returns nothing but may fail.
// Thread-safety: plain values, no shared state.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace pressroom {

// Every error code the programs report. Adding one: add it here and to to_string() in result.cc;
// searchd's status_for() switch then fails to compile (-Wswitch) until it has an HTTP status too.
enum class ErrorCode {
  kBindFailed,
  kEmpty,
  kForbidden,
  kHeaderTooLarge,
  kInternal,
  kInvalidArgument,
  kInvalidDate,
  kInvalidFrontMatter,
  kInvalidInput,
  kInvalidMapping,
  kInvalidMarkdown,
  kInvalidRecord,
  kInvalidXpath,
  kIoError,
  kLocked,
  kMalformedCsv,
  kMalformedJson,
  kMalformedXml,
  kMethodNotAllowed,
  kNoDate,
  kNotADatabase,
  kNotAFeed,
  kNotFound,
  kPathMismatch,
  kPayloadTooLarge,
  kRequestTimeout,
  kSchemaMismatch,
  kSnapshotChanged,
  kTooManyRequests,
  kUnauthorized,
  kUnavailable,
  kUndecodable,
  kUriTooLong,
};

// The code's wire form, as it appears in JSON error bodies and in diagnostics ("invalid_argument").
std::string_view to_string(ErrorCode code);
std::ostream& operator<<(std::ostream& out, ErrorCode code);  // for test failure messages

struct Error {
  ErrorCode code = ErrorCode::kInternal;
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

// An operation that returns nothing on success: ok(), or an error().
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  // Precondition: !ok().
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

inline Error make_error(ErrorCode code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), std::move(field)};
}

}  // namespace pressroom

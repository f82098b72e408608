// Result<T>: either a value of T or a non-OK Status.
//
// The return type of every operation that can fail in an expected way and
// produces a value on success (parsing, lookups, checked arithmetic).
//
//   Result<Money> price = Money::Parse("12,34");
//   if (!price.ok()) return price.status();
//   Use(*price);
//
// Dereferencing a Result that holds an error is a bug and throws std::logic_error.
// Thread-safety: a value type.
#pragma once

#include <stdexcept>
#include <utility>
#include <variant>

#include "base/status.h"

namespace kasse {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(state_).ok()) throw std::logic_error("Result constructed from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(state_); }

  // The error, or OK when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  const T& value() const& { return Checked(); }
  T& value() & { return const_cast<T&>(Checked()); }
  T&& value() && { return std::move(const_cast<T&>(Checked())); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  const T& Checked() const {
    if (!ok()) throw std::logic_error("Result accessed without a value: " + std::get<Status>(state_).ToString());
    return std::get<T>(state_);
  }

  std::variant<T, Status> state_;
};

}  // namespace kasse

// Returns early from the enclosing function with the error of `expr` (a Status).
#define KASSE_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::kasse::Status kasse_status_ = (expr);        \
    if (!kasse_status_.ok()) return kasse_status_; \
  } while (false)

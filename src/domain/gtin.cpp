#include "domain/gtin.h"

#include <algorithm>

namespace kasse {

int Gtin::CheckDigit(std::string_view digits) {
  int sum = 0;
  int weight = 3;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;  // 3, 1, 3, 1, …
  }
  return (10 - sum % 10) % 10;
}

Result<Gtin> Gtin::Parse(std::string_view digits) {
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) || digits.empty()) {
    return Status::InvalidArgument("", "a GTIN consists of digits only");
  }
  size_t length = digits.size();
  if (length != 8 && length != 12 && length != 13 && length != 14) {
    return Status::InvalidArgument("", "a GTIN has 8, 12, 13 or 14 digits, not " + std::to_string(length));
  }
  int expected = CheckDigit(digits.substr(0, length - 1));
  if (digits.back() - '0' != expected) {
    return Status::InvalidArgument(
        "", "check digit of GTIN " + std::string(digits) + " should be " + std::to_string(expected));
  }
  return Gtin(std::string(digits));
}

std::string Gtin::ToGtin14() const { return std::string(14 - digits_.size(), '0') + digits_; }

bool Gtin::IsRestrictedCirculation() const { return digits_.size() == 13 && digits_[0] == '2'; }

}  // namespace kasse

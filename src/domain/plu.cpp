#include "domain/plu.h"

namespace kasse {

Result<Plu> Plu::Parse(std::string_view digits) {
  if (digits.empty() || digits.size() > kMaxDigits) {
    return Status::InvalidArgument("", "a PLU has 1 to 5 digits");
  }
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return Status::InvalidArgument("", "a PLU consists of digits only");
    value = value * 10 + (c - '0');
  }
  if (value == 0) return Status::InvalidArgument("", "PLU 0 does not exist");
  return Plu(value);
}

}  // namespace kasse

#include "domain/ids.h"

#include "domain/receipt_limits.h"

namespace kasse {

Status ValidateRegisterId(const RegisterId& id) {
  const std::string& value = id.value();
  if (value.empty() || value.size() > limits::kMaxRegisterIdBytes ||
      value.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") !=
          std::string::npos) {
    return Status::InvalidArgument("register_id", "must be 1 to 50 letters, digits, '.', '_' or '-'");
  }
  return Status::Ok();
}

}  // namespace kasse

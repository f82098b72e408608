#include "cli/secret.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace kasse::cli {
namespace {

Result<std::string> ReadSecretFile(const SecretSource& source) {
  std::ifstream file(source.file, std::ios::binary);
  if (!file) {
    return Status::InvalidArgument(source.file_flag, "cannot read " + source.file + ": " + std::strerror(errno));
  }
  std::string text(kMaxSecretFileBytes + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(file.gcount()));
  if (text.size() > kMaxSecretFileBytes) {
    return Status::InvalidArgument(source.file_flag, source.file + " is longer than a token (" +
                                                         std::to_string(kMaxSecretFileBytes) + " bytes at most)");
  }
  std::string secret = text.substr(0, text.find('\n'));
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ' || secret.back() == '\t')) {
    secret.pop_back();
  }
  if (secret.empty())
    return Status::InvalidArgument(source.file_flag, source.file + " holds no token on its first line");
  return secret;
}

}  // namespace

Result<std::string> ResolveSecret(const SecretSource& source) {
  if (!source.value.empty() && !source.file.empty()) {
    return Status::InvalidArgument(source.file_flag,
                                   "give --" + source.flag + " or --" + source.file_flag + ", not both");
  }
  if (!source.value.empty()) return source.value;
  if (!source.file.empty()) return ReadSecretFile(source);
  const char* env = std::getenv(source.env.c_str());
  if (env != nullptr && *env != '\0') return std::string(env);
  return Status::InvalidArgument(source.flag, "is required: give --" + source.file_flag + " FILE or set " + source.env +
                                                  " (--" + source.flag +
                                                  " works too, but other local users see it in ps)");
}

std::string SecretFlagHelp(const std::string& what, const std::string& file_flag, const std::string& env) {
  return what + ". Visible to every local user in `ps` while the command runs: prefer --" + file_flag + " or " + env;
}

}  // namespace kasse::cli

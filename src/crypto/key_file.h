// Files holding a secret (a TSE's private key PEM) that only their owner may read.
//
// WriteKeyFile never exposes a partial or world-readable file: it writes a
// temporary file created with O_CREAT|O_EXCL and mode 0600 in the target's
// directory, fsyncs it, renames it over `path` (replacing an existing file
// atomically) and fsyncs the directory, so after a crash `path` holds either the
// old or the new contents. ReadKeyFile refuses a file that group or others may
// access, as ssh does, rather than use a secret that may have leaked.
//
// Plain POSIX; no OpenSSL. Thread-safety: safe to call concurrently for
// different paths; concurrent writes to one path leave one writer's contents.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

namespace kasse::crypto {

// Larger files are not key files; ReadKeyFile refuses them.
inline constexpr size_t kMaxKeyFileBytes = size_t{64} * 1024;

// Unavailable with the OS's reason if any step fails; a failed write leaves no
// temporary file behind and `path` untouched.
Status WriteKeyFile(const std::filesystem::path& path, std::string_view contents);

// The contents of `path`. NotFound if it does not exist; InvalidArgument if it is
// not a regular file, its mode grants any access to group or others (e.g. 0644),
// or it is larger than kMaxKeyFileBytes; Unavailable for other I/O errors.
Result<std::string> ReadKeyFile(const std::filesystem::path& path);

}  // namespace kasse::crypto

// The register database's schema migrations (schema/V*.sql, embedded at build time
// by cmake/embed_migrations.cmake).
#pragma once

#include <span>

#include "storage/migrator.h"

namespace kasse::reg {

std::span<const storage::Migration> RegisterMigrations();

}  // namespace kasse::reg

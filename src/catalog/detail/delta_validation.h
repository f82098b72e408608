// ValidateDelta: every record rule of catalog_delta.h, checked against the
// catalog in memory before anything is written.
//
// The version rules are Catalog::Apply's; this checks the records only.
//
// Thread-safety: pure function; `index` must not change during the call.
#pragma once

#include "base/status.h"
#include "catalog/catalog_delta.h"
#include "catalog/detail/catalog_index.h"
#include "domain/vat.h"

namespace kasse::catalog::detail {

Status ValidateDelta(const CatalogDelta& delta, const CatalogIndex& index, const VatTable& vat_table);

}  // namespace kasse::catalog::detail

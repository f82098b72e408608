// JSON form of a TseRecord inside a journal entry (docs/journal-format.md, "tse").
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "journal/detail/json_reader.h"
#include "journal/entry.h"

namespace kasse::journal::detail {

nlohmann::json EncodeTseRecord(const TseRecord& record);
TseRecord DecodeTseRecord(JsonReader& parent, std::string_view name);

}  // namespace kasse::journal::detail

// ParseCsv: CSV text into records, as spreadsheets write it (RFC 4180 with a
// chosen separator; German Excel uses ';').
//
//  - A UTF-8 byte order mark at the start is skipped; lines end in CRLF or LF.
//  - A field in double quotes may hold the separator, line breaks and quotes
//    written twice (""); outside quotes a field is taken as it is, spaces
//    included. A quote inside an unquoted field, text after a closing quote, or
//    a quote left open is an error (InvalidArgument, field "body", the line in
//    the message).
//  - Empty lines are skipped. Each record carries the line it starts on (1-based),
//    so errors can name the line a person sees in their editor.
//  - Bounded by CsvLimits, checked while reading: a record with more fields or
//    more bytes (line breaks in quotes included), or a text with more records,
//    is refused as soon as the bound is passed (InvalidArgument, field "body",
//    naming the line), so a hostile line costs neither time nor memory.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kasse::masterdata {

struct CsvLimits {
  size_t max_fields = 64;                       // per record
  size_t max_record_bytes = size_t{64} * 1024;  // per record, separators and quotes included
  size_t max_records = 1'000'000;               // empty lines not counted
};

struct CsvRecord {
  size_t line = 0;
  std::vector<std::string> fields;
};

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, char separator, const CsvLimits& limits = {});

}  // namespace kasse::masterdata

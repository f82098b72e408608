#include "masterdata/csv.h"

namespace kasse::masterdata {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

class CsvParser {
 public:
  CsvParser(std::string_view text, char separator, const CsvLimits& limits)
      : text_(text), separator_(separator), limits_(limits) {
    if (text_.substr(0, kBom.size()) == kBom) text_.remove_prefix(kBom.size());
  }

  Result<std::vector<CsvRecord>> Run() {
    std::vector<CsvRecord> records;
    while (pos_ < text_.size()) {
      CsvRecord record{line_, {}};
      record_start_ = pos_;
      record_line_ = line_;
      KASSE_RETURN_IF_ERROR(ReadRecord(record.fields));
      if (!(record.fields.size() == 1 && record.fields[0].empty() && !last_quoted_)) {
        if (records.size() == limits_.max_records) {
          return Error(record.line, "more than " + std::to_string(limits_.max_records) + " records; split the file");
        }
        records.push_back(std::move(record));
      }
    }
    return records;
  }

 private:
  Status Error(size_t line, std::string_view message) const {
    return Status::InvalidArgument("body", "line " + std::to_string(line) + ": " + std::string(message));
  }

  Status TooLong() const {
    return Error(record_line_, "longer than " + std::to_string(limits_.max_record_bytes) + " bytes");
  }

  // Reads fields up to the end of the line (or text); leaves pos_ after the line break.
  Status ReadRecord(std::vector<std::string>& fields) {
    while (true) {
      std::string field;
      last_quoted_ = pos_ < text_.size() && text_[pos_] == '"';
      KASSE_RETURN_IF_ERROR(last_quoted_ ? ReadQuoted(field) : ReadPlain(field));
      fields.push_back(std::move(field));
      if (pos_ >= text_.size()) return Status::Ok();
      char c = text_[pos_++];
      if (c == separator_ && fields.size() == limits_.max_fields) {
        return Error(record_line_, "more than " + std::to_string(limits_.max_fields) + " fields");
      }
      if (c == separator_) continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return Status::Ok();
    }
  }

  Status ReadPlain(std::string& field) {
    size_t start = pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == separator_ || c == '\n' || c == '\r') break;
      if (c == '"') return Error(line_, "a quote inside an unquoted field (quote the whole field)");
      if (pos_ - record_start_ >= limits_.max_record_bytes) return TooLong();
      ++pos_;
    }
    field.assign(text_.substr(start, pos_ - start));
    return Status::Ok();
  }

  Status ReadQuoted(std::string& field) {
    size_t start_line = line_;
    ++pos_;  // the opening quote
    while (true) {
      size_t quote = text_.find('"', pos_);
      if (quote == std::string_view::npos) return Error(start_line, "a quoted field is not closed");
      if (quote - record_start_ >= limits_.max_record_bytes) return TooLong();
      std::string_view part = text_.substr(pos_, quote - pos_);
      for (char c : part) line_ += c == '\n' ? 1 : 0;
      field.append(part);
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      break;
    }
    if (pos_ < text_.size() && text_[pos_] != separator_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
      return Error(line_, "text after a closing quote");
    }
    return Status::Ok();
  }

  std::string_view text_;
  char separator_;
  CsvLimits limits_;
  size_t pos_ = 0;
  size_t record_start_ = 0;  // where the record being read starts in text_
  size_t record_line_ = 1;   // and its line
  size_t line_ = 1;
  bool last_quoted_ = false;
};

}  // namespace

Result<std::vector<CsvRecord>> ParseCsv(std::string_view text, char separator, const CsvLimits& limits) {
  return CsvParser(text, separator, limits).Run();
}

}  // namespace kasse::masterdata

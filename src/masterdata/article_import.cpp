#include "masterdata/article_import.h"

#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "domain/gtin.h"
#include "domain/text.h"
#include "masterdata/csv.h"
#include "masterdata/validation.h"

namespace kasse::masterdata {
namespace {

enum Column { kNumber, kText, kGtins, kPlu, kVatKey, kGroup, kUnit, kPrice, kPriceCents, kStore, kFrom, kTo, kColumns };
constexpr std::array<std::string_view, kColumns> kColumnNames = {
    "number", "text",  "gtins",       "plu",   "vat_key",       "product_group",
    "unit",   "price", "price_cents", "store", "valid_from_ms", "valid_to_ms"};
constexpr std::array<Column, 4> kRequired = {kNumber, kText, kVatKey, kGroup};

using Header = std::array<std::optional<size_t>, kColumns>;  // column → field index

constexpr CsvLimits kImportCsvLimits{kMaxImportFields, kMaxImportLineBytes, kMaxImportRows + 1};  // + the header

struct Row {
  size_t line = 0;
  catalog::Article article;
  std::optional<StorePrice> price;  // store "" = every store
};

class Problems {
 public:
  void Add(size_t line, std::string field, std::string message) {
    if (list_.size() < kMaxReportedProblems) {
      list_.push_back({line, std::move(field), std::move(message)});
    } else {
      ++more_;
    }
  }
  void Add(size_t line, const Status& status) { Add(line, status.field(), status.message()); }
  bool empty() const { return list_.empty(); }
  void MoveTo(ImportOutcome& outcome) {
    outcome.problems = std::move(list_);
    outcome.more_problems = more_;
  }

 private:
  std::vector<ImportProblem> list_;
  size_t more_ = 0;
};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (out.size() >= 2 && out.front() == ' ') out.erase(0, out.find_first_not_of(' '));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::optional<Header> ReadHeader(const CsvRecord& record, Problems& problems) {
  Header header;
  for (size_t i = 0; i < record.fields.size(); ++i) {
    std::string name = Lower(record.fields[i]);
    auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
    if (known == kColumnNames.end()) {
      problems.Add(record.line, name, "unknown column " + QuoteForMessage(record.fields[i]));
      continue;
    }
    auto column = static_cast<size_t>(known - kColumnNames.begin());
    if (header[column].has_value()) problems.Add(record.line, name, "column appears twice");
    header[column] = i;
  }
  for (Column column : kRequired) {
    if (!header[column].has_value()) problems.Add(record.line, std::string(kColumnNames[column]), "column missing");
  }
  if (header[kPrice].has_value() && header[kPriceCents].has_value()) {
    problems.Add(record.line, "price_cents", "give price or price_cents, not both");
  }
  if (!problems.empty()) return std::nullopt;
  return header;
}

Result<int64_t> ParseInteger(std::string_view text, std::string_view field) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(field, "must be an integer, not " + QuoteForMessage(text));
  }
  return value;
}

class RowParser {
 public:
  RowParser(const Header& header, const CsvRecord& record) : header_(header), record_(record) {}

  Result<Row> Parse() {
    Row row;
    row.line = record_.line;
    catalog::Article& a = row.article;
    a.number = ArticleNumber(Field(kNumber));
    a.text = Field(kText);
    KASSE_RETURN_IF_ERROR(ParseCodes(a));
    Result<int64_t> vat_key = ParseInteger(Field(kVatKey), "vat_key");
    if (!vat_key.ok()) return vat_key.status();
    if (*vat_key < 1 || *vat_key > INT32_MAX) return Status::InvalidArgument("vat_key", "is out of range");
    a.vat_key = VatKey(static_cast<int>(*vat_key));
    a.product_group = ProductGroupId(Field(kGroup));
    if (!Field(kUnit).empty()) {
      std::optional<Unit> unit = UnitFromCode(Field(kUnit));
      if (!unit.has_value()) return Status::InvalidArgument("unit", "must be piece, kg, l or m");
      a.unit = *unit;
    }
    KASSE_RETURN_IF_ERROR(ValidateArticle(a));
    return ParsePrice(std::move(row));
  }

 private:
  const std::string& Field(Column column) const {
    static const std::string empty_field;
    return header_[column].has_value() ? record_.fields[*header_[column]] : empty_field;
  }

  Status ParseCodes(catalog::Article& a) const {
    std::string_view gtins = Field(kGtins);
    while (!gtins.empty()) {
      size_t end = std::min(gtins.find(kGtinSeparator), gtins.size());
      a.gtins.emplace_back(gtins.substr(0, end));
      gtins.remove_prefix(std::min(end + 1, gtins.size()));
    }
    if (Field(kPlu).empty()) return Status::Ok();
    Result<Plu> plu = Plu::Parse(Field(kPlu));
    if (!plu.ok() || plu->value() < 1) return Status::InvalidArgument("plu", "must be from 1 to 99999");
    a.plu = *plu;
    return Status::Ok();
  }

  Result<Row> ParsePrice(Row row) const {
    const std::string& euro = Field(kPrice);
    const std::string& cents = Field(kPriceCents);
    if (euro.empty() && cents.empty()) {
      for (Column column : {kStore, kFrom, kTo}) {
        if (!Field(column).empty()) {
          return Status::InvalidArgument(std::string(kColumnNames[column]), "given without a price");
        }
      }
      return row;
    }
    StorePrice price{StoreId(Field(kStore)), catalog::Price{row.article.number, Money(), 0, std::nullopt}};
    if (!euro.empty()) {
      Result<Money> money = Money::Parse(euro);
      if (!money.ok()) return money.status().WithFieldPrefix("price");
      price.price.unit_price = *money;
    } else {
      Result<int64_t> parsed = ParseInteger(cents, "price_cents");
      if (!parsed.ok()) return parsed.status();
      price.price.unit_price = Money::FromCents(*parsed);
    }
    KASSE_RETURN_IF_ERROR(ParseTimes(price.price));
    StorePrice checked = price;
    if (checked.store.empty()) checked.store = StoreId("all");
    Status valid = ValidateStorePrice(checked);
    if (!valid.ok()) return valid.field() == "store_id" ? valid.WithFieldPrefix("store") : valid;
    row.price = std::move(price);
    return row;
  }

  Status ParseTimes(catalog::Price& price) const {
    if (!Field(kFrom).empty()) {
      Result<int64_t> from = ParseInteger(Field(kFrom), "valid_from_ms");
      if (!from.ok()) return from.status();
      price.valid_from_ms = *from;
    }
    if (!Field(kTo).empty()) {
      Result<int64_t> to = ParseInteger(Field(kTo), "valid_to_ms");
      if (!to.ok()) return to.status();
      price.valid_to_ms = *to;
    }
    return Status::Ok();
  }

  const Header& header_;
  const CsvRecord& record_;
};

// Checks the parsed rows against the database and each other, and builds the plan.
class Planner {
 public:
  Planner(const std::vector<Row>& rows, Problems& problems) : rows_(rows), problems_(problems) {
    for (const Row& row : rows_) imported_.insert(row.article.number.value());
  }

  Result<ImportPlan> Plan(const ImportContext& context) {
    context_ = &context;
    stores_.clear();
    for (const StoreId& id : context.stores) stores_.insert(id.value());
    for (const Row& row : rows_) {
      Status status = CheckArticle(row);
      if (status.ok()) status = AddPrice(row);
      if (!status.ok()) problems_.Add(row.line, status);
    }
    if (!problems_.empty()) return Status::InvalidArgument("rows", "the import has bad rows");
    return std::move(plan_);
  }

 private:
  Status CheckArticle(const Row& row) {
    const catalog::Article& a = row.article;
    auto first = lines_.find(a.number.value());
    if (first != lines_.end()) {
      if (plan_.articles[first->second.second] == a) return Status::Ok();
      return Status::InvalidArgument(
          "number", "article " + a.number.value() + " differs from line " + std::to_string(first->second.first));
    }
    if (!context_->vat_keys.contains(a.vat_key.value())) {
      return Status::NotFound("vat_key", "unknown VAT key " + std::to_string(a.vat_key.value()));
    }
    if (!context_->groups.contains(a.product_group.value())) {
      return Status::NotFound("product_group", "unknown product group " + QuoteForMessage(a.product_group.value()));
    }
    for (size_t i = 0; i < a.gtins.size(); ++i) {
      std::string gtin14 = Gtin::Parse(a.gtins[i])->ToGtin14();
      KASSE_RETURN_IF_ERROR(Claim(gtin_claims_, gtin14, context_->gtin_owner, a, "GTIN " + a.gtins[i])
                                .WithFieldPrefix("gtins[" + std::to_string(i) + "]"));
    }
    if (a.plu.has_value()) {
      KASSE_RETURN_IF_ERROR(Claim(plu_claims_, a.plu->value(), context_->plu_owner, a, "PLU " + a.plu->ToString())
                                .WithFieldPrefix("plu"));
    }
    lines_.emplace(a.number.value(), std::make_pair(row.line, plan_.articles.size()));
    plan_.articles.push_back(a);
    return Status::Ok();
  }

  // A code goes to one article of the import, and not to an article outside it.
  template <typename Key>
  Status Claim(std::unordered_map<Key, std::string>& claims, const Key& key,
               const std::unordered_map<Key, std::string>& owners, const catalog::Article& a, const std::string& what) {
    auto [claim, fresh] = claims.emplace(key, a.number.value());
    if (!fresh) {
      return Status::InvalidArgument("", what + " is also given to article " + claim->second + " in this import");
    }
    auto owner = owners.find(key);
    if (owner != owners.end() && owner->second != a.number.value() && !imported_.contains(owner->second)) {
      return Status::Conflict("", what + " belongs to article " + owner->second);
    }
    return Status::Ok();
  }

  Status AddPrice(const Row& row) {
    if (!row.price.has_value()) return Status::Ok();
    if (row.price->store.empty()) {
      if (context_->stores.empty()) return Status::NotFound("store", "no store exists yet for a price of every store");
      for (const StoreId& store : context_->stores) KASSE_RETURN_IF_ERROR(AddPrice(*row.price, store));
      return Status::Ok();
    }
    if (!stores_.contains(row.price->store.value())) {
      return Status::NotFound("store", "unknown store " + QuoteForMessage(row.price->store.value()));
    }
    return AddPrice(*row.price, row.price->store);
  }

  Status AddPrice(const StorePrice& price, const StoreId& store) {
    std::string key =
        store.value() + '\n' + price.price.article.value() + '\n' + std::to_string(price.price.valid_from_ms);
    if (!price_keys_.insert(key).second) {
      return Status::InvalidArgument("valid_from_ms", "store " + store.value() + " gets two prices of article " +
                                                          price.price.article.value() + " from this instant");
    }
    plan_.prices.push_back(StorePrice{store, price.price});
    return Status::Ok();
  }

  const std::vector<Row>& rows_;
  Problems& problems_;
  const ImportContext* context_ = nullptr;
  std::unordered_set<std::string> imported_;
  std::unordered_set<std::string> stores_;
  std::unordered_map<std::string, std::pair<size_t, size_t>> lines_;  // number → (first line, plan index)
  std::unordered_map<std::string, std::string> gtin_claims_;
  std::unordered_map<int, std::string> plu_claims_;
  std::unordered_set<std::string> price_keys_;
  ImportPlan plan_;
};

Result<ImportOutcome> PlanAndWrite(MasterDataStore& store, const std::vector<Row>& rows, Problems& problems,
                                   ImportOutcome outcome) {
  bool blocked = !problems.empty();
  Planner planner(rows, problems);
  Result<int64_t> version = store.Import(
      [&](const ImportContext& context) -> Result<ImportPlan> {
        Result<ImportPlan> plan = planner.Plan(context);
        if (plan.ok()) {
          outcome.articles = plan->articles.size();
          outcome.prices = plan->prices.size();
        }
        return plan;
      },
      outcome.dry_run || blocked);
  if (!problems.empty()) {
    outcome.articles = outcome.prices = 0;
    problems.MoveTo(outcome);
    return outcome;
  }
  if (!version.ok()) return version.status();
  outcome.catalog_version = *version;
  return outcome;
}

}  // namespace

Result<ImportOutcome> ImportArticlesCsv(MasterDataStore& store, std::string_view csv, bool dry_run) {
  ImportOutcome outcome;
  outcome.dry_run = dry_run;
  Problems problems;
  Result<std::vector<CsvRecord>> records = ParseCsv(csv, kCsvSeparator, kImportCsvLimits);
  if (!records.ok()) {
    problems.Add(0, "", records.status().message());
    problems.MoveTo(outcome);
    return outcome;
  }
  if (records->empty()) problems.Add(1, "", "the file is empty: a header row is required");
  std::optional<Header> header = problems.empty() ? ReadHeader(records->front(), problems) : std::nullopt;
  if (!header.has_value()) {
    problems.MoveTo(outcome);
    return outcome;
  }
  std::vector<Row> rows;
  rows.reserve(records->size() - 1);
  for (size_t i = 1; i < records->size(); ++i) {
    const CsvRecord& record = (*records)[i];
    if (record.fields.size() != records->front().fields.size()) {
      problems.Add(record.line, "",
                   "has " + std::to_string(record.fields.size()) + " fields, the header " +
                       std::to_string(records->front().fields.size()));
      continue;
    }
    Result<Row> row = RowParser(*header, record).Parse();
    if (!row.ok()) {
      problems.Add(record.line, row.status());
    } else {
      rows.push_back(std::move(*row));
    }
  }
  outcome.rows = records->size() - 1;
  return PlanAndWrite(store, rows, problems, std::move(outcome));
}

}  // namespace kasse::masterdata

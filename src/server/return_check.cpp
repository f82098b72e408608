#include "server/return_check.h"

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

namespace kasse::server {
namespace {

using Quantities = std::map<std::string, int64_t, std::less<>>;  // article → milli-units

std::string Join(std::initializer_list<std::string_view> parts) {
  std::string joined;
  for (std::string_view part : parts) joined += part;
  return joined;
}

void AddReturned(const journal::ReceiptEntry& entry, Quantities& returned, int64_t& refunded) {
  if (entry.receipt.type != ReceiptType::kBeleg) return;
  for (const ReceiptLine& line : entry.receipt.lines) {
    if (line.quantity.is_negative()) returned[line.article.value()] -= line.quantity.milli();
  }
  if (entry.total.cents() < 0) refunded -= entry.total.cents();
}

}  // namespace

Status CheckReturnWithinOriginal(const journal::ReceiptEntry& original,
                                 const std::vector<journal::ReceiptEntry>& earlier_returns,
                                 const journal::ReceiptEntry& this_return) {
  if (this_return.receipt.type != ReceiptType::kBeleg) return Status::Ok();
  const std::string number = std::to_string(original.receipt_number);
  Quantities sold;
  for (const ReceiptLine& line : original.receipt.lines) {
    if (!line.quantity.is_negative()) sold[line.article.value()] += line.quantity.milli();
  }
  Quantities returned;
  int64_t refunded = 0;
  for (const journal::ReceiptEntry& earlier : earlier_returns) AddReturned(earlier, returned, refunded);
  AddReturned(this_return, returned, refunded);
  const std::vector<ReceiptLine>& lines = this_return.receipt.lines;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].quantity.is_negative()) continue;
    const std::string& article = lines[i].article.value();
    std::string field = "payload.receipt." + IndexedField("lines", i) + ".quantity";
    auto was_sold = sold.find(article);
    if (was_sold == sold.end()) {
      return Status::InvalidArgument(
          field, Join({"returns article ", article, ", which receipt ", number, " of the original did not sell"}));
    }
    if (returned[article] > was_sold->second) {
      Unit unit = lines[i].quantity.unit();
      return Status::InvalidArgument(
          field, Join({"returns ", Quantity::Milli(unit, returned[article]).ToString(), " of article ", article,
                       " in all, but receipt ", number, " sold ", Quantity::Milli(unit, was_sold->second).ToString()}));
    }
  }
  if (refunded > original.total.cents()) {
    return Status::InvalidArgument(
        "payload.total_cents", Join({"refunds ", Money::FromCents(refunded).ToString(), " in all, more than receipt ",
                                     number, "'s total of ", original.total.ToString()}));
  }
  return Status::Ok();
}

}  // namespace kasse::server

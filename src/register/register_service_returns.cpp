// RegisterService: returns against a receipt, held to what the original sold.
#include <map>
#include <string>
#include <utility>

#include "register/register_service.h"

namespace kasse::reg {
namespace {

using LineKey = std::pair<std::string, int64_t>;  // article, unit price in cents

LineKey KeyOf(const ReceiptLine& line) { return {line.article.value(), line.unit_price.cents()}; }

// What an original receipt sold, what was returned against it so far (at any
// register), and what it still holds: the ledger every step of a return is held to.
struct ReturnLedger {
  std::map<LineKey, int64_t> sold_milli;
  std::map<LineKey, int64_t> returned_milli;
  std::map<LineKey, const ReceiptLine*> sold_line;
  Money total;     // the original's total
  Money refunded;  // paid out against it so far

  explicit ReturnLedger(const OriginalSale& original) {
    const auto& sale = std::get<journal::ReceiptEntry>(original.sale.payload);
    total = sale.total;
    for (const ReceiptLine& line : sale.receipt.lines) {
      if (line.quantity.is_negative()) continue;
      sold_milli[KeyOf(line)] += line.quantity.milli();
      sold_line.try_emplace(KeyOf(line), &line);
    }
    for (const journal::JournalEntry& earlier : original.returns) {
      const auto* receipt = std::get_if<journal::ReceiptEntry>(&earlier.payload);
      if (receipt == nullptr || receipt->receipt.type != ReceiptType::kBeleg) continue;
      for (const ReceiptLine& line : receipt->receipt.lines) {
        if (line.quantity.is_negative()) returned_milli[KeyOf(line)] -= line.quantity.milli();
      }
      if (receipt->total.is_negative()) refunded -= receipt->total;
    }
  }

  bool NothingLeft() const {
    if (refunded >= total) return true;
    for (const auto& [key, sold] : sold_milli) {
      auto returned = returned_milli.find(key);
      if (returned == returned_milli.end() || returned->second < sold) return false;
    }
    return true;
  }

  // OK if the return `sale` stays within the original: its articles were sold on it,
  // no more than sold minus returned, and the refund no more than the total left.
  Status Check(const Sale& sale, const std::string& receipt_name) const {
    std::map<LineKey, int64_t> returning;
    for (const ReceiptLine& line : sale.draft().receipt.lines) {
      if (!line.quantity.is_negative()) continue;
      auto sold = sold_milli.find(KeyOf(line));
      if (sold == sold_milli.end()) {
        return Status::InvalidArgument("article", "article " + line.article.value() + " at " +
                                                      line.unit_price.ToString() + " is not on " + receipt_name +
                                                      ": only what it sold can be returned against it");
      }
      int64_t before = returned_milli.contains(sold->first) ? returned_milli.at(sold->first) : 0;
      returning[sold->first] -= line.quantity.milli();
      if (before + returning[sold->first] > sold->second) {
        const ReceiptLine& original = *sold_line.at(sold->first);
        return Status::InvalidArgument(
            "quantity", "only " + Quantity::Milli(original.quantity.unit(), sold->second - before).ToString() + " of " +
                            original.text + " can still be returned against " + receipt_name);
      }
    }
    Result<ReceiptTotals> totals = sale.Totals();
    if (totals.ok() && totals->total.is_negative() && refunded - totals->total > total) {
      return Status::InvalidArgument("total", "the refund of " + (-totals->total).ToString() + " would exceed the " +
                                                  (total - refunded).ToString() + " that " + receipt_name +
                                                  " still holds");
    }
    return Status::Ok();
  }
};

std::string ReceiptName(const ReceiptReference& reference) {
  return "receipt " + reference.receipt_id.value() + " of register " + reference.register_id.value();
}

}  // namespace

Result<OriginalSale> RegisterService::FindOriginal(const RegisterId& register_id, int64_t number) {
  OriginalSale original;
  if (register_id == register_id_) {
    Result<std::optional<journal::JournalEntry>> found = store_.FindReceipt(number);
    if (!found.ok()) return found.status();
    if (!*found) {
      return Status::NotFound("receipt_number", "this register has no receipt " + std::to_string(number));
    }
    original.sale = **found;
  } else {
    if (directory_ == nullptr) {
      return Status::Unavailable("the original was sold at register " + register_id.value() +
                                 " and no server is configured; return it without receipt");
    }
    Result<OriginalSale> remote = directory_->Find(register_id, number);
    if (!remote.ok()) return remote.status();
    original = std::move(remote).value();
    // The server may not have this register's own returns yet: those come from the journal below.
    std::erase_if(original.returns, [&](const journal::JournalEntry& e) { return e.register_id == register_id_; });
  }
  const auto* receipt = std::get_if<journal::ReceiptEntry>(&original.sale.payload);
  if (receipt == nullptr || receipt->receipt.type != ReceiptType::kBeleg || receipt->total.is_negative()) {
    return Status::NotFound("receipt_number", "receipt " + std::to_string(number) + " of register " +
                                                  register_id.value() + " is not a sale");
  }
  ReceiptReference reference{register_id, original.sale.closing_number, ReceiptId(std::to_string(number))};
  Result<std::vector<journal::ReceiptEntry>> local = store_.ReturnsOf(reference);
  if (!local.ok()) return local.status();
  for (journal::ReceiptEntry& earlier : *local) {
    original.returns.push_back(journal::JournalEntry{0, register_id_, 0, 0, std::move(earlier)});
  }
  return original;
}

Status RegisterService::StartReturn(std::optional<int64_t> receipt_number, const RegisterId& sold_at) {
  if (sale_ && !sale_->empty()) return Status::Conflict("sale", "finish or abort the current sale first");
  std::optional<ReceiptReference> original;
  if (receipt_number) {
    const RegisterId& register_id = sold_at.empty() ? register_id_ : sold_at;
    Result<OriginalSale> found = FindOriginal(register_id, *receipt_number);
    if (!found.ok()) return found.status();
    original = ReceiptReference{register_id, found->sale.closing_number, ReceiptId(std::to_string(*receipt_number))};
    if (ReturnLedger(*found).NothingLeft()) {
      return Status::Conflict("receipt_number", "everything on " + ReceiptName(*original) + " has been returned");
    }
  }
  Sale next = sale_ ? *sale_ : NewSale();
  KASSE_RETURN_IF_ERROR(next.MakeReturn(original));
  return CommitSale(next);
}

Status RegisterService::ReturnStep(const Sale& next, const OriginalSale* known) {
  const ReceiptReference& reference = *next.draft().receipt.original;
  std::optional<OriginalSale> looked_up;
  if (known == nullptr) {
    Result<OriginalSale> found = FindOriginal(reference.register_id, std::stoll(reference.receipt_id.value()));
    if (!found.ok()) return found.status();
    looked_up = std::move(found).value();
    known = &*looked_up;
  }
  KASSE_RETURN_IF_ERROR(ReturnLedger(*known).Check(next, ReceiptName(reference)));
  return CommitSale(next);
}

Status RegisterService::ReturnLine(size_t line, Quantity quantity) {
  if (!ReturnsAgainstReceipt()) return Status::Conflict("original", "start a return against a receipt first");
  const ReceiptReference& reference = *sale_->draft().receipt.original;
  Result<OriginalSale> original = FindOriginal(reference.register_id, std::stoll(reference.receipt_id.value()));
  if (!original.ok()) return original.status();
  const std::vector<ReceiptLine>& lines = std::get<journal::ReceiptEntry>(original->sale.payload).receipt.lines;
  if (line >= lines.size()) {
    return Status::NotFound("line", "the original receipt has no line " + std::to_string(line + 1));
  }
  if (quantity.is_negative() || quantity.is_zero()) return Status::InvalidArgument("quantity", "must be positive");
  const ReceiptLine& sold = lines[line];
  SaleItem item{sold.article, sold.text, sold.unit_price, sold.vat_key, sold.product_group};
  Sale next = *sale_;
  KASSE_RETURN_IF_ERROR(next.AddItem(item, -Quantity::Milli(sold.quantity.unit(), quantity.milli())));
  return ReturnStep(next, &*original);
}

}  // namespace kasse::reg

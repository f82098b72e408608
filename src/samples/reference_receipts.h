// Reference receipts: the baskets of docs/fiscal.md, as data.
//
// The demo rings them up and the tests check them against the reference's
// expected values, so both speak about the same receipts.
//
// Thread-safety: pure functions returning fresh values.
#pragma once

#include <string>
#include <vector>

#include "domain/receipt.h"

namespace kasse::samples {

ReceiptLine Line(std::string article, std::string text, Quantity quantity, int64_t unit_price_cents, int vat_key,
                 std::string product_group = "");
Payment Pay(PaymentMethod method, int64_t cents);
Payment PayForeignCash(std::string currency, int64_t foreign_cents, int64_t euro_cents);

// TV-7: 3 × Milch 1.19 (7 %), Spülmittel 2.49 (19 %), Batterien 4.99 (19 %): 11.05.
std::vector<ReceiptLine> Tv7Basket();
// TV-7 paid with 20.00 cash (change 8.95).
Receipt Tv7CashSale();
// TV-8: the TV-7 basket paid 5.00 cash + 6.05 girocard.
Receipt Tv8SplitSale();
// TV-10: the Spülmittel returned and refunded in cash, referencing receipt B123.
Receipt Tv10Return();
// TV-2: a cart cleared before payment.
Receipt Tv2Abort();

}  // namespace kasse::samples

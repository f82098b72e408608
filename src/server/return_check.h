// CheckReturnWithinOriginal: whether a return stays within what its original
// receipt sold, over every return made against it at any register.
//
// The register checks this when the cashier rings the return up; the server
// checks it again because it sees every register's returns (a return at another
// store, or a register that does not check). Rules, for Beleg receipts (an aborted
// return moves nothing and is not counted):
//  - every returned line names an article the original sold;
//  - per article, the quantity returned so far (earlier returns and this one)
//    is at most the quantity the original sold;
//  - the refunds so far add up to at most the original's total.
// A breach is InvalidArgument naming the line; the server quarantines the return.
//
// Thread-safety: pure function.
#pragma once

#include <vector>

#include "base/status.h"
#include "journal/entry.h"

namespace kasse::server {

Status CheckReturnWithinOriginal(const journal::ReceiptEntry& original,
                                 const std::vector<journal::ReceiptEntry>& earlier_returns,
                                 const journal::ReceiptEntry& this_return);

}  // namespace kasse::server

// ReceiptDirectory: finds a sale made at another register of the same store, so a
// customer can return goods at any register (the original and the returns already
// made against it, at any register).
//
// ServerReceiptDirectory asks the server:
//   GET {server}/api/v1/registers/{register_id}/receipts/{receipt_number}
//   200 {"entry": <journal entry>, "returns": [<journal entry>, …]}   404 unknown
// (docs/sync-protocol.md). The server answers only for registers of the asking
// register's store. Offline, such a return can only be made without receipt.
//
// Thread-safety: one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/ids.h"
#include "http/client.h"
#include "journal/entry.h"

namespace kasse::reg {

struct OriginalSale {
  journal::JournalEntry sale;                  // its payload is a ReceiptEntry
  std::vector<journal::JournalEntry> returns;  // receipts that refer to it, at any register
};

class ReceiptDirectory {
 public:
  virtual ~ReceiptDirectory() = default;
  virtual Result<OriginalSale> Find(const RegisterId& register_id, int64_t receipt_number) = 0;
};

class ServerReceiptDirectory final : public ReceiptDirectory {
 public:
  static Result<std::unique_ptr<ServerReceiptDirectory>> Create(const std::string& server_url, std::string token,
                                                                std::chrono::milliseconds timeout);
  Result<OriginalSale> Find(const RegisterId& register_id, int64_t receipt_number) override;

 private:
  ServerReceiptDirectory(http::Url url, std::string token, std::chrono::milliseconds timeout);
  http::Url url_;
  std::string token_;
  http::HttpClient client_;
};

// The path of a receipt below the server's URL prefix.
std::string ReceiptPath(const RegisterId& register_id, int64_t receipt_number);

}  // namespace kasse::reg

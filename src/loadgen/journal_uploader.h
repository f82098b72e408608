// JournalUploader: one simulated register's side of the upload protocol
// (sync/protocol.h) for journals generated up front: its own keep-alive
// connection and device credential, and how far the server has acknowledged.
//
// Unlike reg::SyncClient it reads no register database, so a thousand of them
// cost little on the sending side; the bytes and the protocol are the same
// (entries as EncodeEntry wrote them, sync::EncodeBatch, the journal-head
// header, 409 with expected_seq resends from there).
//
// Thread-safety: one thread at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/ids.h"
#include "http/client.h"

namespace kasse::loadgen {

struct BatchOutcome {
  int64_t newly_acknowledged = 0;
  size_t quarantined = 0;
  bool gap = false;  // the server asked to resend from an earlier seq
};

class JournalUploader {
 public:
  // `entries` are the register's journal from seq 1, encoded.
  JournalUploader(const http::Url& server, RegisterId register_id, std::string token, std::vector<std::string> entries,
                  std::chrono::milliseconds timeout);

  // Sends the next up to `batch` unacknowledged entries. A transport failure is
  // Unavailable; an HTTP error is the server's answer as a Status
  // (detail/answer_status.h: 403 PermissionDenied, 409 without expected_seq
  // Conflict, …); the next call sends the same entries again.
  Result<BatchOutcome> SendNext(size_t batch);

  bool done() const { return acked_ >= static_cast<int64_t>(entries_.size()); }
  int64_t acked_seq() const { return acked_; }
  const RegisterId& register_id() const { return register_id_; }

 private:
  http::HttpClient client_;
  std::string path_;
  RegisterId register_id_;
  std::string authorization_;
  std::vector<std::string> entries_;
  int64_t acked_ = 0;
};

}  // namespace kasse::loadgen

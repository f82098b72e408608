// The sync protocol between a register and the server (docs/sync-protocol.md):
// the register uploads its journal in batches of consecutive entries, the server
// answers with the highest sequence number it holds durably.
//
//   POST {prefix}/api/v1/registers/{register_id}/journal
//   {"entries": [<journal entry>, …]}            (journal/entry_json.h, seq ascending, no gaps)
//   200 {"acknowledged_seq": N, "quarantined": [{"seq": s, "reason": "…"}]}
//   409 {"error": {…}, "expected_seq": M}        (a gap: resend from M)
//
// An acknowledgement covers every entry up to N, stored or quarantined; a replayed
// batch gets the same answer and changes nothing. This file holds the message
// shapes and their JSON; the transport is HTTP (http/client.h).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kasse::sync {

// At most this many entries per upload; the server may acknowledge fewer.
inline constexpr size_t kMaxBatchEntries = 500;

// The upload's header with the register's last journal seq (its head), so the
// server can show how far behind each register is (its backlog).
inline constexpr std::string_view kJournalHeadHeader = "X-Kasse-Journal-Head";

// The path of a register's journal resource, below the server's URL prefix.
std::string JournalPath(std::string_view register_id);

// A batch of already encoded journal entries (their canonical JSON).
std::string EncodeBatch(const std::vector<std::string>& encoded_entries);
// The raw entries of a batch, each still to be decoded with DecodeEntry.
Result<std::vector<std::string>> DecodeBatch(std::string_view json);

struct Quarantined {
  int64_t seq = 0;
  std::string reason;
};

struct Ack {
  int64_t acknowledged_seq = 0;
  std::vector<Quarantined> quarantined;
};

std::string EncodeAck(const Ack& ack);
Result<Ack> DecodeAck(std::string_view json);

// The "expected_seq" of a gap refusal (409), if the body carries one.
std::optional<int64_t> ExpectedSeqOfGap(std::string_view json);
std::string EncodeGap(int64_t expected_seq, std::string_view message);

}  // namespace kasse::sync

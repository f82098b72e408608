#include "loadgen/journal_uploader.h"

#include <algorithm>

#include "loadgen/detail/answer_status.h"
#include "sync/protocol.h"

namespace kasse::loadgen {

JournalUploader::JournalUploader(const http::Url& server, RegisterId register_id, std::string token,
                                 std::vector<std::string> entries, std::chrono::milliseconds timeout)
    : client_(server.host, server.port, timeout),
      path_(server.path_prefix + sync::JournalPath(register_id.value())),
      register_id_(std::move(register_id)),
      authorization_("Bearer " + std::move(token)),
      entries_(std::move(entries)) {}

Result<BatchOutcome> JournalUploader::SendNext(size_t batch) {
  size_t first = static_cast<size_t>(acked_);
  size_t last = std::min(entries_.size(), first + batch);
  std::vector<std::string> slice(entries_.begin() + static_cast<std::ptrdiff_t>(first),
                                 entries_.begin() + static_cast<std::ptrdiff_t>(last));
  Result<http::HttpResponse> response =
      client_.Send("POST", path_, sync::EncodeBatch(slice),
                   {{"Authorization", authorization_},
                    {"Content-Type", "application/json"},
                    {std::string(sync::kJournalHeadHeader), std::to_string(entries_.size())}});
  if (!response.ok()) return response.status();
  BatchOutcome outcome;
  if (response->status == 409) {
    std::optional<int64_t> expected = sync::ExpectedSeqOfGap(response->body);
    if (!expected) return detail::StatusOfAnswer(*response, "batch");
    acked_ = std::min<int64_t>(*expected - 1, static_cast<int64_t>(last));
    outcome.gap = true;
    return outcome;
  }
  if (response->status != 200) return detail::StatusOfAnswer(*response, "batch");
  Result<sync::Ack> ack = sync::DecodeAck(response->body);
  if (!ack.ok()) return Status::Internal("malformed acknowledgement: " + ack.status().message());
  outcome.newly_acknowledged = ack->acknowledged_seq - acked_;
  outcome.quarantined = ack->quarantined.size();
  acked_ = std::max(acked_, ack->acknowledged_seq);
  return outcome;
}

}  // namespace kasse::loadgen

#include "register/sync_client.h"

#include <algorithm>
#include <functional>

#include "journal/entry_json.h"
#include "sync/protocol.h"

namespace kasse::reg {

std::chrono::milliseconds Backoff::Next() {
  int64_t ceiling = min_.count();
  for (int i = 0; i < failures_ && ceiling < max_.count(); ++i) ceiling *= 2;
  ceiling = std::min(ceiling, max_.count());
  ++failures_;
  std::uniform_int_distribution<int64_t> jitter(min_.count(), ceiling);
  return std::chrono::milliseconds(jitter(random_));
}

Result<std::unique_ptr<SyncClient>> SyncClient::Create(Options options, RegisterId register_id, JournalStore& store,
                                                       Clock& clock) {
  Result<http::Url> url = http::ParseUrl(options.server_url);
  if (!url.ok()) return url.status().WithFieldPrefix("server");
  if (options.batch_entries == 0 || options.batch_entries > sync::kMaxBatchEntries) {
    return Status::InvalidArgument("batch_entries", "must be 1 to " + std::to_string(sync::kMaxBatchEntries));
  }
  if (options.min_backoff.count() <= 0 || options.max_backoff < options.min_backoff ||
      options.probe_interval.count() <= 0 || options.retry_gap.count() < 0) {
    return Status::InvalidArgument("backoff", "needs 0 < min_backoff <= max_backoff and a positive probe interval");
  }
  return std::unique_ptr<SyncClient>(new SyncClient(std::move(options), *url, std::move(register_id), store, clock));
}

SyncClient::SyncClient(Options options, http::Url url, RegisterId register_id, JournalStore& store, Clock& clock)
    : options_(std::move(options)),
      url_(std::move(url)),
      register_id_(std::move(register_id)),
      store_(store),
      clock_(clock),
      client_(url_.host, url_.port, options_.timeout) {}

void SyncClient::Record(const Status& outcome, int64_t acked, int64_t last) {
  std::lock_guard lock(mutex_);
  status_.online = outcome.ok();
  status_.acked_seq = acked;
  status_.last_seq = last;
  status_.backlog = last - acked;
  if (outcome.ok()) {
    status_.last_error.clear();
    status_.last_success_ms = clock_.NowUnixMillis();
  } else {
    status_.last_error = outcome.message();
  }
}

Result<int64_t> SyncClient::Upload(int64_t acked, int64_t head, const std::vector<journal::JournalEntry>& batch) {
  std::vector<std::string> encoded;
  encoded.reserve(batch.size());
  for (const journal::JournalEntry& entry : batch) encoded.push_back(journal::EncodeEntry(entry));
  std::vector<std::pair<std::string, std::string>> headers;
  if (!options_.token.empty()) headers.emplace_back("Authorization", "Bearer " + options_.token);
  headers.emplace_back(sync::kJournalHeadHeader, std::to_string(head));
  Result<http::HttpResponse> response = client_.Send("POST", url_.path_prefix + sync::JournalPath(register_id_.value()),
                                                     sync::EncodeBatch(encoded), headers);
  if (!response.ok()) return response.status();
  int64_t last_sent = batch.back().seq;
  if (response->status == 409) {
    std::optional<int64_t> expected = sync::ExpectedSeqOfGap(response->body);
    if (!expected) return Status::Conflict("", "server refused the batch: " + response->body.substr(0, 300));
    // The server holds less (or more) than we thought: continue from where it is.
    int64_t server_acked = std::min(*expected - 1, last_sent);
    KASSE_RETURN_IF_ERROR(store_.SetAckedSeq(server_acked));
    return server_acked - acked;
  }
  if (response->status != 200) {
    return Status::Unavailable("server answered " + std::to_string(response->status) + ": " +
                               response->body.substr(0, 300));
  }
  Result<sync::Ack> ack = sync::DecodeAck(response->body);
  if (!ack.ok()) return Status::Unavailable("server sent a malformed acknowledgement: " + ack.status().message());
  if (ack->acknowledged_seq > last_sent) {
    return Status::Internal("server acknowledged seq " + std::to_string(ack->acknowledged_seq) +
                            " beyond the last one sent (" + std::to_string(last_sent) + ")");
  }
  if (ack->acknowledged_seq != acked) KASSE_RETURN_IF_ERROR(store_.SetAckedSeq(ack->acknowledged_seq));
  {
    std::lock_guard lock(mutex_);
    status_.quarantined += static_cast<int64_t>(ack->quarantined.size());
  }
  return ack->acknowledged_seq - acked;
}

Result<int64_t> SyncClient::SyncOnce() {
  Result<int64_t> acked = store_.AckedSeq();
  Result<int64_t> last = store_.LastSeq();
  if (!acked.ok()) return acked.status();
  if (!last.ok()) return last.status();
  if (*acked > *last) {  // the journal never shrinks; a bigger ack is a damaged database
    return Status::Internal("acknowledged seq " + std::to_string(*acked) + " is beyond the journal's end");
  }
  if (*acked == *last) {
    Record(Status::Ok(), *acked, *last);
    return int64_t{0};
  }
  Result<std::vector<journal::JournalEntry>> batch = store_.ReadAfter(*acked, options_.batch_entries);
  if (!batch.ok()) return batch.status();
  Result<int64_t> newly = Upload(*acked, *last, *batch);
  Result<int64_t> now_acked = store_.AckedSeq();
  Record(newly.status(), now_acked.ok() ? *now_acked : *acked, *last);
  return newly;
}

Status SyncClient::Drain() {
  while (true) {
    Result<int64_t> newly = SyncOnce();
    if (!newly.ok()) return newly.status();
    SyncStatus now = status();
    if (now.backlog == 0) return Status::Ok();
    if (*newly == 0) return Status::Unavailable("the server acknowledged nothing of " + std::to_string(now.backlog));
  }
}

void SyncClient::Notify() {
  {
    std::lock_guard lock(mutex_);
    notified_ = true;
  }
  wake_.notify_all();
}

SyncStatus SyncClient::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

int64_t SyncClient::early_retries() const {
  std::lock_guard lock(mutex_);
  return early_retries_;
}

bool SyncClient::ServerReady() {
  Result<http::HttpResponse> answer = client_.Send("GET", url_.path_prefix + "/readyz");
  return answer.ok() && answer->status == 200;
}

void SyncClient::WaitOut(const std::stop_token& stop, std::chrono::milliseconds delay, std::mt19937_64& random) {
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + delay;
  std::unique_lock lock(mutex_);
  // Not even a new entry retries sooner than retry_gap after a failure.
  wake_.wait_for(lock, stop, std::min(delay, options_.retry_gap), [] { return false; });
  std::uniform_int_distribution<int64_t> jitter(options_.probe_interval.count() / 2,
                                                options_.probe_interval.count() * 3 / 2);
  while (!stop.stop_requested() && Clock::now() < deadline) {
    auto next_probe = std::min(deadline, Clock::now() + std::chrono::milliseconds(jitter(random)));
    if (wake_.wait_until(lock, stop, next_probe, [this] { return notified_; })) {
      ++early_retries_;
      return;  // the caller's next Drain sends the new entry; the flag is cleared there
    }
    if (stop.stop_requested() || Clock::now() >= deadline) return;
    lock.unlock();
    bool ready = ServerReady();
    lock.lock();
    if (ready) {
      ++early_retries_;
      return;
    }
  }
}

void SyncClient::Run(const std::stop_token& stop) {
  // A stop ends the upload in flight at once; an unacknowledged batch is sent again after a restart.
  std::stop_callback cancel(stop, [this] { client_.Cancel(); });
  std::mt19937_64 random(std::random_device{}() ^ std::hash<std::string>{}(register_id_.value()));
  Backoff backoff(options_.min_backoff, options_.max_backoff, random());
  while (!stop.stop_requested()) {
    {
      std::lock_guard lock(mutex_);
      notified_ = false;  // what is journaled now goes with this Drain
    }
    Status drained = Drain();
    if (stop.stop_requested()) return;
    if (!drained.ok()) {
      WaitOut(stop, backoff.Next(), random);
      continue;
    }
    backoff.Reset();
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, SyncLimits::kIdlePoll, [this] { return notified_; });
  }
}

}  // namespace kasse::reg

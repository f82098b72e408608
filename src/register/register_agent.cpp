#include "register/register_agent.h"

#include <charconv>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/json_nesting.h"
#include "catalog/catalog.h"
#include "catalog/catalog_sync.h"
#include "catalog/delta_json.h"
#include "crypto/key_file.h"
#include "crypto/random.h"
#include "http/client.h"
#include "http/server.h"
#include "register/local_api.h"
#include "register/register_service.h"
#include "register/sync_client.h"
#include "register/wal_checkpointer.h"
#include "signing/software_signing_unit.h"
#include "signing/switchable_signing_unit.h"

namespace kasse::reg {
namespace {

constexpr size_t kMaxApiBodyBytes = size_t{256} * 1024;  // the cashier screen sends small JSON
constexpr size_t kApiTokenBytes = 32;
// A customer waits at the counter: a return against another register\'s receipt gives up after this.
constexpr std::chrono::milliseconds kReceiptLookupTimeout{3000};

Result<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("listen", "must be HOST:PORT");
  unsigned port = 0;
  const char* begin = listen.data() + colon + 1;
  const char* end = listen.data() + listen.size();
  auto [ptr, error] = std::from_chars(begin, end, port);
  if (error != std::errc() || ptr != end || port > 65535) {
    return Status::InvalidArgument("listen", "port must be 0 to 65535");
  }
  return std::make_pair(listen.substr(0, colon), static_cast<uint16_t>(port));
}

// What enrollment gives: the device credential and, from the master data, the store.
struct Enrolled {
  std::string token;
  std::string store_id;  // "" when the server did not say
};

// Exchanges the enrollment code for the device credential and the register's store.
Result<Enrolled> Enroll(const RegisterAgentConfig& config) {
  Result<http::Url> url = http::ParseUrl(config.server_url);
  if (!url.ok()) return url.status().WithFieldPrefix("server");
  char host[256] = {};
  gethostname(host, sizeof(host) - 1);
  nlohmann::json request{{"code", config.enroll_code}, {"device_id", config.register_id.value() + "@" + host}};
  http::HttpClient client(url->host, url->port);
  Result<http::HttpResponse> response = client.Send("POST", url->path_prefix + "/api/v1/enroll", request.dump());
  if (!response.ok()) return Status::Unavailable("enrollment failed: " + response.status().message());
  if (Status deep = CheckJsonNesting(response->body); !deep.ok()) {
    return Status::Unavailable("enrollment failed: the server's answer " + deep.message());
  }
  nlohmann::json answer = nlohmann::json::parse(response->body, nullptr, false);
  if (response->status != 200 || !answer.is_object() || !answer.contains("token") || !answer["token"].is_string()) {
    return Status::InvalidArgument("enroll_code",
                                   "the server refused the enrollment: " + response->body.substr(0, 300));
  }
  if (answer.value("register_id", "") != config.register_id.value()) {
    return Status::InvalidArgument("enroll_code",
                                   "the code was made for register " + answer.value("register_id", std::string("?")));
  }
  Enrolled enrolled{answer["token"].get<std::string>(), ""};
  if (auto store = answer.find("store_id"); store != answer.end() && store->is_string()) {
    enrolled.store_id = store->get<std::string>();
  }
  return enrolled;
}

// The device credential: from its file, or, with an enrollment code, from the
// server (then kept in the file, mode 0600, and the store beside it in
// `store_path`). Empty when neither exists.
Result<std::string> DeviceToken(const RegisterAgentConfig& config, const std::string& path,
                                const std::string& store_path) {
  if (std::filesystem::exists(path)) {
    Result<std::string> stored = crypto::ReadKeyFile(path);
    if (!stored.ok()) return stored.status();
    return *stored;
  }
  if (config.enroll_code.empty()) return std::string();
  Result<Enrolled> enrolled = Enroll(config);
  if (!enrolled.ok()) return enrolled.status();
  if (!enrolled->store_id.empty()) KASSE_RETURN_IF_ERROR(crypto::WriteKeyFile(store_path, enrolled->store_id));
  KASSE_RETURN_IF_ERROR(crypto::WriteKeyFile(path, enrolled->token));
  return enrolled->token;
}

// A secret from a file that only its owner may read (crypto::ReadKeyFile), without
// surrounding whitespace, so `echo CODE > file` works. Secrets on the command
// line are visible to every local user in `ps`; files and the environment are not.
Status ReadSecret(const std::string& path, const char* field, std::string& secret) {
  if (!secret.empty() || path.empty()) return Status::Ok();
  Result<std::string> text = crypto::ReadKeyFile(path);
  if (!text.ok()) return Status::InvalidArgument(field, path + ": " + text.status().message());
  constexpr const char* kSpace = " \t\r\n";
  size_t begin = text->find_first_not_of(kSpace);
  if (begin == std::string::npos) return Status::InvalidArgument(field, path + " is empty");
  secret = text->substr(begin, text->find_last_not_of(kSpace) + 1 - begin);
  return Status::Ok();
}

}  // namespace

struct RegisterAgent::Parts {
  SystemClock clock;
  VatTable vat = VatTable::Germany();
  int lock_fd = -1;
  std::unique_ptr<JournalStore> store;
  std::unique_ptr<JournalStore> outbox;  // the sync client's own connection
  std::unique_ptr<signing::SoftwareSigningUnit> software;
  std::unique_ptr<signing::SwitchableSigningUnit> tse;
  std::unique_ptr<RegisterService> service;
  std::unique_ptr<catalog::Catalog> catalog;
  std::unique_ptr<SyncClient> sync;
  std::unique_ptr<LocalApi> api;
  std::unique_ptr<http::HttpServer> server;
  std::unique_ptr<WalCheckpointer> checkpointer;
  std::unique_ptr<catalog::CatalogSyncClient> catalog_sync;
  std::unique_ptr<ReceiptDirectory> receipts;
  std::string api_token;
  std::jthread sync_thread;
  std::jthread catalog_thread;

  ~Parts() {
    if (lock_fd >= 0) close(lock_fd);
  }
};

RegisterAgent::RegisterAgent(RegisterAgentConfig config) : config_(std::move(config)) {}

RegisterAgent::~RegisterAgent() { Stop(); }

Status RegisterAgent::Start() {
  KASSE_RETURN_IF_ERROR(ValidateRegisterId(config_.register_id));
  KASSE_RETURN_IF_ERROR(ReadSecret(config_.token_file, "token_file", config_.token));
  KASSE_RETURN_IF_ERROR(ReadSecret(config_.enroll_code_file, "enroll_code_file", config_.enroll_code));
  Result<std::pair<std::string, uint16_t>> listen = ParseListen(config_.listen);
  if (!listen.ok()) return listen.status();
  std::error_code ec;
  std::filesystem::create_directories(config_.data_dir, ec);
  if (ec) return Status::Unavailable("cannot create " + config_.data_dir + ": " + ec.message());
  ::chmod(config_.data_dir.c_str(), 0700);
  auto parts = std::make_unique<Parts>();
  auto file = [&](const char* name) { return (std::filesystem::path(config_.data_dir) / name).string(); };

  parts->lock_fd = ::open(file("register.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (parts->lock_fd < 0 || ::flock(parts->lock_fd, LOCK_EX | LOCK_NB) != 0) {
    return Status::Conflict("data_dir", "another kasse register is running on " + config_.data_dir);
  }
  Result<std::unique_ptr<JournalStore>> store = JournalStore::Open(file("register.db"), {});
  if (!store.ok()) return store.status();
  parts->store = std::move(store).value();
  Result<crypto::EcPrivateKey> key = signing::SoftwareSigningUnit::LoadOrCreateKey(file("tse-key.pem"));
  if (!key.ok()) return key.status();
  parts->software = std::make_unique<signing::SoftwareSigningUnit>(std::move(key).value(), parts->clock, *parts->store);
  parts->tse = std::make_unique<signing::SwitchableSigningUnit>(*parts->software);
  if (config_.simulate_tse_outage) parts->tse->SwitchOff("simulated outage (--simulate-tse-outage)");
  parts->service =
      std::make_unique<RegisterService>(config_.register_id, parts->vat, *parts->store, *parts->tse, parts->clock);
  KASSE_RETURN_IF_ERROR(parts->service->Start());
  Result<catalog::Catalog> catalog = catalog::Catalog::Open(file("catalog.db"), parts->vat);
  if (!catalog.ok()) return catalog.status();
  parts->catalog = std::make_unique<catalog::Catalog>(std::move(catalog).value());
  if (!config_.catalog_file.empty()) {
    Result<catalog::CatalogDelta> delta = catalog::ReadDeltaFile(config_.catalog_file);
    if (!delta.ok()) return delta.status().WithFieldPrefix("catalog_file");
    bool snapshot = delta->from_version == 0 && parts->catalog->version() != 0;
    KASSE_RETURN_IF_ERROR(snapshot ? parts->catalog->Replace(*delta) : parts->catalog->Apply(*delta));
  }
  // Before the catalog client, which presents the same credential.
  if (!config_.server_url.empty() && config_.token.empty()) {
    Result<std::string> token = DeviceToken(config_, file("device-token"), file("store-id"));
    if (!token.ok()) return token.status();
    config_.token = *token;
  }
  // Without --store-id: the store the master data placed the register in, learnt at enrollment.
  if (config_.store_id.empty() && std::filesystem::exists(file("store-id"))) {
    Result<std::string> store_id = crypto::ReadKeyFile(file("store-id"));
    if (!store_id.ok()) return store_id.status().WithFieldPrefix("store_id");
    config_.store_id = *store_id;
  }
  if (!config_.server_url.empty() && !config_.store_id.empty()) {
    catalog::CatalogSyncClient::Options options;
    options.server_url = config_.server_url;
    options.store_id = catalog::StoreId(config_.store_id);
    options.token = config_.token;
    Result<std::unique_ptr<catalog::CatalogSyncClient>> catalog_sync =
        catalog::CatalogSyncClient::Create(options, *parts->catalog, parts->clock);
    if (!catalog_sync.ok()) return catalog_sync.status();
    parts->catalog_sync = std::move(catalog_sync).value();
  }

  if (!config_.server_url.empty()) {
    Result<std::unique_ptr<JournalStore>> outbox = JournalStore::Open(file("register.db"), {});
    if (!outbox.ok()) return outbox.status();
    parts->outbox = std::move(outbox).value();
    SyncClient::Options options;
    options.server_url = config_.server_url;
    options.token = config_.token;
    Result<std::unique_ptr<SyncClient>> sync =
        SyncClient::Create(options, config_.register_id, *parts->outbox, parts->clock);
    if (!sync.ok()) return sync.status();
    parts->sync = std::move(sync).value();
    Result<std::unique_ptr<ServerReceiptDirectory>> receipts =
        ServerReceiptDirectory::Create(config_.server_url, config_.token, kReceiptLookupTimeout);
    if (!receipts.ok()) return receipts.status();
    parts->receipts = std::move(receipts).value();
    parts->service->set_receipt_directory(parts->receipts.get());
  }

  LocalApiConfig api_config;
  api_config.seller = config_.seller;
  api_config.seller.register_id = config_.register_id;
  api_config.manager_ids = config_.manager_ids;
  api_config.listen_host = listen->first;
  api_config.api_token = crypto::RandomToken(kApiTokenBytes);
  KASSE_RETURN_IF_ERROR(crypto::WriteKeyFile(file("local-api.token"), api_config.api_token));
  parts->api_token = api_config.api_token;
  if (!config_.printer_path.empty()) {
    std::string path = config_.printer_path;
    api_config.printer = [path](const std::string& bytes) {
      std::ofstream printer(path, std::ios::binary | std::ios::app);
      printer << bytes;
    };
  }
  parts->api = std::make_unique<LocalApi>(api_config, parts->vat, *parts->service, *parts->store, *parts->catalog,
                                          parts->sync.get(), parts->clock);
  SyncClient* sync = parts->sync.get();
  parts->api->on_journal_write = [sync] {
    if (sync != nullptr) sync->Notify();
  };
  http::HttpServer::Options server_options;
  server_options.host = listen->first;
  server_options.port = listen->second;
  server_options.max_body_bytes = kMaxApiBodyBytes;
  LocalApi* api = parts->api.get();
  parts->server =
      std::make_unique<http::HttpServer>(server_options, [api](http::HttpRequest& r) { return api->Handle(r); });
  Result<std::unique_ptr<WalCheckpointer>> checkpointer = WalCheckpointer::Start(file("register.db"));
  if (!checkpointer.ok()) return checkpointer.status();
  parts->checkpointer = std::move(checkpointer).value();
  KASSE_RETURN_IF_ERROR(parts->server->Start());
  parts->api->set_port(parts->server->port());
  if (sync != nullptr) parts->sync_thread = std::jthread([sync](const std::stop_token& stop) { sync->Run(stop); });
  if (catalog::CatalogSyncClient* pull = parts->catalog_sync.get(); pull != nullptr) {
    parts->catalog_thread = std::jthread([pull](const std::stop_token& stop) { pull->Run(stop); });
  }
  parts_ = std::move(parts);
  return Status::Ok();
}

void RegisterAgent::Stop() {
  if (!parts_) return;
  parts_->server->Stop();  // no new sales; the one in progress finishes
  for (std::jthread* thread : {&parts_->sync_thread, &parts_->catalog_thread}) {
    if (thread->joinable()) {
      thread->request_stop();
      thread->join();
    }
  }
  parts_.reset();
}

std::string RegisterAgent::api_url() const {
  if (!parts_) return "";
  Result<std::pair<std::string, uint16_t>> listen = ParseListen(config_.listen);
  return "http://" + listen->first + ":" + std::to_string(parts_->server->port());
}

std::string RegisterAgent::api_token() const { return parts_ ? parts_->api_token : ""; }

}  // namespace kasse::reg

#include "demo/chain_admin.h"

#include <charconv>
#include <sstream>

#include "demo/detail/json_client.h"

namespace kasse::demo {
namespace {

using detail::Json;

// The import of the whole catalog runs in one transaction; a sanitizer build is slow.
constexpr std::chrono::milliseconds kAdminTimeout{120'000};
constexpr std::string_view kAckedMetric = "kasse_register_acked_seq{register=\"";

Json AddressJson(const DemoAddress& address) {
  return Json{
      {"street", address.street}, {"postcode", address.postcode}, {"city", address.city}, {"country", address.country}};
}

}  // namespace

Result<std::unique_ptr<ChainAdmin>> ChainAdmin::Create(const std::string& server_url, std::string admin_token) {
  Result<std::unique_ptr<detail::JsonClient>> client =
      detail::JsonClient::Create(server_url, std::move(admin_token), kAdminTimeout);
  if (!client.ok()) return client.status();
  return std::unique_ptr<ChainAdmin>(new ChainAdmin(std::move(client).value()));
}

ChainAdmin::ChainAdmin(std::unique_ptr<detail::JsonClient> client) : client_(std::move(client)) {}
ChainAdmin::~ChainAdmin() = default;

Result<bool> ChainAdmin::PutIfMissing(const std::string& path, const std::string& body) {
  Result<int> found = client_->StatusOf(path);
  if (!found.ok()) return found.status();
  if (*found == 200) return false;
  if (*found != 404) return Status::Unavailable("GET " + path + " answered " + std::to_string(*found));
  Result<Json> put = client_->Send("PUT", path, body, "application/json");
  if (!put.ok()) return put.status().WithFieldPrefix(path);
  return true;
}

Result<SeedReport> ChainAdmin::Seed(const DemoChain& chain, const DemoCatalog& catalog,
                                    const std::string& software_version) {
  SeedReport report;
  auto put = [&](const std::string& path, const Json& body) -> Status {
    Result<bool> created = PutIfMissing(path, body.dump());
    if (!created.ok()) return created.status();
    report.records_created += *created ? 1 : 0;
    return Status::Ok();
  };
  KASSE_RETURN_IF_ERROR(put("/api/v1/organisation", Json{{"name", chain.name},
                                                         {"address", AddressJson(chain.address)},
                                                         {"tax_number", chain.tax_number},
                                                         {"vat_id", chain.vat_id}}));
  std::vector<std::string> store_ids;
  for (const DemoStore& store : chain.stores) {
    store_ids.push_back(store.id);
    KASSE_RETURN_IF_ERROR(
        put("/api/v1/stores/" + store.id,
            Json{{"name", store.name}, {"address", AddressJson(store.address)}, {"time_zone", store.time_zone}}));
    for (size_t i = 0; i < store.registers.size(); ++i) {
      KASSE_RETURN_IF_ERROR(
          put("/api/v1/registers/" + store.registers[i].value(), Json{{"store_id", store.id},
                                                                      {"label", "Kasse " + std::to_string(i + 1)},
                                                                      {"brand", "Kasse"},
                                                                      {"model", "Kasse Demo-Register"},
                                                                      {"software_brand", "Kasse"},
                                                                      {"software_version", software_version}}));
    }
  }
  for (const DemoGroup& group : catalog.groups) {
    KASSE_RETURN_IF_ERROR(put("/api/v1/product-groups/" + group.group.id.value(), Json{{"name", group.group.name}}));
  }
  Result<int> last = client_->StatusOf("/api/v1/articles/" + catalog.articles.back().article.number.value());
  if (!last.ok()) return last.status();
  if (*last == 200) return report;
  Result<Json> imported = client_->Send("POST", "/api/v1/articles/import", CatalogCsv(catalog, store_ids), "text/csv");
  if (!imported.ok()) return imported.status().WithFieldPrefix("articles/import");
  report.catalog_imported = true;
  report.articles = imported->value("articles", int64_t{0});
  report.prices = imported->value("prices", int64_t{0});
  report.catalog_version = imported->value("catalog_version", int64_t{0});
  return report;
}

Result<std::string> ChainAdmin::EnrollmentCode(const RegisterId& register_id) {
  Result<Json> answer = client_->Call("POST", "/api/v1/enrollments",
                                      Json{{"register_id", register_id.value()}, {"replace_device", true}});
  if (!answer.ok()) return answer.status();
  if (!answer->contains("code") || !(*answer)["code"].is_string()) {
    return Status::Internal("the enrollment answer has no code");
  }
  return (*answer)["code"].get<std::string>();
}

Result<std::map<std::string, int64_t>> ChainAdmin::AckedSeqs() {
  Result<std::string> text = client_->Text("/metrics");
  if (!text.ok()) return text.status();
  std::map<std::string, int64_t> acked;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(kAckedMetric)) continue;
    size_t end = line.find("\"}", kAckedMetric.size());
    if (end == std::string::npos) continue;
    size_t value_start = line.find(' ', end);
    if (value_start == std::string::npos) continue;
    int64_t value = 0;
    const char* first = line.data() + value_start + 1;
    std::from_chars(first, line.data() + line.size(), value);
    acked[line.substr(kAckedMetric.size(), end - kAckedMetric.size())] = value;
  }
  return acked;
}

}  // namespace kasse::demo

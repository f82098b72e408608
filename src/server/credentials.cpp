#include "server/credentials.h"

#include "crypto/hash.h"
#include "crypto/random.h"
#include "domain/text.h"

namespace kasse::server {
namespace {

using storage::SqlBlob;

constexpr std::string_view kCountAdmins = "SELECT COUNT(*) FROM admin_tokens";
constexpr std::string_view kInsertAdmin = "INSERT INTO admin_tokens(token_hash, created_ms) VALUES (?, ?)";
constexpr std::string_view kDeleteAdmins = "DELETE FROM admin_tokens";
constexpr std::string_view kFindAdmin = "SELECT 1 FROM admin_tokens WHERE token_hash = ?";
constexpr std::string_view kInsertCode =
    "INSERT INTO enrollment_codes(code_hash, register_id, replace_device, expires_ms) VALUES (?, ?, ?, ?)";
constexpr std::string_view kFindCode =
    "SELECT register_id, replace_device, expires_ms, used_ms FROM enrollment_codes WHERE code_hash = ?";
constexpr std::string_view kFindCodeForUpdate =
    "SELECT register_id, replace_device, expires_ms, used_ms FROM enrollment_codes WHERE code_hash = ? FOR UPDATE";
constexpr std::string_view kUseCode = "UPDATE enrollment_codes SET used_ms = ? WHERE code_hash = ? AND used_ms IS NULL";
constexpr std::string_view kFindDevice = "SELECT device_id FROM devices WHERE register_id = ?";
constexpr std::string_view kRetireDevice = "DELETE FROM devices WHERE register_id = ?";
constexpr std::string_view kInsertDevice =
    "INSERT INTO devices(register_id, device_id, token_hash, enrolled_ms) VALUES (?, ?, ?, ?)";
constexpr std::string_view kAuthenticate = "SELECT register_id FROM devices WHERE token_hash = ?";

SqlBlob Hash(std::string_view secret) {
  auto digest = crypto::Sha256(crypto::BytesOf(secret));
  return SqlBlob{std::vector<uint8_t>(digest.begin(), digest.end())};
}

Result<std::string_view> BearerToken(std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization.starts_with(kBearer) || authorization.size() == kBearer.size()) {
    return Status::Unauthenticated("send a credential as 'Authorization: Bearer <token>'");
  }
  return authorization.substr(kBearer.size());
}

}  // namespace

Result<std::optional<std::string>> Credentials::CreateAdminTokenIfNone() {
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  Result<storage::SqlTransaction> tx = storage::SqlTransaction::Begin(**db);
  if (!tx.ok()) return tx.status();
  if ((*db)->dialect() == storage::SqlDialect::kPostgres) {
    // Two server processes starting at once must not both create a token.
    KASSE_RETURN_IF_ERROR((*db)->Execute("LOCK TABLE admin_tokens IN EXCLUSIVE MODE"));
  }
  Result<std::optional<storage::SqlValue>> admins = (*db)->QueryValue(kCountAdmins);
  if (!admins.ok()) return admins.status();
  if ((*admins)->AsInt() > 0) return std::optional<std::string>();
  std::string token = crypto::RandomToken(kTokenBytes);
  Result<int64_t> inserted = (*db)->Run(kInsertAdmin, {Hash(token), clock_.NowUnixMillis()});
  if (!inserted.ok()) return inserted.status();
  KASSE_RETURN_IF_ERROR(tx->Commit());
  return std::optional<std::string>(token);
}

Result<std::string> Credentials::ReplaceAdminToken() {
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  Result<storage::SqlTransaction> tx = storage::SqlTransaction::Begin(**db);
  if (!tx.ok()) return tx.status();
  if ((*db)->dialect() == storage::SqlDialect::kPostgres) {
    KASSE_RETURN_IF_ERROR((*db)->Execute("LOCK TABLE admin_tokens IN EXCLUSIVE MODE"));
  }
  Result<int64_t> deleted = (*db)->Run(kDeleteAdmins);
  if (!deleted.ok()) return deleted.status();
  std::string token = crypto::RandomToken(kTokenBytes);
  Result<int64_t> inserted = (*db)->Run(kInsertAdmin, {Hash(token), clock_.NowUnixMillis()});
  if (!inserted.ok()) return inserted.status();
  KASSE_RETURN_IF_ERROR(tx->Commit());
  return token;
}

Status Credentials::CheckAdmin(std::string_view authorization) {
  Result<std::string_view> token = BearerToken(authorization);
  if (!token.ok()) return token.status();
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  Result<std::optional<storage::SqlValue>> found = (*db)->QueryValue(kFindAdmin, {Hash(*token)});
  if (!found.ok()) return found.status();
  if (!*found) return Status::Unauthenticated("this is not the admin token");
  return Status::Ok();
}

Result<std::string> Credentials::CreateEnrollmentCode(const RegisterId& register_id, bool replace_device) {
  std::string code = crypto::RandomToken(kCodeBytes);
  int64_t expires =
      clock_.NowUnixMillis() + std::chrono::duration_cast<std::chrono::milliseconds>(kCodeLifetime).count();
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  Result<int64_t> inserted = (*db)->Run(kInsertCode, {Hash(code), register_id.value(), replace_device, expires});
  if (!inserted.ok()) return inserted.status();
  return code;
}

Result<Enrollment> Credentials::Enroll(std::string_view code, std::string_view device_id) {
  KASSE_RETURN_IF_ERROR(ValidateText(device_id, kMaxDeviceIdBytes).WithFieldPrefix("device_id"));
  int64_t now = clock_.NowUnixMillis();
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  storage::SqlConnection& tx_db = **db;
  Result<storage::SqlTransaction> tx = storage::SqlTransaction::Begin(tx_db);
  if (!tx.ok()) return tx.status();
  bool postgres = tx_db.dialect() == storage::SqlDialect::kPostgres;
  Result<std::vector<storage::SqlRow>> found = tx_db.Query(postgres ? kFindCodeForUpdate : kFindCode, {Hash(code)});
  if (!found.ok()) return found.status();
  if (found->empty()) return Status::Unauthenticated("unknown enrollment code");
  const storage::SqlRow& row = found->front();
  RegisterId register_id(row[0].AsText());
  if (!row[3].is_null()) return Status::Unauthenticated("this enrollment code was used already");
  if (row[2].AsInt() < now) return Status::Unauthenticated("this enrollment code has expired; ask for a new one");

  Result<std::optional<storage::SqlValue>> current = tx_db.QueryValue(kFindDevice, {register_id.value()});
  if (!current.ok()) return current.status();
  if (*current && row[1].AsInt() == 0) {
    return Status::Conflict("code", "register " + register_id.value() + " is already enrolled on device '" +
                                        (*current)->AsText() +
                                        "'; only a code made to replace that device can move it");
  }
  std::string token = crypto::RandomToken(kTokenBytes);
  Result<int64_t> retired = tx_db.Run(kRetireDevice, {register_id.value()});
  if (!retired.ok()) return retired.status();
  Result<int64_t> inserted = tx_db.Run(kInsertDevice, {register_id.value(), device_id, Hash(token), now});
  if (!inserted.ok()) return inserted.status();
  Result<int64_t> used = tx_db.Run(kUseCode, {now, Hash(code)});
  if (!used.ok()) return used.status();
  if (*used != 1) return Status::Unauthenticated("this enrollment code was used already");
  KASSE_RETURN_IF_ERROR(tx->Commit());
  return Enrollment{register_id, token};
}

Result<RegisterId> Credentials::Authenticate(std::string_view authorization) {
  Result<std::string_view> token = BearerToken(authorization);
  if (!token.ok()) return token.status();
  Result<storage::SqlPool::Lease> db = pool_.Acquire();
  if (!db.ok()) return db.status();
  Result<std::optional<storage::SqlValue>> found = (*db)->QueryValue(kAuthenticate, {Hash(*token)});
  if (!found.ok()) return found.status();
  if (!*found) return Status::Unauthenticated("unknown or retired device credential");
  return RegisterId((*found)->AsText());
}

}  // namespace kasse::server

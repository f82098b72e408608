#include "server/credentials.h"

#include "crypto/hash.h"
#include "crypto/random.h"
#include "domain/text.h"
#include "server/journal_store.h"

namespace kasse::server {
namespace {

using storage::SqliteStatement;

constexpr std::string_view kCountAdmins = "SELECT COUNT(*) FROM admin_tokens";
constexpr std::string_view kInsertAdmin = "INSERT INTO admin_tokens(token_hash, created_ms) VALUES (?1, ?2)";
constexpr std::string_view kFindAdmin = "SELECT 1 FROM admin_tokens WHERE token_hash = ?1";
constexpr std::string_view kInsertCode =
    "INSERT INTO enrollment_codes(code_hash, register_id, replace_device, expires_ms) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kFindCode =
    "SELECT register_id, replace_device, expires_ms, used_ms FROM enrollment_codes WHERE code_hash = ?1";
constexpr std::string_view kUseCode = "UPDATE enrollment_codes SET used_ms = ?2 WHERE code_hash = ?1";
constexpr std::string_view kFindDevice = "SELECT device_id FROM devices WHERE register_id = ?1";
constexpr std::string_view kRetireDevice = "DELETE FROM devices WHERE register_id = ?1";
constexpr std::string_view kInsertDevice =
    "INSERT INTO devices(register_id, device_id, token_hash, enrolled_ms) VALUES (?1, ?2, ?3, ?4)";
constexpr std::string_view kAuthenticate = "SELECT register_id FROM devices WHERE token_hash = ?1";

crypto::Bytes Hash(std::string_view secret) {
  auto digest = crypto::Sha256(crypto::BytesOf(secret));
  return crypto::Bytes(digest.begin(), digest.end());
}

Result<std::string_view> BearerToken(std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization.starts_with(kBearer) || authorization.size() == kBearer.size()) {
    return Status::Unauthenticated("send a credential as 'Authorization: Bearer <token>'");
  }
  return authorization.substr(kBearer.size());
}

// Runs a query with one blob parameter; true when it returns a row (left positioned on it).
Result<bool> FindBy(SqliteStatement& query, const crypto::Bytes& key) {
  query.BindBlob(1, key);
  return query.Step();
}

}  // namespace

Result<std::unique_ptr<Credentials>> Credentials::Open(const std::string& path, Clock& clock) {
  Result<storage::SqliteDatabase> db = storage::SqliteDatabase::Open(path);
  if (!db.ok()) return db.status();
  KASSE_RETURN_IF_ERROR(storage::Migrate(*db, ServerMigrations()));
  return std::unique_ptr<Credentials>(new Credentials(std::move(db).value(), clock));
}

Result<std::optional<std::string>> Credentials::CreateAdminTokenIfNone() {
  std::lock_guard lock(mutex_);
  Result<SqliteStatement*> count = db_.Prepare(kCountAdmins);
  if (!count.ok()) return count.status();
  Result<bool> row = (*count)->Step();
  if (!row.ok()) return row.status();
  int64_t admins = (*count)->Int(0);
  (*count)->Reset();
  if (admins > 0) return std::optional<std::string>();
  std::string token = crypto::RandomToken(kTokenBytes);
  Result<SqliteStatement*> insert = db_.Prepare(kInsertAdmin);
  if (!insert.ok()) return insert.status();
  KASSE_RETURN_IF_ERROR((*insert)->BindBlob(1, Hash(token)).Bind(2, clock_.NowUnixMillis()).Run());
  return std::optional<std::string>(token);
}

Status Credentials::CheckAdmin(std::string_view authorization) {
  Result<std::string_view> token = BearerToken(authorization);
  if (!token.ok()) return token.status();
  std::lock_guard lock(mutex_);
  Result<SqliteStatement*> find = db_.Prepare(kFindAdmin);
  if (!find.ok()) return find.status();
  Result<bool> found = FindBy(**find, Hash(*token));
  (*find)->Reset();
  if (!found.ok()) return found.status();
  if (!*found) return Status::Unauthenticated("this is not the admin token");
  return Status::Ok();
}

Result<std::string> Credentials::CreateEnrollmentCode(const RegisterId& register_id, bool replace_device) {
  std::string code = crypto::RandomToken(kCodeBytes);
  int64_t expires =
      clock_.NowUnixMillis() + std::chrono::duration_cast<std::chrono::milliseconds>(kCodeLifetime).count();
  std::lock_guard lock(mutex_);
  Result<SqliteStatement*> insert = db_.Prepare(kInsertCode);
  if (!insert.ok()) return insert.status();
  KASSE_RETURN_IF_ERROR((*insert)
                            ->BindBlob(1, Hash(code))
                            .Bind(2, register_id.value())
                            .Bind(3, int64_t{replace_device ? 1 : 0})
                            .Bind(4, expires)
                            .Run());
  return code;
}

Result<Enrollment> Credentials::Enroll(std::string_view code, std::string_view device_id) {
  KASSE_RETURN_IF_ERROR(ValidateText(device_id, kMaxDeviceIdBytes).WithFieldPrefix("device_id"));
  int64_t now = clock_.NowUnixMillis();
  std::lock_guard lock(mutex_);
  Result<storage::SqliteTransaction> tx = storage::SqliteTransaction::Begin(db_);
  if (!tx.ok()) return tx.status();
  Result<SqliteStatement*> find = db_.Prepare(kFindCode);
  if (!find.ok()) return find.status();
  Result<bool> found = FindBy(**find, Hash(code));
  if (!found.ok()) return found.status();
  if (!*found) return Status::Unauthenticated("unknown enrollment code");
  RegisterId register_id((*find)->Text(0));
  bool replace = (*find)->Int(1) != 0;
  bool expired = (*find)->Int(2) < now;
  bool used = !(*find)->IsNull(3);
  (*find)->Reset();
  if (used) return Status::Unauthenticated("this enrollment code was used already");
  if (expired) return Status::Unauthenticated("this enrollment code has expired; ask for a new one");

  Result<SqliteStatement*> device = db_.Prepare(kFindDevice);
  if (!device.ok()) return device.status();
  Result<bool> enrolled = (*device)->Bind(1, register_id.value()).Step();
  if (!enrolled.ok()) return enrolled.status();
  std::string current = *enrolled ? (*device)->Text(0) : "";
  (*device)->Reset();
  if (*enrolled && !replace) {
    return Status::Conflict("code", "register " + register_id.value() + " is already enrolled on device '" + current +
                                        "'; only a code made to replace that device can move it");
  }
  std::string token = crypto::RandomToken(kTokenBytes);
  for (std::string_view sql : {kRetireDevice, kInsertDevice, kUseCode}) {
    Result<SqliteStatement*> step = db_.Prepare(sql);
    if (!step.ok()) return step.status();
    if (sql == kRetireDevice) (*step)->Bind(1, register_id.value());
    if (sql == kInsertDevice) {
      (*step)->Bind(1, register_id.value()).Bind(2, device_id).BindBlob(3, Hash(token)).Bind(4, now);
    }
    if (sql == kUseCode) (*step)->BindBlob(1, Hash(code)).Bind(2, now);
    KASSE_RETURN_IF_ERROR((*step)->Run());
  }
  KASSE_RETURN_IF_ERROR(tx->Commit());
  return Enrollment{register_id, token};
}

Result<RegisterId> Credentials::Authenticate(std::string_view authorization) {
  Result<std::string_view> token = BearerToken(authorization);
  if (!token.ok()) return token.status();
  std::lock_guard lock(mutex_);
  Result<SqliteStatement*> find = db_.Prepare(kAuthenticate);
  if (!find.ok()) return find.status();
  Result<bool> found = FindBy(**find, Hash(*token));
  if (!found.ok()) {
    (*find)->Reset();
    return found.status();
  }
  std::optional<RegisterId> register_id;
  if (*found) register_id = RegisterId((*find)->Text(0));
  (*find)->Reset();
  if (!register_id) return Status::Unauthenticated("unknown or retired device credential");
  return *register_id;
}

}  // namespace kasse::server

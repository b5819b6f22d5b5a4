// The TOTP second factor (RFC 6238). Outcomes: enrolment started (secret + QR code) · confirmed (10
// recovery codes, shown once) · verified (session no longer pending) · disabled · 401 wrong code
// (counts toward the lockout) · 409 wrong state.
#include <qrencode.h>

#include <memory>

#include <fmt/format.h>
#include <sodium.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/totp.hpp"
#include "domain/audit/audit.hpp"
#include "domain/auth/auth.hpp"
#include "domain/auth/session.hpp"
#include "domain/auth/throttle.hpp"

namespace lvzhi::auth {
namespace {

constexpr int kRecoveryCodeCount = 10;
constexpr int kQrQuietZone = 4;

std::string qr_svg(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) return {};
  const int size = code->width + 2 * kQrQuietZone;
  std::string path;
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if ((code->data[y * code->width + x] & 1) != 0) {
        path += fmt::format("M{},{}h1v1h-1z", x + kQrQuietZone, y + kQrQuietZone);
      }
    }
  }
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {0}" shape-rendering="crispEdges">)"
      R"(<rect width="{0}" height="{0}" fill="#fff"/><path d="{1}" fill="#000"/></svg>)",
      size, path);
}

// Recovery codes look like "k7qm-2xwp": easy to read aloud, 40 bits each.
std::string new_recovery_code() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) out.push_back('-');
    out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  }
  return out;
}

std::string normalize_code(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == ' ') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string open_secret(const AuthDeps& deps, const std::string& sealed) {
  std::string secret;
  if (!crypto::decrypt(deps.data_key, sealed, secret)) {
    throw std::runtime_error("cannot decrypt a TOTP secret: wrong data key?");
  }
  return secret;
}

}  // namespace

Result<Enrollment> start_mfa_enrollment(AuthDeps& deps, const Actor& actor) {
  if (actor.mfa_pending) return make_error(contract::err::kAuthMfaRequired);
  auto& db = deps.db;
  Enrollment enrollment;
  enrollment.secret = totp::generate_secret();
  enrollment.otpauth_uri = totp::provisioning_uri(deps.issuer, actor.username, enrollment.secret);
  enrollment.qr_svg = qr_svg(enrollment.otpauth_uri);
  const std::string sealed = crypto::encrypt(deps.data_key, enrollment.secret);
  auto stored = db.write([&](soci::session& sql) -> Status {
    int enabled = 0;
    sql << "SELECT totp_enabled FROM users WHERE id = :id", soci::use(actor.user_id),
        soci::into(enabled);
    if (enabled != 0) return make_error(contract::err::kAuthMfaAlreadyEnabled);
    const long long now = now_seconds();
    sql << "UPDATE users SET totp_pending_secret = :s, updated_at = :now WHERE id = :id",
        soci::use(sealed), soci::use(now), soci::use(actor.user_id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "auth.mfa_enroll_start",
                   .object_type = "user",
                   .object_id = std::to_string(actor.user_id)});
    return ok_status();
  });
  if (!stored.ok()) return stored.take_error();
  return enrollment;
}

Result<std::vector<std::string>> confirm_mfa_enrollment(AuthDeps& deps, const Actor& actor,
                                                        const std::string& code) {
  if (actor.mfa_pending) return make_error(contract::err::kAuthMfaRequired);
  if (code.empty()) return field_error("code", "请输入身份验证器中的 6 位动态验证码");
  auto& db = deps.db;
  auto account = db.read([&](soci::session& sql) { return find_account(sql, actor.user_id); });
  if (!account) return make_error(contract::err::kAuthUnauthenticated);
  if (account->totp_enabled) return make_error(contract::err::kAuthMfaAlreadyEnabled);
  if (account->totp_pending_secret.empty()) return make_error(contract::err::kAuthMfaNotEnrolling);
  const auto step = totp::verify(open_secret(deps, account->totp_pending_secret),
                                 normalize_code(code), now_seconds());
  if (!step) return make_error(contract::err::kAuthInvalidMfaCode);

  std::vector<std::string> codes;
  codes.reserve(kRecoveryCodeCount);
  for (int i = 0; i < kRecoveryCodeCount; ++i) codes.push_back(new_recovery_code());
  auto stored = db.write([&](soci::session& sql) -> Status {
    const long long now = now_seconds();
    sql << "UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, "
           "totp_enabled = 1, totp_last_step = :step, updated_at = :now WHERE id = :id",
        soci::use(*step), soci::use(now), soci::use(actor.user_id);
    sql << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(actor.user_id);
    for (const auto& recovery : codes) {
      const std::string hash = crypto::sha256_hex(recovery);
      sql << "INSERT INTO recovery_codes (user_id, code_hash) VALUES (:id, :h)",
          soci::use(actor.user_id), soci::use(hash);
    }
    audit::record(sql, db.dialect(), actor,
                  {.action = "auth.mfa_enable",
                   .object_type = "user",
                   .object_id = std::to_string(actor.user_id),
                   .changes = Json{{"mfa_enabled", {false, true}}}});
    return ok_status();
  });
  if (!stored.ok()) return stored.take_error();
  return codes;
}

Result<Json> verify_mfa(AuthDeps& deps, const Actor& actor, const std::string& raw_code) {
  if (!actor.mfa_pending) return make_error(contract::err::kAuthMfaNotPending);
  const std::string code = normalize_code(raw_code);
  if (code.empty()) return field_error("code", "请输入动态验证码或恢复码");
  auto& db = deps.db;
  const auto settings = settings::load_security(db);
  auto account = db.read([&](soci::session& sql) { return find_account(sql, actor.user_id); });
  if (!account || !account->totp_enabled) return make_error(contract::err::kAuthUnauthenticated);
  const long long now = now_seconds();

  // Outcome of the check, decided and stored in one transaction (a code is accepted once).
  enum class Outcome { kAccepted, kRejected, kLocked };
  const std::string secret = open_secret(deps, account->totp_secret);
  const Outcome outcome =
      db.write([&](soci::session& sql) -> Result<Outcome> {
          long long last_step = 0;
          sql << fmt::format("SELECT totp_last_step FROM users WHERE id = :id{}",
                             db.dialect().for_update()),
              soci::use(actor.user_id), soci::into(last_step);
          std::string method;
          if (const auto step = totp::verify(secret, code, now); step && *step > last_step) {
            sql << "UPDATE users SET totp_last_step = :s WHERE id = :id", soci::use(*step),
                soci::use(actor.user_id);
            method = "totp";
          } else {
            const std::string hash = crypto::sha256_hex(code);
            long long recovery_id = 0;
            sql << "SELECT id FROM recovery_codes WHERE user_id = :u AND code_hash = :h AND "
                   "used_at IS NULL",
                soci::use(actor.user_id), soci::use(hash), soci::into(recovery_id);
            if (sql.got_data()) {
              sql << "UPDATE recovery_codes SET used_at = :now WHERE id = :id", soci::use(now),
                  soci::use(recovery_id);
              method = "recovery_code";
            }
          }
          if (method.empty()) {
            if (record_login_failure(sql, db.dialect(), actor, account->username, "bad_mfa_code",
                                     settings, now)) {
              end_session(sql, actor.session_id);
              return Outcome::kLocked;
            }
            return Outcome::kRejected;
          }
          sql << "UPDATE sessions SET mfa_pending = 0 WHERE id = :id", soci::use(actor.session_id);
          audit::record(sql, db.dialect(), actor,
                        {.action = "auth.mfa_verify",
                         .object_type = "user",
                         .object_id = std::to_string(actor.user_id),
                         .changes = Json{{"method", method}}});
          return Outcome::kAccepted;
        }).value();
  if (outcome == Outcome::kLocked) {
    return make_error(contract::err::kAuthAccountLocked);
  }
  if (outcome == Outcome::kRejected) return make_error(contract::err::kAuthInvalidMfaCode);
  Actor verified = make_actor(*account, settings, false);
  verified.session_id = actor.session_id;
  verified.csrf_token = actor.csrf_token;
  return me(deps, verified);
}

void remove_second_factor(soci::session& sql, long long user_id,
                          const std::string& keep_session_id) {
  const long long now = now_seconds();
  sql << "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled = 0, "
         "updated_at = :now WHERE id = :id",
      soci::use(now), soci::use(user_id);
  sql << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(user_id);
  sql << "DELETE FROM sessions WHERE user_id = :id AND id <> :keep", soci::use(user_id),
      soci::use(keep_session_id);
}

Status disable_mfa(AuthDeps& deps, const Actor& actor, const std::string& password) {
  auto& db = deps.db;
  const auto settings = settings::load_security(db);
  if (mfa_required(actor.roles, settings.mfa_required_for_all)) {
    return make_error(contract::err::kAuthMfaCannotDisable);
  }
  auto account = db.read([&](soci::session& sql) { return find_account(sql, actor.user_id); });
  if (!account) return make_error(contract::err::kAuthUnauthenticated);
  if (!account->totp_enabled) return make_error(contract::err::kAuthMfaNotEnrolling);
  if (password.empty() || !crypto::verify_password(account->password_hash, password)) {
    return field_error("password", "密码错误");
  }
  return db.write([&](soci::session& sql) -> Status {
    remove_second_factor(sql, actor.user_id, actor.session_id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "auth.mfa_disable",
                   .object_type = "user",
                   .object_id = std::to_string(actor.user_id),
                   .changes = Json{{"mfa_enabled", {true, false}}}});
    return ok_status();
  });
}

}  // namespace lvzhi::auth

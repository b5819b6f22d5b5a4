#include "app/data_key.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/crypto.hpp"
#include "db/dialect.hpp"

namespace lvzhi::app {
namespace {
constexpr std::size_t kKeyBytes = 32;
}  // namespace

std::string default_key_file(const std::string& db_url) {
  if (db::is_postgres_url(db_url)) return "data/lvzhi.key";
  const auto dir = std::filesystem::path(db::sqlite_path_of(db_url)).parent_path();
  return (dir.empty() ? std::filesystem::path("lvzhi.key") : dir / "lvzhi.key").string();
}

std::string default_files_dir(const std::string& db_url) {
  if (db::is_postgres_url(db_url)) return "data/files";
  const auto dir = std::filesystem::path(db::sqlite_path_of(db_url)).parent_path();
  return (dir.empty() ? std::filesystem::path("files") : dir / "files").string();
}

std::string load_data_key(const std::string& key_file) {
  std::string key;
  if (const char* env = std::getenv("LVZHI_DATA_KEY"); env != nullptr && *env != '\0') {
    if (!crypto::base64_decode(env, key) || key.size() != kKeyBytes) {
      throw std::runtime_error("LVZHI_DATA_KEY must be 32 bytes in base64");
    }
    return key;
  }
  if (std::filesystem::exists(key_file)) {
    std::ifstream in(key_file);
    std::string text;
    std::getline(in, text);
    if (!crypto::base64_decode(text, key) || key.size() != kKeyBytes) {
      throw std::runtime_error("data key file " + key_file + " does not hold 32 bytes in base64");
    }
    return key;
  }
  const auto dir = std::filesystem::path(key_file).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  key = crypto::random_bytes(kKeyBytes);
  const mode_t old_mask = umask(077);
  {
    std::ofstream out(key_file);
    out << crypto::base64_encode(key) << '\n';
  }
  umask(old_mask);
  if (!std::filesystem::exists(key_file)) throw std::runtime_error("cannot write " + key_file);
  return key;
}

}  // namespace lvzhi::app

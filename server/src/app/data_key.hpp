#pragma once
// The 32-byte key that seals secrets at rest (TOTP secrets; later personal data). It never enters
// the database: LVZHI_DATA_KEY (base64) or a key file, created with mode 0600 on first use.
#include <string>

namespace lvzhi::app {

// Default key file: next to a SQLite database, or data/lvzhi.key for PostgreSQL.
std::string default_key_file(const std::string& db_url);
std::string load_data_key(const std::string& key_file);
// Default attachments directory: files/ next to a SQLite database, or data/files for PostgreSQL.
std::string default_files_dir(const std::string& db_url);

}  // namespace lvzhi::app

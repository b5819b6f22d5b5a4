#pragma once
// Attachments live on disk outside the database, named by their SHA-256 (the same content is
// stored once): ROOT/ab/cdef….  Writes go to a temporary file (ROOT/ab/.tmp-…, mode 0600) first,
// are synced and renamed into place, so a reader never sees a half-written file. Directories the
// store creates get mode 0700.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace lvzhi::files {

class FileStore {
 public:
  explicit FileStore(std::filesystem::path root);

  // Stores the content (no-op when already there intact; a damaged copy is replaced) and returns
  // its lowercase hex SHA-256.
  // Throws std::runtime_error on an I/O failure.
  std::string put(std::string_view content);
  // The content, or nullopt when missing or when it no longer matches its checksum, and for any
  // argument that is not 64 lowercase hex characters (so an id can never name another path).
  // Throws std::runtime_error on an I/O failure other than a missing file.
  [[nodiscard]] std::optional<std::string> get(std::string_view sha256) const;

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

 private:
  [[nodiscard]] std::filesystem::path path_of(std::string_view sha256) const;
  std::filesystem::path root_;
};

}  // namespace lvzhi::files

#pragma once
// The built web app (web/dist) served by the same process: hashed assets with a long cache,
// index.html revalidated, precompressed .gz variants, and the single-page-app fallback for
// client-side routes.
#include <filesystem>
#include <optional>
#include <string_view>

#include "http/message.hpp"

namespace lvzhi::http {

class StaticFiles {
 public:
  // nullopt when web_root is empty or not an existing directory (then no static files are served).
  static std::optional<StaticFiles> open(const std::string& web_root);

  // The file for a decoded request path, or nullopt (answer 404). Paths with "..", dotfiles or
  // symlinks leading out of the root never resolve. A missing path without an extension gets
  // index.html.
  [[nodiscard]] std::optional<Response> serve(std::string_view path, bool accepts_gzip) const;

 private:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  // The canonical regular file for root-relative path, if it exists inside the root.
  [[nodiscard]] std::optional<std::filesystem::path> inside_root(
      const std::filesystem::path& relative) const;

  std::filesystem::path root_;  // canonical
};

// Content-Type for a file name by its extension (application/octet-stream if unknown).
std::string_view content_type_for(std::string_view file_name);

}  // namespace lvzhi::http

#include "http/static_files.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

namespace lvzhi::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndex = "index.html";
constexpr std::string_view kAssetsPrefix = "/assets/";
// Vite puts a content hash into every asset name: they never change, so caches may keep them for a
// year.
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

struct TypeByExtension {
  std::string_view extension;
  std::string_view content_type;
};

constexpr std::array<TypeByExtension, 14> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".json", "application/json"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
    {".map", "application/json"},
}};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Root-relative path from a request path; nullopt for anything that could step outside the root or
// reveal hidden files ("..", ".git", ".env", backslashes, NUL).
std::optional<fs::path> relative_path(std::string_view request_path) {
  if (request_path.empty() || request_path.front() != '/') return std::nullopt;
  fs::path relative;
  std::string_view rest = request_path.substr(1);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty()) continue;
    if (segment.front() == '.' ||
        segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos) {
      return std::nullopt;
    }
    relative /= fs::path(std::string(segment));
  }
  return relative;
}

bool has_extension(std::string_view request_path) {
  const auto last_slash = request_path.rfind('/');
  const std::string_view last =
      last_slash == std::string_view::npos ? request_path : request_path.substr(last_slash + 1);
  return last.find('.') != std::string_view::npos;
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return content;
}

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
  for (const auto& [extension, type] : kTypes) {
    if (ends_with(file_name, extension)) return type;
  }
  return "application/octet-stream";
}

std::optional<StaticFiles> StaticFiles::open(const std::string& web_root) {
  if (web_root.empty()) return std::nullopt;
  std::error_code ec;
  const fs::path root = fs::canonical(web_root, ec);
  if (ec || !fs::is_directory(root, ec)) return std::nullopt;
  return StaticFiles(root);
}

std::optional<fs::path> StaticFiles::inside_root(const fs::path& relative) const {
  std::error_code ec;
  // canonical() follows symlinks, so a link pointing outside web_root is caught by the prefix
  // check.
  const fs::path resolved = fs::canonical(root_ / relative, ec);
  if (ec) return std::nullopt;
  const auto [root_end, ignored] =
      std::mismatch(root_.begin(), root_.end(), resolved.begin(), resolved.end());
  if (root_end != root_.end() || !fs::is_regular_file(resolved, ec)) return std::nullopt;
  return resolved;
}

std::optional<Response> StaticFiles::serve(std::string_view path, bool accepts_gzip) const {
  const auto relative = relative_path(path);
  if (!relative) return std::nullopt;

  std::optional<fs::path> file = relative->empty() ? std::nullopt : inside_root(*relative);
  bool is_index = relative->filename() == kIndex;
  if (!file) {
    // Client-side routes (/proposals/12) have no file: the app's index.html handles them.
    if (!relative->empty() && has_extension(path)) return std::nullopt;
    file = inside_root(fs::path(kIndex));
    is_index = true;
    if (!file) return std::nullopt;
  }

  Response response;
  response.content_type = std::string(content_type_for(file->filename().string()));
  if (is_index) {
    response.set_header("Cache-Control", std::string(kRevalidate));
  } else {
    const bool immutable = path.substr(0, kAssetsPrefix.size()) == kAssetsPrefix;
    response.set_header("Cache-Control", std::string(immutable ? kImmutable : kRevalidate));
  }

  fs::path gz_name = *file;
  gz_name += ".gz";
  const auto gz = inside_root(gz_name.lexically_relative(root_));
  if (gz) response.set_header("Vary", "Accept-Encoding");
  std::optional<std::string> body;
  if (gz && accepts_gzip) {
    body = read_file(*gz);
    if (body) response.set_header("Content-Encoding", "gzip");
  }
  if (!body) body = read_file(*file);
  if (!body) return std::nullopt;
  response.body = std::move(*body);
  return response;
}

}  // namespace lvzhi::http

// Static files for the web app: content types, cache headers, precompressed .gz, SPA fallback, and
// paths that must never resolve (.., dotfiles, symlinks out of the root).
#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "http/static_files.hpp"

namespace lvzhi::http {
namespace {

namespace fs = std::filesystem;

std::string header(const Response& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "<none>";
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("lvzhi_static_" + std::to_string(std::random_device{}()));
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    write(root_ / "index.html", "<html>app</html>");
    write(root_ / "assets" / "app-1a2b.js", "console.log(1)");
    write(root_ / "assets" / "app-1a2b.js.gz", "GZ");
    write(root_ / "favicon.ico", "ICO");
    write(root_ / "site.webmanifest", "{}");
    write(root_ / ".env", "SECRET=1");
    write(base_ / "outside.txt", "outside");
    fs::create_symlink(base_ / "outside.txt", root_ / "link.txt");
    files_ = StaticFiles::open(root_.string());
    ASSERT_TRUE(files_.has_value());
  }
  void TearDown() override { fs::remove_all(base_); }
  static void write(const fs::path& path, const std::string& content) {
    std::ofstream(path) << content;
  }

  fs::path base_;
  fs::path root_;
  std::optional<StaticFiles> files_;
};

TEST_F(StaticFilesTest, OpenNeedsAnExistingDirectory) {
  EXPECT_FALSE(StaticFiles::open("").has_value());
  EXPECT_FALSE(StaticFiles::open((base_ / "missing").string()).has_value());
  EXPECT_FALSE(StaticFiles::open((root_ / "index.html").string()).has_value());
}

TEST_F(StaticFilesTest, RootServesIndexWithNoCache) {
  const auto response = files_->serve("/", false);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "<html>app</html>");
  EXPECT_EQ(response->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(header(*response, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, SpaFallbackForPathsWithoutExtension) {
  const auto response = files_->serve("/proposals/12", false);
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->body, "<html>app</html>");
  EXPECT_EQ(header(*response, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, MissingFileWithExtensionIsNotFound) {
  EXPECT_FALSE(files_->serve("/assets/missing.js", false).has_value());
  EXPECT_FALSE(files_->serve("/robots.txt", false).has_value());
}

TEST_F(StaticFilesTest, AssetsAreImmutableAndPrecompressed) {
  const auto plain = files_->serve("/assets/app-1a2b.js", false);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->body, "console.log(1)");
  EXPECT_EQ(plain->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*plain, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(header(*plain, "Content-Encoding"), "<none>");
  EXPECT_EQ(header(*plain, "Vary"), "Accept-Encoding");

  const auto gz = files_->serve("/assets/app-1a2b.js", true);
  ASSERT_TRUE(gz.has_value());
  EXPECT_EQ(gz->body, "GZ");
  EXPECT_EQ(gz->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*gz, "Content-Encoding"), "gzip");
}

TEST_F(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(files_->serve("/favicon.ico", false)->content_type, "image/x-icon");
  EXPECT_EQ(files_->serve("/site.webmanifest", false)->content_type, "application/manifest+json");
  EXPECT_EQ(content_type_for("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("a.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("a.png"), "image/png");
  EXPECT_EQ(content_type_for("a.jpg"), "image/jpeg");
  EXPECT_EQ(content_type_for("a.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("a.json"), "application/json");
  EXPECT_EQ(content_type_for("a.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(content_type_for("a.bin"), "application/octet-stream");
}

TEST_F(StaticFilesTest, RefusesTraversalDotfilesAndEscapingSymlinks) {
  EXPECT_FALSE(files_->serve("/../outside.txt", false).has_value());
  EXPECT_FALSE(files_->serve("/assets/../../outside.txt", false).has_value());
  EXPECT_FALSE(files_->serve("/.env", false).has_value());
  EXPECT_FALSE(files_->serve("/assets/.hidden", false).has_value());
  EXPECT_FALSE(files_->serve("/link.txt", false).has_value());
  EXPECT_FALSE(files_->serve("/a\\..\\outside.txt", false).has_value());
  EXPECT_FALSE(files_->serve("relative", false).has_value());
  // A dot-segment path without an extension must not fall back to index.html either.
  EXPECT_FALSE(files_->serve("/..", false).has_value());
}

}  // namespace
}  // namespace lvzhi::http

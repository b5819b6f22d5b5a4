// The content-addressed attachment store on a temporary directory.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "core/crypto.hpp"
#include "files/file_store.hpp"

namespace lvzhi::files {
namespace {

namespace fs = std::filesystem;

class FileStoreTest : public ::testing::Test {
 protected:
  FileStoreTest() {
    crypto::init();
    dir_ = fs::temp_directory_path() /
           ("lvzhi-store-" + std::to_string(::getpid()) + "-" + crypto::random_token(6));
  }
  ~FileStoreTest() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  FileStoreTest(const FileStoreTest&) = delete;
  FileStoreTest& operator=(const FileStoreTest&) = delete;

  // The store's root is created on the first put, below a directory that does not exist yet.
  [[nodiscard]] fs::path root() const { return dir_ / "data" / "attachments"; }

  static mode_t mode_of(const fs::path& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777;
  }

  // Every regular file under the root (temporary files included).
  [[nodiscard]] std::vector<fs::path> files() const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(root())) {
      if (entry.is_regular_file()) out.push_back(entry.path());
    }
    return out;
  }

  fs::path dir_;
};

constexpr std::string_view kEmptySha =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST_F(FileStoreTest, PutThenGetRoundTrips) {
  FileStore store(root());
  const std::string content("%PDF-1.7\n\0binary\xff content", 25);
  const auto sha = store.put(content);
  EXPECT_EQ(sha, crypto::sha256_hex(content));
  EXPECT_EQ(sha.size(), 64U);
  const auto back = store.get(sha);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, content);

  // Laid out as ROOT/ab/cdef…
  const auto path = root() / sha.substr(0, 2) / sha.substr(2);
  EXPECT_TRUE(fs::is_regular_file(path)) << path;
  EXPECT_EQ(store.root(), root());
}

TEST_F(FileStoreTest, EmptyContentIsStoredToo) {
  FileStore store(root());
  EXPECT_EQ(store.put(""), kEmptySha);
  EXPECT_EQ(store.get(kEmptySha).value_or("missing"), "");
}

TEST_F(FileStoreTest, ModesArePrivate) {
  FileStore store(root());
  const auto sha = store.put("secret");
  EXPECT_EQ(mode_of(dir_ / "data"), 0700U);
  EXPECT_EQ(mode_of(root()), 0700U);
  EXPECT_EQ(mode_of(root() / sha.substr(0, 2)), 0700U);
  EXPECT_EQ(mode_of(root() / sha.substr(0, 2) / sha.substr(2)), 0600U);
}

TEST_F(FileStoreTest, SameContentIsStoredOnce) {
  FileStore store(root());
  const auto first = store.put("same bytes");
  const auto second = store.put("same bytes");
  EXPECT_EQ(first, second);
  const auto other = store.put("other bytes");
  EXPECT_NE(first, other);
  EXPECT_EQ(files().size(), 2U) << "one file per distinct content, no temporary files left";
}

TEST_F(FileStoreTest, MissingContentIsNullopt) {
  FileStore store(root());
  EXPECT_FALSE(store.get(kEmptySha).has_value());  // root does not even exist
  store.put("x");
  EXPECT_FALSE(store.get(kEmptySha).has_value());
}

TEST_F(FileStoreTest, TamperedFileIsNullopt) {
  FileStore store(root());
  const auto sha = store.put("the original");
  const auto path = root() / sha.substr(0, 2) / sha.substr(2);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "the forgery!";
  }
  EXPECT_FALSE(store.get(sha).has_value());
  // Truncated to nothing is tampered too.
  fs::resize_file(path, 0);
  EXPECT_FALSE(store.get(sha).has_value());
}

TEST_F(FileStoreTest, PutRepairsADamagedCopy) {
  FileStore store(root());
  const auto sha = store.put("the original");
  const auto path = root() / sha.substr(0, 2) / sha.substr(2);
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "damaged";
  }
  EXPECT_EQ(store.put("the original"), sha);
  EXPECT_EQ(store.get(sha).value_or("missing"), "the original");
}

TEST_F(FileStoreTest, MalformedShaIsNulloptAndNeverAPath) {
  FileStore store(root());
  const auto sha = store.put("content");
  std::string upper = sha;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // A real file outside the store that a traversal would reach.
  {
    std::ofstream out(dir_ / "outside", std::ios::binary);
    out << "content";
  }
  const std::vector<std::string> bad_ids{std::string(),
                                         sha.substr(0, 63),
                                         sha + "0",
                                         upper,
                                         "../../outside",
                                         "../" + sha.substr(3),
                                         std::string(64, 'g'),
                                         std::string(62, '0') + "/.",
                                         sha.substr(0, 2) + "/" + sha.substr(3),
                                         std::string(64, '.'),
                                         std::string(sha).replace(10, 1, 1, '\0')};
  for (const auto& bad : bad_ids) {
    EXPECT_FALSE(store.get(bad).has_value()) << bad;
  }
  EXPECT_TRUE(store.get(sha).has_value());
}

TEST_F(FileStoreTest, ASymbolicLinkInTheStoreIsNotFollowed) {
  FileStore store(root());
  const auto sha = store.put("linked");
  const auto path = root() / sha.substr(0, 2) / sha.substr(2);
  {
    std::ofstream out(dir_ / "target", std::ios::binary);
    out << "linked";
  }
  fs::remove(path);
  fs::create_symlink(dir_ / "target", path);
  EXPECT_FALSE(store.get(sha).has_value());
}

TEST_F(FileStoreTest, FanOutDirectoryThatIsAFileThrows) {
  // Works as root too (root ignores directory permissions, not file types).
  const std::string content = "fan-out";
  const auto sha = crypto::sha256_hex(content);
  fs::create_directories(root());
  {
    std::ofstream out(root() / sha.substr(0, 2));
    out << "x";
  }
  FileStore store(root());
  EXPECT_THROW(store.put(content), std::runtime_error);
  EXPECT_FALSE(store.get(sha).has_value());
}

TEST_F(FileStoreTest, RootThatIsAFileThrows) {
  fs::create_directories(dir_);
  {
    std::ofstream out(dir_ / "file");
    out << "x";
  }
  FileStore store(dir_ / "file");
  EXPECT_THROW(store.put("x"), std::runtime_error);
}

}  // namespace
}  // namespace lvzhi::files

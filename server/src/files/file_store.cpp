// The content-addressed attachment store: ROOT/ab/cdef… named by the content's SHA-256.
// POSIX calls rather than fstream: the modes (0700 directories, 0600 files), mkstemp's exclusive
// creation, fsync before the rename and a distinguishable "missing" need them.
#include "files/file_store.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/crypto.hpp"

namespace lvzhi::files {
namespace {

constexpr std::size_t kShaHexLength = 64;
constexpr std::size_t kFanOut = 2;  // ROOT/ab/…: at most 256 subdirectories
constexpr mode_t kDirectoryMode = 0700;
constexpr std::size_t kReadChunk = 64 * 1024;

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
  throw std::runtime_error("file store: " + what + " " + path.string() + ": " +
                           std::strerror(error));
}

bool is_sha256_hex(std::string_view s) {
  if (s.size() != kShaHexLength) return false;
  for (const char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Closes on every path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&&) = delete;
  Fd& operator=(Fd&&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }
  // close(2)'s result: a write error can surface only here.
  int close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

// mkdir -p with 0700 for the directories it creates (existing ones are left as they are).
void make_directories(const std::filesystem::path& dir) {
  std::filesystem::path partial;
  for (const auto& component : dir) {
    partial /= component;
    if (::mkdir(partial.c_str(), kDirectoryMode) == 0) continue;
    const int error = errno;
    struct stat info {};
    if (error == EEXIST && ::stat(partial.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) continue;
    fail("cannot create directory", partial, error);
  }
}

// The file's bytes; nullopt when it does not exist. Throws on other I/O errors.
std::optional<std::string> read_file(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    // ELOOP: a symbolic link (O_NOFOLLOW) is no file this store wrote.
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) return std::nullopt;
    fail("cannot open", path, errno);
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) fail("cannot stat", path, errno);
  if (!S_ISREG(info.st_mode)) return std::nullopt;
  std::string content;
  content.reserve(static_cast<std::size_t>(info.st_size));
  std::array<char, kReadChunk> chunk{};
  for (;;) {
    const auto got = ::read(fd.get(), chunk.data(), chunk.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      fail("cannot read", path, errno);
    }
    if (got == 0) break;
    content.append(chunk.data(), static_cast<std::size_t>(got));
  }
  return content;
}

void write_all(int fd, std::string_view content, const std::filesystem::path& path) {
  while (!content.empty()) {
    const auto wrote = ::write(fd, content.data(), content.size());
    if (wrote < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", path, errno);
    }
    content.remove_prefix(static_cast<std::size_t>(wrote));
  }
}

// Makes a rename in the directory durable; best effort (some file systems refuse it).
void sync_directory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());
}

}  // namespace

FileStore::FileStore(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path FileStore::path_of(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, kFanOut)) / std::string(sha256.substr(kFanOut));
}

std::string FileStore::put(std::string_view content) {
  std::string sha = crypto::sha256_hex(content);
  const auto path = path_of(sha);
  // Already stored (and intact): nothing to do. A damaged copy is replaced below.
  if (const auto existing = read_file(path); existing && crypto::sha256_hex(*existing) == sha) {
    return sha;
  }

  const auto dir = path.parent_path();
  make_directories(dir);
  // mkstemp creates the file exclusively with mode 0600; concurrent writers of the same content
  // each use their own temporary file, and either rename wins with identical bytes.
  std::string temp = (dir / (".tmp-" + sha.substr(kFanOut, 8) + "-XXXXXX")).string();
  Fd fd(::mkostemp(temp.data(), O_CLOEXEC));
  if (fd.get() < 0) fail("cannot create temporary file in", dir, errno);
  try {
    write_all(fd.get(), content, temp);
    if (::fsync(fd.get()) != 0) fail("cannot sync", temp, errno);
    if (fd.close() != 0) fail("cannot close", temp, errno);
    if (::rename(temp.c_str(), path.c_str()) != 0) fail("cannot rename to", path, errno);
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  sync_directory(dir);
  return sha;
}

std::optional<std::string> FileStore::get(std::string_view sha256) const {
  // Only a well-formed checksum becomes a path: nothing like "../" can reach the file system.
  if (!is_sha256_hex(sha256)) return std::nullopt;
  auto content = read_file(path_of(sha256));
  if (!content || crypto::sha256_hex(*content) != sha256) return std::nullopt;
  return content;
}

}  // namespace lvzhi::files

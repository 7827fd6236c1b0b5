#include "engine/model/text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 16U;

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw UserError(SourceLocation{path, 0, 0}, "", message);
}

[[noreturn]] void fail_errno(const std::string& path, int error) {
  fail(path, std::string("cannot read the file: ") + std::strerror(error));
}

// "16 MiB", "50.0 MiB", "3.2 KiB", "12 bytes".
std::string size_text(std::uint64_t bytes) {
  const auto value = static_cast<double>(bytes);
  char buffer[48];
  if (bytes >= (std::uint64_t{1} << 30U)) {
    std::snprintf(buffer, sizeof buffer, "%.1f GiB", value / static_cast<double>(1U << 30U));
  } else if (bytes >= (std::uint64_t{1} << 20U)) {
    if (bytes % (std::uint64_t{1} << 20U) == 0) {
      std::snprintf(buffer, sizeof buffer, "%llu MiB",
                    static_cast<unsigned long long>(bytes >> 20U));
    } else {
      std::snprintf(buffer, sizeof buffer, "%.1f MiB", value / static_cast<double>(1U << 20U));
    }
  } else if (bytes >= 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", value / 1024.0);
  } else {
    std::snprintf(buffer, sizeof buffer, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return buffer;
}

// Refuses what is not a regular file, and one larger than `max_bytes`.
void check_status(const std::string& path, const struct stat& status, std::uint64_t max_bytes) {
  const mode_t mode = status.st_mode;
  if (S_ISDIR(mode)) fail(path, "is a directory (expected a file)");
  if (S_ISCHR(mode)) {
    fail(path, "is a character device such as /dev/zero or a terminal (expected a regular file)");
  }
  if (S_ISBLK(mode)) fail(path, "is a block device (expected a regular file)");
  if (S_ISFIFO(mode)) fail(path, "is a FIFO, a named pipe (expected a regular file)");
  if (S_ISSOCK(mode)) fail(path, "is a socket (expected a regular file)");
  if (!S_ISREG(mode)) fail(path, "is not a regular file (expected a regular file)");
  const auto size = static_cast<std::uint64_t>(status.st_size);
  if (size > max_bytes) {
    fail(path, "is too large: " + size_text(size) + " (" + std::to_string(size) +
                   " bytes); files of this kind may be at most " + size_text(max_bytes) +
                   " (docs/reliability.md)");
  }
}

// Opens a checked regular file for reading: stat first (a device or FIFO is never opened),
// then open without blocking (a path swapped for a FIFO meanwhile cannot hang) and check again.
int open_checked(const std::string& path, std::uint64_t max_bytes) {
  static_cast<void>(check_regular_file(path, max_bytes));
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) fail_errno(path, errno);
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    const int error = errno;
    ::close(fd);
    fail_errno(path, error);
  }
  try {
    check_status(path, status, max_bytes);
  } catch (...) {
    ::close(fd);
    throw;
  }
  return fd;
}

// read() that retries when interrupted; returns the bytes read (0 at the end), throws on error.
std::size_t read_some(int fd, char* data, std::size_t size, const std::string& path) {
  while (true) {
    const ssize_t n = ::read(fd, data, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) fail_errno(path, errno);
  }
}

}  // namespace

std::uint64_t check_regular_file(const std::string& path, std::uint64_t max_bytes) {
  if (path.empty()) throw UserError("no file name given (expected the path of a file)");
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) fail_errno(path, errno);
  check_status(path, status, max_bytes);
  return static_cast<std::uint64_t>(status.st_size);
}

std::string read_text_file(const std::string& path, std::uint64_t max_bytes) {
  const int fd = open_checked(path, max_bytes);
  std::string text;
  try {
    // The size from fstat is a hint: the file may change while it is read. Never read more
    // than the limit allows, whatever the file does meanwhile.
    struct stat status {};
    if (::fstat(fd, &status) == 0 && status.st_size > 0) {
      text.reserve(static_cast<std::size_t>(status.st_size));
    }
    char block[kBlockBytes];
    while (true) {
      const std::size_t n = read_some(fd, block, sizeof block, path);
      if (n == 0) break;
      if (text.size() + n > max_bytes) {
        fail(path, "is too large: it grew beyond " + size_text(max_bytes) +
                       " while it was read; files of this kind may be at most " +
                       size_text(max_bytes) + " (docs/reliability.md)");
      }
      text.append(block, n);
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return text;
}

// [SECTION] LineReader -------------------------------------------------------------------------------

LineReader::LineReader(const std::string& path)
    : path_(path), fd_(open_checked(path, UINT64_MAX)) {}

LineReader::~LineReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool LineReader::fill() {
  if (eof_) return false;
  if (position_ > 0) {
    buffer_.erase(0, position_);
    position_ = 0;
  }
  const std::size_t old_size = buffer_.size();
  buffer_.resize(old_size + kBlockBytes);
  const std::size_t n = read_some(fd_, buffer_.data() + old_size, kBlockBytes, path_);
  buffer_.resize(old_size + n);
  if (n == 0) eof_ = true;
  return n > 0;
}

LineReader::Line LineReader::next(std::string& line, std::size_t max_bytes) {
  line.clear();
  std::size_t scanned = position_;  // bytes of buffer_ known to hold no '\n'
  while (true) {
    const std::size_t newline = buffer_.find('\n', scanned);
    if (newline != std::string::npos) {
      if (newline - position_ > max_bytes) return Line::kTooLong;
      line.assign(buffer_, position_, newline - position_);
      whole_bytes_ += newline + 1 - position_;
      position_ = newline + 1;
      return Line::kWhole;
    }
    if (buffer_.size() - position_ > max_bytes) return Line::kTooLong;
    scanned = buffer_.size();
    const std::size_t kept = position_;
    if (!fill()) {
      if (buffer_.size() == position_) return Line::kEnd;
      line.assign(buffer_, position_, std::string::npos);
      position_ = buffer_.size();
      return Line::kUnterminated;
    }
    scanned -= kept;  // fill() moved the unread bytes to the front
  }
}

bool LineReader::at_end() {
  return position_ == buffer_.size() && !fill();
}

}  // namespace treatysim

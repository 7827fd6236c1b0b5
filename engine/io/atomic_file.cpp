#include "engine/io/atomic_file.hpp"

#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, int error) {
  throw UserError(SourceLocation{path, 0, 0}, "",
                  std::string("cannot write the file: ") + std::strerror(error));
}

// Writes straight into an existing special file (a device or a pipe): no temporary, no fsync
// (terminals and pipes do not support it).
void write_directly(const std::string& path, std::string_view content) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) fail(path, errno);
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const int saved_errno = errno;
  const bool flushed = std::fflush(file) == 0;
  const int flush_errno = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written) fail(path, saved_errno);
  if (!flushed || !closed) fail(path, flush_errno != 0 ? flush_errno : errno);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  std::error_code ec;
  // What the path finally names (the kernel follows links, including /proc's for /dev/stdout).
  const fs::file_status status = fs::status(path, ec);
  if (fs::is_directory(status)) fail(path, EISDIR);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    write_directly(path, content);
    return;
  }
  // Replace what a link points to, not the link (a dangling link: the file it names), following
  // a chain of links as the kernel does (at most 40).
  fs::path target = path;
  for (int hops = 0; hops < 40 && fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
    const fs::path next = fs::read_symlink(target, ec);
    if (ec) break;
    target = next.is_absolute() ? next : target.parent_path() / next;
  }

  const std::string temporary = target.string() + ".tmp-" + std::to_string(::getpid());
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) fail(path, errno);
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const int saved_errno = errno;
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    const int error = written ? errno : saved_errno;
    std::remove(temporary.c_str());
    fail(path, error);
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    const int rename_errno = errno;
    std::remove(temporary.c_str());
    fail(path, rename_errno);
  }
}

}  // namespace treatysim

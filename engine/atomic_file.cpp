#include "engine/atomic_file.hpp"

#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "engine/user_error.hpp"

namespace treatysim {

void write_file_atomically(const std::string& path, std::string_view content) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) {
    throw UserError(SourceLocation{path, 0, 0}, "",
                    std::string("cannot write the file: ") + std::strerror(errno));
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const int saved_errno = errno;
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    std::remove(temporary.c_str());
    throw UserError(
        SourceLocation{path, 0, 0}, "",
        std::string("cannot write the file: ") + std::strerror(written ? errno : saved_errno));
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int rename_errno = errno;
    std::remove(temporary.c_str());
    throw UserError(SourceLocation{path, 0, 0}, "",
                    std::string("cannot write the file: ") + std::strerror(rename_errno));
  }
}

}  // namespace treatysim

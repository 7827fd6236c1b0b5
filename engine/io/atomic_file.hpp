// atomic_file.hpp — output files are written whole or not at all.
#pragma once

#include <string>
#include <string_view>

namespace treatysim {

// Writes `content` to a temporary file beside `path`, flushes it, then renames it over `path`.
// Throws UserError naming the file when any step fails; the temporary file is removed then.
// A symbolic link is followed: the file it points to is replaced and the link stays. An
// existing file that is not a regular file (a terminal or other device, a named pipe, as in
// `--out /dev/stdout`) cannot be replaced whole: it is written to directly. A directory is an
// error.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace treatysim

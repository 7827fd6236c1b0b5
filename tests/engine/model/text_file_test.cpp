// The one file reader (engine/model/text_file.hpp): what it refuses at once (directories,
// devices, FIFOs, sockets, files over the limit), the exact messages, and LineReader against a
// plain split of the same text on many random files.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "engine/model/text_file.hpp"
#include "engine/model/user_error.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using treatysim::LineReader;
using treatysim::read_text_file;
using treatysim::UserError;

namespace {

std::string error_of(const std::string& path,
                     std::uint64_t max_bytes = treatysim::kMaxTextFileBytes) {
  try {
    static_cast<void>(read_text_file(path, max_bytes));
  } catch (const UserError& e) {
    return e.what();
  }
  return "no error";
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("read_text_file reads a regular file whole, up to its limit") {
  const treatysim::testing::TempDir dir;
  const std::string path = (dir.path() / "ten.txt").string();
  write(path, std::string("0123456789"));
  CHECK(read_text_file(path) == "0123456789");
  CHECK(read_text_file(path, 10) == "0123456789");  // the limit itself is allowed
  CHECK(error_of(path, 9) == path +
                                 ": is too large: 10 bytes (10 bytes); files of this kind may "
                                 "be at most 9 bytes (docs/reliability.md)");
  write(path, std::string());
  CHECK(read_text_file(path).empty());
  // Bytes of any value, NUL included, come back as they are.
  write(path, std::string("a\0b\xff\n", 5));
  CHECK(read_text_file(path) == std::string("a\0b\xff\n", 5));
}

TEST_CASE("read_text_file refuses a file over the limit before reading it") {
  const treatysim::testing::TempDir dir;
  const fs::path path = dir.path() / "big.toml";
  write(path, "");
  // Sparse: 50 MiB of size, no data on disk; reading it whole would take 50 MiB of memory.
  fs::resize_file(path, std::uint64_t{50} << 20U);
  CHECK(error_of(path.string()) ==
        path.string() +
            ": is too large: 50 MiB (52428800 bytes); files of this kind may be at most 16 MiB "
            "(docs/reliability.md)");
  fs::resize_file(path, treatysim::kMaxTextFileBytes + 1);
  CHECK(error_of(path.string()) ==
        path.string() +
            ": is too large: 16.0 MiB (16777217 bytes); files of this kind may be at most 16 MiB "
            "(docs/reliability.md)");
  // The larger limits of summaries and traces.
  CHECK(error_of(path.string(), treatysim::kMaxSummaryFileBytes) == "no error");
  fs::resize_file(path, treatysim::kMaxTraceFileBytes + 1);
  CHECK(error_of(path.string(), treatysim::kMaxTraceFileBytes) ==
        path.string() +
            ": is too large: 512.0 MiB (536870913 bytes); files of this kind may be at most "
            "512 MiB (docs/reliability.md)");
}

TEST_CASE("read_text_file refuses what is not a regular file, without opening it") {
  const treatysim::testing::TempDir dir;
  CHECK(error_of(dir.path().string()) ==
        dir.path().string() + ": is a directory (expected a file)");
  CHECK(error_of("/dev/zero") ==
        "/dev/zero: is a character device such as /dev/zero or a terminal (expected a regular "
        "file)");
  CHECK(error_of("/dev/urandom") ==
        "/dev/urandom: is a character device such as /dev/zero or a terminal (expected a "
        "regular file)");
  // A FIFO with no writer: opening it for reading would block for ever.
  const std::string fifo = (dir.path() / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(error_of(fifo) == fifo + ": is a FIFO, a named pipe (expected a regular file)");
  const std::string socket_path = (dir.path() / "socket").string();
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  REQUIRE(socket_path.size() < sizeof address.sun_path);
  socket_path.copy(address.sun_path, socket_path.size());
  REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  CHECK(error_of(socket_path) == socket_path + ": is a socket (expected a regular file)");
  ::close(fd);
  // Symbolic links are followed: to a regular file it reads, to a device it refuses.
  const fs::path target = dir.path() / "target.txt";
  write(target, "linked");
  fs::create_symlink(target, dir.path() / "link");
  CHECK(read_text_file((dir.path() / "link").string()) == "linked");
  fs::create_symlink("/dev/zero", dir.path() / "zero-link");
  CHECK(error_of((dir.path() / "zero-link").string()).find("is a character device") !=
        std::string::npos);
  CHECK(error_of((dir.path() / "missing").string()) ==
        (dir.path() / "missing").string() + ": cannot read the file: No such file or directory");
  CHECK(error_of("") == "no file name given (expected the path of a file)");
}

TEST_CASE("LineReader returns whole lines, the last one cut short, and refuses long lines") {
  const treatysim::testing::TempDir dir;
  const std::string path = (dir.path() / "rows.csv").string();
  write(path, "header\nrow 1\n\nrow 3 cut");
  LineReader reader(path);
  std::string line;
  CHECK(reader.next(line) == LineReader::Line::kWhole);
  CHECK(line == "header");
  CHECK(reader.whole_bytes() == 7);
  CHECK(reader.next(line) == LineReader::Line::kWhole);
  CHECK(line == "row 1");
  CHECK(reader.next(line) == LineReader::Line::kWhole);
  CHECK(line.empty());
  CHECK(reader.whole_bytes() == 14);
  CHECK_FALSE(reader.at_end());
  CHECK(reader.next(line) == LineReader::Line::kUnterminated);
  CHECK(line == "row 3 cut");
  CHECK(reader.whole_bytes() == 14);  // a line without its newline is not whole
  CHECK(reader.at_end());
  CHECK(reader.next(line) == LineReader::Line::kEnd);

  write(path, "short\n" + std::string(100, 'x') + "\nafter\n");
  LineReader limited(path);
  CHECK(limited.next(line, 99) == LineReader::Line::kWhole);
  CHECK(limited.next(line, 99) == LineReader::Line::kTooLong);
  // Too long without a newline in sight: stops after the limit, never reads the rest.
  write(path, std::string(300000, 'y'));
  LineReader endless(path);
  CHECK(endless.next(line, 1000) == LineReader::Line::kTooLong);

  CHECK_THROWS_WITH_AS(LineReader("/dev/zero"),
                       "/dev/zero: is a character device such as /dev/zero or a terminal "
                       "(expected a regular file)",
                       UserError);
  CHECK_THROWS_WITH_AS(LineReader(dir.path().string()),
                       (dir.path().string() + ": is a directory (expected a file)").c_str(),
                       UserError);
}

TEST_CASE("LineReader splits any text as a plain split does, across block boundaries") {
  const treatysim::testing::TempDir dir;
  const std::string path = (dir.path() / "random.txt").string();
  boost::random::mt19937 random(20240611);
  for (int round = 0; round < 40; ++round) {
    // Lines of 0 to 3000 bytes (some longer than a 64 KiB block in total), sometimes no final
    // newline.
    std::string text;
    boost::random::uniform_int_distribution<int> lines(0, 60);
    boost::random::uniform_int_distribution<int> length(0, round % 4 == 0 ? 70000 : 3000);
    boost::random::uniform_int_distribution<int> byte(0, 255);
    const int count = lines(random);
    for (int i = 0; i < count; ++i) {
      const int n = length(random);
      for (int k = 0; k < n; ++k) {
        const char c = static_cast<char>(byte(random));
        text += c == '\n' ? 'n' : c;
      }
      if (i + 1 < count || round % 3 != 0) text += '\n';
    }
    write(path, text);

    std::vector<std::string> expected;
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t newline = text.find('\n', start);
      expected.push_back(
          text.substr(start, newline == std::string::npos ? newline : newline - start));
      if (newline == std::string::npos) break;
      start = newline + 1;
    }
    const bool last_cut = !text.empty() && text.back() != '\n';

    LineReader reader(path);
    std::vector<std::string> got;
    std::string line;
    LineReader::Line kind = LineReader::Line::kWhole;
    while ((kind = reader.next(line, 80000)) == LineReader::Line::kWhole) got.push_back(line);
    if (kind == LineReader::Line::kUnterminated) got.push_back(line);
    CHECK(kind != LineReader::Line::kTooLong);
    CHECK(got == expected);
    // Up to the last newline (rfind gives npos without one, and npos + 1 is 0).
    CHECK(reader.whole_bytes() == (last_cut ? text.rfind('\n') + 1 : text.size()));
  }
}

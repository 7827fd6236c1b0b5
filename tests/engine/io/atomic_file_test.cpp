// write_file_atomically: whole files, links followed, special files written through.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/io/atomic_file.hpp"
#include "engine/model/user_error.hpp"

namespace fs = std::filesystem;
using treatysim::write_file_atomically;

namespace {

std::string temp_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() /
                       ("treatysim-atomic-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("write_file_atomically writes and replaces a regular file, leaving no temporary") {
  const std::string dir = temp_dir("plain");
  const std::string path = dir + "/out.txt";
  write_file_atomically(path, "first\n");
  CHECK(read_file(path) == "first\n");
  write_file_atomically(path, "second\n");
  CHECK(read_file(path) == "second\n");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  CHECK(files == 1);
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomically follows a symbolic link: the link stays, its target changes") {
  const std::string dir = temp_dir("link");
  const std::string target = dir + "/target.txt";
  const std::string link = dir + "/link.txt";
  write_file_atomically(target, "old\n");
  fs::create_symlink(target, link);
  write_file_atomically(link, "new\n");
  CHECK(fs::is_symlink(fs::symlink_status(link)));
  CHECK(read_file(target) == "new\n");
  // A dangling link: the file it names is created.
  const std::string dangling = dir + "/dangling.txt";
  fs::create_symlink(dir + "/later.txt", dangling);
  write_file_atomically(dangling, "created\n");
  CHECK(fs::is_symlink(fs::symlink_status(dangling)));
  CHECK(read_file(dir + "/later.txt") == "created\n");
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomically writes into a named pipe instead of replacing it") {
  const std::string dir = temp_dir("fifo");
  const std::string fifo = dir + "/pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // A reader that does not block, opened first so that the writer's open does not wait.
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  write_file_atomically(fifo, "through the pipe\n");
  char buffer[64] = {};
  const ssize_t got = ::read(reader, buffer, sizeof buffer);
  ::close(reader);
  CHECK(std::string(buffer, got > 0 ? static_cast<std::size_t>(got) : 0) == "through the pipe\n");
  CHECK(fs::is_fifo(fs::status(fifo)));
  fs::remove_all(dir);
}

TEST_CASE("write_file_atomically refuses a directory and a missing folder, naming the path") {
  const std::string dir = temp_dir("errors");
  CHECK_THROWS_WITH_AS(write_file_atomically(dir, "x"),
                       (dir + ": cannot write the file: Is a directory").c_str(),
                       treatysim::UserError);
  const std::string missing = dir + "/no/such/folder/out.txt";
  CHECK_THROWS_WITH_AS(write_file_atomically(missing, "x"),
                       (missing + ": cannot write the file: No such file or directory").c_str(),
                       treatysim::UserError);
  fs::remove_all(dir);
}

// cli_test_support.hpp — small helpers shared by the in-process CLI tests: paths to the
// shipped configs, a temporary directory that cleans up after itself, whole-file read/write.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "cli/commands.hpp"

namespace cli_test {

// A scenario file in configs/ of the source tree.
inline std::string config(const std::string& name) {
  return std::string(TREATYSIM_SOURCE_DIR) + "/configs/" + name;
}

// A fresh directory under the system temporary directory, removed with everything in it when
// the object goes out of scope. CTest runs test cases as separate processes, possibly in
// parallel, so the name carries the process id.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
      const auto candidate = base / ("treatysim-cli-test-" + std::to_string(::getpid()) + "-" +
                                     std::to_string(counter++));
      if (std::filesystem::create_directory(candidate)) {
        path_ = candidate;
        return;
      }
    }
    throw std::runtime_error("cannot create a temporary directory");
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Names of the entries in the directory, in no particular order.
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path_)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

// run_command's output as a string (checks the exit status is 0).
inline std::string run_output(const treatysim::cli::RunOptions& options) {
  std::ostringstream out;
  if (treatysim::cli::run_command(options, out) != 0)
    throw std::runtime_error("run_command failed");
  return out.str();
}

// Options for `run SCENARIO --format FORMAT` with everything else at its default.
inline treatysim::cli::RunOptions run_options(const std::string& config_name,
                                              const std::string& format) {
  treatysim::cli::RunOptions options;
  options.scenario = config(config_name);
  options.format = format;
  return options;
}

// The lines of a text.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace cli_test

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
#include "tests/support/temp_dir.hpp"

#include <unistd.h>

#include "cli/commands.hpp"

namespace cli_test {

// A scenario file in configs/ of the source tree.
inline std::string config(const std::string& name) {
  return std::string(TREATYSIM_SOURCE_DIR) + "/configs/" + name;
}

using TempDir = treatysim::testing::TempDir;

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

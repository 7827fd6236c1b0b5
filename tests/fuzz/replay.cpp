#include "tests/fuzz/replay.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include <doctest/doctest.h>

namespace treatysim::fuzz {

namespace {

namespace fs = std::filesystem;

// The regular files of `dir` in name order (none when it does not exist).
std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code error;
  if (!fs::is_directory(dir, error)) return files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename().string().front() != '.') {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::uint8_t> bytes_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

void replay_inputs(const std::string& name, FuzzFunction function) {
  const fs::path source = TREATYSIM_SOURCE_DIR;
  const std::vector<fs::path> corpus = files_in(source / "tests/fuzz/corpus" / name);
  const std::vector<fs::path> regressions = files_in(source / "tests/data/fuzz-regressions" / name);
  CHECK_MESSAGE(!corpus.empty(), "no seed inputs in tests/fuzz/corpus/" << name);
  for (const std::vector<fs::path>* list : {&corpus, &regressions}) {
    for (const fs::path& file : *list) {
      std::cerr << "fuzz replay " << name << ": " << file.string() << "\n";
      const std::vector<std::uint8_t> input = bytes_of(file);
      INFO("input: " << file.string());
      CHECK(function(input.data(), input.size()) == 0);
    }
  }
  MESSAGE(name << ": " << corpus.size() << " seeds and " << regressions.size()
               << " regression inputs replayed");
}

}  // namespace treatysim::fuzz

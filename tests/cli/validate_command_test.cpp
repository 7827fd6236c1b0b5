#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"

using treatysim::cli::validate_command;

TEST_CASE("validate prints one OK line per good file") {
  std::ostringstream out;
  std::ostringstream err;
  const std::string pie = cli_test::config("split-the-pie.toml");
  const std::string sta = cli_test::config("sta-2024.toml");
  CHECK(validate_command({pie, sta}, out, err) == 0);
  CHECK(out.str() == pie + ": OK (scenario \"split-the-pie\", 1 issue, 101 outcomes)\n" + sta +
                         ": OK (scenario \"sta-2024\", 5 issues, 1024 outcomes)\n");
  CHECK(err.str().empty());
}

TEST_CASE("validate reports each bad file on the error stream and goes on with the others") {
  cli_test::TempDir dir;
  const std::string bad = dir.file("bad.toml");
  cli_test::write_file(bad, "[scenario]\nid = \"bad\"\ntitle = 3\n");
  const std::string good = cli_test::config("three-clauses.toml");
  std::ostringstream out;
  std::ostringstream err;
  CHECK(validate_command({bad, good}, out, err) == 2);
  CHECK(err.str() == "treatysim: error: " + bad +
                         ":3:9: scenario.title: expected a string, got 3 (an integer)\n");
  CHECK(out.str() == good + ": OK (scenario \"three-clauses\", 3 issues, 100 outcomes)\n");
}

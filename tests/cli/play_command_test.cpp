#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "cli_test_support.hpp"
#include "engine/model/user_error.hpp"

using treatysim::UserError;
using treatysim::cli::play_command;
using treatysim::cli::PlayOptions;

namespace {

PlayOptions play_options(const std::string& config, const std::string& as, int deadline) {
  PlayOptions options;
  options.scenario = cli_test::config(config);
  options.as = as;
  options.deadline = deadline;
  options.echo_input = true;
  return options;
}

std::string play(const PlayOptions& options, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out;
  CHECK(play_command(options, in, out) == 0);
  return out.str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("play: the person's chosen clauses become the offer, and the agent answers") {
  // The U.S. proposes S0/IP1/D1/G1/T2 (0.88 to the U.S.): choices by number and by option id.
  auto options = play_options("sta-2024.toml", "us", 2);
  options.against = "hardliner";
  const std::string output = play(options, "0\nip1\n1\nG1\n2\na\n");
  CHECK(contains(output,
                 "You offer:\n    Scope: S0 (basic research only)\n    Intellectual property: IP1 "
                 "(2018 annex sustained)"));
  CHECK(contains(output, "worth 0.880 to you"));
  CHECK(contains(output, "China rejects your offer."));
  // The hardliner's counter-offer is China's best outcome, S3/IP3/D3/G3/T3: 0.02 to the U.S.
  CHECK(contains(output, "worth 0.020 to you"));
  CHECK(contains(output, "This is the last offer"));
  CHECK(contains(output, "Agreement on offer 1:"));
  CHECK(contains(output, "your payoff 0.020, China's 1.000"));
  // The debriefing names the Nash solution, which here is the 2024 package.
  CHECK(contains(output, "The Nash bargaining solution"));
  CHECK(contains(output, "worth 0.880 to you, 0.560 to China"));
  CHECK(contains(output, "Your result is -0.860 for you and +0.440 for China compared with it."));
}

TEST_CASE("play: bad keyboard input is asked for again") {
  auto options = play_options("sta-2024.toml", "us", 2);
  options.against = "hardliner";
  const std::string output = play(options, "9\nS7\n0\n\n\n\n\nmaybe\nw\n");
  CHECK(contains(output, "\"9\" is not an option here: type 0-3 or an option id."));
  CHECK(contains(output, "\"S7\" is not an option here"));
  CHECK(contains(output, "  Please type a, r or w."));
  CHECK(contains(output, "No agreement: each side gets its reservation value."));
  CHECK(contains(output, "your payoff 0.400, China's 0.200"));
}

TEST_CASE(
    "play: the person can respond as the second mover, and the end of input abandons the game") {
  auto options = play_options("three-clauses.toml", "cn", 4);
  const std::string output = play(options, "");
  CHECK(contains(output, "You are China (cn)."));
  CHECK(contains(output, "United States offers (offer 0 of 4):"));
  CHECK(contains(output, "Input ended: the game is abandoned without agreement."));
}

TEST_CASE("play: complete information shows both sides' values") {
  auto options = play_options("split-the-pie.toml", "cn", 1);
  options.against = "equilibrium";
  // With one offer the U.S. (equilibrium) takes the whole pie; China accepts: 0 ≥ its reservation 0.
  const std::string output = play(options, "a\n");
  CHECK(contains(output, "Information is complete"));
  CHECK(contains(output, "worth 0.000 to you, 1.000 to United States"));
  CHECK(contains(output, "Agreement on offer 0:"));
}

TEST_CASE("play: bad options are user errors") {
  std::istringstream in;
  std::ostringstream out;
  auto options = play_options("sta-2024.toml", "eu", 4);
  CHECK_THROWS_WITH_AS(play_command(options, in, out),
                       "--as: the scenario has no party \"eu\" (its parties are \"us\" and \"cn\")",
                       UserError);
  options = play_options("sta-2024.toml", "us", 4);
  options.against = "human";
  CHECK_THROWS_WITH_AS(play_command(options, in, out),
                       "--against: the opponent must be an agent, not \"human\"", UserError);
  options.against = "equilibrium";
  CHECK_THROWS_WITH_AS(
      play_command(options, in, out),
      "--agent cn: equilibrium needs complete information (it reads the opponent's preferences), "
      "but the scenario's protocol.information is \"private\"",
      UserError);
}

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/analysis/analysis.hpp"
#include "engine/lifecycle/lifecycle.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/match.hpp"
#include "engine/studies/tournament.hpp"
#include "engine/studies/tournament_results.hpp"
#include "engine/studies/tournament_run.hpp"

using doctest::Approx;
using treatysim::TournamentPlan;
using treatysim::TournamentRow;

namespace {

// Stands for a tournament file in configs/tournaments/, so that "../three-clauses.toml" resolves.
const std::string kSource = TREATYSIM_SOURCE_DIR "/configs/tournaments/test.toml";

treatysim::CompetitorCheck registry_check() {
  return [](const treatysim::Spec& spec, const treatysim::Scenario& scenario,
            treatysim::PartyIndex party) {
    treatysim::agents::builtin_registry().check(spec, scenario, party);
  };
}

treatysim::TournamentDef parse(const std::string& text) {
  return treatysim::parse_tournament(text, kSource, registry_check());
}

std::string error_of(const std::string& text) {
  try {
    static_cast<void>(parse(text));
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return "(no error)";
}

const std::string kHeader = "[tournament]\nname = \"t\"\n";
const std::string kTwo =
    "[[competitors]]\nlabel = \"a\"\nstrategy = \"boulware\"\n"
    "[[competitors]]\nlabel = \"b\"\nstrategy = \"conceder\"\n";
const std::string kScenario = "[[scenarios]]\nfile = \"../three-clauses.toml\"\n";

// A plan without scenario files: three competitors, one scenario with parties us and cn.
TournamentPlan small_plan(bool role_swap, bool self_play, int repetitions) {
  TournamentPlan plan;
  plan.name = "small";
  for (const char* label : {"x", "y", "z"}) {
    plan.competitors.push_back({label, treatysim::parse_spec("linear")});
  }
  plan.scenarios.push_back({"s", {"us", "cn"}, "0000000000000000"});
  plan.repetitions = repetitions;
  plan.seed = 5;
  plan.role_swap = role_swap;
  plan.self_play = self_play;
  plan.metrics = {treatysim::TournamentMetric::kAgreement};
  return plan;
}

}  // namespace

TEST_CASE("tournament: parse errors name the file, line, key and what was expected") {
  CHECK(error_of(kHeader + "repetitions = 0\n" + kTwo + kScenario) ==
        kSource +
            ":3:15: tournament.repetitions: expected a number of repetitions from 1 to "
            "1000000, got 0");
  CHECK(error_of(kHeader + "rounds = 3\n" + kTwo + kScenario) ==
        kSource +
            ":3:1: tournament.rounds: unknown key (expected one of: name, mode, repetitions, "
            "seed, role_swap, self_play, deadline, years, metrics, rank_by)");
  CHECK(error_of(kHeader + "mode = \"league\"\n" + kTwo + kScenario) ==
        kSource +
            ":3:8: tournament.mode: expected \"negotiation\" or \"lifecycle\", got "
            "\"league\"");
  CHECK(error_of(kHeader + "role_swap = 1\n" + kTwo + kScenario) ==
        kSource + ":3:13: tournament.role_swap: expected true or false, got 1 (an integer)");
  CHECK(error_of(kHeader + kTwo + "[[scenarios]]\nfile = \"missing.toml\"\n") ==
        kSource + ":10:8: scenarios[0].file: cannot read \"missing.toml\" (looked for " +
            TREATYSIM_SOURCE_DIR
            "/configs/tournaments/missing.toml): no such file (relative "
            "paths start from the tournament file's folder)");
  CHECK(
      error_of(kHeader + "[[competitors]]\nlabel = \"a\"\nstrategy = \"boulware\"\n" + kScenario) ==
      kSource +
          ":3:1: competitors: expected at least 2 competitors (or 1 with self_play = "
          "true), got 1");
  CHECK(error_of(kHeader + kTwo + "[[competitors]]\nlabel = \"a\"\nstrategy = \"linear\"\n" +
                 kScenario) ==
        kSource + ":10:9: competitors[2].label: the label \"a\" is already used by competitors[0]");
  CHECK(error_of(kHeader + "[[competitors]]\nlabel = \"a b\"\nstrategy = \"linear\"\n") ==
        kSource +
            ":4:9: competitors[0].label: expected 1 to 60 letters, digits or _-.+=() (no spaces, "
            "commas or quotes), got \"a b\"");
  CHECK(error_of(kHeader + "years = 5\n" + kTwo + kScenario) ==
        kSource +
            ":3:9: tournament.years: applies to lifecycle tournaments only (mode = "
            "\"lifecycle\")");
  CHECK(error_of(kHeader + kTwo) ==
        kSource +
            ": scenarios: missing [[scenarios]] (each a file, or a GENIUS or GeniusWeb domain, "
            "profile_a and profile_b)");
  CHECK(error_of("name = \"t\"\n") ==
        kSource + ":1:1: name: unknown key (expected one of: tournament, competitors, scenarios)");
}

TEST_CASE("tournament: a competitor that cannot play is refused before the run") {
  // The equilibrium agent reads the opponent's preferences; three-clauses is private.
  const std::string text =
      kHeader + kTwo + "[[competitors]]\nlabel = \"eq\"\nstrategy = \"equilibrium\"\n" + kScenario;
  CHECK(error_of(text) ==
        kSource +
            ":11:12: competitors[2].strategy: competitor \"eq\" cannot play scenario "
            "\"three-clauses\" as party \"us\": equilibrium needs complete information (it reads "
            "the opponent's preferences), but the scenario's protocol.information is "
            "\"private\"");
}

TEST_CASE("tournament: a valid file, GENIUS XML named directly, the deadline override") {
  const auto def =
      parse(kHeader + "repetitions = 3\nseed = 9\ndeadline = 30\n" + kTwo + kScenario +
            "[[scenarios]]\nname = \"laptop\"\n"
            "domain = \"../../tests/data/genius/Laptop/laptop_domain.xml\"\n"
            "profile_a = \"../../tests/data/genius/Laptop/laptop_buyer_utility.xml\"\n"
            "profile_b = \"../../tests/data/genius/Laptop/laptop_seller_utility.xml\"\n");
  REQUIRE(def.scenarios.size() == 2);
  CHECK(def.plan.scenarios[0].name == "three-clauses");
  CHECK(def.plan.scenarios[1].name == "laptop");
  CHECK(def.scenarios[0].protocol().deadline == 30);
  CHECK(def.scenarios[1].protocol().deadline == 30);
  CHECK(def.plan.repetitions == 3);
  CHECK(def.plan.seed == 9);
  // 2 pairings × 2 scenarios × 3 repetitions.
  CHECK(def.plan.negotiation_count() == 12);
  CHECK(def.plan.fingerprint().size() == 16);
  CHECK(treatysim::is_tournament_text(kHeader));
  CHECK_FALSE(treatysim::is_tournament_text("[scenario]\nid = \"x\"\n"));
  CHECK_FALSE(treatysim::is_tournament_text("[tournament"));
}

TEST_CASE("tournament: GeniusWeb JSON named directly, recognised by content") {
  const std::string party = "../../tests/data/geniusweb/Party/";
  const auto def = parse(kHeader + "deadline = 40\n" + kTwo + "[[scenarios]]\ndomain = \"" + party +
                         "party.json\"\nprofile_a = \"" + party + "party1.json\"\nprofile_b = \"" +
                         party + "party2.json\"\n");
  REQUIRE(def.scenarios.size() == 1);
  CHECK(def.plan.scenarios[0].name == "party");
  CHECK(def.scenarios[0].protocol().deadline == 40);
  CHECK(def.scenarios[0].space().size() == 3072);
  CHECK(def.scenarios[0].party(0).preferences.reservation_value == 0.50636);
  CHECK(def.scenarios[0].party(1).preferences.reservation_value == 0.36638);
  // A GeniusWeb domain with a GENIUS profile, and a malformed profile: the file is named.
  const std::string laptop = "../../tests/data/genius/Laptop/";
  CHECK(error_of(kHeader + kTwo + "[[scenarios]]\ndomain = \"" + party +
                 "party.json\"\nprofile_a = \"" + party + "party1.json\"\nprofile_b = \"" + laptop +
                 "laptop_seller_utility.xml\"\n") ==
        TREATYSIM_SOURCE_DIR "/configs/tournaments/" + laptop +
            "laptop_seller_utility.xml: the profile is GENIUS XML but the domain " +
            TREATYSIM_SOURCE_DIR "/configs/tournaments/" + party +
            "party.json is GeniusWeb JSON (expected the domain and both profiles in one format)");
  const std::string malformed = "../../tests/data/geniusweb-malformed/";
  const std::string handmade = "../../tests/data/geniusweb/Handmade/";
  CHECK(error_of(kHeader + kTwo + "[[scenarios]]\ndomain = \"" + handmade +
                 "handmade.json\"\nprofile_a = \"" + handmade +
                 "handmade_a.json\"\nprofile_b = \"" + malformed +
                 "profile-weights-not-one.json\"\n") ==
        TREATYSIM_SOURCE_DIR "/configs/tournaments/" + malformed +
            "profile-weights-not-one.json: LinearAdditiveUtilitySpace.issueWeights: the weights "
            "sum to 0.99, not 1 (GeniusWeb requires issue weights that sum to exactly 1; they are "
            "not renormalised)");
}

TEST_CASE("tournament: enumeration order and counts with and without role swap and self-play") {
  struct Case {
    bool role_swap, self_play;
    std::vector<treatysim::Pairing> pairings;
  };
  const std::vector<Case> cases{
      {true, false, {{0, 1}, {0, 2}, {1, 0}, {1, 2}, {2, 0}, {2, 1}}},
      {false, false, {{0, 1}, {0, 2}, {1, 2}}},
      {true, true, {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}, {2, 0}, {2, 1}, {2, 2}}},
      {false, true, {{0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 2}, {2, 2}}},
  };
  for (const Case& c : cases) {
    TournamentPlan plan = small_plan(c.role_swap, c.self_play, 2);
    plan.scenarios.push_back({"t", {"a", "b"}, "0000000000000000"});
    CHECK(plan.pairings() == c.pairings);
    CHECK(plan.negotiation_count() == 2 * c.pairings.size() * 2);
    // k = (scenario · P + pairing) · R + repetition, seed derived from the base seed and k.
    std::uint64_t k = 0;
    for (std::size_t s = 0; s < 2; ++s) {
      for (const treatysim::Pairing& pairing : c.pairings) {
        for (int r = 0; r < 2; ++r, ++k) {
          const treatysim::NegotiationSlot slot = plan.slot(k);
          CHECK(slot.index == k);
          CHECK(slot.scenario == s);
          CHECK(slot.competitors == pairing);
          CHECK(slot.repetition == r);
          CHECK(slot.seed == treatysim::derive_seed(5, "tournament", k));
        }
      }
    }
  }
}

TEST_CASE("tournament: shards split the list by index modulo n") {
  CHECK(treatysim::parse_shard("2/3") == treatysim::Shard{2, 3});
  CHECK_THROWS_WITH_AS(static_cast<void>(treatysim::parse_shard("0/3")),
                       "--shard: expected i/n with 1 ≤ i ≤ n (e.g. 1/4), got \"0/3\"",
                       treatysim::UserError);
  CHECK_THROWS_AS(static_cast<void>(treatysim::parse_shard("4/3")), treatysim::UserError);
  CHECK_THROWS_AS(static_cast<void>(treatysim::parse_shard("1/")), treatysim::UserError);
  // 10 negotiations in 3 shards: {0,3,6,9}, {1,4,7}, {2,5,8}.
  const treatysim::Shard first{1, 3};
  const treatysim::Shard third{3, 3};
  CHECK(first.size(10) == 4);
  CHECK(third.size(10) == 3);
  CHECK(first.at(3) == 9);
  CHECK(third.at(2) == 8);
  std::multiset<std::uint64_t> seen;
  for (std::uint64_t i = 1; i <= 3; ++i) {
    const treatysim::Shard shard{i, 3};
    for (std::uint64_t p = 0; p < shard.size(10); ++p) {
      CHECK(shard.contains(shard.at(p)));
      seen.insert(shard.at(p));
    }
  }
  CHECK(seen == std::multiset<std::uint64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("tournament: aggregation against a hand computation") {
  // Three competitors, role swap, no self-play, one repetition: 6 negotiations. Utilities
  // (first party, second party) chosen by hand.
  const TournamentPlan plan = small_plan(true, false, 1);
  const std::vector<std::array<double, 2>> utilities{
      {0.6, 0.4},  // x–y
      {0.8, 0.1},  // x–z
      {0.5, 0.5},  // y–x
      {0.7, 0.2},  // y–z
      {0.3, 0.9},  // z–x
      {0.2, 0.6},  // z–y
  };
  treatysim::TournamentAggregate aggregate(plan);
  for (std::uint64_t k = 0; k < 6; ++k) {
    TournamentRow row;
    row.slot = plan.slot(k);
    row.end = k == 1 ? "deadline" : "agreement";
    row.agreement = k != 1;
    row.offers = static_cast<int>(k) + 1;
    row.utilities = utilities[k];
    row.social_welfare = utilities[k][0] + utilities[k][1];
    aggregate.add(row);
  }
  const treatysim::TournamentResults results = aggregate.results();
  CHECK(results.negotiations == 6);
  // x: 0.6, 0.8 (first party), 0.5, 0.9 (second party): mean 0.7, sd √(0.1/3) = 0.182574,
  // t(0.975, 3) = 3.182446, half width 0.290516.
  // y: 0.4, 0.5, 0.7, 0.6 → 0.55; z: 0.1, 0.2, 0.3, 0.2 → 0.2.
  REQUIRE(results.ranking.size() == 3);
  CHECK(results.ranking[0].competitor == 0);
  CHECK(results.ranking[1].competitor == 1);
  CHECK(results.ranking[2].competitor == 2);
  CHECK(results.ranking[0].utility.mean == Approx(0.7));
  CHECK(results.ranking[0].utility.sd == Approx(0.182574).epsilon(1e-6));
  CHECK(results.ranking[0].utility.ci_low == Approx(0.7 - 0.290516).epsilon(1e-6));
  CHECK(results.ranking[0].utility.ci_high == Approx(0.7 + 0.290516).epsilon(1e-6));
  CHECK(results.ranking[1].utility.mean == Approx(0.55));
  CHECK(results.ranking[2].utility.mean == Approx(0.2));
  // x took part in negotiations 0, 1, 2, 4: three agreements of four; offers 1, 2, 3, 5.
  CHECK(results.ranking[0].agreement.mean == Approx(0.75));
  CHECK(results.ranking[0].offers.mean == Approx(2.75));
  // Payoff matrix: [x][y] = mean(0.6 as first party, 0.5 as second) = 0.55, etc.
  CHECK(*results.payoff_matrix[0][1] == Approx(0.55));
  CHECK(*results.payoff_matrix[0][2] == Approx(0.85));
  CHECK(*results.payoff_matrix[1][0] == Approx(0.45));
  CHECK(*results.payoff_matrix[2][1] == Approx(0.2));
  CHECK_FALSE(results.payoff_matrix[1][1].has_value());
  CHECK(results.payoff_count[0][1] == 2);
  CHECK(results.payoff_count[2][2] == 0);
  // x vs y, matched cells: against z as first party (0.8 vs 0.7) and as second (0.9 vs 0.6):
  // differences 0.1 and 0.3, mean 0.2, sd 0.141421, t = 0.2 / 0.1 = 2 with 1 df,
  // two-sided p = 1 − 2·atan(2)/π = 0.295167.
  REQUIRE(results.adjacent.size() == 2);
  REQUIRE(results.adjacent[0].test.has_value());
  CHECK(results.adjacent[0].test->n == 2);
  CHECK(results.adjacent[0].test->mean_difference == Approx(0.2));
  CHECK(results.adjacent[0].test->t == Approx(2.0));
  CHECK(results.adjacent[0].test->p_value == Approx(1.0 - 2.0 * std::atan(2.0) / M_PI));
  // y vs z against x: first party 0.5 vs 0.3, second 0.4 vs 0.1: differences 0.2, 0.3, mean
  // 0.25, sd 0.070711, t = 0.25/0.05 = 5, p = 1 − 2·atan(5)/π = 0.125666.
  REQUIRE(results.adjacent[1].test.has_value());
  CHECK(results.adjacent[1].test->t == Approx(5.0));
  const double p_xy = 1.0 - 2.0 * std::atan(2.0) / M_PI;
  const double p_yz = 1.0 - 2.0 * std::atan(5.0) / M_PI;
  // Holm over two: the smaller p doubled, the larger kept (and at least the first).
  CHECK(results.adjacent[1].holm_p_value == Approx(2 * p_yz));
  CHECK(results.adjacent[0].holm_p_value == Approx(std::max(p_xy, 2 * p_yz)));
  CHECK_FALSE(results.adjacent[0].significant);
}

TEST_CASE("tournament: played rows match the negotiation, and survive the CSV") {
  const auto def =
      parse(kHeader + "repetitions = 4\n" + kTwo +
            "[[competitors]]\nlabel = \"r\"\nstrategy = \"random(accept=0.3)\"\n" + kScenario);
  const auto& registry = treatysim::agents::builtin_registry();
  treatysim::TournamentPlayer player(def, registry);
  const TournamentPlan& plan = def.plan;
  std::string csv = treatysim::tournament_csv_header(plan);
  std::vector<TournamentRow> rows;
  for (std::uint64_t k = 0; k < plan.negotiation_count(); ++k) {
    const TournamentRow row = player.play(k);
    const auto& slot = row.slot;
    const auto record = treatysim::play_match(
        def.scenarios[0], *def.analyses[0], registry,
        {plan.competitors[slot.competitors[0]].spec, plan.competitors[slot.competitors[1]].spec},
        slot.seed);
    CHECK(row.offers == record.offers);
    CHECK(row.agreement == record.agreement());
    CHECK(row.utilities[0] == Approx(record.utilities[0]));
    const std::string line = treatysim::tournament_csv_line(plan, row);
    CHECK(treatysim::parse_tournament_csv_line(plan, line.substr(0, line.size() - 1), "f", 2) ==
          row);
    csv += line;
    rows.push_back(row);
  }
  // A second player, walking the list backwards, plays the same negotiations.
  treatysim::TournamentPlayer other(def, registry);
  for (std::uint64_t k = plan.negotiation_count(); k-- > 0;) CHECK(other.play(k) == rows[k]);
  const treatysim::CsvRows parsed = treatysim::parse_tournament_csv(plan, csv, "f", false);
  CHECK(parsed.rows == rows);
  CHECK(parsed.valid_bytes == csv.size());
  // A journal cut short mid-line keeps its whole rows only.
  const std::string cut = csv.substr(0, csv.size() - 5);
  const treatysim::CsvRows prefix = treatysim::parse_tournament_csv(plan, cut, "f", true);
  CHECK(prefix.rows.size() == rows.size() - 1);
  CHECK_THROWS_WITH_AS(static_cast<void>(treatysim::parse_tournament_csv(plan, cut, "f", false)),
                       doctest::Contains("the last line has no line break"), treatysim::UserError);
  // Another tournament's row is refused.
  const std::string line = treatysim::tournament_csv_line(plan, rows[0]);
  std::string other_seed = line;
  other_seed.replace(other_seed.find(std::to_string(rows[0].slot.seed)), 1, "x");
  CHECK_THROWS_WITH_AS(static_cast<void>(treatysim::parse_tournament_csv_line(
                           plan, other_seed.substr(0, other_seed.size() - 1), "f", 7)),
                       "f:7: negotiation 0 does not match this tournament's (another "
                       "tournament's file?)",
                       treatysim::UserError);
}

TEST_CASE(
    "tournament: shards aggregated in index order equal the whole, and the plan survives JSON") {
  const auto def =
      parse(kHeader + "repetitions = 3\nseed = 4\n" + kTwo +
            "[[competitors]]\nlabel = \"r\"\nstrategy = \"random(accept=0.2)\"\n" + kScenario);
  const auto& registry = treatysim::agents::builtin_registry();
  const TournamentPlan& plan = def.plan;
  const std::uint64_t total = plan.negotiation_count();
  treatysim::TournamentAggregate whole(plan);
  treatysim::TournamentPlayer player(def, registry);
  for (std::uint64_t k = 0; k < total; ++k) whole.add(player.play(k));
  // Two shards, each played by its own player, merged by index.
  std::vector<std::vector<TournamentRow>> shards(2);
  for (std::uint64_t i = 1; i <= 2; ++i) {
    const treatysim::Shard shard{i, 2};
    treatysim::TournamentPlayer shard_player(def, registry);
    for (std::uint64_t p = 0; p < shard.size(total); ++p) {
      shards[i - 1].push_back(shard_player.play(shard.at(p)));
    }
  }
  treatysim::TournamentAggregate merged(plan);
  for (std::uint64_t k = 0; k < total; ++k) merged.add(shards[k % 2][k / 2]);
  const treatysim::Shard all{};
  CHECK(treatysim::tournament_summary_text(plan, all, merged.results(), true) ==
        treatysim::tournament_summary_text(plan, all, whole.results(), true));
  // The plan written into summary.json reads back with the same fingerprint.
  auto json = treatysim::tournament_plan_to_json(plan);
  json["fingerprint"] = plan.fingerprint();
  const TournamentPlan back = treatysim::tournament_plan_from_json(json, "summary.json");
  CHECK(back.fingerprint() == plan.fingerprint());
  CHECK(back.negotiation_count() == total);
  json["repetitions"] = 4;
  CHECK_THROWS_WITH_AS(static_cast<void>(treatysim::tournament_plan_from_json(json, "s.json")),
                       "s.json: plan: its fingerprint does not match its content (edited by hand?)",
                       treatysim::UserError);
}

TEST_CASE("tournament: a lifecycle tournament scores the cumulative payoffs of simulate runs") {
  const auto def =
      parse("[tournament]\nname = \"life\"\nmode = \"lifecycle\"\nyears = 4\nseed = 2\n" + kTwo +
            "[[scenarios]]\nfile = \"../sta-2024.toml\"\n");
  CHECK(def.plan.negotiation_count() == 2);
  CHECK(def.plan.metrics ==
        std::vector<treatysim::TournamentMetric>{treatysim::TournamentMetric::kAgreement,
                                                 treatysim::TournamentMetric::kOffers});
  const auto& registry = treatysim::agents::builtin_registry();
  treatysim::TournamentPlayer player(def, registry);
  const TournamentRow row = player.play(1);  // conceder (us) against boulware (cn)
  treatysim::ScenarioDef changed = def.scenarios[0].def();
  changed.parties[0].agent = "conceder";
  changed.parties[1].agent = "boulware";
  const auto result =
      treatysim::simulate_lifecycle(treatysim::Scenario::create(changed),
                                    treatysim::derive_seed(2, "tournament", 1), registry, 4);
  CHECK(row.utilities[0] == Approx(result.cumulative_discounted[0]));
  CHECK(row.utilities[1] == Approx(result.cumulative_discounted[1]));
  CHECK(row.end == std::string(treatysim::treaty_state_name(result.final_state)));
  CHECK_FALSE(row.distance_to_nash.has_value());
  // Lifecycle tournaments need the treaty's life, and have no single-negotiation distances.
  CHECK(error_of("[tournament]\nname = \"life\"\nmode = \"lifecycle\"\n" + kTwo + kScenario) ==
        kSource +
            ":10:1: scenarios[0]: scenario \"three-clauses\" has no [treaty] section: a "
            "lifecycle tournament needs the treaty's life");
  CHECK(
      error_of(
          "[tournament]\nname = \"l\"\nmode = \"lifecycle\"\nmetrics = [\"distance_to_nash\"]\n") ==
      kSource +
          ":4:12: tournament.metrics[0]: \"distance_to_nash\" is a metric of single "
          "negotiations, not of lifecycle tournaments");
}

TEST_CASE("tournament: a chunk survives its bytes (rows bit for bit, lines, traces, a failure)") {
  const auto def =
      parse(kHeader + "repetitions = 3\nseed = 8\n" + kTwo +
            "[[competitors]]\nlabel = \"r\"\nstrategy = \"random(accept=0.3)\"\n" + kScenario);
  const auto& registry = treatysim::agents::builtin_registry();
  treatysim::TournamentChunkPlayer player(def, registry, 2, true);
  const treatysim::Shard shard{2, 3};  // positions 0… are indices 1, 4, 7, …
  const treatysim::TournamentChunk chunk = player.play(shard, 1, 4, {}, nullptr);
  REQUIRE(chunk.rows.size() == 4);
  CHECK(chunk.rows[0].slot.index == 4);
  CHECK(chunk.traces.size() == 4);
  const treatysim::TournamentChunk back =
      treatysim::decode_tournament_chunk(treatysim::encode_tournament_chunk(chunk));
  CHECK(back.rows == chunk.rows);
  CHECK(back.csv_lines == chunk.csv_lines);
  CHECK(back.traces == chunk.traces);
  CHECK(back.failure == nullptr);
  // A row read back from the CSV equals the one that travelled as bytes.
  const std::string first_line = chunk.csv_lines.substr(0, chunk.csv_lines.find('\n'));
  CHECK(treatysim::parse_tournament_csv_line(def.plan, first_line, "f", 2) == back.rows[0]);

  treatysim::TournamentChunk failed;
  failed.failure = std::make_exception_ptr(treatysim::UserError("a negotiation failed"));
  const treatysim::TournamentChunk failed_back =
      treatysim::decode_tournament_chunk(treatysim::encode_tournament_chunk(failed));
  CHECK(failed_back.rows.empty());
  CHECK_THROWS_WITH_AS(std::rethrow_exception(failed_back.failure), "a negotiation failed",
                       treatysim::UserError);
}

// round_robin_test.cpp — a smoke matrix on sta-2024: every preset negotiator against every
// preset, in both roles. It must finish without error; the table (mean discounted utility of
// the row player, and how often the pair agreed) is printed with MESSAGE, and a few properties
// of the matrix are asserted.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/analysis/equilibrium.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/protocol/negotiation.hpp"
#include "tests/agents/agents_test_support.hpp"

using treatysim::NegotiationEnd;
using treatysim::PartyIndex;
using treatysim::Scenario;
using treatysim::agents::builtin_registry;
using treatysim::agents::ComponentKind;
using treatysim::agents::StrategyInfo;

namespace {

struct Cell {
  double utility_sum = 0.0;  // the row player's discounted utility, summed over the runs
  int runs = 0;
  int agreements = 0;
  // Per role (0: the row player is the U.S., 1: China).
  std::array<int, 2> role_agreements{};
  std::array<double, 2> role_utility{};  // of the last run in that role
  [[nodiscard]] double mean() const { return runs > 0 ? utility_sum / runs : 0.0; }
};

// Preset negotiators: registered, not interactive, not scripted (it needs a file).
std::vector<std::string> presets() {
  std::vector<std::string> names;
  for (const StrategyInfo& info : builtin_registry().entries()) {
    if (info.kind != ComponentKind::kNegotiator || info.traits.interactive ||
        info.name == "scripted")
      continue;
    names.push_back(info.name);
  }
  return names;
}

std::size_t position(const std::vector<std::string>& names, const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return i;
  }
  FAIL("no preset " << name);
  return 0;
}

}  // namespace

TEST_CASE("round robin on sta-2024: every preset against every preset, both roles") {
  const auto& registry = builtin_registry();
  const Scenario& sta = agents_test::config("sta-2024");
  REQUIRE(sta.protocol().information == treatysim::Information::kPrivate);
  const Scenario complete = agents_test::complete_copy(sta);
  const std::vector<std::string> names = presets();
  REQUIRE(names.size() >= 15);
  const std::size_t n = names.size();
  const std::uint64_t seeds[] = {1, 2, 3};

  std::vector<std::vector<Cell>> table(n, std::vector<Cell>(n));
  int runs = 0;
  for (std::size_t row = 0; row < n; ++row) {
    for (std::size_t col = 0; col < n; ++col) {
      CAPTURE(names[row]);
      CAPTURE(names[col]);
      const bool needs_complete =
          registry.traits(treatysim::parse_spec(names[row])).needs_complete_information ||
          registry.traits(treatysim::parse_spec(names[col])).needs_complete_information;
      const Scenario& scenario = needs_complete ? complete : sta;
      Cell& cell = table[row][col];
      for (PartyIndex role = 0; role < 2; ++role) {
        for (const std::uint64_t seed : seeds) {
          std::array<std::unique_ptr<treatysim::Agent>, 2> agents;
          agents[role] = registry.create(names[row]);
          agents[treatysim::other_party(role)] = registry.create(names[col]);
          for (PartyIndex p = 0; p < 2; ++p) {
            registry.check(treatysim::parse_spec(p == role ? names[row] : names[col]), scenario, p);
          }
          treatysim::Negotiation negotiation(scenario, {agents[0].get(), agents[1].get()}, seed);
          const treatysim::NegotiationResult& result = negotiation.run();
          const double u = result.discounted_utilities[role];
          CHECK(u >= 0.0);
          CHECK(u <= 1.0 + treatysim::kUtilityTolerance);
          // sta-2024 does not discount, and no preset accepts below its reservation value: each
          // side gets at least its reservation value.
          for (PartyIndex p = 0; p < 2; ++p) {
            CHECK(treatysim::utility_at_least(result.discounted_utilities[p],
                                              scenario.party(p).preferences.reservation_value));
          }
          CHECK(result.offers <= scenario.protocol().deadline);
          cell.utility_sum += u;
          cell.runs += 1;
          const bool agreed = result.end == NegotiationEnd::kAgreement;
          cell.agreements += agreed ? 1 : 0;
          cell.role_agreements[role] += agreed ? 1 : 0;
          cell.role_utility[role] = u;
          ++runs;
        }
      }
    }
  }

  // The table: rows and columns in registry order, columns numbered.
  std::ostringstream out;
  out << "mean discounted utility of the row player over both roles and " << std::size(seeds)
      << " seeds, and agreements (of " << 2 * std::size(seeds) << "):\n"
      << std::setw(26) << "";
  for (std::size_t col = 0; col < n; ++col)
    out << std::setw(9) << ("[" + std::to_string(col) + "]");
  out << "\n";
  for (std::size_t row = 0; row < n; ++row) {
    out << std::setw(4) << ("[" + std::to_string(row) + "]") << " " << std::left << std::setw(21)
        << names[row] << std::right;
    for (std::size_t col = 0; col < n; ++col) {
      const Cell& cell = table[row][col];
      std::ostringstream text;
      text << std::fixed << std::setprecision(2) << cell.mean() << " " << cell.agreements;
      out << std::setw(9) << text.str();
    }
    out << "\n";
  }
  MESSAGE(out.str());
  CHECK(runs == static_cast<int>(n * n * 2 * std::size(seeds)));

  // Every mean in [0, 1].
  for (std::size_t row = 0; row < n; ++row) {
    for (std::size_t col = 0; col < n; ++col) {
      CHECK(table[row][col].mean() >= 0.0);
      CHECK(table[row][col].mean() <= 1.0 + treatysim::kUtilityTolerance);
    }
  }

  const auto cell = [&](const std::string& row, const std::string& col) -> const Cell& {
    return table[position(names, row)][position(names, col)];
  };
  // Two hardliners never agree when their best outcomes differ: each offers only its own best.
  REQUIRE(sta.utility(0).best_outcome() != sta.utility(1).best_outcome());
  CHECK(cell("hardliner", "hardliner").agreements == 0);
  // The U.S. hardliner's best (S0/IP0/D0/G0/T2) is worth 0.33 to China, above China's
  // reservation value 0.20: a conceding China ends up accepting it, and the U.S. gets 1.
  CHECK(sta.utility(1)(sta.utility(0).best_outcome()) == doctest::Approx(0.33).epsilon(1e-12));
  for (const char* conceder : {"conceder", "linear", "boulware"}) {
    CAPTURE(conceder);
    CHECK(cell("hardliner", conceder).role_agreements[0] == static_cast<int>(std::size(seeds)));
    CHECK(cell("hardliner", conceder).role_utility[0] == doctest::Approx(1.0).epsilon(1e-12));
  }
  // China's best (S3/IP3/D3/G3/T3) is worth 0.02 to the U.S., below its 0.40: a Chinese
  // hardliner never gets an agreement from a U.S. that respects its reservation value, except
  // from a side that offers China's best outcome itself.
  CHECK(sta.utility(0)(sta.utility(1).best_outcome()) == doctest::Approx(0.02).epsilon(1e-12));
  for (const char* us :
       {"time_dependent", "boulware", "linear", "conceder", "relative_tit_for_tat"}) {
    CAPTURE(us);
    CHECK(cell(us, "hardliner").role_agreements[0] == 0);
    CHECK(cell(us, "hardliner").role_utility[0] == doctest::Approx(0.40).epsilon(1e-12));
  }
  // Time-dependent negotiators that both concede to their reservation values by the deadline
  // agree (the zone of agreement is not empty), in both roles.
  for (const char* a : {"linear", "conceder", "boulware", "time_dependent", "time_dependent_exp"}) {
    for (const char* b :
         {"linear", "conceder", "boulware", "time_dependent", "time_dependent_exp"}) {
      CAPTURE(a);
      CAPTURE(b);
      CHECK(cell(a, b).agreements == 2 * static_cast<int>(std::size(seeds)));
    }
  }
  // Equilibrium against itself agrees at once, on the solver's outcome; the Nash seeker against
  // itself agrees as well.
  CHECK(cell("equilibrium", "equilibrium").agreements == 2 * static_cast<int>(std::size(seeds)));
  {
    const auto us = registry.create("equilibrium");
    const auto cn = registry.create("equilibrium");
    treatysim::Negotiation negotiation(complete, {us.get(), cn.get()}, 1);
    const auto& result = negotiation.run();
    const treatysim::SubgamePerfectEquilibrium spe(complete);
    CHECK(result.agreement_offer_index == 0);
    REQUIRE(result.agreement.has_value());
    CHECK(*result.agreement == spe.step(0).offer);
  }
  CHECK(cell("nash_seeker", "nash_seeker").agreements == 2 * static_cast<int>(std::size(seeds)));
  // Pure imitators never move first (tit_for_tat.hpp: T₀ = u_max, and a target changes only
  // after the opponent's utility does), so two of them hold their best outcomes to the deadline.
  for (const char* a : {"relative_tit_for_tat", "absolute_tit_for_tat"}) {
    for (const char* b : {"relative_tit_for_tat", "absolute_tit_for_tat", "hardliner"}) {
      CAPTURE(a);
      CAPTURE(b);
      CHECK(cell(a, b).agreements == 0);
    }
  }
  // Cell (a, b) and cell (b, a) hold the same negotiations seen from the two sides (the same
  // seeds, both roles): the same agreements, and deterministic runs replayed identically.
  for (std::size_t row = 0; row < n; ++row) {
    for (std::size_t col = 0; col < n; ++col) {
      CHECK(table[row][col].agreements == table[col][row].agreements);
    }
  }
}

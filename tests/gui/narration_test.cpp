// narration: golden sentences for a fixed, hand-written trace of sta-2024. Every number in them
// can be checked by hand from configs/sta-2024.toml:
//   U.S. weights scope .30 ip .25 data .20 guardrails .15 term .10, reservation 0.40;
//   China weights scope .30 ip .10 data .20 guardrails .15 term .25, reservation 0.20.
//   S0/IP0/D0/G0/T2: U.S. .30+.25+.20+.15+.10 = 1.00; China .09+.04+0+0+.20 = 0.33.
//   S3/IP3/D3/G3/T3: U.S. 0+0+0+0+.02 = 0.02; China .30+.10+.20+.15+.25 = 1.00.
//   S0/IP1/D1/G1/T2: U.S. .30+.20+.16+.12+.10 = 0.88; China .09+.08+.10+.09+.20 = 0.56.
//   S2/IP1/D1/G1/T2: U.S. .09+.20+.16+.12+.10 = 0.67; China .24+.08+.10+.09+.20 = 0.71.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine/model/scenario_toml.hpp"
#include "gui/logic/narration.hpp"

using treatysim::Event;
using treatysim::EventKind;
using treatysim::Outcome;
using treatysim::Scenario;
using treatysim::gui::narrate;
using treatysim::gui::NarrationTargets;
using treatysim::gui::ValueVisibility;

namespace {

const Scenario& sta() {
  static const Scenario s =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-2024.toml");
  return s;
}

Outcome outcome(const std::string& ids) {
  std::string error;
  const auto parsed = sta().space().parse(ids, &error);
  REQUIRE_MESSAGE(parsed.has_value(), error);
  return *parsed;
}

Event event(EventKind kind, int offer_index, std::size_t party, const std::string& ids) {
  return Event{kind, offer_index, party, outcome(ids)};
}

// U.S. opens, China rejects; China opens, the U.S. rejects; the U.S. offers the 2024 package and
// China accepts.
std::vector<Event> agreement_trace() {
  return {event(EventKind::kOffer, 0, 0, "S0/IP0/D0/G0/T2"),
          event(EventKind::kReject, 0, 1, "S0/IP0/D0/G0/T2"),
          event(EventKind::kOffer, 1, 1, "S3/IP3/D3/G3/T3"),
          event(EventKind::kReject, 1, 0, "S3/IP3/D3/G3/T3"),
          event(EventKind::kOffer, 2, 0, "S0/IP1/D1/G1/T2"),
          event(EventKind::kAccept, 2, 1, "S0/IP1/D1/G1/T2")};
}

std::string narrate_prefix(std::size_t count, const NarrationTargets& targets = {}) {
  const std::vector<Event> all = agreement_trace();
  return narrate(sta(), std::vector<Event>(all.begin(), all.begin() + static_cast<long>(count)),
                 targets);
}

}  // namespace

TEST_CASE("narration golden sentences: offers, refusals with their reasons, agreement") {
  NarrationTargets targets;
  targets[1] = std::vector<double>{1.0, 0.95, 0.9};  // China's own targets at offers 0, 1, 2
  CHECK(narrate_prefix(0).empty());
  CHECK(narrate_prefix(1) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2 — worth 1.00 to it and 0.33 to China.");
  // 0.33 is above China's reservation (0.20) but below its own target for its next offer.
  CHECK(narrate_prefix(2, targets) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2; China rejects — it is worth 0.33 to it, "
        "below the 0.95 it still asks for.");
  // Without a known target only the value is given: no invented motive.
  CHECK(narrate_prefix(2) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2; China rejects — it is worth 0.33 to it.");
  CHECK(narrate_prefix(3) ==
        "Round 2: China opens with S3/IP3/D3/G3/T3 — worth 1.00 to it and 0.02 to the U.S.");
  CHECK(narrate_prefix(4) ==
        "Round 2: China opens with S3/IP3/D3/G3/T3; the U.S. rejects — it is worth 0.02 to it, "
        "below its reservation of 0.40.");
  CHECK(narrate_prefix(5) ==
        "Round 3: the U.S. now offers 2018 annex sustained (Intellectual property), reciprocity "
        "with exceptions (Data reciprocity) and interagency review + safety (Dual-use "
        "guardrails) — worth 0.88 to it and 0.56 to China.");
  CHECK(narrate_prefix(6) ==
        "Round 3: China accepts the U.S. offer S0/IP1/D1/G1/T2, worth 0.56 to China and 0.88 to "
        "the U.S. — agreement.");
}

TEST_CASE("narration golden sentences: walking away and the deadline") {
  const std::vector<Event> walk{event(EventKind::kOffer, 0, 1, "S3/IP3/D3/G3/T3"),
                                event(EventKind::kWalkAway, 0, 0, "S3/IP3/D3/G3/T3")};
  CHECK(narrate(sta(), walk) ==
        "Round 1: the U.S. walks away from China's offer — it is worth 0.02 to it, below its "
        "reservation of 0.40; no agreement.");
  const std::vector<Event> deadline{event(EventKind::kOffer, 1, 1, "S2/IP1/D1/G1/T2"),
                                    event(EventKind::kReject, 1, 0, "S2/IP1/D1/G1/T2"),
                                    event(EventKind::kDeadline, 1, 0, "S2/IP1/D1/G1/T2")};
  CHECK(narrate(sta(), deadline) ==
        "Round 2: the deadline passes without agreement — the U.S. rejected China's last offer "
        "(it is worth 0.67 to it); each side keeps its reservation value, 0.40 for the U.S. and "
        "0.20 for China.");
}

TEST_CASE("narration: a negotiation's own reservation values (drawn) replace the scenario's") {
  // As if the U.S. had drawn 0.70 and China 0.15: China's offer, worth 0.67 to the U.S., is now
  // below the U.S. reservation value, and the deadline pays the drawn values.
  const std::array<double, 2> drawn{0.70, 0.15};
  const std::vector<Event> deadline{event(EventKind::kOffer, 1, 1, "S2/IP1/D1/G1/T2"),
                                    event(EventKind::kReject, 1, 0, "S2/IP1/D1/G1/T2"),
                                    event(EventKind::kDeadline, 1, 0, "S2/IP1/D1/G1/T2")};
  CHECK(narrate(sta(), deadline, {}, ValueVisibility::all(), drawn) ==
        "Round 2: the deadline passes without agreement — the U.S. rejected China's last offer "
        "(it is worth 0.67 to it, below its reservation of 0.70); each side keeps its "
        "reservation value, 0.70 for the U.S. and 0.15 for China.");
  CHECK(narrate(sta(), deadline, {}, ValueVisibility::own(1), drawn) ==
        "Round 2: the deadline passes without agreement — the U.S. rejected China's last offer; "
        "China keeps its reservation value of 0.15.");
}

TEST_CASE("describe_changes lists changed clauses in issue order, at most max_items") {
  const Outcome from = outcome("S0/IP0/D0/G0/T0");
  CHECK(treatysim::gui::describe_changes(sta(), from, from).empty());
  CHECK(treatysim::gui::describe_changes(sta(), from, outcome("S0/IP0/D0/G0/T2")) ==
        "5 years (Term)");
  CHECK(treatysim::gui::describe_changes(sta(), from, outcome("S1/IP0/D0/G0/T2")) ==
        "basic + non-sensitive applied (Scope) and 5 years (Term)");
  CHECK(treatysim::gui::describe_changes(sta(), from, outcome("S1/IP1/D1/G1/T1"), 2) ==
        "basic + non-sensitive applied (Scope), 2018 annex sustained (Intellectual property), and "
        "3 more changes");
}

TEST_CASE("party names in running text and utilities with two decimals") {
  CHECK(treatysim::gui::party_phrase(sta(), 0) == "the U.S.");
  CHECK(treatysim::gui::party_phrase(sta(), 1) == "China");
  CHECK(treatysim::gui::party_short_name(sta(), 0) == "U.S.");
  CHECK(treatysim::gui::party_short_name(sta(), 1) == "China");
  CHECK(treatysim::gui::party_possessive(sta(), 0) == "the U.S.");
  CHECK(treatysim::gui::party_possessive(sta(), 1) == "China's");
  CHECK(treatysim::gui::format_utility(0.305) == "0.30");  // 0.305 is 0.30499… in binary
  CHECK(treatysim::gui::format_utility(1.0) == "1.00");
}

TEST_CASE("narration for a person playing under private information tells only their values") {
  const std::vector<Event> all = agreement_trace();
  const auto upto = [&](std::size_t count) {
    return std::vector<Event>(all.begin(), all.begin() + static_cast<long>(count));
  };
  // The person plays the U.S.: China's values and reasons are not told.
  CHECK(narrate(sta(), upto(1), {}, ValueVisibility::own(0)) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2 — worth 1.00 to it.");
  CHECK(narrate(sta(), upto(2), {}, ValueVisibility::own(0)) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2; China rejects.");
  CHECK(narrate(sta(), upto(3), {}, ValueVisibility::own(0)) ==
        "Round 2: China opens with S3/IP3/D3/G3/T3 — worth 0.02 to the U.S.");
  CHECK(narrate(sta(), upto(4), {}, ValueVisibility::own(0)) ==
        "Round 2: China opens with S3/IP3/D3/G3/T3; the U.S. rejects — it is worth 0.02 to it, "
        "below its reservation of 0.40.");
  CHECK(narrate(sta(), upto(6), {}, ValueVisibility::own(0)) ==
        "Round 3: China accepts the U.S. offer S0/IP1/D1/G1/T2, worth 0.88 to the U.S. — "
        "agreement.");
}

// sta-linkage (configs/sta-linkage.toml): sta-2024's weights × 0.85, plus for the U.S. a constant
// +0.15 (left out of the narration: every outcome triggers it) and −0.15 for S2/S3 with G2/G3; for
// China +0.15 for S2/S3 with D0/D1.
//   S0/IP0/D0/G0/T2: U.S. .85 + .15 = 1.00; China .0765 + .034 + .17 = 0.28; no term named.
//   S3/IP3/D0/G3/T3: U.S. .17 (data) + .017 (term) + .15 − .15 = 0.187;
//                    China .255 + .085 + 0 + .1275 + .2125 + .15 = 0.83; both linked terms.
TEST_CASE("narration names the linked terms an offer triggers, as far as values may be shown") {
  static const Scenario linkage =
      treatysim::load_scenario_file(TREATYSIM_SOURCE_DIR "/configs/sta-linkage.toml");
  const auto at = [&](EventKind kind, int offer_index, std::size_t party, const std::string& ids) {
    std::string error;
    const auto parsed = linkage.space().parse(ids, &error);
    REQUIRE_MESSAGE(parsed.has_value(), error);
    return Event{kind, offer_index, party, *parsed};
  };
  const std::vector<Event> events{at(EventKind::kOffer, 0, 0, "S0/IP0/D0/G0/T2"),
                                  at(EventKind::kReject, 0, 1, "S0/IP0/D0/G0/T2"),
                                  at(EventKind::kOffer, 1, 1, "S3/IP3/D0/G3/T3"),
                                  at(EventKind::kReject, 1, 0, "S3/IP3/D0/G3/T3")};
  const auto upto = [&](std::size_t count) {
    return std::vector<Event>(events.begin(), events.begin() + static_cast<long>(count));
  };
  const std::string us_term = "broad scope without strong guardrails: \u22120.15 for United States";
  const std::string cn_term = "broad scope with data reciprocity: +0.15 for China";
  // No varying term triggered: the sentence of an additive scenario.
  CHECK(narrate(linkage, upto(1)) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2 — worth 1.00 to it and 0.28 to China.");
  CHECK(
      narrate(linkage, upto(3)) ==
      "Round 2: China opens with S3/IP3/D0/G3/T3 — worth 0.83 to it and 0.19 to the U.S. Links: " +
          us_term + "; " + cn_term + ".");
  CHECK(narrate(linkage, upto(4)) ==
        "Round 2: China opens with S3/IP3/D0/G3/T3; the U.S. rejects — it is worth 0.19 to it, "
        "below its reservation of 0.40. Links: " +
            us_term + "; " + cn_term + ".");
  // Under private information: only the player's own terms, none before a side is picked.
  CHECK(narrate(linkage, upto(4), {}, ValueVisibility::own(0)) ==
        "Round 2: China opens with S3/IP3/D0/G3/T3; the U.S. rejects — it is worth 0.19 to it, "
        "below its reservation of 0.40. Links: " +
            us_term + ".");
  CHECK(narrate(linkage, upto(3), {}, ValueVisibility::own(1)) ==
        "Round 2: China opens with S3/IP3/D0/G3/T3 — worth 0.83 to it. Links: " + cn_term + ".");
  CHECK(narrate(linkage, upto(4), {}, ValueVisibility::none()) ==
        "Round 2: China opens with S3/IP3/D0/G3/T3; the U.S. rejects.");
}

// Whose values the window shows (gui/logic/visibility.hpp): the whole table of mode ×
// information × phase, the phase from the session's state, and the rules that follow from it —
// the offer builder's other-side utility, the narration told with only the values shown.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/scenario_toml.hpp"
#include "gui/logic/human_play.hpp"
#include "gui/logic/narration.hpp"
#include "gui/logic/visibility.hpp"

using treatysim::Event;
using treatysim::EventKind;
using treatysim::Information;
using treatysim::Outcome;
using treatysim::PartyIndex;
using treatysim::Scenario;
using treatysim::gui::Mode;
using treatysim::gui::narrate;
using treatysim::gui::play_phase;
using treatysim::gui::PlayPhase;
using treatysim::gui::value_visibility;
using treatysim::gui::ValueVisibility;

namespace {

constexpr Mode kModes[] = {Mode::kSimulate, Mode::kPlay, Mode::kEdit, Mode::kReplay,
                           Mode::kTournament};
constexpr PlayPhase kPhases[] = {PlayPhase::kChoosingSide, PlayPhase::kNegotiating,
                                 PlayPhase::kEnded, PlayPhase::kReplay};

Scenario sta_2024(Information information) {
  const Scenario loaded = treatysim::load_scenario_file(
      std::string(TREATYSIM_SOURCE_DIR) + "/configs/sta-2024.toml",
      treatysim::agents::spec_checker(treatysim::agents::builtin_registry()));
  treatysim::ScenarioDef def = loaded.def();
  def.protocol.information = information;
  return Scenario::create(std::move(def));
}

Event event(EventKind kind, int offer_index, PartyIndex party, const Outcome& outcome) {
  return Event{kind, offer_index, party, outcome};
}

}  // namespace

TEST_CASE("visibility: the phase of play from the session's state") {
  CHECK(play_phase(std::nullopt, false, false) == PlayPhase::kChoosingSide);
  CHECK(play_phase(std::nullopt, false, true) == PlayPhase::kChoosingSide);  // agents' run over
  CHECK(play_phase(PartyIndex{0}, false, false) == PlayPhase::kNegotiating);
  CHECK(play_phase(PartyIndex{1}, false, true) == PlayPhase::kEnded);
  CHECK(play_phase(std::nullopt, true, false) == PlayPhase::kReplay);
  CHECK(play_phase(PartyIndex{0}, true, true) == PlayPhase::kReplay);
}

TEST_CASE("visibility: every mode x information x phase, for either side") {
  for (const Mode mode : kModes) {
    for (const Information information : {Information::kPrivate, Information::kComplete}) {
      for (const PlayPhase phase : kPhases) {
        for (const PartyIndex you : {PartyIndex{0}, PartyIndex{1}}) {
          CAPTURE(static_cast<int>(mode));
          CAPTURE(static_cast<int>(information));
          CAPTURE(static_cast<int>(phase));
          CAPTURE(you);
          const std::optional<PartyIndex> side =
              phase == PlayPhase::kChoosingSide ? std::nullopt : std::optional<PartyIndex>(you);
          const ValueVisibility v = value_visibility(mode, information, phase, side);
          const bool private_play = mode == Mode::kPlay && information == Information::kPrivate;
          if (!private_play || phase == PlayPhase::kReplay) {
            // An observer's view, complete information, or a recorded game: both sides.
            CHECK(v == ValueVisibility::all());
            CHECK_FALSE(v.debrief);
          } else if (phase == PlayPhase::kChoosingSide) {
            CHECK(v.shows_none());
            CHECK_FALSE(v.shows(0));
            CHECK_FALSE(v.shows(1));
            CHECK(v.only() == std::nullopt);
          } else if (phase == PlayPhase::kNegotiating) {
            CHECK(v.shows(you));
            CHECK_FALSE(v.shows(treatysim::other_party(you)));
            CHECK(v.only() == you);
            CHECK_FALSE(v.debrief);
          } else {  // ended: the debrief reveals both
            CHECK(v.shows_all());
            CHECK(v.debrief);
            CHECK(v.only() == std::nullopt);
          }
        }
      }
    }
  }
}

TEST_CASE("visibility: the helpers of ValueVisibility") {
  CHECK(ValueVisibility::all().shows_all());
  CHECK_FALSE(ValueVisibility::all().shows_none());
  CHECK(ValueVisibility::own(1).shown == std::array<bool, 2>{false, true});
  CHECK(ValueVisibility::own(0).only() == PartyIndex{0});
  CHECK(ValueVisibility::none().shows_none());
  CHECK_FALSE(ValueVisibility::all().shows(2));  // no third party
  // A negotiation with no side known shows nothing rather than guess one.
  CHECK(value_visibility(Mode::kPlay, Information::kPrivate, PlayPhase::kNegotiating, std::nullopt)
            .shows_none());
}

TEST_CASE("visibility: the outcome space's title says whose values it shows") {
  using treatysim::gui::outcome_space_subtitle;
  CHECK(outcome_space_subtitle(ValueVisibility::all()) ==
        "every possible treaty, valued by each side");
  CHECK(outcome_space_subtitle(ValueVisibility::own(1)) == "every possible treaty, valued by you");
  CHECK(outcome_space_subtitle(ValueVisibility::none()) == "values private until you pick a side");
}

TEST_CASE("visibility: the offer builder prices the other side only under complete information") {
  CHECK_FALSE(treatysim::gui::shows_other_utility(sta_2024(Information::kPrivate)));
  CHECK(treatysim::gui::shows_other_utility(sta_2024(Information::kComplete)));
  treatysim::gui::OfferBuilder builder;
  const Scenario hidden = sta_2024(Information::kPrivate);
  builder.reset(hidden, 0);
  CHECK(builder.other_utility(hidden) == std::nullopt);
  for (const auto& worth : builder.option_worths(hidden, 0))
    CHECK(worth.other_utility == std::nullopt);
}

TEST_CASE("visibility: the narration tells no values before a side is picked") {
  // Hand values (narration_test): S0/IP0/D0/G0/T2 is worth 1.00 to the U.S. and 0.33 to China;
  // S3/IP3/D3/G3/T3 0.02 to the U.S.; S2/IP1/D1/G1/T2 0.67 to the U.S.
  const Scenario scenario = sta_2024(Information::kPrivate);
  const auto at = [&](const std::string& ids) { return *scenario.space().parse(ids, nullptr); };
  const std::vector<Event> opened{event(EventKind::kOffer, 0, 0, at("S0/IP0/D0/G0/T2"))};
  const ValueVisibility none = ValueVisibility::none();
  CHECK(narrate(scenario, opened, {}, none) == "Round 1: the U.S. opens with S0/IP0/D0/G0/T2.");
  CHECK(narrate(scenario, opened, {}, ValueVisibility::own(0)) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2 — worth 1.00 to it.");
  CHECK(narrate(scenario, opened, {}, ValueVisibility::own(1)) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2 — worth 0.33 to China.");
  CHECK(narrate(scenario, opened, {}, ValueVisibility::all()) ==
        "Round 1: the U.S. opens with S0/IP0/D0/G0/T2 — worth 1.00 to it and 0.33 to China.");

  const std::vector<Event> walked{event(EventKind::kOffer, 0, 1, at("S3/IP3/D3/G3/T3")),
                                  event(EventKind::kWalkAway, 0, 0, at("S3/IP3/D3/G3/T3"))};
  CHECK(narrate(scenario, walked, {}, none) ==
        "Round 1: the U.S. walks away from China's offer; no agreement.");

  const std::vector<Event> accepted{event(EventKind::kOffer, 0, 0, at("S0/IP0/D0/G0/T2")),
                                    event(EventKind::kAccept, 0, 1, at("S0/IP0/D0/G0/T2"))};
  CHECK(narrate(scenario, accepted, {}, none) ==
        "Round 1: China accepts the U.S. offer S0/IP0/D0/G0/T2 — agreement.");

  const std::vector<Event> deadline{event(EventKind::kOffer, 1, 1, at("S2/IP1/D1/G1/T2")),
                                    event(EventKind::kReject, 1, 0, at("S2/IP1/D1/G1/T2")),
                                    event(EventKind::kDeadline, 1, 0, at("S2/IP1/D1/G1/T2"))};
  CHECK(narrate(scenario, deadline, {}, none) ==
        "Round 2: the deadline passes without agreement — the U.S. rejected China's last offer; "
        "each side keeps its reservation value.");
  CHECK(narrate(scenario, deadline, {}, ValueVisibility::own(1)) ==
        "Round 2: the deadline passes without agreement — the U.S. rejected China's last offer; "
        "China keeps its reservation value of 0.20.");
}

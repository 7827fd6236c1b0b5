// conformance_test.cpp — one suite that every registered negotiator, and a sample of BOA
// compositions, must pass: on the shipped configs and on random scenarios, against several
// opponents and in both roles,
//   - every event concerns an outcome of the space, and the negotiation ends by the deadline;
//   - no party accepts an offer worth less to it than its reservation value;
//   - the same seed gives the same trace, byte for byte;
//   - reset restores the initial behaviour (agents that have played before, even another
//     scenario, replay exactly what fresh agents play);
//   - a deterministic strategy (traits.stochastic false) plays the same whatever the seed;
// plus the registry's refusals: values out of range with an exact message, and strategies that
// need complete information refused under private information.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/protocol/spec.hpp"
#include "engine/protocol/trace.hpp"
#include "tests/agents/agents_test_support.hpp"
#include "tests/support/random_scenario.hpp"

using treatysim::Event;
using treatysim::EventKind;
using treatysim::Information;
using treatysim::NegotiationEnd;
using treatysim::parse_spec;
using treatysim::PartyIndex;
using treatysim::Scenario;
using treatysim::Spec;
using treatysim::agents::builtin_registry;
using treatysim::agents::ComponentKind;
using treatysim::agents::ParameterType;
using treatysim::agents::Registry;
using treatysim::agents::StrategyInfo;

namespace {

// Compositions of BOA components beyond the registered presets.
const char* const kCompositions[] = {
    "boa(bidding=om_bidding(target=time_dependent(e=0.3)), acceptance=ac_combi, model=frequency)",
    "boa(bidding=absolute_tit_for_tat(window=2), acceptance=ac_const(c=0.7))",
    "boa(bidding=time_dependent_exp(e=0.5), acceptance=ac_time(t=0.9))",
    "boa(bidding=relative_tit_for_tat(window=3, band=0.1), acceptance=ac_next(a=1.02, b=-0.01), "
    "model=frequency(learning_rate=0.5))",
    "boa(bidding=nice_tit_for_tat(band=0.1), acceptance=ac_combi(c=0.9, t=0.5), model=frequency)",
    "boa(bidding=om_bidding(target=time_dependent(e=0.3)), acceptance=ac_combi, model=bayesian)",
    "boa(bidding=om_bidding(target=time_dependent(e=0.5)), acceptance=ac_next, "
    "model=zeng_sycara(model=bayesian(sigma=0.3), candidates=11))",
};

// Opponents every subject meets ("self": the subject's own spec on the other side).
const char* const kOpponents[] = {"linear", "hardliner", "boulware", "random(accept=0.3)", "self"};

// The message check() gives a strategy that needs complete information under private information.
std::string private_information_message(const std::string& name) {
  return name +
         " needs complete information (it reads the opponent's preferences), but the scenario's "
         "protocol.information is \"private\"";
}

// A script for `scenario`: three outcomes of its space, with a comment and a blank line.
std::string script_for(const Scenario& scenario) {
  const auto& space = scenario.space();
  const std::uint64_t n = space.count();
  return "# conformance script\n" + space.format(space.outcome_at(n - 1)) + "\n\n" +
         space.format(space.outcome_at(n / 2)) + "\n" + space.format(space.outcome_at(0)) + "\n";
}

// Every registered negotiator that can run in a batch (scripted with a script written for
// `scenario`), then the compositions.
std::vector<std::string> subjects_for(const Scenario& scenario, const agents_test::TempDir& dir,
                                      const std::string& tag) {
  std::vector<std::string> specs;
  for (const StrategyInfo& info : builtin_registry().entries()) {
    if (info.kind != ComponentKind::kNegotiator || info.traits.interactive) continue;
    if (info.name == "scripted") {
      const std::string path = dir.write("script-" + tag + ".txt", script_for(scenario));
      specs.push_back("scripted(file=\"" + path + "\")");
      specs.push_back("scripted(file=\"" + path + "\", accept=\"always\")");
    } else {
      specs.push_back(info.name);
    }
  }
  for (const char* composition : kCompositions) specs.emplace_back(composition);
  return specs;
}

std::array<Spec, 2> specs_for(const std::string& subject, const std::string& opponent,
                              PartyIndex role) {
  std::array<Spec, 2> specs;
  specs[role] = parse_spec(subject);
  specs[treatysim::other_party(role)] = parse_spec(opponent == "self" ? subject : opponent);
  return specs;
}

// The structural checks on one trace: legal outcomes, the deadline, the reservation values.
void check_trace(const Scenario& scenario, const treatysim::Trace& trace) {
  const auto& space = scenario.space();
  const int deadline = scenario.protocol().deadline;
  const auto& result = trace.result;
  REQUIRE_FALSE(trace.events.empty());
  CHECK(result.end != NegotiationEnd::kRunning);
  CHECK(result.offers >= 1);
  CHECK(result.offers <= deadline);
  int offers = 0;
  for (const Event& event : trace.events) {
    CHECK(space.contains(event.outcome));
    CHECK(event.offer_index >= 0);
    CHECK(event.offer_index < deadline);
    if (event.kind == EventKind::kOffer) {
      CHECK(event.offer_index == offers);
      ++offers;
    }
    if (event.kind == EventKind::kAccept) {
      const PartyIndex p = event.party;
      const double u = scenario.utility(p)(event.outcome);
      const double reservation = scenario.party(p).preferences.reservation_value;
      CHECK_MESSAGE(treatysim::utility_at_least(u, reservation),
                    trace.agent_specs[p] << " accepted " << space.format(event.outcome) << " worth "
                                         << u << " < reservation " << reservation);
    }
  }
  CHECK(offers == result.offers);
  const Event& last = trace.events.back();
  switch (result.end) {
    case NegotiationEnd::kAgreement:
      CHECK(last.kind == EventKind::kAccept);
      REQUIRE(result.agreement.has_value());
      CHECK(space.contains(*result.agreement));
      CHECK(*result.agreement == last.outcome);
      break;
    case NegotiationEnd::kWalkAway:
      CHECK(last.kind == EventKind::kWalkAway);
      break;
    case NegotiationEnd::kDeadline:
      CHECK(last.kind == EventKind::kDeadline);
      CHECK(result.offers == deadline);
      break;
    case NegotiationEnd::kRunning:
      break;
  }
  for (PartyIndex p = 0; p < 2; ++p) {
    CHECK(result.discounted_utilities[p] >= 0.0);
    CHECK(result.discounted_utilities[p] <= 1.0 + treatysim::kUtilityTolerance);
  }
}

// Plays the subject against the opponent in `role` on `scenario` and checks everything.
void check_pairing(const Scenario& scenario, const Scenario& other_scenario,
                   const std::string& subject, const std::string& opponent, PartyIndex role,
                   std::uint64_t seed) {
  const Registry& registry = builtin_registry();
  const auto specs = specs_for(subject, opponent, role);
  CAPTURE(subject);
  CAPTURE(opponent);
  CAPTURE(role);
  CAPTURE(seed);

  // Same seed, same bytes.
  const treatysim::Trace trace = treatysim::run_traced(scenario, specs, seed, registry);
  const treatysim::Trace again = treatysim::run_traced(scenario, specs, seed, registry);
  CHECK(treatysim::trace_to_text(trace) == treatysim::trace_to_text(again));
  check_trace(scenario, trace);

  // Reset restores the initial behaviour: the same agent objects play another scenario, then
  // this one with another seed, then restart with the seed; they must replay the fresh run.
  const std::unique_ptr<treatysim::Agent> a0 = registry.create(specs[0]);
  const std::unique_ptr<treatysim::Agent> a1 = registry.create(specs[1]);
  {
    treatysim::Negotiation elsewhere(other_scenario, {a0.get(), a1.get()}, seed + 11);
    static_cast<void>(elsewhere.run());
  }
  treatysim::TraceRecorder recorder;
  treatysim::Negotiation negotiation(scenario, {a0.get(), a1.get()}, seed + 1, &recorder);
  static_cast<void>(negotiation.run());
  recorder.clear();
  negotiation.restart(seed);
  const treatysim::NegotiationResult& replayed = negotiation.run();
  CHECK(recorder.events() == trace.events);
  CHECK(replayed == trace.result);

  // A strategy that draws nothing from its random stream plays the same with any seed.
  const bool stochastic =
      registry.traits(specs[0]).stochastic || registry.traits(specs[1]).stochastic;
  if (!stochastic) {
    recorder.clear();
    negotiation.restart(seed + 1000003);
    static_cast<void>(negotiation.run());
    CHECK(recorder.events() == trace.events);
  }
}

// A scenario to play and the variant with complete information (the same object when it
// already has complete information).
struct Case {
  std::string tag;
  Scenario scenario;
};

// Plays every subject on every case. With `all_opponents` false (the random scenarios) each
// subject meets itself and two of the four other opponents, alternating from one scenario to the
// next, so that every pairing is still played on half of the scenarios.
void run_conformance(const std::vector<Case>& cases, std::uint64_t seed_base, bool all_opponents) {
  const Registry& registry = builtin_registry();
  const agents_test::TempDir dir;
  int pairings = 0;
  for (std::size_t c = 0; c < cases.size(); ++c) {
    const Scenario& base = cases[c].scenario;
    CAPTURE(cases[c].tag);
    const bool is_private = base.protocol().information == Information::kPrivate;
    const Scenario complete = is_private ? agents_test::complete_copy(base) : base;
    const std::vector<std::string> subjects = subjects_for(base, dir, cases[c].tag);
    for (const std::string& subject : subjects) {
      CAPTURE(subject);
      const Spec spec = parse_spec(subject);
      const treatysim::agents::StrategyTraits traits = registry.traits(spec);
      const Scenario* scenario = &base;
      if (traits.needs_complete_information && is_private) {
        // Refused under private information, with the message naming the strategy…
        for (PartyIndex p = 0; p < 2; ++p) {
          CHECK(agents_test::error_of([&] { registry.check(spec, base, p); }) ==
                private_information_message(spec.name));
        }
        CHECK(agents_test::error_of([&] {
                static_cast<void>(
                    treatysim::run_traced(base, {spec, parse_spec("linear")}, 1, registry));
              }) == private_information_message(spec.name));
        // …and played on the complete-information copy instead.
        scenario = &complete;
      }
      for (PartyIndex p = 0; p < 2; ++p) {
        CHECK(agents_test::error_of([&] { registry.check(spec, *scenario, p); }).empty());
      }
      // The scenario the reused agents play first: another deadline (and so another hash).
      const Scenario other = scenario->with_deadline(scenario->protocol().deadline + 3);
      std::size_t o = 0;
      for (const char* opponent : kOpponents) {
        const bool meets = all_opponents || std::string(opponent) == "self" || (o + c) % 2 == 0;
        ++o;
        if (!meets) continue;
        for (PartyIndex role = 0; role < 2; ++role) {
          check_pairing(*scenario, other, subject, opponent, role,
                        seed_base + 131 * c + 17 * o + role);
          ++pairings;
        }
      }
    }
  }
  MESSAGE(pairings << " pairings over " << cases.size() << " scenario(s)");
}

std::vector<Case> random_cases(std::uint64_t first, std::uint64_t last) {
  treatysim::testing::RandomScenarioShape shape;
  shape.max_issues = 3;
  shape.max_options = 4;
  shape.max_deadline = 12;
  std::vector<Case> cases;
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    cases.push_back(
        Case{"random-" + std::to_string(seed), treatysim::testing::random_scenario(seed, shape)});
  }
  return cases;
}

}  // namespace

TEST_CASE("conformance: the suite covers every registered negotiator") {
  // Every negotiator is played by the suite except interactive ones (a person decides).
  int batch = 0;
  for (const StrategyInfo& info : builtin_registry().entries()) {
    if (info.kind != ComponentKind::kNegotiator) continue;
    CAPTURE(info.name);
    if (info.traits.interactive) {
      CHECK(info.name == "human");
      continue;
    }
    ++batch;
    CHECK(builtin_registry().create(parse_spec(info.name == "scripted" ? "scripted(file=\"unused\")"
                                                                       : info.name)) != nullptr);
  }
  CHECK(batch >= 16);
}

TEST_CASE("conformance: sta-2024") {
  run_conformance({Case{"sta-2024", agents_test::config("sta-2024")}}, 100, true);
}

TEST_CASE("conformance: three-clauses") {
  run_conformance({Case{"three-clauses", agents_test::config("three-clauses")}}, 200, true);
}

TEST_CASE("conformance: split-the-pie") {
  run_conformance({Case{"split-the-pie", agents_test::config("split-the-pie")}}, 300, true);
}

TEST_CASE("conformance: random scenarios 1 to 12") {
  run_conformance(random_cases(1, 12), 1000, false);
}

TEST_CASE("conformance: random scenarios 13 to 24") {
  run_conformance(random_cases(13, 24), 2000, false);
}

TEST_CASE("conformance: random scenarios 25 to 36") {
  run_conformance(random_cases(25, 36), 3000, false);
}

TEST_CASE("conformance: random scenarios 37 to 48") {
  run_conformance(random_cases(37, 48), 4000, false);
}

TEST_CASE(
    "conformance: every numeric parameter refuses a value above its maximum, with the exact "
    "message") {
  const Registry& registry = builtin_registry();
  int checked = 0;
  for (const StrategyInfo& info : registry.entries()) {
    for (const auto& p : info.parameters) {
      if (p.type != ParameterType::kNumber && p.type != ParameterType::kInteger) continue;
      CAPTURE(info.name);
      CAPTURE(p.name);
      const std::string range =
          "[" + treatysim::format_number(p.min) + ", " + treatysim::format_number(p.max) + "]";
      const double above = p.max + 1.0;
      const std::string spec =
          info.name + "(" + p.name + "=" + treatysim::format_number(above) + ")";
      const std::string expected = info.name + ": parameter " + p.name + " = " +
                                   treatysim::format_number(above) + " is out of range " + range;
      CHECK(agents_test::error_of([&] {
              static_cast<void>(registry.resolve(parse_spec(spec), nullptr, info.kind));
            }) == expected);
      // Below the minimum as well.
      const double below = p.min - 1.0;
      const std::string low =
          info.name + "(" + p.name + "=" + treatysim::format_number(below) + ")";
      CHECK(agents_test::error_of([&] {
              static_cast<void>(registry.resolve(parse_spec(low), nullptr, info.kind));
            }) == info.name + ": parameter " + p.name + " = " + treatysim::format_number(below) +
                      " is out of range " + range);
      // Both bounds are allowed.
      for (const double edge : {p.min, p.max}) {
        const std::string ok =
            info.name + "(" + p.name + "=" + treatysim::format_number(edge) + ")";
        CHECK(agents_test::error_of([&] {
                static_cast<void>(registry.resolve(parse_spec(ok), nullptr, info.kind));
              }).empty());
      }
      if (p.type == ParameterType::kInteger) {
        const std::string half =
            info.name + "(" + p.name + "=" + treatysim::format_number(p.min + 0.5) + ")";
        CHECK(agents_test::error_of([&] {
                static_cast<void>(registry.resolve(parse_spec(half), nullptr, info.kind));
              }) == info.name + ": parameter " + p.name + " expects a whole number, got " +
                        treatysim::format_number(p.min + 0.5));
      }
      // The same message from create() and check() for a negotiator, and from inside a boa for
      // a component.
      std::string outer;
      switch (info.kind) {
        case ComponentKind::kNegotiator:
          outer = spec;
          break;
        case ComponentKind::kBidding:
          outer = "boa(bidding=" + spec + ")";
          break;
        case ComponentKind::kAcceptance:
          outer = "boa(acceptance=" + spec + ")";
          break;
        case ComponentKind::kOpponentModel:
          outer = "boa(model=" + spec + ")";
          break;
        case ComponentKind::kCompliance:
          break;
      }
      if (!outer.empty()) {
        CHECK(agents_test::error_of(
                  [&] { static_cast<void>(registry.create(parse_spec(outer))); }) == expected);
        CHECK(agents_test::error_of([&] {
                registry.check(parse_spec(outer), agents_test::config("three-clauses"), 0);
              }) == expected);
      }
      ++checked;
    }
  }
  CHECK(checked >= 25);
  MESSAGE(checked << " numeric parameters checked");

  // A few of them written out.
  const auto resolve_error = [&](const std::string& spec, ComponentKind kind) {
    return agents_test::error_of(
        [&] { static_cast<void>(registry.resolve(parse_spec(spec), nullptr, kind)); });
  };
  CHECK(resolve_error("relative_tit_for_tat(window=21)", ComponentKind::kNegotiator) ==
        "relative_tit_for_tat: parameter window = 21 is out of range [1, 20]");
  CHECK(resolve_error("bandit(exploration=11)", ComponentKind::kNegotiator) ==
        "bandit: parameter exploration = 11 is out of range [0, 10]");
  CHECK(resolve_error("time_dependent_exp(k=2)", ComponentKind::kBidding) ==
        "time_dependent_exp: parameter k = 2 is out of range [1e-06, 1]");
  CHECK(resolve_error("ac_combi(t=2)", ComponentKind::kAcceptance) ==
        "ac_combi: parameter t = 2 is out of range [0, 1]");
  CHECK(resolve_error("ac_next(b=2)", ComponentKind::kAcceptance) ==
        "ac_next: parameter b = 2 is out of range [-1, 1]");
  CHECK(resolve_error("frequency(learning_rate=1.5)", ComponentKind::kOpponentModel) ==
        "frequency: parameter learning_rate = 1.5 is out of range [0, 1]");
  CHECK(agents_test::error_of([&] {
          static_cast<void>(
              registry.create(parse_spec("boa(bidding=om_bidding(target=time_dependent(e=101)))")));
        }) == "time_dependent: parameter e = 101 is out of range [0, 100]");
  // String parameters with choices, and the bandit's arms list.
  CHECK(agents_test::error_of([&] {
          static_cast<void>(registry.create(parse_spec("bandit(algorithm=\"ucb2\")")));
        }) == "bandit: parameter algorithm expects one of \"ucb1\", \"exp3\", got \"ucb2\"");
  CHECK(agents_test::error_of(
            [&] { static_cast<void>(registry.create(parse_spec("bandit(arms=\"0.5,x\")"))); }) ==
        "bandit: parameter arms expects concession exponents in [0, 100] separated by commas, got "
        "\"0.5,x\" "
        "(bad entry \"x\")");
  CHECK(agents_test::error_of([&] {
          registry.check(parse_spec("bandit(arms=\"1,,2\")"), agents_test::config("three-clauses"),
                         0);
        }) ==
        "bandit: parameter arms expects concession exponents in [0, 100] separated by commas, got "
        "\"1,,2\" "
        "(bad entry \"\")");
}

TEST_CASE(
    "conformance: strategies that need complete information are refused under private "
    "information") {
  const Registry& registry = builtin_registry();
  const Scenario& sta = agents_test::config("sta-2024");  // private
  REQUIRE(sta.protocol().information == Information::kPrivate);
  const Scenario complete = agents_test::complete_copy(sta);
  int refused = 0;
  for (const StrategyInfo& info : registry.entries()) {
    if (info.kind != ComponentKind::kNegotiator || info.traits.interactive ||
        info.name == "scripted")
      continue;
    CAPTURE(info.name);
    const Spec spec = parse_spec(info.name);
    CHECK(registry.traits(spec).needs_complete_information ==
          info.traits.needs_complete_information);
    for (PartyIndex p = 0; p < 2; ++p) {
      const std::string error = agents_test::error_of([&] { registry.check(spec, sta, p); });
      if (info.traits.needs_complete_information) {
        CHECK(error == private_information_message(info.name));
      } else {
        CHECK(error.empty());
      }
      CHECK(agents_test::error_of([&] { registry.check(spec, complete, p); }).empty());
    }
    if (info.traits.needs_complete_information) {
      ++refused;
      // An agent reset under private information without check() refuses as well, naming itself.
      const auto agent = registry.create(spec);
      const std::string error =
          agents_test::error_of([&] { agent->reset(agents_test::context_for(sta, 0)); });
      CHECK(error.rfind(info.name + " needs complete information", 0) == 0);
      CHECK(error.find("\"private\"") != std::string::npos);
    }
  }
  CHECK(refused == 2);  // equilibrium and nash_seeker

  // Split the pie is complete; its private copy refuses the equilibrium.
  const Scenario pie_private =
      agents_test::with_information(agents_test::config("split-the-pie"), Information::kPrivate);
  CHECK(agents_test::error_of([&] { registry.check(parse_spec("equilibrium"), pie_private, 1); }) ==
        private_information_message("equilibrium"));
  CHECK(agents_test::error_of([&] {
          registry.check(parse_spec("equilibrium"), agents_test::config("split-the-pie"), 1);
        }).empty());
}

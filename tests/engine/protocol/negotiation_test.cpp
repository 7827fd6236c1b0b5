#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "agents/registry.hpp"
#include "engine/model/random.hpp"
#include "engine/model/scenario.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/negotiation.hpp"
#include "engine/protocol/trace.hpp"

using treatysim::Event;
using treatysim::EventKind;
using treatysim::Negotiation;
using treatysim::NegotiationEnd;
using treatysim::Outcome;
using treatysim::PartyIndex;
using treatysim::Response;
using treatysim::Scenario;

namespace {

constexpr double kTight = 1e-12;

// One issue with five options s0…s4. Party a values option i at i/4, party b at 1 − i/4.
// Reservation values a 0.3, b 0.2; discount factors a 0.9, b 0.8.
Scenario five_option_pie(int deadline, PartyIndex first_mover = 0,
                         treatysim::Information information = treatysim::Information::kPrivate) {
  treatysim::ScenarioDef def;
  def.id = "pie5";
  def.title = "Five-option pie";
  def.protocol.deadline = deadline;
  def.protocol.first_mover = first_mover;
  def.protocol.information = information;
  treatysim::Issue issue;
  issue.id = "share";
  for (int o = 0; o < 5; ++o) issue.options.push_back({"s" + std::to_string(o), {}, {}});
  def.issues.push_back(issue);
  const double reservation[] = {0.3, 0.2};
  const double discount[] = {0.9, 0.8};
  const char* ids[] = {"a", "b"};
  for (PartyIndex p = 0; p < 2; ++p) {
    auto& party = def.parties[p];
    party.id = ids[p];
    party.agent = "linear";
    party.preferences.weights = {1.0};
    party.preferences.values = {p == 0 ? std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0}
                                       : std::vector<double>{1.0, 0.75, 0.5, 0.25, 0.0}};
    party.preferences.shapes = {treatysim::ValueShape::kTable};
    party.preferences.reservation_value = reservation[p];
    party.preferences.discount = discount[p];
  }
  return Scenario::create(def);
}

// What an agent saw at one decision.
struct Seen {
  int offer_index;
  std::size_t offers_on_record;
  double time;
  bool last_offer;
};

// Plays a fixed list of offers and a fixed list of responses, in order, and records what it saw.
class ScriptedAgent final : public treatysim::Agent {
 public:
  ScriptedAgent(std::vector<Outcome> offers, std::vector<Response> responses)
      : offers_(std::move(offers)), responses_(std::move(responses)) {}

  void reset(const treatysim::NegotiationContext& context) override {
    context_ = context;
    ++resets_;
    next_offer_ = 0;
    next_response_ = 0;
    proposals_seen_.clear();
    responses_seen_.clear();
    observed_.clear();
  }
  Outcome propose(const treatysim::NegotiationState& state) override {
    proposals_seen_.push_back(
        {state.offer_index, state.offers.size(), state.time(), state.last_offer()});
    REQUIRE(next_offer_ < offers_.size());
    return offers_[next_offer_++];
  }
  Response respond(const treatysim::NegotiationState& state, const Outcome& offer) override {
    responses_seen_.push_back(
        {state.offer_index, state.offers.size(), state.time(), state.last_offer()});
    CHECK(offer == state.offers.back().outcome);  // the offer answered is the last on record
    REQUIRE(next_response_ < responses_.size());
    return responses_[next_response_++];
  }
  void observe(const Event& event) override { observed_.push_back(event); }

  const treatysim::NegotiationContext& context() const { return context_; }
  int resets() const { return resets_; }
  const std::vector<Seen>& proposals_seen() const { return proposals_seen_; }
  const std::vector<Seen>& responses_seen() const { return responses_seen_; }
  const std::vector<Event>& observed() const { return observed_; }

 private:
  std::vector<Outcome> offers_;
  std::vector<Response> responses_;
  treatysim::NegotiationContext context_;
  int resets_ = 0;
  std::size_t next_offer_ = 0;
  std::size_t next_response_ = 0;
  std::vector<Seen> proposals_seen_;
  std::vector<Seen> responses_seen_;
  std::vector<Event> observed_;
};

constexpr Response kAccept = Response::kAccept;
constexpr Response kReject = Response::kReject;
constexpr Response kWalkAway = Response::kWalkAway;

Outcome s(int option) {
  return Outcome{option};
}

Event ev(EventKind kind, int offer_index, PartyIndex party, int option) {
  return Event{kind, offer_index, party, s(option)};
}

}  // namespace

TEST_CASE("negotiation: the exact event sequence of a 3-offer run ending in agreement") {
  const Scenario scenario = five_option_pie(3);
  ScriptedAgent a({s(4), s(3)}, {kReject});
  ScriptedAgent b({s(0)}, {kReject, kAccept});
  treatysim::TraceRecorder recorder;
  Negotiation negotiation(scenario, {&a, &b}, 1, &recorder);
  const auto& result = negotiation.run();

  const std::vector<Event> expected{
      ev(EventKind::kOffer, 0, 0, 4), ev(EventKind::kReject, 0, 1, 4),
      ev(EventKind::kOffer, 1, 1, 0), ev(EventKind::kReject, 1, 0, 0),
      ev(EventKind::kOffer, 2, 0, 3), ev(EventKind::kAccept, 2, 1, 3),
  };
  CHECK(recorder.events() == expected);
  // Both agents observe every event, their own included, in the same order.
  CHECK(a.observed() == expected);
  CHECK(b.observed() == expected);

  CHECK(result.end == NegotiationEnd::kAgreement);
  CHECK(result.offers == 3);
  REQUIRE(result.agreement.has_value());
  CHECK(*result.agreement == s(3));
  CHECK(result.agreement_offer_index == 2);
  // s3: a 0.75, b 0.25; at r = 2: a 0.9² · 0.75 = 0.6075, b 0.8² · 0.25 = 0.16.
  CHECK(result.utilities[0] == doctest::Approx(0.75).epsilon(kTight));
  CHECK(result.utilities[1] == doctest::Approx(0.25).epsilon(kTight));
  CHECK(result.discounted_utilities[0] == doctest::Approx(0.6075).epsilon(kTight));
  CHECK(result.discounted_utilities[1] == doctest::Approx(0.16).epsilon(kTight));
  CHECK(negotiation.offers().size() == 3);
  CHECK(negotiation.offers()[1].proposer == 1);
  CHECK(negotiation.offers()[1].outcome == s(0));
}

TEST_CASE("negotiation: the first mover makes the even offers, the other party the odd ones") {
  for (PartyIndex first : {PartyIndex{0}, PartyIndex{1}}) {
    CAPTURE(first);
    const Scenario scenario = five_option_pie(5, first);
    ScriptedAgent a({s(4), s(4), s(4)}, {kReject, kReject, kReject});
    ScriptedAgent b({s(0), s(0), s(0)}, {kReject, kReject, kReject});
    treatysim::TraceRecorder recorder;
    Negotiation negotiation(scenario, {&a, &b}, 1, &recorder);
    negotiation.run();
    int offers = 0;
    const auto& events = recorder.events();
    for (std::size_t k = 0; k < events.size(); ++k) {
      if (events[k].kind != EventKind::kOffer) continue;
      ++offers;
      const int r = events[k].offer_index;
      const PartyIndex expected = r % 2 == 0 ? first : treatysim::other_party(first);
      CHECK(events[k].party == expected);
      CHECK(negotiation.proposer(r) == expected);
      // The proposer offers its own best option (the script): a s4, b s0.
      CHECK(events[k].outcome == (expected == 0 ? s(4) : s(0)));
      if (r > 0) {
        // After a reject, the responder makes the counter-offer.
        REQUIRE(k >= 1);
        CHECK(events[k - 1].kind == EventKind::kReject);
        CHECK(events[k - 1].party == events[k].party);
        CHECK(events[k - 1].offer_index == r - 1);
      }
    }
    CHECK(offers == 5);
    // 5 offers: the first mover makes offers 0, 2, 4.
    CHECK(static_cast<int>((first == 0 ? a : b).proposals_seen().size()) == 3);
    CHECK(static_cast<int>((first == 0 ? b : a).proposals_seen().size()) == 2);
  }
}

TEST_CASE("negotiation: the deadline ends the run after the last offer is rejected") {
  const Scenario scenario = five_option_pie(3);
  ScriptedAgent a({s(4), s(4)}, {kReject});
  ScriptedAgent b({s(1)}, {kReject, kReject});
  treatysim::TraceRecorder recorder;
  Negotiation negotiation(scenario, {&a, &b}, 1, &recorder);
  const auto& result = negotiation.run();
  const std::vector<Event> expected{
      ev(EventKind::kOffer, 0, 0, 4),    ev(EventKind::kReject, 0, 1, 4),
      ev(EventKind::kOffer, 1, 1, 1),    ev(EventKind::kReject, 1, 0, 1),
      ev(EventKind::kOffer, 2, 0, 4),    ev(EventKind::kReject, 2, 1, 4),
      ev(EventKind::kDeadline, 2, 1, 4),
  };
  CHECK(recorder.events() == expected);
  CHECK(result.end == NegotiationEnd::kDeadline);
  CHECK(result.offers == 3);
  CHECK_FALSE(result.agreement.has_value());
  CHECK(result.agreement_offer_index == -1);
  // Disagreement: reservation values, undiscounted, in both fields.
  CHECK(result.utilities[0] == 0.3);
  CHECK(result.utilities[1] == 0.2);
  CHECK(result.discounted_utilities[0] == 0.3);
  CHECK(result.discounted_utilities[1] == 0.2);
  // Only b's last answer saw last_offer() true.
  REQUIRE(b.responses_seen().size() == 2);
  CHECK_FALSE(b.responses_seen()[0].last_offer);
  CHECK(b.responses_seen()[1].last_offer);
}

TEST_CASE("negotiation: a deadline of one offer ends after its rejection") {
  const Scenario scenario = five_option_pie(1, 1);
  ScriptedAgent a({}, {kReject});
  ScriptedAgent b({s(2)}, {});
  treatysim::TraceRecorder recorder;
  Negotiation negotiation(scenario, {&a, &b}, 1, &recorder);
  negotiation.run();
  const std::vector<Event> expected{ev(EventKind::kOffer, 0, 1, 2), ev(EventKind::kReject, 0, 0, 2),
                                    ev(EventKind::kDeadline, 0, 0, 2)};
  CHECK(recorder.events() == expected);
  REQUIRE(b.proposals_seen().size() == 1);
  CHECK(b.proposals_seen()[0].time == 1.0);  // a single offer is at t = 1
  CHECK(b.proposals_seen()[0].last_offer);
}

TEST_CASE("negotiation: walking away ends the run with reservation values") {
  const Scenario scenario = five_option_pie(10);
  ScriptedAgent a({s(4)}, {kWalkAway});
  ScriptedAgent b({s(0)}, {kReject});
  treatysim::TraceRecorder recorder;
  Negotiation negotiation(scenario, {&a, &b}, 1, &recorder);
  const auto& result = negotiation.run();
  const std::vector<Event> expected{ev(EventKind::kOffer, 0, 0, 4), ev(EventKind::kReject, 0, 1, 4),
                                    ev(EventKind::kOffer, 1, 1, 0),
                                    ev(EventKind::kWalkAway, 1, 0, 0)};
  CHECK(recorder.events() == expected);
  CHECK(result.end == NegotiationEnd::kWalkAway);
  CHECK(result.offers == 2);
  CHECK_FALSE(result.agreement.has_value());
  CHECK(result.agreement_offer_index == -1);
  CHECK(result.utilities[0] == 0.3);
  CHECK(result.utilities[1] == 0.2);
  CHECK(result.discounted_utilities[0] == 0.3);
  CHECK(result.discounted_utilities[1] == 0.2);
}

TEST_CASE("negotiation: agreement at offer index r is worth delta^r * u") {
  // r = 3: b proposes s3 (a 0.75, b 0.25) and a accepts.
  // a: 0.9³ · 0.75 = 0.729 · 0.75 = 0.54675;  b: 0.8³ · 0.25 = 0.512 · 0.25 = 0.128.
  const Scenario scenario = five_option_pie(10);
  ScriptedAgent a({s(4), s(4)}, {kReject, kAccept});
  ScriptedAgent b({s(0), s(3)}, {kReject, kReject});
  Negotiation negotiation(scenario, {&a, &b}, 1);
  const auto& result = negotiation.run();
  CHECK(result.end == NegotiationEnd::kAgreement);
  CHECK(result.agreement_offer_index == 3);
  CHECK(result.offers == 4);
  CHECK(*result.agreement == s(3));
  CHECK(result.utilities[0] == doctest::Approx(0.75).epsilon(kTight));
  CHECK(result.utilities[1] == doctest::Approx(0.25).epsilon(kTight));
  CHECK(result.discounted_utilities[0] == doctest::Approx(0.54675).epsilon(kTight));
  CHECK(result.discounted_utilities[1] == doctest::Approx(0.128).epsilon(kTight));

  // Agreement on the very first offer is undiscounted (δ⁰ = 1).
  ScriptedAgent c({s(2)}, {});
  ScriptedAgent d({}, {kAccept});
  Negotiation first(scenario, {&c, &d}, 1);
  const auto& at_once = first.run();
  CHECK(at_once.agreement_offer_index == 0);
  CHECK(at_once.discounted_utilities[0] == 0.5);
  CHECK(at_once.discounted_utilities[1] == 0.5);
}

TEST_CASE("negotiation: step() performs one action at a time") {
  const Scenario scenario = five_option_pie(2);
  ScriptedAgent a({s(4)}, {kReject});
  ScriptedAgent b({s(1)}, {kReject});
  treatysim::TraceRecorder recorder;
  Negotiation negotiation(scenario, {&a, &b}, 1, &recorder);

  CHECK_FALSE(negotiation.done());
  CHECK(negotiation.step() == ev(EventKind::kOffer, 0, 0, 4));
  CHECK(negotiation.offers().size() == 1);
  CHECK(a.proposals_seen().size() == 1);
  CHECK(b.responses_seen().empty());  // the response is the next action
  CHECK(negotiation.step() == ev(EventKind::kReject, 0, 1, 4));
  CHECK_FALSE(negotiation.done());
  CHECK(negotiation.step() == ev(EventKind::kOffer, 1, 1, 1));
  CHECK_FALSE(negotiation.done());
  CHECK(recorder.events().size() == 3);
  // Rejecting the last offer: step() returns the deadline event; the listener saw both.
  CHECK(negotiation.step() == ev(EventKind::kDeadline, 1, 0, 1));
  CHECK(negotiation.done());
  CHECK(negotiation.result().end == NegotiationEnd::kDeadline);
  REQUIRE(recorder.events().size() == 5);
  CHECK(recorder.events()[3] == ev(EventKind::kReject, 1, 0, 1));

  // What the agents saw: the offers on record and the normalised time r/(deadline−1).
  REQUIRE(a.proposals_seen().size() == 1);
  CHECK(a.proposals_seen()[0].offer_index == 0);
  CHECK(a.proposals_seen()[0].offers_on_record == 0);
  CHECK(a.proposals_seen()[0].time == 0.0);
  CHECK_FALSE(a.proposals_seen()[0].last_offer);
  REQUIRE(a.responses_seen().size() == 1);
  CHECK(a.responses_seen()[0].offer_index == 1);
  CHECK(a.responses_seen()[0].offers_on_record == 2);
  CHECK(a.responses_seen()[0].time == 1.0);
  CHECK(a.responses_seen()[0].last_offer);
}

TEST_CASE("negotiation: agents are reset with their own derived seeds and what they may know") {
  const Scenario hidden = five_option_pie(4, 0, treatysim::Information::kPrivate);
  ScriptedAgent a({s(4), s(4)}, {kReject, kReject});
  ScriptedAgent b({s(0), s(0)}, {kReject, kReject});
  Negotiation negotiation(hidden, {&a, &b}, 42);
  CHECK(a.resets() == 1);
  CHECK(a.context().self == 0);
  CHECK(b.context().self == 1);
  CHECK(a.context().deadline == 4);
  CHECK(a.context().seed == treatysim::derive_seed(42, treatysim::kAgentStream, 0));
  CHECK(b.context().seed == treatysim::derive_seed(42, treatysim::kAgentStream, 1));
  CHECK(a.context().seed != b.context().seed);
  CHECK(a.context().own.reservation_value() == 0.3);
  CHECK(b.context().own.discount() == 0.8);
  CHECK_FALSE(a.context().complete_information());
  CHECK(a.context().opponent.party == nullptr);

  const Scenario open = five_option_pie(4, 0, treatysim::Information::kComplete);
  Negotiation complete(open, {&a, &b}, 42);
  REQUIRE(a.context().complete_information());
  CHECK(a.context().opponent.reservation_value() == 0.2);  // a sees b's preferences
  CHECK(b.context().opponent.reservation_value() == 0.3);
}

TEST_CASE("negotiation: restart() reproduces the same run, and resets the agents") {
  const Scenario scenario = five_option_pie(6);
  ScriptedAgent a({s(4), s(3), s(2)}, {kReject, kReject, kReject});
  ScriptedAgent b({s(0), s(1), s(2)}, {kReject, kReject, kAccept});
  treatysim::TraceRecorder recorder;
  Negotiation negotiation(scenario, {&a, &b}, 5, &recorder);
  const treatysim::NegotiationResult first = negotiation.run();
  const std::vector<Event> first_events = recorder.events();
  CHECK(first.end == NegotiationEnd::kAgreement);
  CHECK(first.agreement_offer_index == 4);

  recorder.clear();
  negotiation.restart(5);
  CHECK_FALSE(negotiation.done());
  CHECK(negotiation.offers().empty());
  CHECK(a.resets() == 2);
  CHECK(negotiation.run() == first);
  CHECK(recorder.events() == first_events);
}

TEST_CASE("negotiation: restart() with random agents: same seed same run, new seed new streams") {
  const Scenario scenario = five_option_pie(30);
  const auto& registry = treatysim::agents::builtin_registry();
  const auto a = registry.create("random(accept=0.2)");
  const auto b = registry.create("random(accept=0.2)");
  treatysim::TraceRecorder recorder;
  Negotiation negotiation(scenario, {a.get(), b.get()}, 11, &recorder);
  const treatysim::NegotiationResult first = negotiation.run();
  const std::vector<Event> first_events = recorder.events();
  for (int repeat = 0; repeat < 3; ++repeat) {
    recorder.clear();
    negotiation.restart(11);
    CHECK(negotiation.run() == first);
    CHECK(recorder.events() == first_events);
  }
  // Another seed changes at least one of 20 runs (each run has dozens of random draws).
  bool any_different = false;
  for (std::uint64_t seed = 12; seed < 32 && !any_different; ++seed) {
    recorder.clear();
    negotiation.restart(seed);
    negotiation.run();
    any_different = recorder.events() != first_events;
  }
  CHECK(any_different);
}

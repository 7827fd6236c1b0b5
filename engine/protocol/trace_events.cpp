// trace_events.cpp — the events of a saved trace file as engine Events (engine/protocol/trace.hpp).
#include <array>
#include <optional>

#include "engine/model/user_error.hpp"
#include "engine/protocol/trace.hpp"

namespace treatysim {

namespace {

constexpr std::array<EventKind, 5> kKinds{EventKind::kOffer, EventKind::kAccept, EventKind::kReject,
                                          EventKind::kWalkAway, EventKind::kDeadline};

[[noreturn]] void fail(const std::string& source, const std::string& key,
                       const std::string& message) {
  throw UserError(SourceLocation{source, 0, 0}, key, message);
}

}  // namespace

std::vector<Event> events_from_trace_json(const SavedTrace& saved, const std::string& source) {
  const Scenario& scenario = saved.scenario;
  const OutcomeSpace& space = scenario.space();
  const nlohmann::ordered_json& list = saved.json.at("events");
  std::vector<Event> events;
  events.reserve(list.size());
  std::optional<Outcome> last_offer;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string at = "events[" + std::to_string(k) + "]";
    const nlohmann::ordered_json& item = list[k];
    if (!item.is_object()) fail(source, at, "expected an object, got " + item.dump());
    Event event;

    const auto type = item.find("type");
    if (type == item.end() || !type->is_string()) {
      fail(source, at + ".type", "expected one of offer, accept, reject, walk_away, deadline");
    }
    bool known = false;
    for (const EventKind kind : kKinds) {
      if (event_kind_name(kind) == type->get<std::string>()) {
        event.kind = kind;
        known = true;
      }
    }
    if (!known) {
      fail(source, at + ".type",
           "expected one of offer, accept, reject, walk_away, deadline, got " + type->dump());
    }

    const auto offer = item.find("offer");
    if (offer == item.end() || !offer->is_number_integer() || offer->get<long long>() < 0 ||
        offer->get<long long>() >= scenario.protocol().deadline) {
      fail(source, at + ".offer",
           "expected an offer index from 0 to " + std::to_string(scenario.protocol().deadline - 1));
    }
    event.offer_index = offer->get<int>();

    const auto party = item.find("party");
    const PartyIndex p = party != item.end() && party->is_string()
                             ? scenario.find_party(party->get<std::string>())
                             : kPartyCount;
    if (p == kPartyCount) {
      fail(source, at + ".party",
           "expected \"" + scenario.party(0).id + "\" or \"" + scenario.party(1).id + "\"");
    }
    event.party = p;

    if (event.kind == EventKind::kOffer || event.kind == EventKind::kAccept) {
      const auto outcome = item.find("outcome");
      if (outcome == item.end() || !outcome->is_object()) {
        fail(source, at + ".outcome", "expected an object {issue id: option id}");
      }
      Outcome value(space.issue_count());
      for (std::size_t i = 0; i < space.issue_count(); ++i) {
        const Issue& issue = space.issue(i);
        const auto chosen = outcome->find(issue.id);
        const int index = chosen != outcome->end() && chosen->is_string()
                              ? issue.find_option(chosen->get<std::string>())
                              : -1;
        if (index < 0) {
          fail(source, at + ".outcome." + issue.id,
               "expected an option id of issue \"" + issue.id + "\"");
        }
        value.set(i, index);
      }
      event.outcome = value;
      if (event.kind == EventKind::kOffer) last_offer = value;
    } else {
      if (!last_offer) fail(source, at + ".type", "a response before any offer");
      event.outcome = *last_offer;
    }
    events.push_back(event);
  }
  return events;
}

}  // namespace treatysim

#include "engine/protocol/negotiation.hpp"

#include <cmath>

#include "engine/model/check.hpp"
#include "engine/model/random.hpp"
#include "engine/model/utility_index.hpp"

namespace treatysim {

std::string_view negotiation_end_name(NegotiationEnd end) noexcept {
  switch (end) {
    case NegotiationEnd::kRunning:
      return "running";
    case NegotiationEnd::kAgreement:
      return "agreement";
    case NegotiationEnd::kWalkAway:
      return "walk_away";
    case NegotiationEnd::kDeadline:
      return "deadline";
  }
  return "running";
}

std::string_view event_kind_name(EventKind kind) noexcept {
  switch (kind) {
    case EventKind::kOffer:
      return "offer";
    case EventKind::kAccept:
      return "accept";
    case EventKind::kReject:
      return "reject";
    case EventKind::kWalkAway:
      return "walk_away";
    case EventKind::kDeadline:
      return "deadline";
  }
  return "offer";
}

const UtilityIndex& NegotiationContext::own_index(const std::string& needed_by) const {
  return scenario->utility_index(self, needed_by);
}

const UtilityLevels& NegotiationContext::own_levels() const {
  return scenario->utility_levels(self);
}

Negotiation::Negotiation(const Scenario& scenario, std::array<Agent*, kPartyCount> agents,
                         std::uint64_t seed, EventListener* listener)
    : scenario_(scenario), agents_(agents), listener_(listener) {
  TREATYSIM_CHECK(agents_[0] != nullptr && agents_[1] != nullptr, "a negotiation needs two agents");
  TREATYSIM_CHECK(agents_[0] != agents_[1], "each party needs its own agent object");
  offers_.reserve(static_cast<std::size_t>(scenario_.protocol().deadline));
  restart(seed);
}

void Negotiation::restart(std::uint64_t seed, bool continue_series) {
  seed_ = seed;
  offers_.clear();
  result_ = NegotiationResult{};  // reservation values are set below
  offer_index_ = 0;
  awaiting_response_ = false;
  const bool complete = scenario_.protocol().information == Information::kComplete;
  result_.reservation_values = reservation_values_for(scenario_.def(), seed);
  const auto view = [this](PartyIndex q) {
    PartyView v{&scenario_.party(q), &scenario_.utility(q), std::nullopt};
    if (scenario_.party(q).reservation_distribution) {
      v.drawn_reservation = result_.reservation_values[q];
    }
    return v;
  };
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    NegotiationContext context;
    context.scenario = &scenario_;
    context.self = p;
    context.own = view(p);
    if (complete) context.opponent = view(other_party(p));
    context.deadline = scenario_.protocol().deadline;
    context.seed = derive_seed(seed, kAgentStream, p);
    if (continue_series) {
      agents_[p]->continue_series(context);
    } else {
      agents_[p]->reset(context);
    }
  }
}

NegotiationState Negotiation::state() const noexcept {
  return NegotiationState{offer_index_, scenario_.protocol().deadline,
                          std::span<const OfferRecord>(offers_.data(), offers_.size())};
}

void Negotiation::emit() {
  if (listener_ != nullptr) listener_->on_event(last_event_);
  agents_[0]->observe(last_event_);
  agents_[1]->observe(last_event_);
}

void Negotiation::finish(NegotiationEnd end) {
  result_.end = end;
  result_.offers = static_cast<int>(offers_.size());
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    const Preferences& prefs = scenario_.party(p).preferences;
    const double reservation = result_.reservation_values[p];
    if (end == NegotiationEnd::kAgreement) {
      const double u = scenario_.utility(p)(*result_.agreement);
      result_.utilities[p] = u;
      result_.discounted_utilities[p] = std::pow(prefs.discount, result_.agreement_offer_index) * u;
    } else {
      result_.utilities[p] = reservation;
      result_.discounted_utilities[p] = reservation;
    }
  }
}

const Event& Negotiation::step() {
  TREATYSIM_CHECK(!done(), "step() called on a finished negotiation");
  const PartyIndex proposer_party = proposer(offer_index_);
  if (!awaiting_response_) {
    const Outcome offer = agents_[proposer_party]->propose(state());
    TREATYSIM_CHECK(scenario_.space().contains(offer),
                    "an agent proposed an outcome outside the space");
    offers_.push_back(OfferRecord{offer, proposer_party});
    last_event_ = Event{EventKind::kOffer, offer_index_, proposer_party, offer};
    awaiting_response_ = true;
    emit();
    return last_event_;
  }
  const PartyIndex responder = other_party(proposer_party);
  const Outcome& offer = offers_.back().outcome;
  const Response response = agents_[responder]->respond(state(), offer);
  awaiting_response_ = false;
  switch (response) {
    case Response::kAccept:
      last_event_ = Event{EventKind::kAccept, offer_index_, responder, offer};
      result_.agreement = offer;
      result_.agreement_offer_index = offer_index_;
      finish(NegotiationEnd::kAgreement);
      emit();
      return last_event_;
    case Response::kWalkAway:
      last_event_ = Event{EventKind::kWalkAway, offer_index_, responder, offer};
      finish(NegotiationEnd::kWalkAway);
      emit();
      return last_event_;
    case Response::kReject:
      break;
  }
  last_event_ = Event{EventKind::kReject, offer_index_, responder, offer};
  emit();
  if (offer_index_ + 1 >= scenario_.protocol().deadline) {
    last_event_ = Event{EventKind::kDeadline, offer_index_, responder, offer};
    finish(NegotiationEnd::kDeadline);
    emit();
    return last_event_;
  }
  ++offer_index_;
  return last_event_;
}

const NegotiationResult& Negotiation::run() {
  while (!done()) step();
  return result_;
}

}  // namespace treatysim

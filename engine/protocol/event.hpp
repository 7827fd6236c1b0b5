// event.hpp — everything that happens in a negotiation.
//
// Front ends, traces and metrics are built from the event stream; nothing else is a source of
// truth. A negotiation emits, in order: offer (r = 0), then for each offer r either accept,
// walk_away, or reject followed by the responder's counter-offer r+1; a reject of the last
// offer (r = deadline−1) is followed by a deadline event.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/model/outcome.hpp"
#include "engine/model/scenario.hpp"

namespace treatysim {

enum class EventKind : std::uint8_t {
  kOffer,   // `party` proposes `outcome` as offer `offer_index`
  kAccept,  // `party` accepts offer `offer_index`: agreement on `outcome`
  kReject,  // `party` rejects offer `offer_index` (a counter-offer follows unless it was the last)
  kWalkAway,  // `party` walks away from offer `offer_index`: no agreement
  kDeadline,  // offer `offer_index` (the last) was rejected: no agreement
};

struct Event {
  EventKind kind = EventKind::kOffer;
  int offer_index = 0;
  PartyIndex party = 0;  // the acting party (for kDeadline: the party that rejected last)
  Outcome outcome;       // the offer concerned

  friend bool operator==(const Event&, const Event&) = default;
};

// "offer", "accept", "reject", "walk_away", "deadline".
[[nodiscard]] std::string_view event_kind_name(EventKind kind) noexcept;

// Receives events as they happen.
class EventListener {
 public:
  virtual ~EventListener() = default;
  virtual void on_event(const Event& event) = 0;
};

}  // namespace treatysim

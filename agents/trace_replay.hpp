// trace_replay.hpp — re-runs a saved trace through the engine, for `treatysim replay`.
//
// A side played by a strategy is re-created from its spec and decides again; a side played by a
// person (an interactive spec, "human", as the window and `treatysim play` record it) cannot
// decide again, so it is given its recorded decisions, in order (feed_recorded_decision). The
// re-run stops where the recorded decisions of the person end, and, for a trace saved while
// the negotiation was still running (result "end": "running"), after as many events as were
// saved. The caller compares the re-run's events and result with the saved ones.
#pragma once

#include <vector>

#include "agents/registry.hpp"
#include "engine/protocol/event.hpp"
#include "engine/protocol/trace.hpp"

namespace treatysim::agents {

// `recorded` are the saved trace's events (events_from_trace_json). Throws UserError when a
// strategy's spec cannot play its side. A recorded decision of a person that does not fit the
// re-run (another party's turn, a response where an offer is due) ends the re-run there, so
// the comparison shows the first difference.
[[nodiscard]] Trace rerun_trace(const SavedTrace& saved, const std::vector<Event>& recorded,
                                const Registry& registry);

}  // namespace treatysim::agents

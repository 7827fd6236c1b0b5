// trace_events.hpp — the events of a saved trace file, as engine Events, for replay in the window.
//
// load_trace_file (engine/trace.hpp) reads the scenario, seed and specs of a trace; the events
// are read here from its JSON ("events": [{"type", "offer", "party", "outcome"}]). Responses
// (reject, walk_away, deadline) carry no outcome in the file: they concern the last offer, whose
// outcome they get, as the engine's events do. The Session then feeds these decisions to the
// engine again and checks that the engine produces exactly these events.
#pragma once

#include <string>
#include <vector>

#include "engine/event.hpp"
#include "engine/trace.hpp"

namespace treatysim::gui {

// The events of `saved.json`; throws UserError naming `source` (the file) and the key
// ("events[3].party") with what was expected.
[[nodiscard]] std::vector<Event> events_from_trace_json(const SavedTrace& saved,
                                                        const std::string& source);

}  // namespace treatysim::gui

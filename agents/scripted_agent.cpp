#include "agents/scripted_agent.hpp"

#include <sstream>

#include "engine/model/scenario_toml.hpp"
#include "engine/model/tolerance.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::agents {

std::vector<Outcome> read_script(const std::string& path, const OutcomeSpace& space) {
  std::istringstream in(read_text_file(path));
  std::vector<Outcome> script;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::string error;
    const auto outcome = space.parse(line.substr(first), &error);
    if (!outcome)
      throw UserError(SourceLocation{path, number, static_cast<int>(first) + 1}, "", error);
    script.push_back(*outcome);
  }
  if (script.empty())
    throw UserError(SourceLocation{path, 0, 0}, "",
                    "the script has no outcomes (one per line, e.g. \"" +
                        space.format(Outcome(space.issue_count())) + "\")");
  return script;
}

void ScriptedAgent::reset(const NegotiationContext& context) {
  context_ = context;
  if (loaded_hash_ != context.scenario->content_hash()) {
    script_ = read_script(path_, context.space());
    loaded_hash_ = context.scenario->content_hash();
  }
}

const Outcome& ScriptedAgent::line_for(int offer_index) const {
  const int first = context_.scenario->protocol().first_mover == context_.self ? 0 : 1;
  const auto k = static_cast<std::size_t>(std::max(0, (offer_index - first) / 2));
  return script_[std::min(k, script_.size() - 1)];
}

Outcome ScriptedAgent::propose(const NegotiationState& state) {
  return line_for(state.offer_index);
}

Response ScriptedAgent::respond(const NegotiationState& state, const Outcome& offer) {
  const UtilityFunction& own = *context_.own.utility;
  const double u = own(offer);
  if (acceptance_ == ScriptedAcceptance::kNever ||
      !utility_at_least(u, context_.own.reservation_value())) {
    return Response::kReject;
  }
  if (acceptance_ == ScriptedAcceptance::kAlways || state.last_offer()) return Response::kAccept;
  return utility_at_least(u, own(line_for(state.offer_index + 1))) ? Response::kAccept
                                                                   : Response::kReject;
}

}  // namespace treatysim::agents

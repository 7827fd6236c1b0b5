// play_command.cpp — `treatysim play`: bargain against an agent in the terminal.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <istream>
#include <memory>
#include <ostream>

#include "agents/human_agent.hpp"
#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_setup.hpp"
#include "engine/analysis/bargaining.hpp"
#include "engine/analysis/pareto.hpp"
#include "engine/model/reservation.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/negotiation.hpp"

namespace treatysim::cli {

namespace {

// The person's input ended: the game is abandoned.
struct InputEnded {};

std::string fixed3(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

std::string signed3(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.3f", value);
  return buffer;
}

std::string trim_lower(std::string text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  text = text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
  std::string lower;
  for (const char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

class TerminalGame final : public EventListener {
 public:
  TerminalGame(const Scenario& scenario, PartyIndex human, std::istream& in, std::ostream& out,
               bool echo)
      : scenario_(scenario),
        human_(human),
        agent_(other_party(human)),
        in_(in),
        out_(out),
        echo_(echo) {}

  // Prints what the agent just did (the person's own moves are echoed where they are made).
  void on_event(const Event& event) override {
    if (event.party == human_ && event.kind != EventKind::kDeadline) return;
    const std::string agent_name = scenario_.party(agent_).name;
    switch (event.kind) {
      case EventKind::kOffer:
        break;  // shown when the person is asked to respond
      case EventKind::kAccept:
        out_ << agent_name << " accepts your offer.\n";
        break;
      case EventKind::kReject:
        out_ << agent_name << " rejects your offer.\n";
        break;
      case EventKind::kWalkAway:
        out_ << agent_name << " walks away.\n";
        break;
      case EventKind::kDeadline:
        out_ << "The deadline has passed without agreement.\n";
        break;
    }
  }

  std::string ask(const std::string& prompt) {
    out_ << prompt << std::flush;
    std::string line;
    if (!std::getline(in_, line)) throw InputEnded{};
    if (echo_) out_ << line << "\n";  // input from a file or pipe: show it, as a terminal would
    return line;
  }

  // Shows an outcome clause by clause with what it is worth to the person (and to the agent under
  // complete information, or when `reveal` is set for the debriefing).
  void show_outcome(const Outcome& outcome, bool reveal = false) {
    const OutcomeSpace& space = scenario_.space();
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Option& option = space.issue(i).options[static_cast<std::size_t>(outcome[i])];
      out_ << "    " << space.issue(i).label << ": " << option.id;
      if (option.label != option.id) out_ << " (" << option.label << ")";
      out_ << "\n";
    }
    out_ << "    worth " << fixed3(scenario_.utility(human_)(outcome)) << " to you";
    if (complete() || reveal) {
      out_ << ", " << fixed3(scenario_.utility(agent_)(outcome)) << " to "
           << scenario_.party(agent_).name;
    }
    out_ << "\n";
  }

  Response ask_response(const Negotiation& negotiation) {
    const Outcome& offer = negotiation.offers().back().outcome;
    out_ << "\n"
         << scenario_.party(agent_).name << " offers (offer " << negotiation.offer_index() << " of "
         << scenario_.protocol().deadline << "):\n";
    show_outcome(offer);
    const bool last = negotiation.offer_index() + 1 >= scenario_.protocol().deadline;
    if (last)
      out_ << "  This is the last offer: rejecting it ends the negotiation without agreement.\n";
    while (true) {
      const std::string answer =
          trim_lower(ask(last ? "Accept (a), reject (r) or walk away (w)? "
                              : "Accept (a), counter-offer (c) or walk away (w)? "));
      if (answer == "a" || answer == "accept") return Response::kAccept;
      if (answer == "w" || answer == "walk" || answer == "walk away") return Response::kWalkAway;
      if (answer == "c" || answer == "counter" || answer == "r" || answer == "reject")
        return Response::kReject;
      out_ << "  Please type a, " << (last ? "r" : "c") << " or w.\n";
    }
  }

  Outcome ask_offer(const Negotiation& negotiation) {
    const OutcomeSpace& space = scenario_.space();
    const UtilityFunction& mine = scenario_.utility(human_);
    const UtilityFunction& theirs = scenario_.utility(agent_);
    Outcome offer = previous_offer_ ? *previous_offer_ : mine.best_outcome();
    out_ << "\nYour offer (offer " << negotiation.offer_index() << " of "
         << scenario_.protocol().deadline
         << "). For each clause type an option's number or id; Enter keeps [the marked one].\n";
    for (std::size_t i = 0; i < space.issue_count(); ++i) {
      const Issue& issue = space.issue(i);
      out_ << "  " << issue.label << ":\n";
      std::size_t width = 0;
      for (const Option& option : issue.options) {
        width = std::max(
            width, option.id.size() + (option.label != option.id ? option.label.size() + 2 : 0));
      }
      for (std::size_t o = 0; o < issue.size(); ++o) {
        const Option& option = issue.options[o];
        const auto oi = static_cast<int>(o);
        std::string name = option.id + (option.label != option.id ? "  " + option.label : "");
        name.resize(width, ' ');
        out_ << "    " << (offer[i] == oi ? "[" : " ") << o << (offer[i] == oi ? "]" : " ") << " "
             << name;
        out_ << "   you " << signed3(mine.contribution(i, oi));
        if (complete()) out_ << ", them " << signed3(theirs.contribution(i, oi));
        out_ << "\n";
      }
      while (true) {
        const std::string raw = ask("  > ");
        const std::string answer = trim_lower(raw);
        if (answer.empty()) break;
        int chosen = -1;
        for (std::size_t o = 0; o < issue.size(); ++o) {
          if (answer == std::to_string(o) || answer == trim_lower(issue.options[o].id))
            chosen = static_cast<int>(o);
        }
        if (chosen >= 0) {
          offer.set(i, chosen);
          break;
        }
        out_ << "  \"" << raw << "\" is not an option here: type 0-" << issue.size() - 1
             << " or an option id.\n";
      }
    }
    out_ << "You offer:\n";
    show_outcome(offer);
    previous_offer_ = offer;
    return offer;
  }

  void summary(const Negotiation& negotiation) {
    const NegotiationResult& result = negotiation.result();
    out_ << "\n=== Result ===\n";
    // This negotiation's reservation values (drawn from its seed when the scenario draws them).
    const std::array<double, kPartyCount>& d = result.reservation_values;
    if (result.agreement) {
      out_ << "Agreement on offer " << result.agreement_offer_index << ":\n";
      show_outcome(*result.agreement, true);
    } else {
      out_ << "No agreement: each side gets its reservation value.\n";
    }
    if (has_drawn_reservations(scenario_.def())) {
      out_ << "  the reservation values drawn for this negotiation: yours " << fixed3(d[human_])
           << ", " << scenario_.party(agent_).name << "'s " << fixed3(d[agent_]) << "\n";
    }
    out_ << "  your payoff " << fixed3(result.discounted_utilities[human_]) << ", "
         << scenario_.party(agent_).name << "'s " << fixed3(result.discounted_utilities[agent_])
         << "\n";
    if (!scenario_.space().enumerable()) return;
    const std::vector<OutcomePoint> points = enumerate_outcomes(scenario_);
    const auto nash = bargaining_solution(points, d, BargainingSolution::kNash);
    if (nash) {
      out_ << "\nThe Nash bargaining solution (the deal that maximises the product of both gains "
              "over no deal):\n";
      show_outcome(nash->outcome, true);
      out_ << "  Your result is "
           << signed3(result.discounted_utilities[human_] - nash->utilities[human_])
           << " for you and "
           << signed3(result.discounted_utilities[agent_] - nash->utilities[agent_]) << " for "
           << scenario_.party(agent_).name << " compared with it.\n";
    } else {
      out_
          << "\nNo outcome is acceptable to both sides, so there is no Nash bargaining solution.\n";
    }
    if (result.agreement) {
      const std::array<double, kPartyCount> deal{scenario_.utility(0)(*result.agreement),
                                                 scenario_.utility(1)(*result.agreement)};
      // A frontier point that dominates the deal, if any; else any outcome that does (dominance
      // within the 1e-9 tolerance is not transitive, so the frontier alone could miss one).
      std::vector<OutcomePoint> candidates = pareto_frontier(points);
      candidates.insert(candidates.end(), points.begin(), points.end());
      for (const OutcomePoint& p : candidates) {
        if (dominates(p.utilities, deal)) {
          out_ << "Your deal is not Pareto-optimal: " << scenario_.space().format(p.outcome)
               << " is worth " << fixed3(p.utilities[human_]) << " to you and "
               << fixed3(p.utilities[agent_]) << " to " << scenario_.party(agent_).name
               << ", better for one side and no worse for the other.\n";
          return;
        }
      }
      out_ << "Your deal is Pareto-optimal: no other outcome is better for one side without being "
              "worse for the other.\n";
    }
  }

 private:
  [[nodiscard]] bool complete() const noexcept {
    return scenario_.protocol().information == Information::kComplete;
  }

  const Scenario& scenario_;
  PartyIndex human_;
  PartyIndex agent_;
  std::istream& in_;
  std::ostream& out_;
  bool echo_;
  std::optional<Outcome> previous_offer_;
};

}  // namespace

int play_command(const PlayOptions& options, std::istream& in, std::ostream& out) {
  const Scenario scenario = load_scenario(options.scenario, options.deadline);
  const PartyIndex human = scenario.find_party(options.as);
  if (human == kPartyCount) {
    throw UserError("--as: the scenario has no party \"" + options.as + "\" (its parties are \"" +
                    scenario.party(0).id + "\" and \"" + scenario.party(1).id + "\")");
  }
  const PartyIndex agent_party = other_party(human);
  const auto& registry = agents::builtin_registry();
  AgentOverrides overrides;
  if (options.against) {
    // A malformed or unknown spec is reported by resolve_agents below; a person is refused here.
    bool person = false;
    std::string name;
    try {
      const Spec against = parse_spec(*options.against);
      person = registry.traits(against).interactive;
      name = against.name;
    } catch (const UserError&) {
      person = false;
    }
    if (person) throw UserError("--against: the opponent must be an agent, not \"" + name + "\"");
    overrides.assignments.push_back(scenario.party(agent_party).id + "=" + *options.against);
  }
  const auto specs = resolve_agents(scenario, overrides);
  agents::HumanAgent person;
  std::unique_ptr<Agent> agent = registry.create(specs[agent_party]);
  std::array<Agent*, kPartyCount> seats{};
  seats[human] = &person;
  seats[agent_party] = agent.get();

  TerminalGame game(scenario, human, in, out, options.echo_input);
  Negotiation negotiation(scenario, seats, options.seed, &game);
  const PartyDef& me = scenario.party(human);
  const PartyDef& them = scenario.party(agent_party);
  // This negotiation's value: fixed, or drawn from its seed (the person sees only their own).
  const double reservation = negotiation.result().reservation_values[human];
  out << scenario.title() << "\n\nYou are " << me.name << " (" << me.id << "). No deal is worth "
      << fixed3(reservation) << " to you (your reservation value"
      << (me.reservation_distribution ? ", drawn for this negotiation from " +
                                            describe_reservation(*me.reservation_distribution)
                                      : std::string())
      << ").\n"
      << them.name << " is played by " << specs[agent_party].to_string() << ". The deadline is "
      << scenario.protocol().deadline << " offers; "
      << scenario.party(scenario.protocol().first_mover).name << " moves first.\n"
      << (scenario.protocol().information == Information::kComplete
              ? "Information is complete: you see what each option is worth to both sides.\n"
              : "Information is private: you see only what options are worth to you.\n");
  try {
    while (!negotiation.done()) {
      if (negotiation.next_actor() == human) {
        if (negotiation.awaiting_response()) {
          person.set_response(game.ask_response(negotiation));
        } else {
          person.set_offer(game.ask_offer(negotiation));
        }
      }
      negotiation.step();
    }
  } catch (const InputEnded&) {
    out << "\nInput ended: the game is abandoned without agreement.\n";
    return 0;
  }
  game.summary(negotiation);
  return 0;
}

}  // namespace treatysim::cli

// builtin.cpp — the one explicit list of built-in strategies and components.
//
// Negotiators first (the order `treatysim agents` shows), then BOA components by kind.
#include <functional>
#include <memory>

#include "agents/ac_next.hpp"
#include "agents/bandit_agent.hpp"
#include "agents/bayesian_model.hpp"
#include "agents/boa_agent.hpp"
#include "agents/compliance/always.hpp"
#include "agents/compliance/generous_tit_for_tat.hpp"
#include "agents/compliance/grim_trigger.hpp"
#include "agents/compliance/random_policy.hpp"
#include "agents/compliance/tit_for_tat_policy.hpp"
#include "agents/compliance/win_stay_lose_shift.hpp"
#include "agents/equilibrium_agent.hpp"
#include "agents/frequency_model.hpp"
#include "agents/human_agent.hpp"
#include "agents/nash_seeker.hpp"
#include "agents/nice_tit_for_tat.hpp"
#include "agents/om_bidding.hpp"
#include "agents/perfect_model.hpp"
#include "agents/random_agent.hpp"
#include "agents/registry.hpp"
#include "agents/scripted_agent.hpp"
#include "agents/time_dependent.hpp"
#include "agents/time_dependent_bidding.hpp"
#include "agents/tit_for_tat.hpp"
#include "agents/zeng_sycara_model.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::agents {

namespace {

// [SECTION] Parameter helpers --------------------------------------------------------------

ParameterInfo number(std::string name, double default_value, double min, double max,
                     std::string description) {
  ParameterInfo p;
  p.name = std::move(name);
  p.type = ParameterType::kNumber;
  p.default_number = default_value;
  p.min = min;
  p.max = max;
  p.description = std::move(description);
  return p;
}

ParameterInfo integer(std::string name, double default_value, double min, double max,
                      std::string description) {
  ParameterInfo p = number(std::move(name), default_value, min, max, std::move(description));
  p.type = ParameterType::kInteger;
  return p;
}

ParameterInfo text(std::string name, std::string default_value, std::vector<std::string> choices,
                   std::string description) {
  ParameterInfo p;
  p.name = std::move(name);
  p.type = ParameterType::kString;
  p.default_text = std::move(default_value);
  p.choices = std::move(choices);
  p.description = std::move(description);
  return p;
}

ParameterInfo component(std::string name, ComponentKind kind, std::string default_spec,
                        std::string description) {
  ParameterInfo p;
  p.name = std::move(name);
  p.type = ParameterType::kSpec;
  p.spec_kind = kind;
  p.default_text = std::move(default_spec);
  p.description = std::move(description);
  return p;
}

StrategyInfo entry(std::string name, ComponentKind kind, std::string description,
                   std::string source) {
  StrategyInfo info;
  info.name = std::move(name);
  info.kind = kind;
  info.description = std::move(description);
  info.source = std::move(source);
  return info;
}

constexpr const char* kFaratin =
    "Faratin, Sierra & Jennings 1998, Robotics and Autonomous Systems 24; GENIUS "
    "TimeDependentAgent";
constexpr const char* kBoa =
    "Baarslag et al. 2014, BOA framework (Novel Insights in Agent-based Complex Automated "
    "Negotiation)";
constexpr const char* kAcceptance = "Baarslag, Hindriks & Jonker 2014, Decision Support Systems 60";
constexpr const char* kHardHeaded = "van Krimpen, Looije & Hajizadeh 2013, HardHeaded (ANAC 2011)";

std::vector<ParameterInfo> faratin_parameters(double default_e, double default_k, double min_k) {
  return {number("e", default_e, 0.0, 100.0,
                 "concession exponent: < 1 Boulware (concede late), 1 linear, > 1 Conceder, 0 "
                 "never concede"),
          number("k", default_k, min_k, 1.0,
                 "initial concession: fraction of the range conceded at t = 0")};
}

ParameterInfo window_parameter() {
  return integer("window", 1, 1, 20, "opponent offers over which its concession is averaged");
}
ParameterInfo band_parameter(double default_band) {
  return number("band", default_band, 0.0, 1.0,
                "utility band above the target searched with an opponent model");
}

// [SECTION] Negotiators ---------------------------------------------------------------------

void add_time_dependent(Registry& registry, std::string name, std::string description,
                        ConcessionFamily family, double default_e, double default_k, double min_k) {
  StrategyInfo info =
      entry(std::move(name), ComponentKind::kNegotiator, std::move(description), kFaratin);
  info.parameters = faratin_parameters(default_e, default_k, min_k);
  info.create_negotiator = [family](const Parameters& p, const Registry&) {
    return std::make_unique<TimeDependentAgent>(family, p.number("e"), p.number("k"));
  };
  registry.add(std::move(info));
}

std::unique_ptr<Agent> make_boa(std::unique_ptr<BiddingStrategy> bidding,
                                std::unique_ptr<AcceptanceCondition> acceptance,
                                std::unique_ptr<OpponentModel> model) {
  return std::make_unique<BoaAgent>(std::move(bidding), std::move(acceptance), std::move(model));
}

void add_tit_for_tat_negotiator(Registry& registry, std::string name, ImitationMode mode,
                                std::string description) {
  StrategyInfo info =
      entry(std::move(name), ComponentKind::kNegotiator, std::move(description),
            "Faratin, Sierra & Jennings 1998 (behaviour-dependent tactics); Axelrod 1984");
  info.parameters = {window_parameter(), band_parameter(0.05)};
  info.create_negotiator = [mode](const Parameters& p, const Registry&) {
    return make_boa(std::make_unique<TitForTatBidding>(mode, p.integer("window"), p.number("band")),
                    std::make_unique<AcNext>(1.0, 0.0), nullptr);
  };
  registry.add(std::move(info));
}

void add_negotiators(Registry& registry) {
  const auto poly = ConcessionFamily::kPolynomial;
  add_time_dependent(registry, "time_dependent",
                     "concedes from its best outcome toward its reservation value as t^(1/e)", poly,
                     1.0, 0.0, 0.0);
  add_time_dependent(registry, "time_dependent_exp",
                     "exponential time-dependent concession: alpha = exp((1-t)^e ln k)",
                     ConcessionFamily::kExponential, 1.0, 0.01, 1e-6);
  add_time_dependent(registry, "boulware", "holds firm and concedes late (time_dependent, e = 0.2)",
                     poly, 0.2, 0.0, 0.0);
  add_time_dependent(registry, "linear", "concedes at a constant rate (time_dependent, e = 1)",
                     poly, 1.0, 0.0, 0.0);
  add_time_dependent(registry, "conceder", "concedes early (time_dependent, e = 2)", poly, 2.0, 0.0,
                     0.0);
  add_time_dependent(registry, "hardliner",
                     "never concedes: always offers its best outcome (time_dependent, e = 0)", poly,
                     0.0, 0.0, 0.0);

  StrategyInfo random = entry(
      "random", ComponentKind::kNegotiator,
      "offers uniformly random outcomes it finds acceptable; accepts acceptable offers at random",
      "GENIUS / NegMAS random baseline");
  random.traits.stochastic = true;
  random.parameters = {
      number("accept", 0.1, 0.0, 1.0,
             "probability of accepting an offer worth at least the reservation value"),
      number("walk_away", 0.0, 0.0, 1.0,
             "probability of walking away instead of answering an offer"),
  };
  random.create_negotiator = [](const Parameters& p, const Registry&) {
    return std::make_unique<RandomAgent>(p.number("accept"), p.number("walk_away"));
  };
  registry.add(std::move(random));

  StrategyInfo boa = entry(
      "boa", ComponentKind::kNegotiator,
      "composes a bidding strategy, an acceptance condition and an optional opponent model", kBoa);
  boa.parameters = {
      component("bidding", ComponentKind::kBidding, "time_dependent", "the bidding strategy"),
      component("acceptance", ComponentKind::kAcceptance, "ac_next", "the acceptance condition"),
      component("model", ComponentKind::kOpponentModel, "none",
                "the opponent model (none: no model)"),
  };
  boa.create_negotiator = [](const Parameters& p, const Registry& r) {
    return make_boa(r.make_bidding(p.spec("bidding")), r.make_acceptance(p.spec("acceptance")),
                    r.make_model(p.spec("model")));
  };
  registry.add(std::move(boa));

  add_tit_for_tat_negotiator(
      registry, "relative_tit_for_tat", ImitationMode::kRelative,
      "mirrors the opponent's concession as a ratio of the utility it denies; AC_next");
  add_tit_for_tat_negotiator(
      registry, "absolute_tit_for_tat", ImitationMode::kAbsolute,
      "mirrors the opponent's concession in utility, step for step; AC_next");

  StrategyInfo nice =
      entry("nice_tit_for_tat", ComponentKind::kNegotiator,
            "reciprocates concessions toward the estimated Nash point, bidding Pareto-efficiently",
            "Baarslag, Hindriks & Jonker 2011, The Tit for Tat strategy can be nice (CIA XV)");
  nice.traits.uses_opponent_model = true;
  nice.parameters = {band_parameter(0.05),
                     number("learning_rate", 0.2, 0.0, 1.0,
                            "frequency model: weight added to each issue the opponent kept")};
  nice.create_negotiator = [](const Parameters& p, const Registry&) {
    return make_boa(std::make_unique<NiceTitForTatBidding>(p.number("band")),
                    std::make_unique<AcNext>(1.0, 0.0),
                    std::make_unique<FrequencyModel>(p.number("learning_rate")));
  };
  registry.add(std::move(nice));

  StrategyInfo follower =
      entry("pareto_follower", ComponentKind::kNegotiator,
            "Boulware-paced target; offers the outcome near it that the frequency model rates best "
            "for the opponent; AC_combi",
            kHardHeaded);
  follower.traits.uses_opponent_model = true;
  follower.parameters = {
      number("e", 0.2, 0.0, 100.0, "concession exponent of the target (time_dependent)"),
      number("window", 0.1, 0.0, 1.0,
             "utility band above the target searched for the opponent's favourite"),
      number("learning_rate", 0.2, 0.0, 1.0,
             "frequency model: weight added to each issue the opponent kept"),
  };
  follower.create_negotiator = [](const Parameters& p, const Registry&) {
    return make_boa(std::make_unique<OpponentModelBidding>(
                        std::make_unique<TimeDependentBidding>(ConcessionFamily::kPolynomial,
                                                               p.number("e"), 0.0),
                        p.number("window")),
                    std::make_unique<AcCombi>(1.0, 0.0, 1.0, 0.98),
                    std::make_unique<FrequencyModel>(p.number("learning_rate")));
  };
  registry.add(std::move(follower));

  StrategyInfo equilibrium =
      entry("equilibrium", ComponentKind::kNegotiator,
            "plays the subgame-perfect equilibrium of the finite-horizon game (backward induction)",
            "Rubinstein 1982; Stahl 1972");
  equilibrium.traits.needs_complete_information = true;
  equilibrium.create_negotiator = [](const Parameters&, const Registry&) {
    return std::make_unique<EquilibriumAgent>();
  };
  registry.add(std::move(equilibrium));

  StrategyInfo nash =
      entry("nash_seeker", ComponentKind::kNegotiator,
            "concedes along the exact Pareto frontier toward the Nash bargaining solution",
            "Nash 1950; pace from Faratin et al. 1998");
  nash.traits.needs_complete_information = true;
  nash.parameters = {
      number("e", 1.0, 0.0, 100.0, "pace toward the Nash point: < 1 late, > 1 early")};
  nash.create_negotiator = [](const Parameters& p, const Registry&) {
    return std::make_unique<NashSeeker>(p.number("e"));
  };
  registry.add(std::move(nash));

  StrategyInfo bandit =
      entry("bandit", ComponentKind::kNegotiator,
            "learns across a series which concession exponent pays best (UCB1 or EXP3)",
            "Auer, Cesa-Bianchi & Fischer 2002 (UCB1); Auer et al. 2002 (EXP3)");
  bandit.traits.stochastic = true;
  bandit.traits.learns_across_series = true;
  bandit.parameters = {
      text("algorithm", "ucb1", {"ucb1", "exp3"}, "the bandit rule"),
      text("arms", "0.1,0.25,0.5,1,2,4", {},
           "concession exponents e to choose among, comma-separated, each in [0, 100]"),
      number("exploration", 1.4142135623730951, 0.0, 10.0, "UCB1's exploration constant c"),
      number("gamma", 0.1, 1e-6, 1.0, "EXP3's exploration share"),
  };
  bandit.create_negotiator = [](const Parameters& p, const Registry&) {
    return std::make_unique<BanditAgent>(
        p.text("algorithm") == "exp3" ? BanditAlgorithm::kExp3 : BanditAlgorithm::kUcb1,
        parse_arms(p.text("arms")), p.number("exploration"), p.number("gamma"));
  };
  bandit.check_scenario = [](const Parameters& p, const Scenario&, PartyIndex) {
    static_cast<void>(parse_arms(p.text("arms")));
  };
  registry.add(std::move(bandit));

  StrategyInfo scripted = entry("scripted", ComponentKind::kNegotiator,
                                "plays a list of outcomes from a file, one per line",
                                "treatysim (demonstrations, tests)");
  scripted.parameters = {
      text("file", "", {},
           "path of the script: one outcome per line as option ids, e.g. S0/IP1/D1/G1/T2"),
      text("accept", "next", {"never", "always", "next"},
           "never; always (if individually rational); next (AC_next)"),
  };
  scripted.create_negotiator = [](const Parameters& p, const Registry&) {
    const std::string& a = p.text("accept");
    const ScriptedAcceptance acceptance = a == "never"    ? ScriptedAcceptance::kNever
                                          : a == "always" ? ScriptedAcceptance::kAlways
                                                          : ScriptedAcceptance::kNext;
    return std::make_unique<ScriptedAgent>(p.text("file"), acceptance);
  };
  scripted.check_scenario = [](const Parameters& p, const Scenario& scenario, PartyIndex) {
    static_cast<void>(read_script(p.text("file"), scenario.space()));
  };
  registry.add(std::move(scripted));

  StrategyInfo human = entry("human", ComponentKind::kNegotiator,
                             "a person decides through a front end (treatysim play)", "treatysim");
  human.traits.interactive = true;
  human.create_negotiator = [](const Parameters&, const Registry&) {
    return std::make_unique<HumanAgent>();
  };
  registry.add(std::move(human));
}

// [SECTION] Components ------------------------------------------------------------------------

void add_components(Registry& registry) {
  for (const bool exponential : {false, true}) {
    StrategyInfo td =
        entry(exponential ? "time_dependent_exp" : "time_dependent", ComponentKind::kBidding,
              "Faratin time-dependent target; bids the smallest own utility reaching it", kFaratin);
    td.parameters =
        exponential ? faratin_parameters(1.0, 0.01, 1e-6) : faratin_parameters(1.0, 0.0, 0.0);
    const ConcessionFamily family =
        exponential ? ConcessionFamily::kExponential : ConcessionFamily::kPolynomial;
    td.create_bidding = [family](const Parameters& p, const Registry&) {
      return std::make_unique<TimeDependentBidding>(family, p.number("e"), p.number("k"));
    };
    registry.add(std::move(td));
  }
  for (const bool relative : {true, false}) {
    StrategyInfo tft =
        entry(relative ? "relative_tit_for_tat" : "absolute_tit_for_tat", ComponentKind::kBidding,
              relative ? "imitates the opponent's concession as a ratio"
                       : "imitates the opponent's concession in utility",
              "Faratin, Sierra & Jennings 1998 (behaviour-dependent tactics)");
    tft.parameters = {window_parameter(), band_parameter(0.05)};
    const ImitationMode mode = relative ? ImitationMode::kRelative : ImitationMode::kAbsolute;
    tft.create_bidding = [mode](const Parameters& p, const Registry&) {
      return std::make_unique<TitForTatBidding>(mode, p.integer("window"), p.number("band"));
    };
    registry.add(std::move(tft));
  }
  StrategyInfo nice = entry("nice_tit_for_tat", ComponentKind::kBidding,
                            "reciprocates concessions toward the estimated Nash point",
                            "Baarslag, Hindriks & Jonker 2011");
  nice.traits.uses_opponent_model = true;
  nice.parameters = {band_parameter(0.05)};
  nice.create_bidding = [](const Parameters& p, const Registry&) {
    return std::make_unique<NiceTitForTatBidding>(p.number("band"));
  };
  registry.add(std::move(nice));

  StrategyInfo om = entry(
      "om_bidding", ComponentKind::kBidding,
      "keeps another strategy's target; offers the outcome near it the opponent model rates best",
      kBoa);
  om.traits.uses_opponent_model = true;
  om.parameters = {
      component("target", ComponentKind::kBidding, "time_dependent(e=0.2)",
                "the strategy whose target is kept"),
      number("window", 0.1, 0.0, 1.0, "utility band above the target that is searched")};
  om.create_bidding = [](const Parameters& p, const Registry& r) {
    return std::make_unique<OpponentModelBidding>(r.make_bidding(p.spec("target")),
                                                  p.number("window"));
  };
  registry.add(std::move(om));

  StrategyInfo next = entry("ac_next", ComponentKind::kAcceptance,
                            "accept if a*u(offer) + b >= u(my next bid)", kAcceptance);
  next.parameters = {number("a", 1.0, 0.0, 10.0, "scale applied to the offer's utility"),
                     number("b", 0.0, -1.0, 1.0, "offset added to it")};
  next.create_acceptance = [](const Parameters& p, const Registry&) {
    return std::make_unique<AcNext>(p.number("a"), p.number("b"));
  };
  registry.add(std::move(next));

  StrategyInfo constant =
      entry("ac_const", ComponentKind::kAcceptance, "accept if u(offer) >= c", kAcceptance);
  constant.parameters = {number("c", 0.8, 0.0, 1.0, "utility that is always enough")};
  constant.create_acceptance = [](const Parameters& p, const Registry&) {
    return std::make_unique<AcConst>(p.number("c"));
  };
  registry.add(std::move(constant));

  StrategyInfo time = entry("ac_time", ComponentKind::kAcceptance,
                            "accept anything once normalised time >= t", kAcceptance);
  time.parameters = {number(
      "t", 0.99, 0.0, 1.0, "normalised time after which any individually rational offer is taken")};
  time.create_acceptance = [](const Parameters& p, const Registry&) {
    return std::make_unique<AcTime>(p.number("t"));
  };
  registry.add(std::move(time));

  StrategyInfo combi =
      entry("ac_combi", ComponentKind::kAcceptance,
            "AC_next, or u >= c, or after time t an offer at least the best received so far",
            kAcceptance);
  combi.parameters = {
      number("a", 1.0, 0.0, 10.0, "AC_next scale"), number("b", 0.0, -1.0, 1.0, "AC_next offset"),
      number("c", 1.0, 0.0, 1.0, "a utility that is always enough (1: off)"),
      number("t", 0.98, 0.0, 1.0, "time after which the best offer so far is enough")};
  combi.create_acceptance = [](const Parameters& p, const Registry&) {
    return std::make_unique<AcCombi>(p.number("a"), p.number("b"), p.number("c"), p.number("t"));
  };
  registry.add(std::move(combi));

  StrategyInfo frequency = entry(
      "frequency", ComponentKind::kOpponentModel,
      "learns issue weights and option values from how often the opponent keeps and offers them",
      kHardHeaded);
  frequency.traits.uses_opponent_model = true;
  frequency.parameters = {
      number("learning_rate", 0.2, 0.0, 1.0, "weight added to each issue the opponent kept")};
  frequency.create_model = [](const Parameters& p, const Registry&) {
    return std::make_unique<FrequencyModel>(p.number("learning_rate"));
  };
  registry.add(std::move(frequency));

  StrategyInfo bayesian =
      entry("bayesian", ComponentKind::kOpponentModel,
            "Bayesian learning over issue-weight rankings and evaluation-function shapes, "
            "assuming the opponent concedes over time",
            "Hindriks & Tykhonov 2008, Opponent modelling in automated multi-issue negotiation "
            "using Bayesian learning (AAMAS)");
  bayesian.traits.uses_opponent_model = true;
  bayesian.parameters = {
      number("sigma", 0.25, 0.01, 1.0, "standard deviation of the likelihood"),
      number(
          "concession", 0.2, 0.0, 1.0,
          "assumed concession: the opponent's utility of its offer at time t is 1 - concession*t")};
  bayesian.create_model = [](const Parameters& p, const Registry&) {
    return std::make_unique<BayesianModel>(p.number("sigma"), p.number("concession"));
  };
  registry.add(std::move(bayesian));

  StrategyInfo zeng = entry(
      "zeng_sycara", ComponentKind::kOpponentModel,
      "estimates the opponent's reservation value by Bayesian updates over candidate values from "
      "its concession curve; utilities from an inner model",
      "Zeng & Sycara 1998, Bayesian learning in negotiation (Int. J. Human-Computer Studies 48)");
  zeng.traits.uses_opponent_model = true;
  zeng.parameters = {
      component("model", ComponentKind::kOpponentModel, "frequency",
                "the opponent model that values the opponent's offers (not none)"),
      integer("candidates", 21, 2, 201, "reservation hypotheses, evenly spaced on [0, 1]"),
      number("sigma", 0.1, 0.01, 1.0, "standard deviation of the likelihood")};
  zeng.create_model = [](const Parameters& p, const Registry& r) {
    return std::make_unique<ZengSycaraModel>(r.make_model(p.spec("model")), p.integer("candidates"),
                                             p.number("sigma"));
  };
  zeng.check_scenario = [](const Parameters& p, const Scenario&, PartyIndex) {
    if (p.spec("model").name == "none") {
      throw UserError(
          "zeng_sycara: model=none gives it nothing to value the opponent's offers with (use "
          "frequency, bayesian or perfect)");
    }
  };
  registry.add(std::move(zeng));

  StrategyInfo perfect = entry(
      "perfect", ComponentKind::kOpponentModel,
      "the opponent's true utilities and reservation value (a baseline; complete information)",
      "Baarslag et al. 2013, Predicting the performance of opponent models (WI-IAT); GENIUS "
      "PerfectModel");
  perfect.traits.uses_opponent_model = true;
  perfect.traits.needs_complete_information = true;
  perfect.create_model = [](const Parameters&, const Registry&) {
    return std::make_unique<PerfectModel>();
  };
  registry.add(std::move(perfect));

  StrategyInfo none = entry("none", ComponentKind::kOpponentModel, "no opponent model", kBoa);
  none.create_model = [](const Parameters&, const Registry&) {
    return std::unique_ptr<OpponentModel>();
  };
  registry.add(std::move(none));
}

// [SECTION] Compliance policies (the treaty lifecycle's stage game) ---------------------------

void add_compliance_policies(Registry& registry) {
  constexpr const char* kAxelrod = "Axelrod 1984, The Evolution of Cooperation";
  struct Simple {
    const char* name;
    const char* description;
    const char* source;
    std::function<std::unique_ptr<CompliancePolicy>()> make;
  };
  const Simple simple[] = {
      {"always_comply", "honours the clauses every period", kAxelrod,
       [] { return std::make_unique<AlwaysPolicy>(Move::kHonour); }},
      {"always_exploit", "exploits the clauses every period", kAxelrod,
       [] { return std::make_unique<AlwaysPolicy>(Move::kExploit); }},
      {"tit_for_tat", "honours first, then does what the other side did last period", kAxelrod,
       [] { return std::make_unique<TitForTatPolicy>(); }},
      {"grim_trigger", "honours until the other side exploits once, then exploits for ever",
       "Friedman 1971; Axelrod 1984", [] { return std::make_unique<GrimTriggerPolicy>(); }},
      {"win_stay_lose_shift", "repeats its move after a good period, switches after a bad one",
       "Nowak & Sigmund 1993, Nature 364",
       [] { return std::make_unique<WinStayLoseShiftPolicy>(); }},
  };
  for (const Simple& s : simple) {
    StrategyInfo info = entry(s.name, ComponentKind::kCompliance, s.description, s.source);
    info.create_compliance = [make = s.make](const Parameters&, const Registry&) { return make(); };
    registry.add(std::move(info));
  }
  StrategyInfo generous = entry("generous_tit_for_tat", ComponentKind::kCompliance,
                                "tit-for-tat that forgives an exploitation with some probability",
                                "Nowak & Sigmund 1992, Nature 355");
  generous.traits.stochastic = true;
  generous.parameters = {number("forgiveness", 0.1, 0.0, 1.0,
                                "probability of honouring after the other side exploited")};
  generous.create_compliance = [](const Parameters& p, const Registry&) {
    return std::make_unique<GenerousTitForTatPolicy>(p.number("forgiveness"));
  };
  registry.add(std::move(generous));
  StrategyInfo random = entry("random", ComponentKind::kCompliance,
                              "honours with probability p each period", kAxelrod);
  random.traits.stochastic = true;
  random.parameters = {number("p", 0.5, 0.0, 1.0, "probability of honouring a period")};
  random.create_compliance = [](const Parameters& p, const Registry&) {
    return std::make_unique<RandomPolicy>(p.number("p"));
  };
  registry.add(std::move(random));
}

Registry make_builtin_registry() {
  Registry registry;
  add_negotiators(registry);
  add_components(registry);
  add_compliance_policies(registry);
  return registry;
}

}  // namespace

const Registry& builtin_registry() {
  static const Registry registry = make_builtin_registry();
  return registry;
}

}  // namespace treatysim::agents

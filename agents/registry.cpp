#include "agents/registry.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "engine/model/check.hpp"
#include "engine/model/issue.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::agents {

std::string_view component_kind_name(ComponentKind kind) noexcept {
  switch (kind) {
    case ComponentKind::kNegotiator:
      return "negotiator";
    case ComponentKind::kBidding:
      return "bidding";
    case ComponentKind::kAcceptance:
      return "acceptance";
    case ComponentKind::kOpponentModel:
      return "opponent_model";
    case ComponentKind::kCompliance:
      return "compliance";
  }
  return "negotiator";
}

std::string_view parameter_type_name(ParameterType type) noexcept {
  switch (type) {
    case ParameterType::kNumber:
      return "number";
    case ParameterType::kInteger:
      return "integer";
    case ParameterType::kString:
      return "string";
    case ParameterType::kSpec:
      return "spec";
  }
  return "number";
}

const SpecValue& Parameters::get(std::string_view name) const {
  for (const Value& v : values_) {
    if (v.name == name) return v.value;
  }
  TREATYSIM_CHECK(false, "a strategy read a parameter its metadata does not declare");
}
double Parameters::number(std::string_view name) const {
  return get(name).number;
}
int Parameters::integer(std::string_view name) const {
  return static_cast<int>(get(name).number);
}
const std::string& Parameters::text(std::string_view name) const {
  return get(name).text;
}
const Spec& Parameters::spec(std::string_view name) const {
  return get(name).spec.front();
}

void Registry::add(StrategyInfo info) {
  TREATYSIM_CHECK(find(info.name, info.kind) == nullptr, "strategy names are unique within a kind");
  entries_.push_back(std::move(info));
}

const StrategyInfo* Registry::find(std::string_view name) const noexcept {
  const StrategyInfo* other = nullptr;
  for (const StrategyInfo& info : entries_) {
    if (info.name != name) continue;
    if (info.kind == ComponentKind::kNegotiator) return &info;
    if (other == nullptr) other = &info;
  }
  return other;
}

const StrategyInfo* Registry::find(std::string_view name, ComponentKind kind) const noexcept {
  for (const StrategyInfo& info : entries_) {
    if (info.name == name && info.kind == kind) return &info;
  }
  return nullptr;
}

namespace {

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string suggestion(std::string_view wrong, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = 3;  // suggest only close matches
  for (const std::string& name : names) {
    const std::size_t d = edit_distance(wrong, name);
    if (d < best_distance) {
      best_distance = d;
      best = name;
    }
  }
  return best.empty() ? std::string{} : " (did you mean \"" + best + "\"?)";
}

// "a bidding component", "an acceptance component", "an opponent_model component".
std::string a_component(ComponentKind kind) {
  const std::string name(component_kind_name(kind));
  const bool vowel = std::string_view("aeiou").find(name.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + name + " component";
}

std::string range_text(const ParameterInfo& p) {
  return "[" + format_number(p.min) + ", " + format_number(p.max) + "]";
}

}  // namespace

Parameters Registry::resolve(const Spec& spec, const StrategyInfo** info_out,
                             std::optional<ComponentKind> kind) const {
  const StrategyInfo* info = kind ? find(spec.name, *kind) : find(spec.name);
  if (info == nullptr && kind == ComponentKind::kNegotiator) {
    // A component's name where a negotiator is due ("tit_for_tat", the compliance policy): say
    // so rather than suggest the same name.
    if (const StrategyInfo* other = find(spec.name)) {
      throw UserError("\"" + spec.name + "\" is " + a_component(other->kind) +
                      ", not a negotiator");
    }
  }
  if (info == nullptr && kind && *kind != ComponentKind::kNegotiator) {
    std::vector<std::string> names;
    std::string list;
    for (const StrategyInfo& e : entries_) {
      if (e.kind != *kind) continue;
      names.push_back(e.name);
      list += (list.empty() ? "" : ", ") + e.name;
    }
    const std::string kind_name(component_kind_name(*kind));
    throw UserError("unknown " + kind_name + " component \"" + spec.name + "\"" +
                    suggestion(spec.name, names) + "; " + kind_name + " components: " + list);
  }
  if (info == nullptr) {
    std::vector<std::string> names;
    std::string list;
    for (const StrategyInfo& e : entries_) {
      names.push_back(e.name);
      if (e.kind == ComponentKind::kNegotiator) list += (list.empty() ? "" : ", ") + e.name;
    }
    // With a close match the suggestion is the useful part; otherwise list the negotiators.
    const std::string hint = suggestion(spec.name, names);
    throw UserError("unknown strategy \"" + spec.name + "\"" +
                    (hint.empty() ? "; negotiators: " + list + " (see `treatysim agents`)"
                                  : hint + "; `treatysim agents` lists them all"));
  }
  if (info_out != nullptr) *info_out = info;
  for (const SpecParameter& given : spec.parameters) {
    const bool known = std::any_of(info->parameters.begin(), info->parameters.end(),
                                   [&](const ParameterInfo& p) { return p.name == given.name; });
    if (!known) {
      std::vector<std::string> names;
      std::string list;
      for (const ParameterInfo& p : info->parameters) {
        names.push_back(p.name);
        list += (list.empty() ? "" : ", ") + p.name;
      }
      throw UserError(info->name + ": unknown parameter \"" + given.name + "\"" +
                      suggestion(given.name, names) +
                      (list.empty() ? "; it takes no parameters" : "; parameters: " + list));
    }
  }
  Parameters resolved;
  for (const ParameterInfo& p : info->parameters) {
    const SpecValue* given = spec.find(p.name);
    SpecValue value;
    const std::string where = info->name + ": parameter " + p.name;
    switch (p.type) {
      case ParameterType::kNumber:
      case ParameterType::kInteger: {
        value = given != nullptr ? *given : SpecValue::of_number(p.default_number);
        if (value.kind != SpecValue::Kind::kNumber) {
          throw UserError(where + " expects a number, got " + value.to_string());
        }
        if (p.type == ParameterType::kInteger && std::floor(value.number) != value.number) {
          throw UserError(where + " expects a whole number, got " + value.to_string());
        }
        if (value.number < p.min || value.number > p.max) {
          throw UserError(where + " = " + value.to_string() + " is out of range " + range_text(p));
        }
        break;
      }
      case ParameterType::kString:
        value = given != nullptr ? *given : SpecValue::of_string(p.default_text);
        if (value.kind != SpecValue::Kind::kString) {
          throw UserError(where + " expects a quoted string, got " + value.to_string());
        }
        if (!p.choices.empty() &&
            std::find(p.choices.begin(), p.choices.end(), value.text) == p.choices.end()) {
          std::string list;
          for (const std::string& c : p.choices) list += (list.empty() ? "\"" : ", \"") + c + "\"";
          throw UserError(where + " expects one of " + list + ", got " + value.to_string());
        }
        break;
      case ParameterType::kSpec:
        value = given != nullptr ? *given : SpecValue::of_spec(parse_spec(p.default_text));
        if (value.kind != SpecValue::Kind::kSpec) {
          throw UserError(where + " expects a component spec, got " + value.to_string());
        }
        static_cast<void>(resolve(value.spec.front(), nullptr, p.spec_kind));  // nested spec too
        break;
    }
    resolved.values_.push_back(Parameters::Value{p.name, std::move(value)});
  }
  return resolved;
}

std::unique_ptr<Agent> Registry::create(const Spec& spec) const {
  const StrategyInfo* info = nullptr;
  const Parameters parameters = resolve(spec, &info);
  if (info->kind != ComponentKind::kNegotiator || !info->create_negotiator) {
    throw UserError("\"" + info->name + "\" is " + a_component(info->kind) +
                    ", not a negotiator; use it inside a negotiator's spec");
  }
  return info->create_negotiator(parameters, *this);
}

std::unique_ptr<Agent> Registry::create(std::string_view spec_text) const {
  return create(parse_spec(spec_text));
}

namespace {

template <typename Component, typename Factory>
std::unique_ptr<Component> make_component(const Registry& registry, const Spec& spec,
                                          ComponentKind kind, Factory StrategyInfo::*factory) {
  const StrategyInfo* info = nullptr;
  const Parameters parameters = registry.resolve(spec, &info, kind);
  TREATYSIM_CHECK(static_cast<bool>(info->*factory), "a registered component has no factory");
  return (info->*factory)(parameters, registry);
}

// Applies `visit` to every entry a spec names, nested components included.
template <typename Visit>
void for_each_entry(const Registry& registry, const Spec& spec, std::optional<ComponentKind> kind,
                    Visit visit) {
  const StrategyInfo* info = nullptr;
  const Parameters parameters = registry.resolve(spec, &info, kind);
  visit(*info, parameters);
  for (const ParameterInfo& p : info->parameters) {
    if (p.type == ParameterType::kSpec)
      for_each_entry(registry, parameters.spec(p.name), p.spec_kind, visit);
  }
}

}  // namespace

std::unique_ptr<BiddingStrategy> Registry::make_bidding(const Spec& spec) const {
  return make_component<BiddingStrategy>(*this, spec, ComponentKind::kBidding,
                                         &StrategyInfo::create_bidding);
}
std::unique_ptr<AcceptanceCondition> Registry::make_acceptance(const Spec& spec) const {
  return make_component<AcceptanceCondition>(*this, spec, ComponentKind::kAcceptance,
                                             &StrategyInfo::create_acceptance);
}
std::unique_ptr<OpponentModel> Registry::make_model(const Spec& spec) const {
  return make_component<OpponentModel>(*this, spec, ComponentKind::kOpponentModel,
                                       &StrategyInfo::create_model);
}
std::unique_ptr<CompliancePolicy> Registry::make_compliance(const Spec& spec) const {
  return make_component<CompliancePolicy>(*this, spec, ComponentKind::kCompliance,
                                          &StrategyInfo::create_compliance);
}

StrategyTraits Registry::traits(const Spec& spec) const {
  StrategyTraits traits;
  for_each_entry(
      *this, spec, ComponentKind::kNegotiator,
      [&traits](const StrategyInfo& info, const Parameters&) {
        traits.stochastic = traits.stochastic || info.traits.stochastic;
        traits.needs_complete_information =
            traits.needs_complete_information || info.traits.needs_complete_information;
        traits.uses_opponent_model = traits.uses_opponent_model || info.traits.uses_opponent_model;
        traits.needs_enumeration = traits.needs_enumeration || info.traits.needs_enumeration;
        traits.interactive = traits.interactive || info.traits.interactive;
        traits.learns_across_series =
            traits.learns_across_series || info.traits.learns_across_series;
      });
  return traits;
}

void Registry::check(const Spec& spec, const Scenario& scenario, PartyIndex party) const {
  const StrategyInfo* info = nullptr;
  static_cast<void>(resolve(spec, &info));
  if (info->kind != ComponentKind::kNegotiator || !info->create_negotiator) {
    throw UserError("\"" + info->name + "\" is " + a_component(info->kind) + ", not a negotiator");
  }
  const StrategyTraits combined = traits(spec);
  if (combined.interactive) {
    throw UserError("\"" + info->name +
                    "\" is decided by a person, so it cannot play on its own (a person takes a "
                    "side with `treatysim play --as ID` or in the window's Play mode)");
  }
  if (combined.needs_complete_information &&
      scenario.protocol().information != Information::kComplete) {
    throw UserError(info->name +
                    " needs complete information (it reads the opponent's "
                    "preferences), but the scenario's protocol.information is \"private\"");
  }
  if (combined.needs_enumeration && !scenario.space().enumerable()) {
    throw UserError(too_large_message(scenario.space(), info->name));
  }
  for_each_entry(*this, spec, ComponentKind::kNegotiator,
                 [&](const StrategyInfo& entry, const Parameters& p) {
                   if (entry.check_scenario) entry.check_scenario(p, scenario, party);
                 });
}

std::function<void(const std::string&, const Scenario&, PartyIndex)> spec_checker(
    const Registry& registry) {
  return [&registry](const std::string& text, const Scenario& scenario, PartyIndex party) {
    // "compliance:SPEC" names a compliance policy (the treaty lifecycle), anything else a negotiator.
    constexpr std::string_view kCompliancePrefix = "compliance:";
    if (text.rfind(kCompliancePrefix, 0) == 0) {
      static_cast<void>(registry.resolve(parse_spec(text.substr(kCompliancePrefix.size())), nullptr,
                                         ComponentKind::kCompliance));
      return;
    }
    registry.check(parse_spec(text), scenario, party);
  };
}

}  // namespace treatysim::agents

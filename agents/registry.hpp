// registry.hpp — every strategy and component, by name, with parameter metadata.
//
// The CLI's `agents` command, the GUI's parameter widgets and spec validation are all built
// from this metadata: no per-strategy code outside agents/. Strategies are registered in one
// explicit list (builtin.cpp), never by static self-registration (static libraries drop it).
// A preset (boulware, conceder…) is an entry that shares a factory with its family and differs
// only in its parameters' defaults. Names are unique within a kind: `time_dependent` is both a
// negotiator and the bidding component it is built from; a spec parameter says which kind it
// takes, and a top-level spec names a negotiator.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agents/components.hpp"
#include "engine/model/compliance.hpp"
#include "engine/protocol/agent.hpp"
#include "engine/protocol/spec.hpp"

namespace treatysim::agents {

// What a registered entry is (the BOA decomposition, plus compliance policies).
enum class ComponentKind { kNegotiator, kBidding, kAcceptance, kOpponentModel, kCompliance };
[[nodiscard]] std::string_view component_kind_name(ComponentKind kind) noexcept;

enum class ParameterType { kNumber, kInteger, kString, kSpec };
[[nodiscard]] std::string_view parameter_type_name(ParameterType type) noexcept;

struct ParameterInfo {
  std::string name;
  ParameterType type = ParameterType::kNumber;
  double default_number = 0.0;  // kNumber, kInteger
  double min = 0.0;             // inclusive bounds for kNumber, kInteger
  double max = 0.0;
  std::string default_text;  // kString (and kSpec: the default spec text)
  std::string description;   // one sentence, with the unit or meaning
  // kSpec: the kind of component the parameter takes (unset: any kind, looked up by name).
  std::optional<ComponentKind> spec_kind;
  // kString: the allowed values (empty: any string).
  std::vector<std::string> choices;
};

struct StrategyTraits {
  bool stochastic = false;                  // draws from its random stream
  bool needs_complete_information = false;  // reads the opponent's preferences
  bool uses_opponent_model = false;         // learns the opponent from its offers
  bool needs_enumeration = false;           // lists outcomes (needs an enumerable space)
  bool interactive = false;                 // decisions come from a person (not for batch runs)
  bool learns_across_series = false;        // keeps what it learned across a series
};

class Registry;

// Parameter values with defaults filled in, checked against the metadata.
class Parameters {
 public:
  [[nodiscard]] double number(std::string_view name) const;
  [[nodiscard]] int integer(std::string_view name) const;
  [[nodiscard]] const std::string& text(std::string_view name) const;
  [[nodiscard]] const Spec& spec(std::string_view name) const;

 private:
  friend class Registry;
  struct Value {
    std::string name;
    SpecValue value;
  };
  [[nodiscard]] const SpecValue& get(std::string_view name) const;
  std::vector<Value> values_;
};

struct StrategyInfo {
  std::string name;
  ComponentKind kind = ComponentKind::kNegotiator;
  std::string description;  // one line on behaviour
  std::string source;       // the paper or platform it follows
  StrategyTraits traits;
  std::vector<ParameterInfo> parameters;
  // The factory of the entry's kind, from resolved parameters.
  std::function<std::unique_ptr<Agent>(const Parameters&, const Registry&)> create_negotiator;
  std::function<std::unique_ptr<BiddingStrategy>(const Parameters&, const Registry&)>
      create_bidding;
  std::function<std::unique_ptr<AcceptanceCondition>(const Parameters&, const Registry&)>
      create_acceptance;
  // May return null (the `none` model).
  std::function<std::unique_ptr<OpponentModel>(const Parameters&, const Registry&)> create_model;
  std::function<std::unique_ptr<CompliancePolicy>(const Parameters&, const Registry&)>
      create_compliance;
  // Extra checks against a scenario (e.g. a scripted file's outcomes); throws UserError.
  std::function<void(const Parameters&, const Scenario&, PartyIndex)> check_scenario;
};

class Registry : public AgentFactory {
 public:
  // Adds an entry; names are unique within a kind (checked).
  void add(StrategyInfo info);

  // The entry with this name: the negotiator if there is one, else the first of another kind.
  [[nodiscard]] const StrategyInfo* find(std::string_view name) const noexcept;
  [[nodiscard]] const StrategyInfo* find(std::string_view name, ComponentKind kind) const noexcept;
  [[nodiscard]] const std::vector<StrategyInfo>& entries() const noexcept { return entries_; }

  // The entry named by `spec` with its parameters resolved; throws UserError for unknown names,
  // unknown parameters, wrong types and values out of range. With `kind`, the name is looked up
  // among the entries of that kind only.
  [[nodiscard]] Parameters resolve(const Spec& spec, const StrategyInfo** info = nullptr,
                                   std::optional<ComponentKind> kind = std::nullopt) const;

  // Components from specs (the kind is checked).
  [[nodiscard]] std::unique_ptr<BiddingStrategy> make_bidding(const Spec& spec) const;
  [[nodiscard]] std::unique_ptr<AcceptanceCondition> make_acceptance(const Spec& spec) const;
  [[nodiscard]] std::unique_ptr<OpponentModel> make_model(const Spec& spec) const;
  // A compliance policy for the treaty lifecycle (kind compliance; throws UserError).
  [[nodiscard]] std::unique_ptr<CompliancePolicy> make_compliance(const Spec& spec) const;
  // The traits of a spec, combined over nested components (a boa with a frequency model uses an
  // opponent model; one with time_dependent bidding enumerates outcomes).
  [[nodiscard]] StrategyTraits traits(const Spec& spec) const;

  // AgentFactory: a negotiator from a spec.
  [[nodiscard]] std::unique_ptr<Agent> create(const Spec& spec) const override;
  // AgentFactory: throws UserError when the spec cannot play `party` of `scenario`.
  void check(const Spec& spec, const Scenario& scenario, PartyIndex party) const override;

  // AgentFactory: a compliance policy (same as make_compliance).
  [[nodiscard]] std::unique_ptr<CompliancePolicy> create_compliance(
      const Spec& spec) const override {
    return make_compliance(spec);
  }

  // Parses and creates in one step.
  [[nodiscard]] std::unique_ptr<Agent> create(std::string_view spec_text) const;

 private:
  std::vector<StrategyInfo> entries_;
};

// The registry with every built-in strategy (built once, thread-safe).
[[nodiscard]] const Registry& builtin_registry();

// A SpecChecker for scenario loading backed by a registry.
[[nodiscard]] std::function<void(const std::string&, const Scenario&, PartyIndex)> spec_checker(
    const Registry& registry);

}  // namespace treatysim::agents

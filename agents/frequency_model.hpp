// frequency_model.hpp — the frequency opponent model of HardHeaded (van Krimpen, Looije &
// Hajizadeh, "HardHeaded", ANAC 2011 winner; in Complex Automated Negotiations, Springer 2013),
// the model most BOA studies use (Baarslag et al. 2013, "Predicting the performance of opponent
// models in automated negotiation").
//
// State: an issue weight ŵᵢ and an evaluation count eᵢ(o) per option.
//   start:        ŵᵢ = 1/n for n issues; eᵢ(o) = 1 for every option (HardHeaded's initial value)
//   each offer ω: eᵢ(ωᵢ) += 1 for every issue;
//                 from the second offer on, for every issue whose option is the same as in the
//                 opponent's previous offer: ŵᵢ += learning_rate; then ŵ is divided by its sum.
//   estimate:     û(ω) = Σᵢ ŵᵢ · eᵢ(ωᵢ) / maxₒ eᵢ(o)
// An issue the opponent never changes is one it cares about; an option it offers often is one
// it values. Quirk dropped: HardHeaded scales the weight bonus by the number of issues
// (learnCoef/n with a fixed total); here the learning rate is added as given, then normalised,
// which is the form the BOA framework documents.
//
// Parameters
// | name          | default | range  | meaning                                         |
// |---------------|---------|--------|-------------------------------------------------|
// | learning_rate | 0.2     | [0, 1] | weight added to each issue the opponent kept     |
#pragma once

#include <vector>

#include "agents/components.hpp"

namespace treatysim::agents {

class FrequencyModel final : public OpponentModel {
 public:
  explicit FrequencyModel(double learning_rate) : learning_rate_(learning_rate) {}

  void reset(const NegotiationContext& context) override;
  void update(const NegotiationState& state, const Outcome& offer) override;
  [[nodiscard]] double utility(const Outcome& outcome) const override;

  [[nodiscard]] const std::vector<double>& weights() const noexcept { return weights_; }
  // eᵢ(o)/maxₒ eᵢ(o).
  [[nodiscard]] double value(std::size_t issue, int option) const;

 private:
  double learning_rate_;
  std::vector<double> weights_;
  std::vector<std::vector<double>> counts_;
  std::vector<double> max_counts_;
  Outcome previous_;
  bool has_previous_ = false;
};

}  // namespace treatysim::agents

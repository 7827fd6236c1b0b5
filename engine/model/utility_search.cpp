#include "engine/model/utility_search.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include "engine/model/check.hpp"

namespace treatysim {

// [SECTION] The relaxation ---------------------------------------------------------------------

BoxRelaxation::BoxRelaxation(const std::vector<SearchObjective>& objectives,
                             std::vector<std::size_t> order)
    : objectives_(objectives.size()), order_(std::move(order)) {
  TREATYSIM_CHECK(objectives_ >= 1 && objectives_ <= 2, "a relaxation has one or two objectives");
  const UtilityFunction& first = *objectives[0].utility;
  const std::size_t n = first.issue_count();
  TREATYSIM_CHECK(order_.size() == n, "the search order lists every issue once");
  position_.assign(n, 0);
  for (std::size_t d = 0; d < n; ++d) position_[order_[d]] = d;
  offsets_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) offsets_[i + 1] = offsets_[i] + first.option_count(i);
  tables_.assign(objectives_, std::vector<double>(offsets_[n], 0.0));
  touches_.assign(n, {});
  std::vector<std::uint32_t> conditions;
  for (std::size_t j = 0; j < objectives_; ++j) {
    const UtilityFunction& u = *objectives[j].utility;
    const double sign = objectives[j].sign;
    TREATYSIM_CHECK(u.issue_count() == n, "both objectives range over the same issues");
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t o = 0; o < u.option_count(i); ++o) {
        tables_[j][offsets_[i] + o] = sign * u.contribution(i, static_cast<int>(o));
      }
    }
    const CompiledTerms& terms = u.terms();
    for (std::size_t k = 0; k < terms.size(); ++k) {
      const double c = sign * terms.utility[k];
      if (c == 0.0) continue;
      conditions.clear();
      for (std::uint32_t cond = terms.begin[k]; cond < terms.begin[k + 1]; ++cond) {
        conditions.push_back(cond);
      }
      // Conditions in search order.
      std::sort(conditions.begin(), conditions.end(), [&](std::uint32_t a, std::uint32_t b) {
        return position_[terms.issue[a]] < position_[terms.issue[b]];
      });
      // Adds a box over the first `count` conditions.
      auto add_box = [&](double utility, std::size_t count) {
        Box box{};
        box.objective = static_cast<std::uint32_t>(j);
        box.utility = utility;
        box.conditions_begin = static_cast<std::uint32_t>(condition_issue_.size());
        for (std::size_t l = 0; l < count; ++l) {
          const std::uint32_t cond = conditions[l];
          const std::uint32_t issue = terms.issue[cond];
          const auto here = static_cast<std::uint32_t>(condition_issue_.size());
          condition_issue_.push_back(issue);
          condition_written_.push_back(cond - terms.begin[k]);
          condition_rows_.push_back(accepted_.size());
          for (std::size_t o = 0; o < option_count(issue); ++o) {
            accepted_.push_back(terms.accepts_option(cond, static_cast<int>(o)) ? 1 : 0);
          }
          touches_[issue].push_back(Touch{static_cast<std::uint32_t>(boxes_.size()), here});
        }
        box.conditions_end = static_cast<std::uint32_t>(condition_issue_.size());
        boxes_.push_back(box);
      };
      add_box(c, conditions.size());
    }
  }
  base_ = tables_;
  alive_.assign(boxes_.size(), 1);
  next_.resize(boxes_.size());
  shares_.assign(condition_issue_.size(), 0.0);
  fixed_.assign(objectives_, 0.0);
  for (std::size_t b = 0; b < boxes_.size(); ++b) {
    const Box& box = boxes_[b];
    next_[b] = box.conditions_begin;
    if (box.utility > 0.0) {
      // Start with the whole utility on the first issue (in search order).
      shares_[box.conditions_begin] = box.utility;
      add_to_table(box, box.conditions_begin, box.utility);
    } else if (box.conditions_begin + 1 == box.conditions_end) {
      add_to_table(box, box.conditions_begin, box.utility);  // a negative box counts when unary
    }
  }
}

std::vector<double> BoxRelaxation::shares() const {
  std::vector<double> out(shares_.size(), 0.0);
  for (const Box& box : boxes_) {
    for (std::uint32_t c = box.conditions_begin; c < box.conditions_end; ++c) {
      out[box.conditions_begin + condition_written_[c]] = shares_[c];
    }
  }
  return out;
}

void BoxRelaxation::set_shares(const std::vector<double>& shares) {
  TREATYSIM_CHECK(depth() == 0, "shares are set before the search starts");
  TREATYSIM_CHECK(shares.size() == shares_.size(), "shares from a relaxation of the same terms");
  for (const Box& box : boxes_) {
    if (box.utility <= 0.0) continue;
    for (std::uint32_t c = box.conditions_begin; c < box.conditions_end; ++c) {
      const double share = shares[box.conditions_begin + condition_written_[c]];
      add_to_table(box, c, share - shares_[c]);
      shares_[c] = share;
    }
  }
}

void BoxRelaxation::optimize_shares(int sweeps, double weight0, double weight1) {
  TREATYSIM_CHECK(depth() == 0, "shares are optimised before the search starts");
  weights_[0] = weight0;
  weights_[1] = objectives_ > 1 ? weight1 : 0.0;
  const std::size_t n = order_.size();
  auto total = [&]() {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double best = -std::numeric_limits<double>::infinity();
      for (std::size_t o = 0; o < option_count(i); ++o) {
        double v = weights_[0] * tables_[0][offsets_[i] + o];
        if (objectives_ > 1) v += weights_[1] * tables_[1][offsets_[i] + o];
        best = std::max(best, v);
      }
      sum += best;
    }
    return sum;
  };
  double before = total();
  for (int sweep = 0; sweep < sweeps; ++sweep) {
    for (std::size_t b = 0; b < boxes_.size(); ++b) {
      static_cast<void>(resplit(static_cast<std::uint32_t>(b), false));
    }
    const double after = total();
    if (before - after < 1e-9 * std::max(1.0, std::fabs(after))) break;
    before = after;
  }
}

bool BoxRelaxation::resplit(std::uint32_t box_index, bool record) {
  const Box& box = boxes_[box_index];
  const std::uint32_t first = next_[box_index];
  const std::uint32_t count = box.conditions_end - first;
  const double weight = weights_[box.objective];
  if (box.utility <= 0.0 || count < 2 || weight <= 0.0 || alive_[box_index] == 0) return false;
  const std::size_t saved = saved_shares_.size();
  if (record) {
    for (std::uint32_t c = first; c < box.conditions_end; ++c) saved_shares_.push_back(shares_[c]);
  }
  slack_.assign(count, 0.0);
  double total_share = 0.0;
  for (std::uint32_t c = first; c < box.conditions_end; ++c) {
    add_to_table(box, c, -shares_[c]);
    total_share += shares_[c];
    const std::size_t issue = condition_issue_[c];
    double inside = -std::numeric_limits<double>::infinity();
    double outside = -std::numeric_limits<double>::infinity();
    for (std::size_t o = 0; o < option_count(issue); ++o) {
      double v = weights_[0] * tables_[0][offsets_[issue] + o];
      if (objectives_ > 1) v += weights_[1] * tables_[1][offsets_[issue] + o];
      if (accepts(c, static_cast<int>(o))) {
        inside = std::max(inside, v);
      } else {
        outside = std::max(outside, v);
      }
    }
    slack_[c - first] = std::max(0.0, (outside - inside) / weight);
  }
  // Fill the slack, largest first (ties: earlier in the search order); spread the rest evenly.
  double rest = total_share;
  for (std::uint32_t c = first; c < box.conditions_end; ++c) shares_[c] = 0.0;
  while (rest > 0.0) {
    std::uint32_t widest = box.conditions_end;
    for (std::uint32_t c = first; c < box.conditions_end; ++c) {
      const double room = slack_[c - first] - shares_[c];
      if (room > 0.0 &&
          (widest == box.conditions_end || room > slack_[widest - first] - shares_[widest])) {
        widest = c;
      }
    }
    if (widest == box.conditions_end) break;
    const double take = std::min(rest, slack_[widest - first] - shares_[widest]);
    shares_[widest] += take;
    rest -= take;
  }
  if (rest > 0.0) {
    for (std::uint32_t c = first; c < box.conditions_end; ++c) {
      shares_[c] += rest / static_cast<double>(count);
    }
  }
  for (std::uint32_t c = first; c < box.conditions_end; ++c) add_to_table(box, c, shares_[c]);
  if (record) trail_.push_back(TrailEntry{box_index, Op::kResplit, static_cast<double>(saved)});
  return true;
}

void BoxRelaxation::add_to_table(const Box& box, std::uint32_t condition, double amount) {
  std::vector<double>& table = tables_[box.objective];
  const std::size_t issue = condition_issue_[condition];
  const std::size_t base = offsets_[issue];
  const std::size_t row = condition_rows_[condition];
  const std::size_t count = option_count(issue);
  for (std::size_t o = 0; o < count; ++o) {
    if (accepted_[row + o] != 0) table[base + o] += amount;
  }
}

void BoxRelaxation::assign(int option) {
  const std::size_t d = depth();
  TREATYSIM_CHECK(d < order_.size(), "every issue is already assigned");
  const std::size_t issue = order_[d];
  Mark mark{trail_.size(), {fixed_[0], objectives_ > 1 ? fixed_[1] : 0.0}};
  marks_.push_back(mark);
  const std::size_t at = offsets_[issue] + static_cast<std::size_t>(option);
  for (std::size_t j = 0; j < objectives_; ++j) fixed_[j] += tables_[j][at];
  for (const Touch& touch : touches_[issue]) {
    if (alive_[touch.box] == 0) continue;
    // Every issue before this one is assigned and the box is alive, so this condition is the
    // box's first open one.
    const Box& box = boxes_[touch.box];
    if (!accepts(touch.condition, option)) {
      alive_[touch.box] = 0;
      // Its shares on the later issues no longer count (a negative box with two open issues
      // counts nowhere).
      if (box.utility > 0.0) {
        for (std::uint32_t c = touch.condition + 1; c < box.conditions_end; ++c) {
          if (shares_[c] != 0.0) add_to_table(box, c, -shares_[c]);
        }
      }
      trail_.push_back(TrailEntry{touch.box, Op::kKill, 0.0});
      continue;
    }
    const std::uint32_t following = touch.condition + 1;
    if (following == box.conditions_end) continue;  // decided: its utility is in `fixed`
    // Not yet satisfied: take this issue's share out of `fixed` and move it to the next issue.
    double moved = 0.0;
    if (box.utility > 0.0) {
      moved = shares_[touch.condition];
      fixed_[box.objective] -= moved;
      shares_[following] += moved;
      add_to_table(box, following, moved);
    } else if (following + 1 == box.conditions_end) {
      add_to_table(box, following, box.utility);  // a negative box counts once it is unary
    }
    next_[touch.box] = following;
    trail_.push_back(TrailEntry{touch.box, Op::kAdvance, moved});
    if (resplit_in_search_) static_cast<void>(resplit(touch.box, true));
  }
}

void BoxRelaxation::undo() {
  TREATYSIM_CHECK(!marks_.empty(), "nothing to undo");
  const Mark mark = marks_.back();
  marks_.pop_back();
  while (trail_.size() > mark.trail) {
    const TrailEntry entry = trail_.back();
    trail_.pop_back();
    const Box& box = boxes_[entry.box];
    const std::uint32_t current = next_[entry.box];
    if (entry.op == Op::kResplit) {
      const auto saved = static_cast<std::size_t>(entry.moved);
      for (std::uint32_t c = current; c < box.conditions_end; ++c) {
        add_to_table(box, c, saved_shares_[saved + (c - current)] - shares_[c]);
        shares_[c] = saved_shares_[saved + (c - current)];
      }
      saved_shares_.resize(saved);
      continue;
    }
    if (entry.op == Op::kKill) {
      alive_[entry.box] = 1;
      if (box.utility > 0.0) {
        for (std::uint32_t c = current + 1; c < box.conditions_end; ++c) {
          if (shares_[c] != 0.0) add_to_table(box, c, shares_[c]);
        }
      }
      continue;
    }
    if (box.utility > 0.0) {
      add_to_table(box, current, -entry.moved);
      shares_[current] -= entry.moved;
    } else if (current + 1 == box.conditions_end) {
      add_to_table(box, current, -box.utility);
    }
    next_[entry.box] = current - 1;
  }
  fixed_[0] = mark.fixed[0];
  if (objectives_ > 1) fixed_[1] = mark.fixed[1];
}

std::vector<int> BoxRelaxation::undominated_options() const {
  const std::size_t issue = order_[depth()];
  const std::size_t count = option_count(issue);
  std::vector<int> kept;
  auto dominates = [&](std::size_t a, std::size_t b) {  // a dominates b (weakly)
    for (std::size_t j = 0; j < objectives_; ++j) {
      if (base_[j][offsets_[issue] + a] < base_[j][offsets_[issue] + b]) return false;
    }
    for (const Touch& touch : touches_[issue]) {
      if (alive_[touch.box] == 0) continue;
      const bool in_a = accepts(touch.condition, static_cast<int>(a));
      const bool in_b = accepts(touch.condition, static_cast<int>(b));
      if (in_a == in_b) continue;
      if (boxes_[touch.box].utility > 0.0 ? in_b : in_a) return false;
    }
    return true;
  };
  for (std::size_t o = 0; o < count; ++o) {
    bool dominated = false;
    for (std::size_t other = 0; other < count && !dominated; ++other) {
      if (other == o || !dominates(other, o)) continue;
      // Mutual dominance (equal options): only the lower one survives.
      dominated = !dominates(o, other) || other < o;
    }
    if (!dominated) kept.push_back(static_cast<int>(o));
  }
  return kept;
}

double BoxRelaxation::bound(std::size_t j) const noexcept {
  double total = fixed_[j];
  const std::vector<double>& table = tables_[j];
  for (std::size_t d = depth(); d < order_.size(); ++d) {
    const std::size_t issue = order_[d];
    total += *std::max_element(table.begin() + static_cast<std::ptrdiff_t>(offsets_[issue]),
                               table.begin() + static_cast<std::ptrdiff_t>(offsets_[issue + 1]));
  }
  return total;
}

std::vector<std::size_t> constrained_first_order(const std::vector<SearchObjective>& objectives) {
  const std::size_t n = objectives[0].utility->issue_count();
  std::vector<double> score(n, 0.0);
  for (const SearchObjective& objective : objectives) {
    const UtilityFunction& u = *objective.utility;
    const CompiledTerms& terms = u.terms();
    for (std::size_t k = 0; k < terms.size(); ++k) {
      for (std::uint32_t c = terms.begin[k]; c < terms.begin[k + 1]; ++c) {
        score[terms.issue[c]] += std::fabs(terms.utility[k]);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      double lo = std::numeric_limits<double>::infinity();
      double hi = -lo;
      for (std::size_t o = 0; o < u.option_count(i); ++o) {
        lo = std::min(lo, u.contribution(i, static_cast<int>(o)));
        hi = std::max(hi, u.contribution(i, static_cast<int>(o)));
      }
      score[i] += hi - lo;
    }
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&score](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  return order;
}

namespace {

// Options of the next issue, best table entry of objective 0 first (ties: lower option).
// The undominated options of the next issue, best table entry of objective 0 first (ties: lower
// option). Dropping dominated options keeps the best value: any completion with a dominated
// option is matched by the same completion with the option that dominates it.
std::vector<int> best_first(const BoxRelaxation& relaxation, std::size_t issue) {
  std::vector<int> options = relaxation.undominated_options();
  std::stable_sort(options.begin(), options.end(), [&](int a, int b) {
    return relaxation.table(0, issue, a) > relaxation.table(0, issue, b);
  });
  return options;
}

}  // namespace

double utility_grid(const UtilityFunction& utility) {
  std::vector<double> values;
  for (std::size_t i = 0; i < utility.issue_count(); ++i) {
    for (std::size_t o = 0; o < utility.option_count(i); ++o) {
      const double v = std::fabs(utility.contribution(i, static_cast<int>(o)));
      if (v > 0.0) values.push_back(v);
    }
  }
  for (const double u : utility.terms().utility) {
    if (u != 0.0) values.push_back(std::fabs(u));
  }
  if (values.empty()) return 0.0;
  const double smallest = *std::min_element(values.begin(), values.end());
  for (int q = 1; q <= 100000; ++q) {
    const double grid = smallest / q;
    bool all = true;
    for (const double v : values) {
      const double units = v / grid;
      if (std::fabs(units - std::round(units)) > 1e-9 * std::max(1.0, units)) {
        all = false;
        break;
      }
    }
    if (all) return grid;
  }
  return 0.0;
}

// [SECTION] Extremes ---------------------------------------------------------------------------

namespace {

// The search order for a prefix search: the first `fixed` issues in index order, then the others
// in `order` (most-constrained first).
std::vector<std::size_t> prefix_order(const std::vector<std::size_t>& order, std::size_t fixed) {
  std::vector<std::size_t> out(fixed);
  std::iota(out.begin(), out.end(), std::size_t{0});
  for (const std::size_t issue : order) {
    if (issue >= fixed) out.push_back(issue);
  }
  return out;
}

// An outcome that starts with prefix[0 … fixed−1] and whose objective reaches `target`, found by
// depth-first branch and bound (best table entry first); nullopt when there is none.
std::optional<Outcome> reach(const std::vector<SearchObjective>& objectives,
                             const std::vector<std::size_t>& order, const Outcome& prefix,
                             std::size_t fixed, double target) {
  const std::size_t n = objectives[0].utility->issue_count();
  BoxRelaxation relaxation(objectives, prefix_order(order, fixed));
  relaxation.optimize_shares(kShareSweeps);
  for (std::size_t d = 0; d < fixed; ++d) relaxation.assign(prefix[d]);
  if (relaxation.depth() == n) {
    if (relaxation.fixed(0) >= target) return prefix;
    return std::nullopt;
  }
  if (relaxation.bound(0) < target) return std::nullopt;
  Outcome outcome = prefix;
  std::function<bool()> search = [&]() -> bool {
    const std::size_t d = relaxation.depth();
    const std::size_t issue = relaxation.issue_at(d);
    for (const int option : best_first(relaxation, issue)) {
      if (d + 1 == n) {
        if (relaxation.fixed(0) + relaxation.table(0, issue, option) >= target) {
          outcome.set(issue, option);
          return true;
        }
        continue;
      }
      relaxation.assign(option);
      const bool found = relaxation.bound(0) >= target && search();
      relaxation.undo();
      if (found) {
        outcome.set(issue, option);
        return true;
      }
    }
    return false;
  };
  if (!search()) return std::nullopt;
  return outcome;
}

}  // namespace

Outcome lowest_index_reaching(
    const std::vector<SearchObjective>& objectives, const std::vector<std::size_t>& order,
    Outcome witness,
    const std::function<std::optional<Outcome>(const Outcome&, std::size_t)>& reach_from) {
  const std::size_t n = witness.size();
  Outcome prefix = witness;
  for (std::size_t d = 0; d < n; ++d) {
    // Options below the witness's, lowest first: the first one some completion reaches wins.
    for (int option = 0; option < witness[d]; ++option) {
      prefix.set(d, option);
      if (const std::optional<Outcome> found = reach_from(prefix, d + 1)) {
        witness = *found;
        break;
      }
    }
    prefix.set(d, witness[d]);
  }
  static_cast<void>(objectives);
  static_cast<void>(order);
  return witness;
}

UtilityExtreme utility_extreme(const UtilityFunction& utility, bool maximum) {
  const std::vector<SearchObjective> objectives{{&utility, maximum ? 1.0 : -1.0}};
  const std::size_t n = utility.issue_count();
  const std::vector<std::size_t> order = constrained_first_order(objectives);

  // Phase 1: the best value, and an outcome that reaches it.
  double best = -std::numeric_limits<double>::infinity();
  Outcome witness(n);
  {
    BoxRelaxation relaxation(objectives, order);
    relaxation.optimize_shares(kShareSweeps);
    Outcome current(n);
    std::function<void()> search = [&]() {
      const std::size_t d = relaxation.depth();
      const std::size_t issue = relaxation.issue_at(d);
      if (d + 1 == n) {
        for (std::size_t o = 0; o < relaxation.option_count(issue); ++o) {
          const double value =
              relaxation.fixed(0) + relaxation.table(0, issue, static_cast<int>(o));
          if (value > best) {
            best = value;
            witness = current;
            witness.set(issue, static_cast<int>(o));
          }
        }
        return;
      }
      for (const int option : best_first(relaxation, issue)) {
        relaxation.assign(option);
        current.set(issue, option);
        if (relaxation.bound(0) > best + kSearchRounding) search();
        relaxation.undo();
      }
    };
    search();
  }
  // Phase 2: the lowest outcome index that reaches it, issue by issue.
  const double target = best - kSearchRounding;
  const Outcome outcome = lowest_index_reaching(
      objectives, order, witness, [&](const Outcome& prefix, std::size_t fixed) {
        return reach(objectives, order, prefix, fixed, target);
      });
  return UtilityExtreme{outcome, utility(outcome)};
}

// [SECTION] Outcomes in a utility range ----------------------------------------------------------

UtilityRangeSearch::UtilityRangeSearch(const UtilityFunction& utility)
    : utility_(&utility),
      objectives_{{&utility, 1.0}, {&utility, -1.0}},
      order_(constrained_first_order(objectives_)) {
  BoxRelaxation relaxation(objectives_, order_);
  relaxation.optimize_shares(kShareSweeps, 1.0, 0.0);  // tighten u's upper bound
  shares_ = relaxation.shares();
}

std::optional<Outcome> UtilityRangeSearch::find(double low, double high, std::size_t node_budget,
                                                bool* exhausted) const {
  if (exhausted != nullptr) *exhausted = false;
  const std::size_t n = utility_->issue_count();
  BoxRelaxation relaxation(objectives_, order_);
  relaxation.set_shares(shares_);
  const double middle = 0.5 * (low + high);
  Outcome outcome(n);
  std::size_t nodes = 0;
  bool stopped = false;
  struct Candidate {
    int option;
    double distance;
  };
  std::vector<std::vector<Candidate>> candidates(n);
  std::function<bool()> search = [&]() -> bool {
    const std::size_t d = relaxation.depth();
    const std::size_t issue = relaxation.issue_at(d);
    if (++nodes > node_budget) {
      stopped = true;
      return false;
    }
    // The range of u over the issues after this one (relaxed).
    double rest_max = 0.0;
    double rest_min = 0.0;
    for (std::size_t e = d + 1; e < n; ++e) {
      const std::size_t other = relaxation.issue_at(e);
      double hi = -std::numeric_limits<double>::infinity();
      double lo = -hi;
      for (std::size_t o = 0; o < relaxation.option_count(other); ++o) {
        hi = std::max(hi, relaxation.table(0, other, static_cast<int>(o)));
        lo = std::min(lo, -relaxation.table(1, other, static_cast<int>(o)));
      }
      rest_max += hi;
      rest_min += lo;
    }
    // Options whose relaxed range still meets [low, high], the middle of their range closest to
    // the middle of [low, high] first.
    std::vector<Candidate>& list = candidates[d];
    list.clear();
    for (std::size_t o = 0; o < relaxation.option_count(issue); ++o) {
      const auto option = static_cast<int>(o);
      const double hi = relaxation.fixed(0) + relaxation.table(0, issue, option) + rest_max;
      const double lo = -(relaxation.fixed(1) + relaxation.table(1, issue, option)) + rest_min;
      if (hi < low - kSearchRounding || lo > high + kSearchRounding) continue;
      list.push_back(Candidate{option, std::fabs(0.5 * (hi + lo) - middle)});
    }
    std::stable_sort(list.begin(), list.end(), [](const Candidate& a, const Candidate& b) {
      return a.distance < b.distance;
    });
    for (const Candidate& candidate : list) {
      if (d + 1 == n) {
        const double value = relaxation.fixed(0) + relaxation.table(0, issue, candidate.option);
        if (value >= low - kSearchRounding && value <= high + kSearchRounding) {
          outcome.set(issue, candidate.option);
          return true;
        }
        continue;
      }
      relaxation.assign(candidate.option);
      const bool found = search();
      relaxation.undo();
      if (found) {
        outcome.set(issue, candidate.option);
        return true;
      }
      if (stopped) return false;
    }
    return false;
  };
  const bool found = search();
  if (exhausted != nullptr) *exhausted = stopped;
  if (!found) return std::nullopt;
  return outcome;
}

}  // namespace treatysim

// utility_search.hpp — exact searches over outcome spaces too large to enumerate, for utilities
// with interaction terms (boxes): branch and bound over the issues.
//
// The relaxation. Issues are assigned in a fixed search order. A term (a box) is designated to
// the first of its issues that is still open: while that issue is open, the term is counted in
// that issue's option table as if every later issue it lists were already matched (+utility on
// the options it accepts, when utility > 0; a negative term is counted only once its designated
// issue is the last one it lists, before that it counts 0, as if it could still be avoided). When
// the designated issue is assigned an accepted option, the term moves on to its next open issue;
// an option it does not accept drops it. With the assigned issues' contributions summed into
// `fixed`, every completion ω of a node satisfies, for each objective j,
//     objective_j(ω) ≤ fixed_j + Σ_{open issues i} T_j(i, ωᵢ)
// (the same ω on both sides; a term's indicator is at most that of its designated issue): the
// relaxed problem is additive in the open issues. So fixed_j + Σᵢ maxₒ T_j(i, o) bounds one
// objective, and for two objectives the points fixed + Σᵢ (T₀(i, ωᵢ), T₁(i, ωᵢ)) dominate the
// node's utility pairs (the bi-objective frontier, engine/analysis/interaction_frontier.hpp, uses
// their convex hull). Designating a term to its first open issue puts the conflicts between terms
// where the search decides next: the bound is tight at the top of the tree, where pruning pays.
// Maintained incrementally with an undo trail: assigning an issue costs O(Σ options of the terms
// that list it).
//
// Exactness of the extremes: phase 1 finds the best value (options tried best-table-first,
// issues most-constrained-first, a node pruned when its bound is ≤ the best value + 1e-12);
// phase 2 fixes the issues in index order, each to the lowest option from which a completion
// still reaches that value (each question answered by the same branch and bound): that outcome is
// the lowest index among the optimal ones. Both phases only prune what the bound proves, so the
// value is the exact maximum (up to 1e-12 of floating-point rounding between summation orders).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "engine/model/outcome.hpp"
#include "engine/model/preferences.hpp"

namespace treatysim {

// An objective: sign·u(ω) of a party's utility function, maximised (sign = −1 minimises u).
struct SearchObjective {
  const UtilityFunction* utility = nullptr;
  double sign = 1.0;
};

// Sweeps of BoxRelaxation::optimize_shares the searches run before they start.
inline constexpr int kShareSweeps = 50;

// Floating-point slack of the searches: sums taken in different orders differ by a few ulps.
inline constexpr double kSearchRounding = 1e-12;

// The incremental relaxation described above, for one or two objectives over the same issues.
class BoxRelaxation {
 public:
  // `order`: the issues in the order the search assigns them (a permutation of 0 … n−1).
  BoxRelaxation(const std::vector<SearchObjective>& objectives, std::vector<std::size_t> order);

  [[nodiscard]] std::size_t issue_count() const noexcept { return order_.size(); }
  [[nodiscard]] std::size_t objective_count() const noexcept { return objectives_; }
  // The issue assigned at depth d (0 = first).
  [[nodiscard]] std::size_t issue_at(std::size_t depth) const noexcept { return order_[depth]; }
  [[nodiscard]] std::size_t option_count(std::size_t issue) const noexcept {
    return offsets_[issue + 1] - offsets_[issue];
  }
  // Number of issues assigned so far.
  [[nodiscard]] std::size_t depth() const noexcept { return marks_.size(); }

  // Assigns the next issue in the order (issue_at(depth())) to `option`.
  void assign(int option);
  // Takes back the last assignment.
  void undo();

  // The assigned issues' exact contribution to objective j.
  [[nodiscard]] double fixed(std::size_t j) const noexcept { return fixed_[j]; }
  // T_j(issue, option) for an open issue.
  [[nodiscard]] double table(std::size_t j, std::size_t issue, int option) const noexcept {
    return tables_[j][offsets_[issue] + static_cast<std::size_t>(option)];
  }
  // fixed_j + Σ over open issues of maxₒ T_j: an upper bound of objective j over the completions.
  [[nodiscard]] double bound(std::size_t j) const noexcept;

  // The options of the next issue (issue_at(depth())) that no other option dominates: o
  // dominates o' when o's additive contributions are ≥ for every objective, every alive term of
  // positive utility that accepts o' accepts o, and every alive term of negative utility that
  // accepts o accepts o' (any completion with o' is then weakly worse than the same completion
  // with o, for every objective). Among equal options only the lowest is kept. Ascending.
  [[nodiscard]] std::vector<int> undominated_options() const;

  // Tightens the bound before the search starts (depth 0): a positive term's utility may be
  // split among its issues in any non-negative shares that sum to it (each share counted on the
  // options that issue accepts) and the relaxation stays valid; block coordinate descent over the
  // terms moves each term's shares to the issues where they raise maxₒ T the least (first into
  // the slack an issue has on the options the term rejects). The optimum of that descent is the
  // bound of the linear-programming relaxation; on the ANAC 2014 profiles it is reached in a few
  // sweeps and equals the exact maximum. Stops after `sweeps` sweeps or when a sweep improves
  // Σᵢ maxₒ (w₀T₀ + w₁T₁) by less than 1e-9. The weights say which combination of the objectives
  // the shares serve (one objective: w₀ = 1).
  void optimize_shares(int sweeps, double weight0 = 1.0, double weight1 = 1.0);
  // The shares of the positive terms, in term order and, within a term, in the order its
  // conditions were written: a split chosen once (optimize_shares) can serve relaxations with
  // other search orders over the same objectives.
  [[nodiscard]] std::vector<double> shares() const;
  // Sets the shares (from shares() of a relaxation over the same objectives) before the search
  // starts (depth 0).
  void set_shares(const std::vector<double>& shares);

  // Whether assign() also re-splits the shares of the terms whose first open issue it assigned
  // (one descent step each, undone with the assignment): tighter bounds deeper in the tree.
  void set_resplit_in_search(bool on) noexcept { resplit_in_search_ = on; }

 private:
  struct Box {
    std::uint32_t objective;
    std::uint32_t conditions_begin;  // conditions in search order
    std::uint32_t conditions_end;
    double utility;  // sign applied
  };
  struct Touch {
    std::uint32_t box;
    std::uint32_t condition;
  };
  enum class Op : std::uint8_t { kKill, kAdvance, kResplit };
  struct TrailEntry {
    std::uint32_t box;
    Op op;
    double moved;  // kAdvance: the share moved to the next condition; kResplit: where the old
                   // shares start in saved_shares_
  };

  // Re-splits a positive box's utility among its open conditions (one coordinate-descent step
  // for the current weights); returns false when nothing changed.
  bool resplit(std::uint32_t box_index, bool record);

  // Adds `amount` to the table of condition c's issue (objective of the box), on the options c
  // accepts.
  void add_to_table(const Box& box, std::uint32_t condition, double amount);
  [[nodiscard]] bool accepts(std::uint32_t condition, int option) const noexcept {
    return accepted_[condition_rows_[condition] + static_cast<std::size_t>(option)] != 0;
  }
  std::size_t objectives_ = 0;
  std::vector<std::size_t> order_;
  std::vector<std::size_t> position_;  // depth of each issue
  std::vector<std::size_t> offsets_;   // per issue, plus one
  std::vector<std::vector<double>> tables_;
  std::vector<std::vector<double>> base_;  // the additive contributions (sign applied)
  std::vector<Box> boxes_;
  std::vector<std::uint32_t> condition_issue_;
  std::vector<std::uint32_t> condition_written_;  // per condition: its place in the term
  std::vector<std::size_t> condition_rows_;
  std::vector<std::uint8_t> accepted_;
  std::vector<std::vector<Touch>> touches_;  // per issue
  // State.
  std::vector<std::uint8_t> alive_;
  std::vector<std::uint32_t> next_;   // the first open condition
  std::vector<double> shares_;        // per condition: a positive box's share of its utility
  std::vector<double> saved_shares_;  // shares before a kResplit, for undo
  std::vector<double> slack_;         // scratch
  double weights_[2] = {1.0, 1.0};    // the combination the shares serve
  bool resplit_in_search_ = false;
  std::vector<double> fixed_;
  std::vector<TrailEntry> trail_;
  struct Mark {
    std::size_t trail;
    double fixed[2];
  };
  std::vector<Mark> marks_;
};

// An order of the issues for branch and bound: most-constrained first (the issues that the most
// terms list, weighted by |utility|, then the additive spread), ties by index.
[[nodiscard]] std::vector<std::size_t> constrained_first_order(
    const std::vector<SearchObjective>& objectives);

// The lowest-index outcome that satisfies a condition, given one outcome that does (`witness`)
// and `reach_from(prefix, k)`: an outcome that starts with prefix[0 … k−1] and satisfies it, or
// nullopt. Fixes the issues in order, each to the lowest option some completion satisfies with;
// only the options below the witness's need asking.
[[nodiscard]] Outcome lowest_index_reaching(
    const std::vector<SearchObjective>& objectives, const std::vector<std::size_t>& order,
    Outcome witness,
    const std::function<std::optional<Outcome>(const Outcome&, std::size_t)>& reach_from);

// The utility grid of a utility function: the largest g such that every option contribution and
// every term utility is a whole multiple of g (within a relative 1e-9; g = m/q for the smallest
// non-zero magnitude m and q = 1 … 100000), so that every utility is a multiple of g; 0 when there
// is none. ANAC 2014 profiles (whole-number rectangle utilities over maxutility) have one; the
// searches use it to prune nodes whose bound cannot reach the next multiple.
[[nodiscard]] double utility_grid(const UtilityFunction& utility);

// The extreme of one party's utility: an outcome and its utility.
struct UtilityExtreme {
  Outcome outcome;
  double utility = 0.0;
};

// The exact maximum (or minimum) of u over the whole space, with the lowest-index outcome that
// reaches it (within 1e-12). For any utility function; meant for those with interaction terms.
[[nodiscard]] UtilityExtreme utility_extreme(const UtilityFunction& utility, bool maximum);

// Outcomes of one party whose utility lies in a range, for bidding on spaces too large to
// enumerate (utility_levels.hpp). The relaxation's shares are computed once; each question builds
// a fresh relaxation from them (cheap, and safe to ask from several threads).
class UtilityRangeSearch {
 public:
  explicit UtilityRangeSearch(const UtilityFunction& utility);

  // An outcome whose utility lies in [low, high] (within 1e-12), or nullopt when none does. Exact
  // unless the search stops at `node_budget` nodes (then `exhausted` is set). Deterministic: the
  // first such outcome in a fixed search order (issues most-constrained first; options whose
  // relaxed utility range is centred nearest the middle of [low, high] first).
  [[nodiscard]] std::optional<Outcome> find(double low, double high, std::size_t node_budget,
                                            bool* exhausted = nullptr) const;

 private:
  const UtilityFunction* utility_;
  std::vector<SearchObjective> objectives_;
  std::vector<std::size_t> order_;
  std::vector<double> shares_;
};

}  // namespace treatysim

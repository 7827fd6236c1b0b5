#include "engine/analysis/interaction_frontier.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>

#include <oneapi/tbb/parallel_for.h>

#include "engine/model/utility_search.hpp"

namespace treatysim {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kCover = kSearchRounding;  // pairs closer than this count as one

struct Point {
  double x;  // u₀
  double y;  // u₁
};

struct Edge {
  double dx;  // > 0
  double dy;  // ≤ 0
};

// The upper-right convex hull of a node's relaxation: vertices from B (highest u₁, then highest
// u₀) to A (highest u₀, then highest u₁), u₀ strictly increasing. The region it bounds, R, is
// everything below and left of the chain, of B's horizontal ray and of A's vertical ray.
class HullChain {
 public:
  // Builds the chain of the relaxation's open issues (O(E log E)).
  void build(const BoxRelaxation& relaxation) {
    edges_.clear();
    Point start{relaxation.fixed(0), relaxation.fixed(1)};
    for (std::size_t d = relaxation.depth(); d < relaxation.issue_count(); ++d) {
      const std::size_t issue = relaxation.issue_at(d);
      points_.clear();
      for (std::size_t o = 0; o < relaxation.option_count(issue); ++o) {
        const auto option = static_cast<int>(o);
        points_.push_back(
            Point{relaxation.table(0, issue, option), relaxation.table(1, issue, option)});
      }
      std::sort(points_.begin(), points_.end(),
                [](const Point& a, const Point& b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
      // Upper hull, left to right.
      hull_.clear();
      for (const Point& p : points_) {
        while (hull_.size() >= 2) {
          const Point& o = hull_[hull_.size() - 2];
          const Point& a = hull_.back();
          const double cross = (a.x - o.x) * (p.y - o.y) - (a.y - o.y) * (p.x - o.x);
          if (cross < 0.0) break;
          hull_.pop_back();
        }
        hull_.push_back(p);
      }
      // From the last vertex of highest u₁ to the end.
      std::size_t top = 0;
      for (std::size_t k = 1; k < hull_.size(); ++k) {
        if (hull_[k].y >= hull_[top].y) top = k;
      }
      start.x += hull_[top].x;
      start.y += hull_[top].y;
      for (std::size_t k = top + 1; k < hull_.size(); ++k) {
        edges_.push_back(Edge{hull_[k].x - hull_[k - 1].x, hull_[k].y - hull_[k - 1].y});
      }
    }
    // Flattest first: dy₁/dx₁ > dy₂/dx₂.
    std::sort(edges_.begin(), edges_.end(),
              [](const Edge& a, const Edge& b) { return a.dy * b.dx > b.dy * a.dx; });
    vertices_.clear();
    vertices_.push_back(start);
    for (const Edge& e : edges_) {
      const Point& last = vertices_.back();
      vertices_.push_back(Point{last.x + e.dx, last.y + e.dy});
    }
  }

  [[nodiscard]] const Point& b() const noexcept { return vertices_.front(); }
  [[nodiscard]] const Point& a() const noexcept { return vertices_.back(); }

  // The highest u₁ of R at u₀ = x, for B.x ≤ x ≤ A.x.
  [[nodiscard]] double height(double x) const noexcept {
    if (x <= vertices_.front().x) return vertices_.front().y;
    const auto it = std::upper_bound(vertices_.begin(), vertices_.end(), x,
                                     [](double value, const Point& p) { return value < p.x; });
    if (it == vertices_.end()) return vertices_.back().y;
    const Point& right = *it;
    const Point& left = *(it - 1);
    const double t = (x - left.x) / (right.x - left.x);
    return left.y + t * (right.y - left.y);
  }

  // True when R meets the open quadrant {y₀ > c₀, y₁ > c₁} (c₀ or c₁ may be −∞).
  [[nodiscard]] bool meets(double c0, double c1) const noexcept {
    if (c0 == -kInfinity) return b().y > c1;
    if (a().x <= c0) return false;
    return height(std::max(c0, b().x)) > c1;
  }
  // True when R contains a point ≥ q.
  [[nodiscard]] bool reaches(double q0, double q1) const noexcept {
    if (a().x < q0) return false;
    return height(std::max(q0, b().x)) >= q1;
  }
  // max over R of min(y₀ − c₀, y₁ − c₁): how far R reaches into the quadrant.
  [[nodiscard]] double depth_into(double c0, double c1) const noexcept {
    if (c0 == -kInfinity) return b().y - c1;
    if (c1 == -kInfinity) return a().x - c0;
    // f = (y₀ − c₀) − (y₁ − c₁) increases along the chain; the best point is where f = 0.
    auto f = [c0, c1](const Point& p) { return (p.x - c0) - (p.y - c1); };
    if (f(vertices_.front()) >= 0.0) return vertices_.front().y - c1;
    if (f(vertices_.back()) <= 0.0) return vertices_.back().x - c0;
    for (std::size_t k = 1; k < vertices_.size(); ++k) {
      if (f(vertices_[k]) >= 0.0) {
        const Point& l = vertices_[k - 1];
        const Point& r = vertices_[k];
        const double t = -f(l) / (f(r) - f(l));
        return (l.x + t * (r.x - l.x)) - c0;
      }
    }
    return vertices_.back().x - c0;
  }

 private:
  std::vector<Point> points_;
  std::vector<Point> hull_;
  std::vector<Edge> edges_;
  std::vector<Point> vertices_;
};

// The archive: non-dominated pairs found so far, u₀ descending (u₁ ascending), no two within
// kCover of covering each other.
class Archive {
 public:
  struct Entry {
    Point point;
    Outcome outcome;
  };

  // The smallest amount by which a new pair can exceed an archived one in each utility: the
  // utility grid when every utility is a multiple of one (utility_grid), less a slack far above
  // rounding; else kCover.
  void set_steps(double step0, double step1) noexcept {
    step_[0] = step0;
    step_[1] = step1;
  }

  // True when an archived pair covers p (≥ p − kCover in both).
  [[nodiscard]] bool covers(const Point& p) const noexcept {
    // Entries with x ≥ p.x − kCover form a prefix; the last of them has the highest y.
    const auto end = std::partition_point(entries_.begin(), entries_.end(), [&p](const Entry& e) {
      return e.point.x >= p.x - kCover;
    });
    return end != entries_.begin() && (end - 1)->point.y >= p.y - kCover;
  }

  // Adds p unless it is covered; drops the entries p covers.
  void offer(const Point& p, const Outcome& outcome) {
    if (covers(p)) return;
    std::erase_if(entries_, [&p](const Entry& e) {
      return e.point.x <= p.x + kCover && e.point.y <= p.y + kCover;
    });
    const auto at = std::partition_point(entries_.begin(), entries_.end(),
                                         [&p](const Entry& e) { return e.point.x > p.x; });
    entries_.insert(at, Entry{p, outcome});
  }

  // True when the hull leaves the covered region somewhere (the node may hold a new pair).
  [[nodiscard]] bool open_for(const HullChain& hull) const noexcept {
    const std::size_t m = entries_.size();
    if (m == 0) return true;
    if (hull.meets(entries_[0].point.x + step_[0], -kInfinity)) return true;
    for (std::size_t j = 1; j < m; ++j) {
      if (hull.meets(entries_[j].point.x + step_[0], entries_[j - 1].point.y + step_[1]))
        return true;
    }
    return hull.meets(-kInfinity, entries_[m - 1].point.y + step_[1]);
  }

  // The same, only for the zones between two consecutive entries (a triangle search, whose
  // archive starts with the two supported points that bound it).
  [[nodiscard]] bool open_between(const HullChain& hull) const noexcept {
    for (std::size_t j = 1; j < entries_.size(); ++j) {
      if (hull.meets(entries_[j].point.x + step_[0], entries_[j - 1].point.y + step_[1]))
        return true;
    }
    return false;
  }
  [[nodiscard]] double distance_between(const HullChain& hull) const noexcept {
    double worst = -kInfinity;
    for (std::size_t j = 1; j < entries_.size(); ++j) {
      worst = std::max(worst, hull.depth_into(entries_[j].point.x + step_[0],
                                              entries_[j - 1].point.y + step_[1]));
    }
    return worst;
  }
  [[nodiscard]] double distance_between(const Point& p) const noexcept {
    double worst = -kInfinity;
    for (std::size_t j = 1; j < entries_.size(); ++j) {
      worst = std::max(worst, std::min(p.x - (entries_[j].point.x + step_[0]),
                                       p.y - (entries_[j - 1].point.y + step_[1])));
    }
    return worst;
  }

  // How far the hull reaches beyond the covered region (≤ 0: not at all).
  [[nodiscard]] double distance_beyond(const HullChain& hull) const noexcept {
    const std::size_t m = entries_.size();
    if (m == 0) return kInfinity;
    double worst = hull.depth_into(entries_[0].point.x + step_[0], -kInfinity);
    for (std::size_t j = 1; j < m; ++j) {
      worst = std::max(worst, hull.depth_into(entries_[j].point.x + step_[0],
                                              entries_[j - 1].point.y + step_[1]));
    }
    return std::max(worst, hull.depth_into(-kInfinity, entries_[m - 1].point.y + step_[1]));
  }

  // The same for one pair.
  [[nodiscard]] double distance_beyond(const Point& p) const noexcept {
    const std::size_t m = entries_.size();
    if (m == 0) return kInfinity;
    double worst = p.x - (entries_[0].point.x + step_[0]);
    for (std::size_t j = 1; j < m; ++j) {
      worst = std::max(worst, std::min(p.x - (entries_[j].point.x + step_[0]),
                                       p.y - (entries_[j - 1].point.y + step_[1])));
    }
    return std::max(worst, p.y - (entries_[m - 1].point.y + step_[1]));
  }

  [[nodiscard]] const std::vector<Entry>& entries() const noexcept { return entries_; }

 private:
  std::vector<Entry> entries_;
  double step_[2] = {kCover, kCover};
};

// The archive's steps for a scenario's utilities.
std::array<double, 2> archive_steps(const std::vector<SearchObjective>& objectives) {
  std::array<double, 2> steps{kCover, kCover};
  for (std::size_t j = 0; j < 2; ++j) {
    const double grid = utility_grid(*objectives[j].utility);
    if (grid > 0.0) steps[j] = std::max(kCover, grid * (1.0 - 1e-6));
  }
  return steps;
}

// Searches for an outcome whose pair is ≥ q below the assigned prefix of three relaxations of
// the same node (shares for both utilities, whose hull must reach q, and for each utility
// alone, each of which must reach its coordinate of q: LP-tight on ANAC 2014). Depth first,
// undominated options only (a dominated option's completions are weakly worse), best
// T₀ + T₁ first.
class PairReacher {
 public:
  // The shares of the three relaxations (for both utilities, for u₀, for u₁), optimised once.
  using Shares = std::array<std::vector<double>, 3>;
  static Shares optimized_shares(const std::vector<SearchObjective>& objectives) {
    std::vector<std::size_t> identity(objectives[0].utility->issue_count());
    std::iota(identity.begin(), identity.end(), std::size_t{0});
    Shares shares;
    for (std::size_t k = 0; k < 3; ++k) {
      BoxRelaxation relaxation(objectives, identity);
      relaxation.optimize_shares(kShareSweeps, kWeights[k][0], kWeights[k][1]);
      shares[k] = relaxation.shares();
    }
    return shares;
  }

  PairReacher(const std::vector<SearchObjective>& objectives, const std::vector<std::size_t>& order,
              const Shares& shares, Point q)
      : q_(q) {
    for (std::size_t k = 0; k < 3; ++k) {
      relaxations_.emplace_back(objectives, order);
      relaxations_.back().set_shares(shares[k]);
      relaxations_.back().optimize_shares(0, kWeights[k][0], kWeights[k][1]);  // weights only
      relaxations_.back().set_resplit_in_search(true);  // the touched terms only
    }
    options_.resize(order.size());
  }

  void assign(int option) {
    for (BoxRelaxation& r : relaxations_) r.assign(option);
  }
  void undo() {
    for (BoxRelaxation& r : relaxations_) r.undo();
  }

  // False when the bounds already rule out every completion of the assigned prefix.
  bool reachable() {
    const BoxRelaxation& r = relaxations_[0];
    if (r.depth() == r.issue_count()) return r.fixed(0) >= q_.x && r.fixed(1) >= q_.y;
    if (relaxations_[1].bound(0) < q_.x || relaxations_[2].bound(1) < q_.y) return false;
    hull_.build(relaxations_[0]);
    return hull_.reaches(q_.x, q_.y);
  }

  // A completion of the assigned prefix whose pair is ≥ q, written into `outcome` (which holds
  // the prefix); false when there is none.
  bool find(Outcome& outcome) {
    const BoxRelaxation& r = relaxations_[0];
    if (r.depth() == r.issue_count()) return r.fixed(0) >= q_.x && r.fixed(1) >= q_.y;
    return reachable() && search(outcome);
  }

 private:
  static constexpr double kWeights[3][2] = {{1.0, 1.0}, {1.0, 0.0}, {0.0, 1.0}};

  bool search(Outcome& outcome) {
    const BoxRelaxation& r = relaxations_[0];
    const std::size_t d = r.depth();
    const std::size_t n = r.issue_count();
    const std::size_t issue = r.issue_at(d);
    std::vector<int>& list = options_[d];
    list = r.undominated_options();
    std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
      return r.table(0, issue, a) + r.table(1, issue, a) >
             r.table(0, issue, b) + r.table(1, issue, b);
    });
    for (const int option : list) {
      if (d + 1 == n) {
        if (r.fixed(0) + r.table(0, issue, option) >= q_.x &&
            r.fixed(1) + r.table(1, issue, option) >= q_.y) {
          outcome.set(issue, option);
          return true;
        }
        continue;
      }
      assign(option);
      const bool found = reachable() && search(outcome);
      undo();
      if (found) {
        outcome.set(issue, option);
        return true;
      }
    }
    return false;
  }

  Point q_;
  std::vector<BoxRelaxation> relaxations_;
  HullChain hull_;
  std::vector<std::vector<int>> options_;
};

// The search order of a prefix question: issues 0 … k−1 (the prefix), then the others in `order`.
std::vector<std::size_t> prefix_order(const std::vector<std::size_t>& order, std::size_t k) {
  std::vector<std::size_t> out(k);
  std::iota(out.begin(), out.end(), std::size_t{0});
  for (const std::size_t issue : order) {
    if (issue >= k) out.push_back(issue);
  }
  return out;
}

// Phase 2: the lowest-index outcome whose pair is ≥ q, given one (the witness). Issues in index
// order, each fixed to the lowest option from which some completion still reaches q. Relaxations
// in index order that keep the fixed prefix assigned rule most options out at once (their bounds
// after assigning the option); the others go to a search that assigns the prefix and then the
// open issues most-constrained first (one per issue, built on first need). All relaxations reuse
// shares optimised once.
Outcome lowest_index_outcome(const std::vector<SearchObjective>& objectives,
                             const std::vector<std::size_t>& order,
                             const PairReacher::Shares& shares, Outcome witness, Point q) {
  const std::size_t n = witness.size();
  std::vector<std::size_t> identity(n);
  std::iota(identity.begin(), identity.end(), std::size_t{0});
  PairReacher in_order(objectives, identity, shares, q);
  for (std::size_t d = 0; d < n; ++d) {
    std::optional<PairReacher> search;
    for (int option = 0; option < witness[d]; ++option) {
      // First the witness with this one issue changed: ties on issues that do not matter here
      // are found without a search.
      Outcome candidate = witness;
      candidate.set(d, option);
      if ((*objectives[0].utility)(candidate) >= q.x &&
          (*objectives[1].utility)(candidate) >= q.y) {
        witness = candidate;
        break;
      }
      in_order.assign(option);
      const bool possible = in_order.reachable();
      in_order.undo();
      if (!possible) continue;
      if (!search) {
        search.emplace(objectives, prefix_order(order, d + 1), shares, q);
        for (std::size_t k = 0; k < d; ++k) search->assign(witness[k]);
      }
      search->assign(option);
      const bool found = search->find(candidate);
      search->undo();
      if (found) {
        witness = candidate;
        break;
      }
    }
    in_order.assign(witness[d]);
  }
  return witness;
}

// The outcome maximising w₀·u₀ + w₁·u₁ (w ≥ 0), by depth-first branch and bound on the scalar
// bound w₀·fixed₀ + w₁·fixed₁ + Σᵢ maxₒ (w₀T₀ + w₁T₁). Used to seed the archive with the
// supported points of the frontier before the bi-objective search.
struct Supported {
  Point point;
  Outcome outcome;
};

Supported best_weighted(const std::vector<SearchObjective>& objectives,
                        const std::vector<std::size_t>& order, double w0, double w1,
                        std::uint64_t& nodes) {
  const std::size_t n = order.size();
  BoxRelaxation relaxation(objectives, order);
  relaxation.optimize_shares(kShareSweeps, w0, w1);
  relaxation.set_resplit_in_search(true);
  auto weighted = [&](std::size_t issue, int option) {
    return w0 * relaxation.table(0, issue, option) + w1 * relaxation.table(1, issue, option);
  };
  auto bound = [&]() {
    double total = w0 * relaxation.fixed(0) + w1 * relaxation.fixed(1);
    for (std::size_t d = relaxation.depth(); d < n; ++d) {
      const std::size_t issue = relaxation.issue_at(d);
      double best = -kInfinity;
      for (std::size_t o = 0; o < relaxation.option_count(issue); ++o) {
        best = std::max(best, weighted(issue, static_cast<int>(o)));
      }
      total += best;
    }
    return total;
  };
  double best_value = -kInfinity;
  Supported best{Point{0.0, 0.0}, Outcome(n)};
  Outcome current(n);
  std::vector<std::vector<int>> lists(n);
  std::function<void()> search = [&]() {
    const std::size_t d = relaxation.depth();
    const std::size_t issue = relaxation.issue_at(d);
    std::vector<int>& list = lists[d];
    list = relaxation.undominated_options();
    std::stable_sort(list.begin(), list.end(),
                     [&](int a, int b) { return weighted(issue, a) > weighted(issue, b); });
    for (const int option : list) {
      ++nodes;
      if (d + 1 == n) {
        const double value =
            w0 * relaxation.fixed(0) + w1 * relaxation.fixed(1) + weighted(issue, option);
        if (value > best_value) {
          best_value = value;
          current.set(issue, option);
          best.outcome = current;
          best.point = Point{relaxation.fixed(0) + relaxation.table(0, issue, option),
                             relaxation.fixed(1) + relaxation.table(1, issue, option)};
        }
        continue;
      }
      relaxation.assign(option);
      current.set(issue, option);
      if (bound() > best_value + kCover) search();
      relaxation.undo();
    }
  };
  search();
  return best;
}

// The supported points (extreme points of the frontier's convex hull), by dichotomic search:
// each party's best outcome (any one: the triangle search below reaches the lexicographic ends),
// then, between two known points, the weights normal to the segment joining them, recursively
// while a point beyond the segment turns up.
std::vector<Supported> supported_points(const std::vector<SearchObjective>& objectives,
                                        const std::vector<std::size_t>& order,
                                        std::uint64_t& nodes) {
  const Supported left = best_weighted(objectives, order, 0.0, 1.0, nodes);   // highest u₁
  const Supported right = best_weighted(objectives, order, 1.0, 0.0, nodes);  // highest u₀
  std::vector<Supported> found{left, right};
  std::function<void(const Supported&, const Supported&, int)> between =
      [&](const Supported& p, const Supported& q, int depth) {
        // p has the higher u₁, q the higher u₀.
        const double w0 = p.point.y - q.point.y;
        const double w1 = q.point.x - p.point.x;
        if (depth > 60 || w0 <= kCover || w1 <= kCover) return;
        const Supported r = best_weighted(objectives, order, w0, w1, nodes);
        const double beyond = w0 * r.point.x + w1 * r.point.y - (w0 * p.point.x + w1 * p.point.y);
        if (beyond <= kCover * (w0 + w1)) return;
        found.push_back(r);
        between(p, r, depth + 1);
        between(r, q, depth + 1);
      };
  between(left, right, 0);
  return found;
}

// One triangle of the second stage: the non-dominated pairs strictly between two adjacent
// supported points p (higher u₁) and q (higher u₀). The relaxation's shares serve the direction
// normal to pq, where the triangle is thin.
struct TriangleResult {
  std::vector<Archive::Entry> entries;  // the pairs found between p and q (p and q excluded)
  bool finished = true;
  double gap = 0.0;
  std::uint64_t nodes = 0;
};

using Clock = std::chrono::steady_clock;

TriangleResult search_triangle(const std::vector<SearchObjective>& objectives,
                               const std::vector<std::size_t>& order, const Supported& p,
                               const Supported& q, bool limited, Clock::time_point deadline) {
  TriangleResult result;
  const std::size_t n = order.size();
  Archive archive;
  const std::array<double, 2> steps = archive_steps(objectives);
  archive.set_steps(steps[0], steps[1]);
  archive.offer(q.point, q.outcome);
  archive.offer(p.point, p.outcome);
  if (archive.entries().size() < 2) return result;  // p and q cover each other: no triangle
  const double w0 = std::max(p.point.y - q.point.y, kCover);
  const double w1 = std::max(q.point.x - p.point.x, kCover);
  BoxRelaxation relaxation(objectives, order);
  relaxation.optimize_shares(kShareSweeps, w0, w1);
  relaxation.set_resplit_in_search(true);
  HullChain hull;
  hull.build(relaxation);
  if (!archive.open_between(hull)) return result;
  Outcome current(n);
  std::vector<std::vector<int>> option_lists(n);
  bool stopped = false;
  double gap = -kInfinity;
  std::function<void()> search = [&]() {
    const std::size_t d = relaxation.depth();
    const std::size_t issue = relaxation.issue_at(d);
    std::vector<int>& list = option_lists[d];
    list = relaxation.undominated_options();
    std::stable_sort(list.begin(), list.end(), [&](int a, int b) {
      return w0 * relaxation.table(0, issue, a) + w1 * relaxation.table(1, issue, a) >
             w0 * relaxation.table(0, issue, b) + w1 * relaxation.table(1, issue, b);
    });
    for (const int option : list) {
      ++result.nodes;
      if (!stopped && limited && (result.nodes & 1023U) == 0 && Clock::now() > deadline) {
        stopped = true;
      }
      if (d + 1 == n) {
        const Point pair{relaxation.fixed(0) + relaxation.table(0, issue, option),
                         relaxation.fixed(1) + relaxation.table(1, issue, option)};
        if (stopped) {
          gap = std::max(gap, archive.distance_between(pair));
          continue;
        }
        current.set(issue, option);
        archive.offer(pair, current);
        continue;
      }
      relaxation.assign(option);
      current.set(issue, option);
      hull.build(relaxation);
      if (stopped) {
        gap = std::max(gap, archive.distance_between(hull));
      } else if (archive.open_between(hull)) {
        search();
      }
      relaxation.undo();
    }
  };
  search();
  for (const Archive::Entry& entry : archive.entries()) {
    const bool is_p = entry.point.x == p.point.x && entry.point.y == p.point.y;
    const bool is_q = entry.point.x == q.point.x && entry.point.y == q.point.y;
    if (!is_p && !is_q) result.entries.push_back(entry);
  }
  result.finished = !stopped;
  result.gap = stopped ? std::max(0.0, gap) : 0.0;
  return result;
}

}  // namespace

InteractionFrontierResult interaction_pareto_frontier(const Scenario& scenario,
                                                      const InteractionFrontierOptions& options) {
  const Clock::time_point start = Clock::now();
  const OutcomeSpace& space = scenario.space();
  const std::size_t n = space.issue_count();
  const std::vector<SearchObjective> objectives{{&scenario.utility(0), 1.0},
                                                {&scenario.utility(1), 1.0}};
  const std::vector<std::size_t> order = constrained_first_order(objectives);
  InteractionFrontierResult result;

  // Phase 1: the non-dominated pairs — the supported ones, then the triangles between them.
  const bool limited = options.time_limit_seconds > 0.0;
  const Clock::time_point deadline =
      start + std::chrono::duration_cast<Clock::duration>(
                  std::chrono::duration<double>(limited ? options.time_limit_seconds : 0.0));
  std::vector<Supported> supported = supported_points(objectives, order, result.nodes);
  result.supported = supported.size();
  const Clock::time_point after_supported = Clock::now();
  result.seconds_supported = std::chrono::duration<double>(after_supported - start).count();
  std::sort(supported.begin(), supported.end(), [](const Supported& a, const Supported& b) {
    return a.point.x < b.point.x;  // u₀ ascending: u₁ descending
  });
  Archive archive;
  for (const Supported& s : supported) archive.offer(s.point, s.outcome);
  std::vector<TriangleResult> triangles(supported.size() > 0 ? supported.size() - 1 : 0);
  oneapi::tbb::parallel_for(std::size_t{0}, triangles.size(), [&](std::size_t k) {
    triangles[k] =
        search_triangle(objectives, order, supported[k], supported[k + 1], limited, deadline);
  });
  for (const TriangleResult& triangle : triangles) {
    result.nodes += triangle.nodes;
    for (const Archive::Entry& entry : triangle.entries) archive.offer(entry.point, entry.outcome);
    if (!triangle.finished) {
      result.exact = false;
      result.gap = std::max(result.gap, triangle.gap);
    }
  }

  // Phase 2: the lowest-index outcome of each pair.
  std::vector<OutcomePoint> points;
  points.reserve(archive.entries().size());
  const bool indexable = space.size() < 1.8e19;
  const Clock::time_point after_triangles = Clock::now();
  result.seconds_triangles =
      std::chrono::duration<double>(after_triangles - after_supported).count();
  const std::vector<Archive::Entry>& entries = archive.entries();
  std::vector<Outcome> lowest(entries.size());
  const PairReacher::Shares shares =
      result.exact ? PairReacher::optimized_shares(objectives) : PairReacher::Shares{};
  oneapi::tbb::parallel_for(std::size_t{0}, entries.size(), [&](std::size_t k) {
    const Point q{entries[k].point.x - kCover, entries[k].point.y - kCover};
    lowest[k] = result.exact
                    ? lowest_index_outcome(objectives, order, shares, entries[k].outcome, q)
                    : entries[k].outcome;
  });
  for (const Outcome& outcome : lowest) {
    std::uint64_t index = 0;
    if (indexable) {
      for (std::size_t i = 0; i < n; ++i)
        index = index * space.issue(i).size() + static_cast<std::uint64_t>(outcome[i]);
    }
    points.push_back(
        OutcomePoint{outcome, index, {scenario.utility(0)(outcome), scenario.utility(1)(outcome)}});
  }
  if (!indexable) {
    std::sort(points.begin(), points.end(),
              [](const OutcomePoint& a, const OutcomePoint& b) { return a.outcome < b.outcome; });
    for (std::size_t k = 0; k < points.size(); ++k) points[k].index = k;
  }
  result.points = pareto_frontier(points);
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.seconds_outcomes = std::chrono::duration<double>(Clock::now() - after_triangles).count();
  return result;
}

}  // namespace treatysim

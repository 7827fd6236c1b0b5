// plot_math envelope: a dense series drawn as one bar per bucket.
#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "gui/logic/plot_math.hpp"

using treatysim::gui::envelope;
using treatysim::gui::EnvelopeColumn;
using treatysim::gui::SeriesPoint;

TEST_CASE("envelope of a small series, by hand") {
  // x 0..4 in 2 buckets of width 2: bucket 0 holds x 0, 1; bucket 1 holds x 2, 3, 4 (the last
  // point falls into the last bucket) and joins on from the point at x 1 (y 0.9).
  const std::vector<SeriesPoint> series{{0, 0.5}, {1, 0.9}, {2, 0.2}, {3, 0.4}, {4, 0.3}};
  const std::vector<EnvelopeColumn> columns = envelope(series, 2);
  REQUIRE(columns.size() == 2);
  CHECK(columns[0] == EnvelopeColumn{0.0, 2.0, 0.5, 0.9});
  CHECK(columns[1] == EnvelopeColumn{2.0, 4.0, 0.2, 0.9});
  CHECK(envelope({}, 5).empty());
  // One point: one column of zero height (bucket_count 0 counts as 1).
  const std::vector<EnvelopeColumn> one = envelope({{3.0, 0.7}}, 0);
  REQUIRE(one.size() == 1);
  CHECK(one[0].y_min == 0.7);
  CHECK(one[0].y_max == 0.7);
}

TEST_CASE("envelope properties on random dense series") {
  boost::random::mt19937 rng(5);
  boost::random::uniform_real_distribution<double> y(0.0, 1.0);
  for (std::size_t buckets : {1U, 7U, 250U}) {
    std::vector<SeriesPoint> series;
    for (int i = 0; i < 2000; ++i) series.push_back({static_cast<double>(i), y(rng)});
    const std::vector<EnvelopeColumn> columns = envelope(series, buckets);
    REQUIRE(!columns.empty());
    CHECK(columns.size() <= buckets);
    CHECK(columns.front().x0 == 0.0);
    for (std::size_t i = 1; i < columns.size(); ++i) CHECK(columns[i].x0 > columns[i - 1].x0);
    // Every point lies inside the column of its bucket.
    std::size_t c = 0;
    for (const SeriesPoint& p : series) {
      while (c + 1 < columns.size() && p.x >= columns[c + 1].x0) ++c;
      CHECK(p.y >= columns[c].y_min);
      CHECK(p.y <= columns[c].y_max);
    }
  }
}

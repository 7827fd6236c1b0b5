// colors: packing for ImGui, the utility ramp, fading with age.
#include <doctest/doctest.h>

#include <type_traits>

#include "gui/logic/colors.hpp"

using treatysim::gui::fade;
using treatysim::gui::mix;
using treatysim::gui::Rgba;
using treatysim::gui::utility_color;

static_assert(std::is_trivially_copyable_v<Rgba>);
static_assert(std::is_nothrow_default_constructible_v<Rgba>);

TEST_CASE("Rgba::packed has ImGui's IM_COL32 layout: alpha high, red low") {
  CHECK(treatysim::gui::kUsBlue.packed() == 0xFFDF6F2FU);
  CHECK(treatysim::gui::kChinaOrange.packed() == 0xFF1A73E8U);
  CHECK(Rgba{1, 2, 3, 4}.packed() == 0x04030201U);
}

TEST_CASE("party colours are the contract's U.S. blue and China orange") {
  CHECK(treatysim::gui::party_color(0) == Rgba{0x2f, 0x6f, 0xdf, 255});
  CHECK(treatysim::gui::party_color(1) == Rgba{0xe8, 0x73, 0x1a, 255});
}

TEST_CASE("mix interpolates each channel and clamps t") {
  const Rgba black{0, 0, 0, 0};
  const Rgba white{255, 255, 255, 255};
  CHECK(mix(black, white, 0.0) == black);
  CHECK(mix(black, white, 1.0) == white);
  CHECK(mix(black, white, 0.5) == Rgba{128, 128, 128, 128});  // 127.5 rounds up
  CHECK(mix(black, white, -3.0) == black);
  CHECK(mix(black, white, 7.0) == white);
}

TEST_CASE("utility_color runs from red through olive to green, clamped") {
  const Rgba low = utility_color(0.0);
  const Rgba high = utility_color(1.0);
  CHECK(low.r > low.g);    // reddish
  CHECK(high.g > high.r);  // greenish
  CHECK(utility_color(-1.0) == low);
  CHECK(utility_color(2.0) == high);
  // Green grows and red falls along the ramp.
  for (int i = 1; i <= 20; ++i) {
    const Rgba a = utility_color((i - 1) / 20.0);
    const Rgba b = utility_color(i / 20.0);
    CHECK(b.g >= a.g);
    CHECK(b.r <= a.r);
    CHECK(b.a == 255);
  }
}

TEST_CASE("fade scales alpha by 0.85 per step of age, down to a floor") {
  const Rgba c{10, 20, 30, 200};
  CHECK(fade(c, 0.0) == c);
  CHECK(fade(c, 1.0).a == 170);  // 200 * 0.85
  CHECK(fade(c, 3.0).a == 123);  // 200 * 0.614125 = 122.825
  CHECK(fade(c, 100.0).a == 40);
  CHECK(fade(c, 100.0, 0).a == 0);
  CHECK(fade(c, -5.0) == c);
  CHECK(fade(c, 3.0).r == 10);  // colour channels unchanged
}

// colors.hpp — the window's colours: parties, frontier, solutions, treaty states, the utility
// ramp and fading with age. Pure data and arithmetic on colours (no ImGui): panels convert with
// packed(), which has the byte layout of ImGui's IM_COL32.
//
// Party colours (U.S. blue, China orange) stay distinguishable under the common forms of
// colour-blindness; the utility ramp runs from a muted red (worthless) through grey-olive to green
// (worth the most), as in the wireframe's clause board.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/lifecycle/treaty_state.hpp"
#include "engine/model/scenario.hpp"

namespace treatysim::gui {

// An 8-bit sRGB colour with alpha.
struct Rgba {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  std::uint8_t a = 255;

  // The colour as ImGui's IM_COL32(r, g, b, a) value (a in the top byte, r in the bottom).
  [[nodiscard]] constexpr std::uint32_t packed() const noexcept {
    return (std::uint32_t{a} << 24U) | (std::uint32_t{b} << 16U) | (std::uint32_t{g} << 8U) |
           std::uint32_t{r};
  }
  // The same colour with another alpha.
  [[nodiscard]] constexpr Rgba with_alpha(std::uint8_t alpha) const noexcept {
    return Rgba{r, g, b, alpha};
  }
  friend constexpr bool operator==(const Rgba&, const Rgba&) = default;
};

inline constexpr Rgba kUsBlue{0x2f, 0x6f, 0xdf, 255};          // party 0 (the U.S.)
inline constexpr Rgba kChinaOrange{0xe8, 0x73, 0x1a, 255};     // party 1 (China)
inline constexpr Rgba kFrontierGreen{0x4c, 0xc4, 0x7a, 255};   // the Pareto frontier
inline constexpr Rgba kSolutionGold{0xe8, 0xc3, 0x4a, 255};    // bargaining solutions
inline constexpr Rgba kOutcomeGrey{0x9a, 0xa0, 0xaa, 255};     // an outcome of the space
inline constexpr Rgba kZopaShade{0x4c, 0xc4, 0x7a, 28};        // zone of possible agreement fill
inline constexpr Rgba kDeadlineRed{0xd0, 0x4a, 0x4a, 255};     // the deadline line
inline constexpr Rgba kChangedOutline{0xe8, 0xc3, 0x4a, 255};  // clause changed since last offer
inline constexpr Rgba kAgreementWhite{0xf4, 0xf4, 0xf4, 255};  // the agreement marker
inline constexpr Rgba kHiddenCellGrey{0x4a, 0x4f, 0x5a, 255};  // a clause whose worth is private

// The colour of a party: party 0 blue, party 1 orange.
[[nodiscard]] constexpr Rgba party_color(PartyIndex party) noexcept {
  return party == 0 ? kUsBlue : kChinaOrange;
}

// The band colour of a treaty state on the timeline (in force green, renegotiating teal,
// extended ochre, lapsed red, renewed blue-green, amended blue, terminated dark grey).
[[nodiscard]] Rgba treaty_state_color(TreatyState state) noexcept;

// Linear interpolation between two colours (alpha too), t clamped to [0, 1].
[[nodiscard]] Rgba mix(Rgba from, Rgba to, double t) noexcept;

// The utility ramp for a value in [0, 1] (clamped; NaN counts as 0): muted red at 0, olive at
// 0.5, green at 1. Opaque.
[[nodiscard]] Rgba utility_color(double utility) noexcept;

// A trail point `age` steps old (0 = newest): alpha scaled by 0.85^age, never below
// `min_alpha` (so old offers stay faintly visible); negative ages count as 0.
[[nodiscard]] Rgba fade(Rgba color, double age, std::uint8_t min_alpha = 40) noexcept;

// A darker or lighter shade: each channel times `factor` (clamped to 0–255), alpha kept.
[[nodiscard]] Rgba shade(Rgba color, double factor) noexcept;

}  // namespace treatysim::gui

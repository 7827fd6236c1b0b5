#include "gui/logic/colors.hpp"

#include <algorithm>
#include <cmath>

namespace treatysim::gui {

namespace {

std::uint8_t to_byte(double value) noexcept {
  return static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0, 255.0)));
}

double lerp(std::uint8_t from, std::uint8_t to, double t) noexcept {
  return static_cast<double>(from) + (static_cast<double>(to) - static_cast<double>(from)) * t;
}

// The ramp's three stops: muted red, olive, green (the wireframe's clause colours).
constexpr Rgba kRampLow{0xa8, 0x4a, 0x3c, 255};
constexpr Rgba kRampMid{0x80, 0x7a, 0x4a, 255};
constexpr Rgba kRampHigh{0x4c, 0xa8, 0x56, 255};

}  // namespace

Rgba treaty_state_color(TreatyState state) noexcept {
  switch (state) {
    case TreatyState::kInForce:
      return {0x3a, 0x7d, 0x55, 255};
    case TreatyState::kRenegotiating:
      return {0x2f, 0x86, 0x8a, 255};
    case TreatyState::kExtended:
      return {0xb0, 0x8d, 0x3a, 255};
    case TreatyState::kLapsed:
      return {0xb8, 0x3b, 0x3b, 255};
    case TreatyState::kRenewed:
      return {0x3f, 0x9a, 0x7a, 255};
    case TreatyState::kAmended:
      return {0x3a, 0x6e, 0xb0, 255};
    case TreatyState::kTerminated:
      return {0x55, 0x58, 0x60, 255};
  }
  return {0x55, 0x58, 0x60, 255};
}

Rgba mix(Rgba from, Rgba to, double t) noexcept {
  t = std::isnan(t) ? 0.0 : std::clamp(t, 0.0, 1.0);
  return Rgba{to_byte(lerp(from.r, to.r, t)), to_byte(lerp(from.g, to.g, t)),
              to_byte(lerp(from.b, to.b, t)), to_byte(lerp(from.a, to.a, t))};
}

Rgba utility_color(double utility) noexcept {
  const double u = std::isnan(utility) ? 0.0 : std::clamp(utility, 0.0, 1.0);
  return u < 0.5 ? mix(kRampLow, kRampMid, u * 2.0) : mix(kRampMid, kRampHigh, (u - 0.5) * 2.0);
}

Rgba fade(Rgba color, double age, std::uint8_t min_alpha) noexcept {
  const double a = std::isnan(age) ? 0.0 : std::max(age, 0.0);
  const double alpha = static_cast<double>(color.a) * std::pow(0.85, a);
  const double floor = std::min(static_cast<double>(min_alpha), static_cast<double>(color.a));
  return color.with_alpha(to_byte(std::max(alpha, floor)));
}

Rgba shade(Rgba color, double factor) noexcept {
  return Rgba{to_byte(color.r * factor), to_byte(color.g * factor), to_byte(color.b * factor),
              color.a};
}

}  // namespace treatysim::gui

// qr_code.hpp — QR codes of the student URL (libqrencode), for the terminal and the teacher page.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace treatysim::server {

// The modules of a QR code, row by row (true = dark), without the quiet zone.
struct QrCode {
  int size = 0;
  std::vector<bool> dark;  // size × size
  [[nodiscard]] bool at(int x, int y) const noexcept {
    return x >= 0 && y >= 0 && x < size && y < size && dark[static_cast<std::size_t>(y * size + x)];
  }
};

// Encodes `text` (error correction level M, 8-bit mode). Throws std::runtime_error when the text
// is too long for a QR code.
[[nodiscard]] QrCode qr_encode(std::string_view text);
// The code as an SVG image with a 4-module quiet zone (one path, black on white).
[[nodiscard]] std::string qr_svg(const QrCode& code);
// The code for a terminal: two module rows per text line with half blocks and a 2-module quiet
// zone. With `ansi`, explicit black-on-white colours (readable on dark and light terminals);
// without, light modules are drawn as blocks (for a dark background, as qrencode -t UTF8 does).
[[nodiscard]] std::string qr_terminal(const QrCode& code, bool ansi);

}  // namespace treatysim::server

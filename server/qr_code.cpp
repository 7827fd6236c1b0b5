#include "server/qr_code.hpp"

#include <memory>
#include <stdexcept>

#include <qrencode.h>

namespace treatysim::server {

QrCode qr_encode(std::string_view text) {
  const std::string copy(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(copy.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) throw std::runtime_error("cannot encode a QR code of " + copy);
  QrCode result;
  result.size = code->width;
  result.dark.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
  for (std::size_t i = 0; i < result.dark.size(); ++i) result.dark[i] = (code->data[i] & 1U) != 0;
  return result;
}

std::string qr_svg(const QrCode& code) {
  const int quiet = 4;
  const int total = code.size + 2 * quiet;
  std::string path;
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size; ++x) {
      if (code.at(x, y)) {
        path += "M" + std::to_string(x + quiet) + "," + std::to_string(y + quiet) + "h1v1h-1z";
      }
    }
  }
  const std::string n = std::to_string(total);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + n + "\" height=\"" + n +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
}

std::string qr_terminal(const QrCode& code, bool ansi) {
  const int quiet = 2;
  const int from = -quiet;
  const int to = code.size + quiet;
  std::string out;
  for (int y = from; y < to; y += 2) {
    if (ansi) out += "\x1b[30;107m";
    for (int x = from; x < to; ++x) {
      const bool top = code.at(x, y);
      const bool bottom = y + 1 < to && code.at(x, y + 1);
      if (ansi) {
        // Black foreground on a white background: draw the dark modules.
        out += top ? (bottom ? "\u2588" : "\u2580") : (bottom ? "\u2584" : " ");
      } else {
        // Plain text: draw the light modules (a dark terminal shows the dark ones as background).
        out += !top ? (!bottom ? "\u2588" : "\u2580") : (!bottom ? "\u2584" : " ");
      }
    }
    if (ansi) out += "\x1b[0m";
    out += "\n";
  }
  return out;
}

}  // namespace treatysim::server

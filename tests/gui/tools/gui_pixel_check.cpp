// gui_pixel_check — reads a PNG screenshot of treatysim-gui (SFML's sf::Image) and prints
// numbers about a rectangle of it, for the smoke tests in tests/gui/*.sh:
//   gui_pixel_check size FILE                          → "W H"
//   gui_pixel_check count FILE X Y W H RRGGBB TOL      → pixels within TOL (per channel) of the
//                                                        colour in the rectangle
//   gui_pixel_check text-height FILE X Y W H LUM       → the tallest run of consecutive rows
//                                                        holding a pixel of luminance ≥ LUM
//                                                        (0–255): the height of the text
//   gui_pixel_check bright FILE X Y W H LUM            → pixels of luminance ≥ LUM
// The rectangle is clipped to the image. Exit status 2 on bad arguments or an unreadable file.
#include <SFML/Graphics/Image.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

struct Region {
  unsigned x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

int usage() {
  std::cerr << "usage: gui_pixel_check size FILE\n"
               "       gui_pixel_check count FILE X Y W H RRGGBB TOL\n"
               "       gui_pixel_check text-height FILE X Y W H LUM\n"
               "       gui_pixel_check bright FILE X Y W H LUM\n";
  return 2;
}

unsigned number(const char* text) {
  char* end = nullptr;
  const unsigned long value = std::strtoul(text, &end, 10);
  if (end == text || *end != '\0') {
    std::cerr << "gui_pixel_check: not a number: " << text << "\n";
    std::exit(2);
  }
  return static_cast<unsigned>(value);
}

Region region(const sf::Image& image, char** argv) {
  const sf::Vector2u size = image.getSize();
  Region r;
  r.x0 = std::min(number(argv[0]), size.x);
  r.y0 = std::min(number(argv[1]), size.y);
  r.x1 = std::min(r.x0 + number(argv[2]), size.x);
  r.y1 = std::min(r.y0 + number(argv[3]), size.y);
  return r;
}

double luminance(const sf::Color& c) {
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string command = argv[1];
  sf::Image image;
  if (!image.loadFromFile(argv[2])) {
    std::cerr << "gui_pixel_check: cannot read " << argv[2] << "\n";
    return 2;
  }
  if (command == "size" && argc == 3) {
    std::cout << image.getSize().x << " " << image.getSize().y << "\n";
    return 0;
  }
  if (command == "count" && argc == 9) {
    const Region r = region(image, argv + 3);
    const unsigned long rgb = std::strtoul(argv[7], nullptr, 16);
    const int tolerance = static_cast<int>(number(argv[8]));
    const int want[3] = {static_cast<int>((rgb >> 16U) & 0xFFU),
                         static_cast<int>((rgb >> 8U) & 0xFFU), static_cast<int>(rgb & 0xFFU)};
    unsigned long count = 0;
    for (unsigned y = r.y0; y < r.y1; ++y) {
      for (unsigned x = r.x0; x < r.x1; ++x) {
        const sf::Color c = image.getPixel(x, y);
        if (std::abs(c.r - want[0]) <= tolerance && std::abs(c.g - want[1]) <= tolerance &&
            std::abs(c.b - want[2]) <= tolerance) {
          ++count;
        }
      }
    }
    std::cout << count << "\n";
    return 0;
  }
  if ((command == "text-height" || command == "bright") && argc == 8) {
    const Region r = region(image, argv + 3);
    const double threshold = number(argv[7]);
    unsigned long bright = 0;
    unsigned run = 0;
    unsigned tallest = 0;
    for (unsigned y = r.y0; y < r.y1; ++y) {
      bool row_has = false;
      for (unsigned x = r.x0; x < r.x1; ++x) {
        if (luminance(image.getPixel(x, y)) >= threshold) {
          ++bright;
          row_has = true;
        }
      }
      run = row_has ? run + 1 : 0;
      tallest = std::max(tallest, run);
    }
    std::cout << (command == "bright" ? bright : tallest) << "\n";
    return 0;
  }
  return usage();
}

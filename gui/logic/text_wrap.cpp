#include "gui/logic/text_wrap.hpp"

#include <algorithm>

namespace treatysim::gui {

std::vector<std::string> wrap_at_spaces(std::string_view text, float max_width,
                                        const std::function<float(std::string_view)>& width_of) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (line.empty()) {
      line = word;
    } else {
      std::string candidate = line + " ";
      candidate += word;
      if (width_of(candidate) <= max_width) {
        line = std::move(candidate);
      } else {
        lines.push_back(std::move(line));
        line = word;
      }
    }
    start = end + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string fit_with_ellipsis(std::string_view text, float max_width,
                              const std::function<float(std::string_view)>& width_of) {
  if (width_of(text) <= max_width) return std::string(text);
  constexpr std::string_view kEllipsis = "\u2026";
  // Character boundaries: a byte that is not a UTF-8 continuation byte (10xxxxxx).
  std::size_t best = 0;
  for (std::size_t end = 1; end <= text.size(); ++end) {
    if (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) continue;
    std::string candidate(text.substr(0, end));
    if (width_of(candidate + std::string(kEllipsis)) > max_width) break;
    best = end;
  }
  std::string kept(text.substr(0, best));
  while (!kept.empty() && kept.back() == ' ') kept.pop_back();
  return kept + std::string(kEllipsis);
}

WrappedText wrap_to_lines(std::string_view text, float max_width, std::size_t max_lines,
                          const std::function<float(std::string_view)>& width_of) {
  // Pieces: the words, and a word wider than a line split after each '/' ("AI/", "quantum/",
  // "biomedical"), which then follow each other without a space.
  struct Piece {
    std::string text;
    bool space_before = false;
  };
  std::vector<Piece> pieces;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    const bool space = start > 0;
    if (width_of(word) <= max_width || word.find('/') == std::string_view::npos) {
      pieces.push_back({std::string(word), space});
    } else {
      std::size_t from = 0;
      while (from < word.size()) {
        const std::size_t slash = word.find('/', from);
        const std::size_t to = slash == std::string_view::npos ? word.size() : slash + 1;
        pieces.push_back({std::string(word.substr(from, to - from)), space && from == 0});
        from = to;
      }
    }
    start = end + 1;
  }
  // Greedy lines, as ranges of pieces [first, last).
  const auto join = [&](std::size_t first, std::size_t last) {
    std::string line;
    for (std::size_t k = first; k < last; ++k) {
      if (k > first && pieces[k].space_before) line += ' ';
      line += pieces[k].text;
    }
    return line;
  };
  std::vector<std::size_t> line_starts{0};
  for (std::size_t k = 1; k < pieces.size(); ++k) {
    if (width_of(join(line_starts.back(), k + 1)) > max_width) line_starts.push_back(k);
  }
  const std::size_t keep = std::min(line_starts.size(), std::max<std::size_t>(max_lines, 1));
  WrappedText wrapped;
  for (std::size_t l = 0; l < keep; ++l) {
    // The last line kept takes the rest of the text.
    const std::size_t last = l + 1 < keep ? line_starts[l + 1] : pieces.size();
    std::string line = join(line_starts[l], last);
    if (width_of(line) > max_width) {
      line = fit_with_ellipsis(line, max_width, width_of);
      wrapped.cut = true;
    }
    wrapped.lines.push_back(std::move(line));
  }
  return wrapped;
}

}  // namespace treatysim::gui

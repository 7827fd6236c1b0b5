#include "gui/logic/text_wrap.hpp"

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

}  // namespace treatysim::gui

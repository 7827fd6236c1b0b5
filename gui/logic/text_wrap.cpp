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

}  // namespace treatysim::gui

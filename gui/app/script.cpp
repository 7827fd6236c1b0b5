#include "gui/app/script.hpp"

#include <cctype>
#include <charconv>
#include <utility>

#include "engine/model/text_file.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::gui {

namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& message) {
  throw UserError(file + ":" + std::to_string(line) + ": " + message);
}

// Splits a line into words; "quoted words" keep spaces; # outside quotes ends the line.
std::vector<std::string> split_words(std::string_view line, const std::string& file,
                                     int line_number) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    const char c = line[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
    } else if (c == '#') {
      break;
    } else if (c == '"') {
      std::string word;
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '\\' && i + 1 < line.size()) {
          word += line[i + 1];
          i += 2;
        } else if (line[i] == '"') {
          closed = true;
          ++i;
          break;
        } else {
          word += line[i++];
        }
      }
      if (!closed) fail(file, line_number, "unterminated quoted word");
      words.push_back(std::move(word));
    } else {
      const std::size_t start = i;
      while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])) == 0) ++i;
      words.emplace_back(line.substr(start, i - start));
    }
  }
  return words;
}

int parse_int(const std::string& word, const std::string& what, const std::string& file, int line) {
  int value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc() || end != word.data() + word.size() || value < 0) {
    fail(file, line, what + ": expected a whole number ≥ 0, got \"" + word + "\"");
  }
  return value;
}

sf::Event key_event(sf::Event::EventType type, sf::Keyboard::Key key, bool ctrl, bool shift,
                    bool alt) {
  sf::Event event{};
  event.type = type;
  event.key.code = key;
  event.key.control = ctrl;
  event.key.shift = shift;
  event.key.alt = alt;
  return event;
}

void add_key_events(std::vector<sf::Event>& events, const std::string& chord,
                    const std::string& file, int line) {
  bool ctrl = false;
  bool shift = false;
  bool alt = false;
  std::string_view rest = chord;
  for (std::size_t plus = rest.find('+'); plus != std::string_view::npos && plus + 1 < rest.size();
       plus = rest.find('+')) {
    const std::string_view modifier = rest.substr(0, plus);
    if (modifier == "ctrl") {
      ctrl = true;
    } else if (modifier == "shift") {
      shift = true;
    } else if (modifier == "alt") {
      alt = true;
    } else {
      fail(file, line,
           "unknown modifier \"" + std::string(modifier) + "\"; expected ctrl, shift or alt");
    }
    rest = rest.substr(plus + 1);
  }
  const sf::Keyboard::Key key = key_from_name(rest);
  if (key == sf::Keyboard::Unknown) fail(file, line, "unknown key \"" + std::string(rest) + "\"");
  const std::pair<bool, sf::Keyboard::Key> modifiers[] = {
      {ctrl, sf::Keyboard::LControl}, {shift, sf::Keyboard::LShift}, {alt, sf::Keyboard::LAlt}};
  for (const auto& [on, code] : modifiers) {
    if (on) events.push_back(key_event(sf::Event::KeyPressed, code, ctrl, shift, alt));
  }
  events.push_back(key_event(sf::Event::KeyPressed, key, ctrl, shift, alt));
  events.push_back(key_event(sf::Event::KeyReleased, key, ctrl, shift, alt));
  for (const auto& [on, code] : modifiers) {
    if (on) events.push_back(key_event(sf::Event::KeyReleased, code, false, false, false));
  }
}

// Decodes UTF-8 into code points (invalid bytes become U+FFFD).
std::vector<std::uint32_t> code_points(const std::string& text) {
  std::vector<std::uint32_t> points;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    int length = byte < 0x80           ? 1
                 : (byte >> 5) == 0x6  ? 2
                 : (byte >> 4) == 0xE  ? 3
                 : (byte >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
      points.push_back(0xFFFD);
      ++i;
      continue;
    }
    std::uint32_t point = length == 1 ? byte : byte & (0x7FU >> static_cast<unsigned>(length));
    for (int k = 1; k < length; ++k) {
      point = (point << 6U) |
              (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3FU);
    }
    points.push_back(point);
    i += static_cast<std::size_t>(length);
  }
  return points;
}

}  // namespace

sf::Keyboard::Key key_from_name(std::string_view name) noexcept {
  if (name.size() == 1) {
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    if (c >= 'A' && c <= 'Z') return static_cast<sf::Keyboard::Key>(sf::Keyboard::A + (c - 'A'));
    if (c >= '0' && c <= '9') {
      return static_cast<sf::Keyboard::Key>(sf::Keyboard::Num0 + (c - '0'));
    }
  }
  static constexpr std::pair<std::string_view, sf::Keyboard::Key> kNamed[] = {
      {"Space", sf::Keyboard::Space},         {"Left", sf::Keyboard::Left},
      {"Right", sf::Keyboard::Right},         {"Up", sf::Keyboard::Up},
      {"Down", sf::Keyboard::Down},           {"Enter", sf::Keyboard::Enter},
      {"Escape", sf::Keyboard::Escape},       {"Tab", sf::Keyboard::Tab},
      {"Backspace", sf::Keyboard::Backspace}, {"Delete", sf::Keyboard::Delete},
      {"Home", sf::Keyboard::Home},           {"End", sf::Keyboard::End},
      {"PageUp", sf::Keyboard::PageUp},       {"PageDown", sf::Keyboard::PageDown},
  };
  for (const auto& [key_name, key] : kNamed) {
    if (key_name == name) return key;
  }
  return sf::Keyboard::Unknown;
}

std::vector<ScriptStep> parse_script(std::string_view text, const std::string& file_name) {
  std::vector<ScriptStep> steps;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    const std::vector<std::string> words = split_words(line, file_name, line_number);
    if (words.empty()) continue;
    const std::string& command = words[0];
    const auto want = [&](std::size_t count, const char* usage) {
      if (words.size() != count) fail(file_name, line_number, "usage: " + std::string(usage));
    };
    ScriptStep step;
    step.line = line_number;
    if (command == "wait") {
      want(2, "wait FRAMES");
      step.kind = ScriptStep::Kind::kWait;
      step.frames = parse_int(words[1], "wait", file_name, line_number);
    } else if (command == "key") {
      want(2, "key NAME (e.g. key Space, key ctrl+z)");
      step.kind = ScriptStep::Kind::kEvents;
      add_key_events(step.events, words[1], file_name, line_number);
    } else if (command == "type") {
      want(2, "type \"TEXT\"");
      step.kind = ScriptStep::Kind::kEvents;
      for (const std::uint32_t point : code_points(words[1])) {
        sf::Event event{};
        event.type = sf::Event::TextEntered;
        event.text.unicode = point;
        step.events.push_back(event);
      }
    } else if (command == "move" || command == "click") {
      want(3, (command + " X Y").c_str());
      step.kind = ScriptStep::Kind::kEvents;
      const int x = parse_int(words[1], command + " X", file_name, line_number);
      const int y = parse_int(words[2], command + " Y", file_name, line_number);
      sf::Event move{};
      move.type = sf::Event::MouseMoved;
      move.mouseMove = {x, y};
      step.events.push_back(move);
      if (command == "click") {
        // The move happens one frame earlier so ImGui sees the hover before the press.
        steps.push_back(step);
        step.events.clear();
        for (const auto type : {sf::Event::MouseButtonPressed, sf::Event::MouseButtonReleased}) {
          sf::Event button{};
          button.type = type;
          button.mouseButton = {sf::Mouse::Left, x, y};
          step.events.push_back(button);
        }
      }
    } else if (command == "drag") {
      want(5, "drag X1 Y1 X2 Y2");
      step.kind = ScriptStep::Kind::kEvents;
      int coordinates[4] = {};
      for (std::size_t i = 0; i < 4; ++i) {
        coordinates[i] = parse_int(words[i + 1], "drag", file_name, line_number);
      }
      // One frame each: move to the start, press, move to the end, release.
      sf::Event event{};
      event.type = sf::Event::MouseMoved;
      event.mouseMove = {coordinates[0], coordinates[1]};
      step.events = {event};
      steps.push_back(step);
      event.type = sf::Event::MouseButtonPressed;
      event.mouseButton = {sf::Mouse::Left, coordinates[0], coordinates[1]};
      step.events = {event};
      steps.push_back(step);
      event.type = sf::Event::MouseMoved;
      event.mouseMove = {coordinates[2], coordinates[3]};
      step.events = {event};
      steps.push_back(step);
      event.type = sf::Event::MouseButtonReleased;
      event.mouseButton = {sf::Mouse::Left, coordinates[2], coordinates[3]};
      step.events = {event};
    } else if (command == "click_item") {
      if (words.size() < 3) fail(file_name, line_number, "usage: click_item WINDOW [ID…] LABEL");
      step.kind = ScriptStep::Kind::kClickItem;
      step.item_path.assign(words.begin() + 1, words.end());
    } else if (command == "screenshot") {
      want(2, "screenshot FILE");
      step.kind = ScriptStep::Kind::kScreenshot;
      step.path = words[1];
    } else {
      fail(file_name, line_number,
           "unknown command \"" + command +
               "\"; expected wait, key, type, move, click, drag, click_item or screenshot");
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::vector<ScriptStep> load_script(const std::string& path) {
  return parse_script(read_text_file(path), path);
}

}  // namespace treatysim::gui

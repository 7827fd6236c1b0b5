// The --script format of treatysim-gui (gui/app/script.hpp): each command becomes the synthetic
// SFML events a person would cause, and mistakes are reported with the file and line.
#include <doctest/doctest.h>

#include <string>

#include "engine/model/user_error.hpp"
#include "gui/app/script.hpp"

using treatysim::UserError;
using treatysim::gui::key_from_name;
using treatysim::gui::parse_script;
using treatysim::gui::ScriptStep;

TEST_CASE("script: wait, key, type, click and screenshot become steps and events") {
  const auto steps = parse_script(
      "# a comment\n"
      "wait 3\n"
      "key Space   # play\n"
      "type \"a\xC3\xA9\"\n"
      "click 640 400\n"
      "click_item \"Your move\" scope \"###S2\"\n"
      "screenshot \"out file.png\"\n",
      "demo.script");
  // click becomes two steps: the move, then press and release in the next frame.
  REQUIRE(steps.size() == 7);
  CHECK(steps[0].kind == ScriptStep::Kind::kWait);
  CHECK(steps[0].frames == 3);
  CHECK(steps[0].line == 2);

  REQUIRE(steps[1].events.size() == 2);
  CHECK(steps[1].events[0].type == sf::Event::KeyPressed);
  CHECK(steps[1].events[0].key.code == sf::Keyboard::Space);
  CHECK(steps[1].events[1].type == sf::Event::KeyReleased);

  REQUIRE(steps[2].events.size() == 2);  // 'a' and 'é' (U+00E9) decoded from UTF-8
  CHECK(steps[2].events[0].text.unicode == U'a');
  CHECK(steps[2].events[1].text.unicode == 0xE9U);

  REQUIRE(steps[3].events.size() == 1);
  CHECK(steps[3].events[0].type == sf::Event::MouseMoved);
  CHECK(steps[3].events[0].mouseMove.x == 640);
  REQUIRE(steps[4].events.size() == 2);
  CHECK(steps[4].events[0].type == sf::Event::MouseButtonPressed);
  CHECK(steps[4].events[0].mouseButton.y == 400);
  CHECK(steps[4].events[1].type == sf::Event::MouseButtonReleased);
  CHECK(steps[4].line == 5);

  CHECK(steps[5].kind == ScriptStep::Kind::kClickItem);
  CHECK(steps[5].item_path == std::vector<std::string>{"Your move", "scope", "###S2"});
  CHECK(steps[6].kind == ScriptStep::Kind::kScreenshot);
  CHECK(steps[6].path == "out file.png");
}

TEST_CASE("script: a chord presses its modifiers around the key") {
  const auto steps = parse_script("key ctrl+z\n", "s");
  REQUIRE(steps.size() == 1);
  const auto& events = steps[0].events;
  REQUIRE(events.size() == 4);
  CHECK(events[0].key.code == sf::Keyboard::LControl);
  CHECK(events[1].key.code == sf::Keyboard::Z);
  CHECK(events[1].key.control);
  CHECK(events[2].type == sf::Event::KeyReleased);
  CHECK(events[3].key.code == sf::Keyboard::LControl);
  CHECK(events[3].type == sf::Event::KeyReleased);
}

TEST_CASE("script: a drag is a move, a press, a move and a release in four frames") {
  const auto steps = parse_script("drag 294 300 394 310\n", "s");
  REQUIRE(steps.size() == 4);
  CHECK(steps[0].events[0].type == sf::Event::MouseMoved);
  CHECK(steps[0].events[0].mouseMove.x == 294);
  CHECK(steps[1].events[0].type == sf::Event::MouseButtonPressed);
  CHECK(steps[2].events[0].type == sf::Event::MouseMoved);
  CHECK(steps[2].events[0].mouseMove.x == 394);
  CHECK(steps[2].events[0].mouseMove.y == 310);
  CHECK(steps[3].events[0].type == sf::Event::MouseButtonReleased);
  CHECK(steps[3].events[0].mouseButton.x == 394);
}

TEST_CASE("script: key names") {
  CHECK(key_from_name("A") == sf::Keyboard::A);
  CHECK(key_from_name("h") == sf::Keyboard::H);
  CHECK(key_from_name("7") == sf::Keyboard::Num7);
  CHECK(key_from_name("Left") == sf::Keyboard::Left);
  CHECK(key_from_name("Escape") == sf::Keyboard::Escape);
  CHECK(key_from_name("Nope") == sf::Keyboard::Unknown);
}

TEST_CASE("script: mistakes name the file and line") {
  const auto message = [](const std::string& text) {
    try {
      (void)parse_script(text, "bad.script");
    } catch (const UserError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  CHECK(message("wait 1\njump 3\n") ==
        "bad.script:2: unknown command \"jump\"; expected wait, key, type, move, click, drag, "
        "click_item or screenshot");
  CHECK(message("click 10\n") == "bad.script:1: usage: click X Y");
  CHECK(message("wait -2\n") == "bad.script:1: wait: expected a whole number ≥ 0, got \"-2\"");
  CHECK(message("key Hyper\n") == "bad.script:1: unknown key \"Hyper\"");
  CHECK(message("key meta+a\n") ==
        "bad.script:1: unknown modifier \"meta\"; expected ctrl, shift or alt");
  CHECK(message("type \"open\n") == "bad.script:1: unterminated quoted word");
  CHECK(message("click_item \"Window only\"\n") ==
        "bad.script:1: usage: click_item WINDOW [ID…] LABEL");
}

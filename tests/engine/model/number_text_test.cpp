// Numbers typed on a command line (engine/model/number_text.hpp): the exact messages, checked by
// hand, for what each kind of flag refuses.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "engine/model/number_text.hpp"

using treatysim::choice_problem;
using treatysim::real_number_problem;
using treatysim::seed_problem;
using treatysim::whole_number_problem;

TEST_CASE("whole numbers: decimal digits in the range, or the range in the message") {
  const auto offers = [](const char* text) {
    return whole_number_problem(text, 1, 1000000, "a number of offers");
  };
  CHECK(offers("1") == std::nullopt);
  CHECK(offers("1000000") == std::nullopt);
  CHECK(offers("1e12") == "expected a number of offers from 1 to 1000000, got \"1e12\"");
  CHECK(offers("1000001") == "expected a number of offers from 1 to 1000000, got 1000001");
  CHECK(offers("0") == "expected a number of offers from 1 to 1000000, got 0");
  CHECK(offers("-5") == "expected a number of offers from 1 to 1000000, got -5");
  // Beyond 64 bits: still a whole number, out of range.
  CHECK(offers("99999999999999999999999") ==
        "expected a number of offers from 1 to 1000000, got 99999999999999999999999");
  // What a command-line library would misread or half-read: refused as not a whole number.
  for (const char* text : {"010", "0x10", "+5", " 5", "5 ", "5.0", "", "-", "-0", "ten", "5abc"}) {
    CHECK(offers(text) ==
          "expected a number of offers from 1 to 1000000, got \"" + std::string(text) + "\"");
  }
  CHECK(whole_number_problem("0", 0, 1024, "a number of threads (0: all cores)") == std::nullopt);
  CHECK(whole_number_problem("-3", -5, 5, "an offset") == std::nullopt);
}

TEST_CASE("real numbers: finite decimals in the range") {
  const auto selection = [](const char* text) {
    return real_number_problem(text, 0.0, 1.0, "a selection intensity");
  };
  CHECK(selection("0") == std::nullopt);
  CHECK(selection("0.25") == std::nullopt);
  CHECK(selection("1e-3") == std::nullopt);
  CHECK(selection("1") == std::nullopt);
  CHECK(selection("1.5") == "expected a selection intensity from 0 to 1, got 1.5");
  CHECK(selection("-0.1") == "expected a selection intensity from 0 to 1, got -0.1");
  CHECK(selection("1e999") == "expected a selection intensity from 0 to 1, got 1e999");
  for (const char* text : {"nan", "inf", "-inf", "0x1p-2", "", " 0.5", "0.5x", "half"}) {
    CHECK(selection(text) ==
          "expected a selection intensity from 0 to 1, got \"" + std::string(text) + "\"");
  }
}

TEST_CASE("seeds: 0 to 2^64 - 1, no sign, no leading zero") {
  CHECK(seed_problem("0") == std::nullopt);
  CHECK(seed_problem("18446744073709551615") == std::nullopt);
  CHECK(seed_problem("18446744073709551616") ==
        "expected a whole number from 0 to 18446744073709551615, got 18446744073709551616");
  CHECK(seed_problem("-1") == "expected a non-negative whole number, got \"-1\"");
  CHECK(seed_problem("1e3") == "expected a non-negative whole number, got \"1e3\"");
  CHECK(seed_problem("") == "expected a non-negative whole number, got \"\"");
  CHECK(seed_problem("010") == "expected a whole number without leading zeros, got 010");
}

TEST_CASE("choices: one of a list, named in order") {
  CHECK(choice_problem("json", {"text", "json", "csv"}) == std::nullopt);
  CHECK(choice_problem("xml", {"text", "json", "csv"}) ==
        "expected text, json or csv, got \"xml\"");
  CHECK(choice_problem("x", {"text", "json"}) == "expected text or json, got \"x\"");
  CHECK(choice_problem("JSON", {"json"}) == "expected json, got \"JSON\"");
}

// Exact decimals (engine/io/exact_decimal.hpp) and the JSON tree (engine/io/json_tree.hpp) that
// the GeniusWeb import reads numbers and paths with.
#include <doctest/doctest.h>

#include <compare>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "engine/io/exact_decimal.hpp"
#include "engine/io/json_tree.hpp"
#include "engine/model/user_error.hpp"

using treatysim::Decimal;

namespace {

Decimal d(const char* text) {
  const std::optional<Decimal> parsed = Decimal::parse(text);
  REQUIRE_MESSAGE(parsed.has_value(), "not a number: " << text);
  return *parsed;
}

std::string sum(const std::vector<const char*>& texts) {
  std::vector<Decimal> terms;
  for (const char* t : texts) terms.push_back(d(t));
  const std::optional<Decimal> total = treatysim::exact_sum(terms);
  REQUIRE(total.has_value());
  return total->to_string();
}

std::string json_error(const std::string& text) {
  try {
    static_cast<void>(treatysim::read_json_tree(text, "f.json"));
  } catch (const treatysim::UserError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("exact decimal: parsing follows JSON's number grammar and normalises") {
  CHECK(d("0.10") == d("0.1"));
  CHECK(d("1E-1") == d("0.1"));
  CHECK(d("100e-3") == d("0.1"));
  CHECK(d("-0") == d("0"));
  CHECK_FALSE(d("-0").is_negative());
  CHECK(d("0.000").is_zero());
  CHECK(d("1.25").significant_digits() == 3);
  CHECK(d("1000").significant_digits() == 1);
  CHECK(d("0").significant_digits() == 0);
  for (const char* bad :
       {"", "-", ".5", "5.", "01", "1e", "1e+", "+1", "1.2.3", "0x10", " 1", "NaN"}) {
    CAPTURE(bad);
    CHECK_FALSE(Decimal::parse(bad).has_value());
  }
}

TEST_CASE("exact decimal: comparison is exact where doubles round") {
  CHECK(d("1.0000000000000000001") > d("1"));
  CHECK(1.0000000000000000001 == 1.0);  // what a double would say
  CHECK(d("0.9999999999999999999") < d("1"));
  CHECK(d("-0.1") < d("0"));
  CHECK(d("-2") < d("-1.5"));
  CHECK(d("0.3") > d("0.29999999999999999999"));
  CHECK(d("12") > d("9.99"));
  CHECK(d("1e-400") > d("0"));
  CHECK(d("1e-400") < d("1e-399"));
  CHECK((d("0.5") <=> d("5e-1")) == std::strong_ordering::equal);
}

TEST_CASE("exact decimal: sums are exact") {
  CHECK(sum({"0.7", "0.2", "0.1"}) == "1");
  CHECK(0.7 + 0.2 + 0.1 != 1.0);  // 0.9999999999999999 in binary floating point
  CHECK(sum({"0.33", "0.33", "0.33"}) == "0.99");
  CHECK(sum({"0.5", "0.25", "0.25000000000000000001"}) == "1.00000000000000000001");
  CHECK(sum({"9.99", "0.01"}) == "10");
  CHECK(sum({"0", "0"}) == "0");
  CHECK(sum({}) == "0");
  CHECK(sum({"1e-30", "1"}) == "1.000000000000000000000000000001");
  std::vector<const char*> many(1000, "0.001");
  CHECK(sum(many) == "1");
  // Too wide a span of places to add exactly.
  CHECK_FALSE(treatysim::exact_sum(std::vector<Decimal>{d("1"), d("1e-30000")}).has_value());
}

TEST_CASE("exact decimal: products are exact") {
  CHECK(treatysim::exact_product(d("0.19"), d("0.51")).to_string() == "0.0969");
  CHECK(treatysim::exact_product(d("0.228"), d("0.33")).to_string() == "0.07524");
  CHECK(treatysim::exact_product(d("-1.5"), d("2")).to_string() == "-3");
  CHECK(treatysim::exact_product(d("0"), d("7")).is_zero());
  CHECK(treatysim::exact_product(d("123456789"), d("987654321")).to_string() ==
        "121932631112635269");
}

TEST_CASE("exact decimal: to_string and to_double") {
  CHECK(d("0.50").to_string() == "0.5");
  CHECK(d("-2.5").to_string() == "-2.5");
  CHECK(d("1e3").to_string() == "1000");
  CHECK(d("1e-6").to_string() == "0.000001");
  CHECK(d("1e-400").to_string() == "1e-400");
  CHECK(d("1.5e50").to_string() == "1.5e50");
  CHECK(d("0.36638").to_double() == 0.36638);
  CHECK(d("-7e-1").to_double() == -0.7);
  CHECK(d("1e-400").to_double() == 0.0);
  CHECK(d("1e400").to_double() == std::numeric_limits<double>::infinity());
}

TEST_CASE("json tree: members in file order, numbers as written, paths for messages") {
  const treatysim::JsonValue root =
      treatysim::read_json_tree(R"({"b": [1, 0.10, -2E3, "x", true, null], "a": {}})", "f.json");
  REQUIRE(root.kind == treatysim::JsonValue::Kind::kObject);
  REQUIRE(root.members.size() == 2);
  CHECK(root.members[0].key == "b");
  CHECK(root.members[1].key == "a");
  const treatysim::JsonValue* b = root.find("b");
  REQUIRE(b != nullptr);
  REQUIRE(b->elements.size() == 6);
  CHECK(b->elements[1].text == "0.10");
  CHECK(b->elements[2].text == "-2E3");
  CHECK(b->elements[3].text == "x");
  CHECK(treatysim::json_kind_name(b->elements[4]) == "true");
  CHECK(treatysim::json_kind_name(b->elements[5]) == "null");
  CHECK(root.find("c") == nullptr);

  CHECK(treatysim::json_member_path("", "issueWeights") == "issueWeights");
  CHECK(treatysim::json_member_path("a", "Delivery time") == "a.\"Delivery time\"");
  CHECK(treatysim::json_member_path("a", "x\"y") == "a.\"x\\\"y\"");
  CHECK(treatysim::json_member_path("a", "") == "a.\"\"");
  CHECK(treatysim::json_element_path("a.values", 2) == "a.values[2]");
}

TEST_CASE("json tree: errors name the file and the place") {
  // A syntax error's line and column are those of the last byte read (the '}' after "tru", the
  // byte 0xFF), in code points. A byte that is not UTF-8 is written <0xFF>.
  CHECK(json_error("") == "f.json: the file is empty (expected JSON)");
  CHECK(json_error("{\"a\": 1,\n \"b\": tru}") ==
        "f.json:2:10: JSON syntax error: syntax error while parsing value - invalid literal; last "
        "read: '\"b\": tru}'");
  CHECK(json_error("{\"a\": {\"k\": 1, \"k\": 2}}") ==
        "f.json: a.k: the key \"k\" appears twice in this object (expected each key once)");
  CHECK(json_error("{\"a\": 1} {") ==
        "f.json:1:10: JSON syntax error: syntax error while parsing value - unexpected '{'; "
        "expected end of input");
  CHECK(json_error("{\"a\": \"\xFF\"}") ==
        "f.json:1:8: JSON syntax error: syntax error while parsing value - invalid string: "
        "ill-formed UTF-8 byte; last read: '\"<0xFF>'");
  // Valid UTF-8 in the quoted bytes stays as it is; the parser stops after the first byte of the
  // second é, which alone is not UTF-8.
  CHECK(json_error("{\"é\": é}") ==
        "f.json:1:7: JSON syntax error: syntax error while parsing value - invalid literal; last "
        "read: '\"é\": <0xC3>'");
}

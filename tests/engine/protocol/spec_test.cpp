#include <doctest/doctest.h>

#include <string>

#include "engine/model/user_error.hpp"
#include "engine/protocol/spec.hpp"

using treatysim::parse_spec;
using treatysim::Spec;
using treatysim::SpecValue;

namespace {

// The message of the UserError parse_spec throws for `text` ("" when it parses).
std::string error_of(const std::string& text) {
  try {
    static_cast<void>(parse_spec(text));
  } catch (const treatysim::UserError& e) {
    CHECK(std::string(e.what()) == e.message());  // no location or key: the message is all
    return e.message();
  }
  return {};
}

}  // namespace

TEST_CASE("spec grammar: a bare name, empty parentheses and one parameter") {
  const Spec bare = parse_spec("boulware");
  CHECK(bare.name == "boulware");
  CHECK(bare.parameters.empty());
  CHECK(parse_spec("boulware()") == bare);
  CHECK(parse_spec("  boulware ( )  ") == bare);

  const Spec one = parse_spec("boulware(e=0.2)");
  CHECK(one.name == "boulware");
  REQUIRE(one.parameters.size() == 1);
  CHECK(one.parameters[0].name == "e");
  CHECK(one.parameters[0].value.kind == SpecValue::Kind::kNumber);
  CHECK(one.parameters[0].value.number == 0.2);
  REQUIRE(one.find("e") != nullptr);
  CHECK(one.find("e")->number == 0.2);
  CHECK(one.find("k") == nullptr);
  CHECK(parse_spec("name_2(a_b=1)").parameters[0].name == "a_b");
}

TEST_CASE("spec grammar: white space between every token") {
  const Spec spaced = parse_spec(" \t time_dependent ( e = 0.5 ,\n k = 0.1 ) \n");
  CHECK(spaced.name == "time_dependent");
  REQUIRE(spaced.parameters.size() == 2);
  CHECK(spaced.parameters[0].name == "e");  // parameters keep the order written
  CHECK(spaced.parameters[1].name == "k");
  CHECK(spaced.parameters[1].value.number == 0.1);
  CHECK(spaced.to_string() == "time_dependent(e=0.5, k=0.1)");
}

TEST_CASE("spec grammar: numbers with signs, fractions and exponents") {
  const Spec s = parse_spec("x(a=-1, b=1e-3, c=-2.5E+2, d=+3, e=.5, f=0, g=-0.0)");
  REQUIRE(s.parameters.size() == 7);
  CHECK(s.find("a")->number == -1.0);
  CHECK(s.find("b")->number == 0.001);
  CHECK(s.find("c")->number == -250.0);
  CHECK(s.find("d")->number == 3.0);
  CHECK(s.find("e")->number == 0.5);
  CHECK(s.find("f")->number == 0.0);
  CHECK(s.find("g")->number == 0.0);
  // Canonical text: shortest round-trip form.
  CHECK(s.to_string() == "x(a=-1, b=0.001, c=-250, d=3, e=0.5, f=0, g=0)");  // -0 is 0
}

TEST_CASE("spec grammar: quoted strings with \\\" and \\\\ escapes") {
  const Spec s = parse_spec(R"~(x(s="a \"quoted\" word \\ slash", empty="", comma="1, 2)"))~");
  REQUIRE(s.parameters.size() == 3);
  CHECK(s.find("s")->kind == SpecValue::Kind::kString);
  CHECK(s.find("s")->text == R"(a "quoted" word \ slash)");
  CHECK(s.find("empty")->text.empty());
  CHECK(s.find("comma")->text == "1, 2)");
  CHECK(s.to_string() == R"~(x(s="a \"quoted\" word \\ slash", empty="", comma="1, 2)"))~");
}

TEST_CASE("spec grammar: nested specs") {
  const Spec s = parse_spec(
      "boa(bidding=time_dependent(e=0.2), acceptance=ac_next(a=1, b=0), model=frequency)");
  CHECK(s.name == "boa");
  REQUIRE(s.parameters.size() == 3);
  const SpecValue& bidding = *s.find("bidding");
  REQUIRE(bidding.kind == SpecValue::Kind::kSpec);
  REQUIRE(bidding.spec.size() == 1);
  CHECK(bidding.spec[0].name == "time_dependent");
  CHECK(bidding.spec[0].find("e")->number == 0.2);
  const SpecValue& acceptance = *s.find("acceptance");
  REQUIRE(acceptance.kind == SpecValue::Kind::kSpec);
  CHECK(acceptance.spec[0].parameters.size() == 2);
  CHECK(acceptance.spec[0].find("b")->number == 0.0);
  const SpecValue& model = *s.find("model");  // a bare name is a spec without parameters
  REQUIRE(model.kind == SpecValue::Kind::kSpec);
  CHECK(model.spec[0].name == "frequency");
  CHECK(model.spec[0].parameters.empty());
  // Two levels deep.
  const Spec deep = parse_spec("a(b=c(d=e(f=\"g\")))");
  CHECK(deep.find("b")->spec[0].find("d")->spec[0].find("f")->text == "g");
  CHECK(deep.to_string() == "a(b=c(d=e(f=\"g\")))");
}

TEST_CASE("spec values: kinds compare by kind and content") {
  CHECK(SpecValue::of_number(1.0) == SpecValue::of_number(1.0));
  CHECK_FALSE(SpecValue::of_number(1.0) == SpecValue::of_number(2.0));
  CHECK_FALSE(SpecValue::of_number(1.0) == SpecValue::of_string("1"));
  CHECK(SpecValue::of_string("a\"b").to_string() == R"("a\"b")");
  CHECK(SpecValue::of_spec(parse_spec("linear")).to_string() == "linear");
  CHECK(SpecValue::of_number(1e-9).to_string() == "1e-09");
}

TEST_CASE(
    "spec canonical text round-trips: parse(to_string(s)) == s, and to_string is a fixed point") {
  const char* texts[] = {
      "boulware",
      "boulware()",
      "boulware(e=0.20)",
      " conceder ( e = 2 , k = 1e-1 ) ",
      "random(accept=0.3, walk_away=0.05)",
      R"(x(s="esc \\ \"q\"", n=-1.5e-7, t=nested(u=+4, v="")))",
      "boa(bidding=time_dependent(e=0.2), acceptance=ac_next(a=1, b=0))",
      "time_dependent_exp(e=0.5, k=1e-6)",
      "a(b=0.1, c=0.30000000000000004, d=1e300, e=5e-324)",
  };
  for (const char* text : texts) {
    CAPTURE(text);
    const Spec spec = parse_spec(text);
    const std::string canonical = spec.to_string();
    CHECK(parse_spec(canonical) == spec);
    CHECK(parse_spec(canonical).to_string() == canonical);
  }
  CHECK(parse_spec("boulware()").to_string() == "boulware");
  CHECK(parse_spec(" conceder ( e = 2 , k = 1e-1 ) ").to_string() == "conceder(e=2, k=0.1)");
}

TEST_CASE("spec errors: exact messages with 1-based columns") {
  CHECK(error_of("") ==
        "agent spec \"\": at column 1: expected a strategy name (a letter, then letters, digits or "
        "'_'), found the end");
  CHECK(error_of("1boulware") ==
        "agent spec \"1boulware\": at column 1: expected a strategy name (a letter, then letters, "
        "digits or '_'), found '1'");
  CHECK(error_of("boulware(e=)") ==
        "agent spec \"boulware(e=)\": at column 12: expected a value (a number, a \"string\" or a "
        "spec), found ')'");
  CHECK(error_of("boulware(e=0.2") ==
        "agent spec \"boulware(e=0.2\": at column 15: expected ',' or ')', found the end");
  CHECK(
      error_of("boulware(e 0.2)") ==
      "agent spec \"boulware(e 0.2)\": at column 12: expected '=' after parameter 'e', found '0'");
  CHECK(error_of("boulware e") ==
        "agent spec \"boulware e\": at column 10: expected the end of the spec, found 'e'");
  CHECK(error_of("x(1=2)") ==
        "agent spec \"x(1=2)\": at column 3: expected a parameter name (a letter, then letters, "
        "digits or '_'), found '1'");
  CHECK(error_of("x(a=1,)") ==
        "agent spec \"x(a=1,)\": at column 7: expected a parameter name (a letter, then letters, "
        "digits or '_'), found ')'");
  CHECK(error_of("x(a=-inf)") ==
        "agent spec \"x(a=-inf)\": at column 5: expected a finite number, found '-'");
  CHECK(error_of("x(a=1e999)") ==
        "agent spec \"x(a=1e999)\": at column 5: expected a finite number, found '1'");
  CHECK(error_of("x(a=-)") ==
        "agent spec \"x(a=-)\": at column 5: expected a finite number, found '-'");
  CHECK(error_of("x(a=+-1)") ==
        "agent spec \"x(a=+-1)\": at column 5: expected a finite number, found '+'");
  CHECK(error_of("x(a=\"open)") ==
        "agent spec \"x(a=\"open)\": at column 11: expected a closing '\"', found the end");
  CHECK(
      error_of(R"(x(a="bad\n"))") ==
      R"~(agent spec "x(a="bad\n")": at column 10: expected '\"' or '\\' after a backslash, found 'n')~");
  CHECK(error_of("x(a=@)") ==
        "agent spec \"x(a=@)\": at column 5: expected a value (a number, a \"string\" or a spec), "
        "found '@'");
  CHECK(error_of("x(a=1)(") ==
        "agent spec \"x(a=1)(\": at column 7: expected the end of the spec, found '('");
}

TEST_CASE("spec errors: a parameter given twice is named") {
  const std::string message = error_of("boulware(e=0.2, e=0.3)");
  CHECK(message.find("parameter 'e' given twice") != std::string::npos);
  CHECK(message.rfind("agent spec \"boulware(e=0.2, e=0.3)\": at column ", 0) == 0);
}

TEST_CASE(
    "spec grammar: names are letters, digits and underscores, other words become nested specs") {
  // `inf` and `nan` are not numbers in this grammar: they read as nested specs named so, which
  // the registry then rejects as unknown strategies.
  const Spec s = parse_spec("x(a=inf, b=nan)");
  CHECK(s.find("a")->kind == SpecValue::Kind::kSpec);
  CHECK(s.find("a")->spec[0].name == "inf");
  CHECK(s.find("b")->spec[0].name == "nan");
  CHECK(error_of("x-y").find("at column 2: expected the end of the spec, found '-'") !=
        std::string::npos);
}

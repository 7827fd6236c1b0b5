// GENIUS XML against hostile files: entities are never expanded (no "billion laughs", no external
// entity read from the disk or a device), and a file nested hundreds of thousands of elements
// deep is refused without overflowing the stack (docs/reliability.md, "Limits").
#include <doctest/doctest.h>

#include <string>

#include "engine/io/genius_import.hpp"
#include "engine/model/user_error.hpp"

using treatysim::GeniusText;
using treatysim::import_genius_texts;

namespace {

// A domain with one issue whose two values are entity references: the nine-level "billion
// laughs" (10^9 copies of "lol" once expanded) and an external entity naming /dev/zero.
const std::string kDoctype =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    " <!ENTITY xxe SYSTEM \"/dev/zero\">\n"
    "]>\n";

std::string issue(const char* evaluations[2]) {
  return std::string("<issue index=\"1\" name=\"Colour\" vtype=\"discrete\">") +
         "<item index=\"1\" value=\"&lol9;\"" + evaluations[0] + "/>" +
         "<item index=\"2\" value=\"&xxe;\"" + evaluations[1] + "/></issue>";
}

}  // namespace

TEST_CASE("GENIUS XML: custom entities stay unexpanded, external ones unread") {
  const char* none[2] = {"", ""};
  const char* evaluations[2] = {" evaluation=\"1\"", " evaluation=\"0.5\""};
  const GeniusText domain{"lolz_domain.xml", kDoctype +
                                                 "<utility_space><objective index=\"0\" "
                                                 "name=\"root\">" +
                                                 issue(none) + "</objective></utility_space>"};
  const std::string profile = kDoctype +
                              "<utility_space><objective index=\"0\" name=\"p\">"
                              "<weight index=\"1\" value=\"1\"/>" +
                              issue(evaluations) + "</objective></utility_space>";
  const treatysim::ScenarioDef def = import_genius_texts(domain, GeniusText{"alpha.xml", profile},
                                                         GeniusText{"beta.xml", profile});
  REQUIRE(def.issues.size() == 1);
  REQUIRE(def.issues[0].options.size() == 2);
  // The references are kept as written: 6 and 5 characters, not 3·10^9 nor a read of /dev/zero.
  CHECK(def.issues[0].options[0].label == "&lol9;");
  CHECK(def.issues[0].options[1].label == "&xxe;");
}

TEST_CASE("GENIUS XML: 300,000 nested elements are refused without recursion") {
  std::string text = "<?xml version=\"1.0\"?>";
  for (int i = 0; i < 300000; ++i) text += "<a>";
  for (int i = 0; i < 300000; ++i) text += "</a>";
  const GeniusText deep{"deep_domain.xml", text};
  const GeniusText empty{"alpha.xml", ""};
  CHECK_THROWS_WITH_AS(
      static_cast<void>(import_genius_texts(deep, empty, empty)),
      "deep_domain.xml:1:22: <a>: expected a <utility_space> element (the root, or inside "
      "<negotiation_template>), found none",
      treatysim::UserError);
}

// The GENIUS reader (`treatysim import-genius`, GENIUS scenarios of tournament files): one input
// holds the domain XML and the two utility profiles, separated by form feeds ('\f', which XML
// text cannot contain); a missing part is an empty file. An imported scenario must be valid,
// survive the scenario file `import-genius` writes (parse_scenario(to_toml(def)) == def), and
// play and be analysed like any scenario.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/io/genius_import.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_genius(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  std::array<GeniusText, 3> files{GeniusText{"fuzz_domain.xml", {}}, GeniusText{"alpha.xml", {}},
                                  GeniusText{"beta.xml", {}}};
  std::string_view rest = fuzz::as_text(data, size);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::size_t cut = i + 1 < files.size() ? rest.find('\f') : std::string_view::npos;
    files[i].text = std::string(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  }
  try {
    GeniusImportOptions options;
    options.deadline = 30;
    const ScenarioDef def = import_genius_texts(files[0], files[1], files[2], options);
    const Scenario scenario = Scenario::create(def);
    const Scenario again =
        parse_scenario(to_toml(def), "fuzz-imported.toml", agents::spec_checker(fuzz::registry()));
    FUZZ_EXPECT(again.def() == def, "an imported scenario survives the file import-genius writes");
    fuzz::play_and_analyze(scenario, size);
  } catch (const UserError&) {
  }
  return 0;
}

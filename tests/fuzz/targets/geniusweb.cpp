// The GeniusWeb reader (`treatysim import-geniusweb`, `validate` on a GeniusWeb file, GeniusWeb
// scenarios of tournament files): one input holds the domain JSON and the two profiles,
// separated by form feeds ('\f', which JSON text cannot hold outside strings, and inside only
// escaped); a missing part is an empty file. The three are written as files (the importer reads
// paths and names the scenario and parties after them) and read as the CLI reads them: each
// checked alone as `validate` does, then imported, directly and through the recognition of the
// format by content (import_external_scenario), which must agree. An imported scenario must be
// valid, survive the scenario file the import writes (parse_scenario(to_toml(def)) == def), and
// play and be analysed like any scenario.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/io/external_scenario.hpp"
#include "engine/io/geniusweb_import.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_geniusweb(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  const std::array<const char*, 3> names{"domain.json", "party1.json", "party2.json"};
  std::array<std::string, 3> paths;
  std::string_view rest = fuzz::as_text(data, size);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::size_t cut = i + 1 < names.size() ? rest.find('\f') : std::string_view::npos;
    paths[i] = fuzz::write_temp_file(names[i], rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
  }
  for (const std::string& path : paths) {
    try {
      const std::string description = check_geniusweb_file(path);
      FUZZ_EXPECT(!description.empty(), "a valid GeniusWeb file is described");
    } catch (const UserError&) {
    }
  }
  GeniusImportOptions options;
  options.deadline = 30;
  std::optional<ScenarioDef> imported;
  try {
    imported = import_geniusweb(paths[0], paths[1], paths[2], options);
  } catch (const UserError&) {
  }
  try {
    const ScenarioDef by_content = import_external_scenario(paths[0], paths[1], paths[2], options);
    if (imported) {
      FUZZ_EXPECT(by_content == *imported,
                  "the format recognised by content imports the same scenario");
    }
  } catch (const UserError&) {
    FUZZ_EXPECT(!imported, "what import-geniusweb reads, a tournament's GeniusWeb scenario reads");
  }
  if (!imported) return 0;
  try {
    const Scenario scenario = Scenario::create(*imported);
    const Scenario again = parse_scenario(to_toml(*imported), "fuzz-imported.toml",
                                          agents::spec_checker(fuzz::registry()));
    FUZZ_EXPECT(again.def() == *imported, "an imported scenario survives the file it is saved as");
    fuzz::play_and_analyze(scenario, size);
  } catch (const UserError&) {
  }
  return 0;
}

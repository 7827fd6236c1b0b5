// The sweep reader: TOML text checked as `treatysim validate` checks a sweep file (the file, its
// scenarios from configs/tournaments/, the swept parameters against the registry's ranges and
// every spec), without playing the grid.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/study_setup.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/study_file.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_sweep(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  const std::string text(fuzz::as_text(data, size));
  try {
    // As `validate` reads any file: by its kind (a tuning file is fuzz_tune's); anything else is
    // read as a sweep file, which must then refuse it.
    if (study_kind(text) == StudyKind::kSweep) {
      const std::optional<std::string> description =
          cli::validate_study_file(fuzz::study_source_name(), text);
      FUZZ_EXPECT(description.has_value(), "a sweep file is recognised");
    } else {
      static_cast<void>(parse_sweep(text, fuzz::study_source_name()));
    }
  } catch (const UserError&) {
  }
  return 0;
}

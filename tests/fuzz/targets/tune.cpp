// The tuning reader: TOML text checked as `treatysim validate` checks a tuning file (the file,
// its scenarios from configs/tournaments/, the tuned parameters and bounds against the
// registry's ranges, every spec), without optimising.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "cli/study_setup.hpp"
#include "engine/model/user_error.hpp"
#include "engine/studies/study_file.hpp"
#include "tests/fuzz/targets/fuzz_support.hpp"

int fuzz_tune(const std::uint8_t* data, std::size_t size) {
  using namespace treatysim;
  const std::string text(fuzz::as_text(data, size));
  try {
    if (study_kind(text) == StudyKind::kTune) {
      const std::optional<std::string> description =
          cli::validate_study_file(fuzz::study_source_name(), text);
      FUZZ_EXPECT(description.has_value(), "a tuning file is recognised");
    } else {
      static_cast<void>(parse_tune(text, fuzz::study_source_name()));
    }
  } catch (const UserError&) {
  }
  return 0;
}

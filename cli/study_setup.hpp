// study_setup.hpp — what `validate` needs for sweep and tuning files (the batch checks and
// parameter ranges themselves live in frontend/batch.hpp, shared with the Python package).
#pragma once

#include <optional>
#include <string>

namespace treatysim::cli {

// For `validate`: when `text` (the content of `file`) is a sweep or tuning file, checks it
// completely (the file, its scenarios, the parameters and every spec, without playing) and
// returns the description after "OK": `sweep "NAME", 25 grid points, 6000 negotiations`;
// nullopt for other files. Throws UserError for the first problem.
[[nodiscard]] std::optional<std::string> validate_study_file(const std::string& file,
                                                             const std::string& text);

}  // namespace treatysim::cli

// external_scenario.hpp — a scenario given as another program's files (a domain and two
// profiles), in whichever of the formats treatysim reads: GENIUS XML (genius_import.hpp) or
// GeniusWeb JSON (geniusweb_import.hpp).
//
// The format is recognised by content first: a file whose first character (after a UTF-8
// byte-order mark and white space) is '{' is GeniusWeb JSON, one whose first character is '<' is
// GENIUS XML. A file that starts with neither (empty, or not either format) goes by its name:
// ".json" (any case) is GeniusWeb JSON, anything else GENIUS XML; that importer then says what is
// wrong with it. The three files must be in the same format.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/io/genius_import.hpp"
#include "engine/model/scenario.hpp"

namespace treatysim {

enum class ExternalFormat { kGeniusXml, kGeniusWebJson };

// The format a file with this text shows by its first character; nullopt when it shows neither.
[[nodiscard]] std::optional<ExternalFormat> external_format_by_content(
    std::string_view text) noexcept;
// The format of the file at `path`: by content, else by name (see above). Throws UserError when
// the file cannot be read.
[[nodiscard]] ExternalFormat detect_external_format(const std::string& path);
// "GENIUS XML" or "GeniusWeb JSON", for messages.
[[nodiscard]] const char* external_format_name(ExternalFormat format) noexcept;

// Imports the three files with import_genius or import_geniusweb, by the domain file's format.
// A profile in the other format is a UserError naming it.
[[nodiscard]] ScenarioDef import_external_scenario(const std::string& domain_path,
                                                   const std::string& profile_a_path,
                                                   const std::string& profile_b_path,
                                                   const GeniusImportOptions& options = {});

}  // namespace treatysim

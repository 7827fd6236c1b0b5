#include "engine/io/external_scenario.hpp"

#include <algorithm>
#include <filesystem>

#include "engine/io/geniusweb_import.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

std::optional<ExternalFormat> external_format_by_content(std::string_view text) noexcept {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::nullopt;
  if (text[first] == '{') return ExternalFormat::kGeniusWebJson;
  if (text[first] == '<') return ExternalFormat::kGeniusXml;
  return std::nullopt;
}

ExternalFormat detect_external_format(const std::string& path) {
  if (const auto format = external_format_by_content(read_text_file(path))) return *format;
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  return extension == ".json" ? ExternalFormat::kGeniusWebJson : ExternalFormat::kGeniusXml;
}

const char* external_format_name(ExternalFormat format) noexcept {
  return format == ExternalFormat::kGeniusWebJson ? "GeniusWeb JSON" : "GENIUS XML";
}

ScenarioDef import_external_scenario(const std::string& domain_path,
                                     const std::string& profile_a_path,
                                     const std::string& profile_b_path,
                                     const GeniusImportOptions& options) {
  const ExternalFormat format = detect_external_format(domain_path);
  for (const std::string* profile : {&profile_a_path, &profile_b_path}) {
    const ExternalFormat profile_format = detect_external_format(*profile);
    if (profile_format != format) {
      throw UserError(SourceLocation{*profile, 0, 0}, "",
                      std::string("the profile is ") + external_format_name(profile_format) +
                          " but the domain " + domain_path + " is " + external_format_name(format) +
                          " (expected the domain and both profiles in one format)");
    }
  }
  return format == ExternalFormat::kGeniusWebJson
             ? import_geniusweb(domain_path, profile_a_path, profile_b_path, options)
             : import_genius(domain_path, profile_a_path, profile_b_path, options);
}

}  // namespace treatysim

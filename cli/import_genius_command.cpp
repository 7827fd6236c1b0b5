// import_genius_command.cpp — `treatysim import-genius` (GENIUS / ANAC XML) and
// `treatysim import-geniusweb` (GeniusWeb JSON): another program's scenario to a scenario file.
#include <cmath>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>

#include "agents/registry.hpp"
#include "cli/commands.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/external_scenario.hpp"
#include "engine/io/genius_import.hpp"
#include "engine/io/geniusweb_import.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim::cli {

namespace {

// "--parties A,B" → the two ids.
std::pair<std::string, std::string> split_parties(const std::string& text) {
  const std::size_t comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos) {
    throw UserError(
        "--parties: expected two party ids separated by a comma, e.g. buyer,seller, "
        "got \"" +
        text + "\"");
  }
  std::pair<std::string, std::string> ids{text.substr(0, comma), text.substr(comma + 1)};
  for (const std::string& id : {ids.first, ids.second}) {
    if (!is_valid_id(id)) {
      throw UserError("--parties: expected party ids of letters, digits, '_' or '-', got \"" + id +
                      "\"");
    }
  }
  if (ids.first == ids.second) {
    throw UserError("--parties: expected two different party ids, got \"" + ids.first + "\" twice");
  }
  return ids;
}

// A file that is plainly in the other format (by its first character) names the other command;
// anything else is left to the importer's messages.
void require_format(const ImportGeniusOptions& options, ExternalFormat expected) {
  for (const std::string* path : {&options.domain, &options.profile_a, &options.profile_b}) {
    const std::optional<ExternalFormat> format = external_format_by_content(read_text_file(*path));
    if (format && *format != expected) {
      throw UserError(
          SourceLocation{*path, 0, 0}, "",
          std::string("is ") + external_format_name(*format) + ", not " +
              external_format_name(expected) + ": import it with `treatysim " +
              (*format == ExternalFormat::kGeniusWebJson ? "import-geniusweb" : "import-genius") +
              "`");
    }
  }
}

int import_command(const ImportGeniusOptions& options, ExternalFormat format, std::ostream& out) {
  if (options.deadline < 1 || options.deadline > 1'000'000) {
    throw UserError("--deadline: expected a number of offers from 1 to 1000000, got " +
                    std::to_string(options.deadline));
  }
  if (!options.id.empty() && !is_valid_id(options.id)) {
    throw UserError("--id: expected a scenario id of letters, digits, '_' or '-', got \"" +
                    options.id + "\"");
  }
  GeniusImportOptions import;
  import.deadline = options.deadline;
  std::tie(import.party_a, import.party_b) = split_parties(options.parties);
  import.id = options.id;
  import.agent = options.agent;
  std::vector<std::string> notes;
  import.notes = &notes;

  require_format(options, format);
  const ScenarioDef def =
      format == ExternalFormat::kGeniusWebJson
          ? import_geniusweb(options.domain, options.profile_a, options.profile_b, import)
          : import_genius(options.domain, options.profile_a, options.profile_b, import);
  for (const std::string& note : notes) std::cerr << "treatysim: note: " << note << "\n";
  const Scenario scenario = Scenario::create(def);
  const auto checker = agents::spec_checker(agents::builtin_registry());
  for (PartyIndex p = 0; p < kPartyCount; ++p) {
    try {
      checker(def.parties[p].agent, scenario, p);
    } catch (const UserError& e) {
      throw UserError("--agent: " + e.message());
    }
  }
  const std::string text = to_toml(def);
  // The file must read back as the same scenario (what `validate` and `run` will load).
  if (!(parse_scenario(text, "the imported scenario", checker).def() == def)) {
    throw UserError("internal error: the imported scenario does not read back unchanged");
  }

  const std::string summary =
      "Imported " + def.id + ": " + std::to_string(def.issues.size()) + " issues, " +
      format_count(scenario.space().size()) + " outcomes, parties " + def.parties[0].id + " (" +
      def.parties[0].name + ") and " + def.parties[1].id + " (" + def.parties[1].name + ")";
  if (options.out.empty()) {
    out << "# " << summary << "\n" << text;
  } else {
    write_file_atomically(options.out, text);
    out << summary << " -> " << options.out << "\n";
  }
  return 0;
}

}  // namespace

int import_genius_command(const ImportGeniusOptions& options, std::ostream& out) {
  return import_command(options, ExternalFormat::kGeniusXml, out);
}

int import_geniusweb_command(const ImportGeniusOptions& options, std::ostream& out) {
  return import_command(options, ExternalFormat::kGeniusWebJson, out);
}

}  // namespace treatysim::cli

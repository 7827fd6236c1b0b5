#include "engine/studies/payoff_matrix.hpp"

#include <cmath>
#include <filesystem>
#include <set>
#include <string>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include "engine/model/text_file.hpp"
#include "engine/model/toml_reading.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/json_reading.hpp"

namespace treatysim {

namespace {

std::string indexed(const std::string& key, std::size_t i) {
  return key + "[" + std::to_string(i) + "]";
}
std::string indexed(const std::string& key, std::size_t i, std::size_t j) {
  return indexed(key, i) + "[" + std::to_string(j) + "]";
}

// [SECTION] tournament summary (JSON) ------------------------------------------------------------

using nlohmann::json;

const json& require_key(const json& parent, const std::string& parent_key, const char* key,
                        const std::string& source, const char* expected) {
  const std::string full = parent_key.empty() ? key : parent_key + "." + key;
  const auto it = parent.find(key);
  if (it == parent.end()) {
    throw UserError(SourceLocation{source, 0, 0}, full,
                    std::string("missing key (expected ") + expected + ")");
  }
  return *it;
}

[[noreturn]] void wrong_type(const std::string& source, const std::string& key,
                             const std::string& expected, const json& got) {
  std::string text = got.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  throw UserError(SourceLocation{source, 0, 0}, key, "expected " + expected + ", got " + text);
}

std::vector<std::string> json_labels(const json& node, const std::string& key,
                                     const std::string& source) {
  if (!node.is_array()) wrong_type(source, key, "an array of competitor labels", node);
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (!node[i].is_string()) wrong_type(source, indexed(key, i), "a label (string)", node[i]);
    labels.push_back(node[i].get<std::string>());
  }
  return labels;
}

}  // namespace

// [SECTION] validation ---------------------------------------------------------------------------

void validate_payoff_matrix(const PayoffMatrix& matrix, const std::string& source) {
  const SourceLocation where{source, 0, 0};
  const std::size_t n = matrix.size();
  if (n < 2 || n > kMaxMetaGameStrategies) {
    throw UserError(where, "strategies",
                    "expected 2 to " + std::to_string(kMaxMetaGameStrategies) +
                        " strategies, got " + std::to_string(n));
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < n; ++i) {
    if (matrix.strategies[i].empty()) {
      throw UserError(where, indexed("strategies", i), "expected a non-empty label");
    }
    if (!seen.insert(matrix.strategies[i]).second) {
      throw UserError(where, indexed("strategies", i),
                      "duplicate label \"" + matrix.strategies[i] + "\" (labels must differ)");
    }
  }
  if (matrix.payoff.size() != n) {
    throw UserError(where, "payoffs",
                    "expected " + std::to_string(n) + " rows (one per strategy), got " +
                        std::to_string(matrix.payoff.size()));
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (matrix.payoff[i].size() != n) {
      throw UserError(where, indexed("payoffs", i),
                      "expected " + std::to_string(n) + " payoffs (one per opponent), got " +
                          std::to_string(matrix.payoff[i].size()));
    }
    for (std::size_t j = 0; j < n; ++j) {
      if (!std::isfinite(matrix.payoff[i][j])) {
        throw UserError(where, indexed("payoffs", i, j), "expected a finite number");
      }
    }
  }
}

// [SECTION] tournament summary (JSON) ------------------------------------------------------------

PayoffMatrix parse_tournament_summary(const std::string& text, const std::string& source) {
  const SourceLocation where{source, 0, 0};
  const json root = parse_json_text<json>(text, source, "not a JSON tournament summary: ");
  if (!root.is_object()) wrong_type(source, "", "a JSON object (a tournament summary)", root);
  const json& format = require_key(root, "", "format", source, "\"treatysim-tournament-summary\"");
  if (format != "treatysim-tournament-summary") {
    wrong_type(source, "format", "\"treatysim-tournament-summary\"", format);
  }
  const json& version = require_key(root, "", "version", source, "1");
  if (!version.is_number_integer() || version.get<long long>() != 1) {
    wrong_type(source, "version", "1 (the summary format this program reads)", version);
  }

  PayoffMatrix matrix;
  if (const auto it = root.find("tournament"); it != root.end()) {
    if (!it->is_string()) wrong_type(source, "tournament", "the tournament's name (a string)", *it);
    matrix.name = it->get<std::string>();
  }
  if (const auto it = root.find("complete"); it != root.end()) {
    if (!it->is_boolean()) wrong_type(source, "complete", "true or false", *it);
    matrix.complete = it->get<bool>();
  }
  const json& table =
      require_key(root, "", "payoff_matrix", source, "an object with competitors and mean_utility");
  if (!table.is_object()) {
    wrong_type(source, "payoff_matrix", "an object with competitors and mean_utility", table);
  }
  matrix.strategies =
      json_labels(require_key(table, "payoff_matrix", "competitors", source, "competitor labels"),
                  "payoff_matrix.competitors", source);
  const std::size_t n = matrix.strategies.size();
  const std::string key = "payoff_matrix.mean_utility";
  const json& rows = require_key(table, "payoff_matrix", "mean_utility", source,
                                 "a square array of mean utilities");
  const std::string shape = std::to_string(n) + " × " + std::to_string(n);
  if (!rows.is_array() || rows.size() != n) {
    wrong_type(source, key, "a " + shape + " array (one row per competitor)", rows);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!rows[i].is_array() || rows[i].size() != n) {
      wrong_type(source, indexed(key, i), "an array of " + std::to_string(n) + " numbers", rows[i]);
    }
    std::vector<double> row;
    for (std::size_t j = 0; j < n; ++j) {
      const json& cell = rows[i][j];
      if (cell.is_null()) {
        const std::string who = "\"" + matrix.strategies[i] + "\"";
        if (i == j) {
          throw UserError(
              where, indexed(key, i, j),
              "the diagonal is null: the tournament ran without self-play, so " + who +
                  "'s payoff against itself is unknown; population dynamics and the meta-game "
                  "need it (run the tournament with self_play = true in its [tournament] table)");
        }
        throw UserError(where, indexed(key, i, j),
                        "null: " + who + " never met \"" + matrix.strategies[j] +
                            "\" (expected a number for every pair)");
      }
      if (!cell.is_number()) wrong_type(source, indexed(key, i, j), "a number", cell);
      row.push_back(cell.get<double>());
    }
    matrix.payoff.push_back(std::move(row));
  }
  if (matrix.name.empty()) matrix.name = std::filesystem::path(source).stem().string();
  validate_payoff_matrix(matrix, source);
  return matrix;
}

// [SECTION] payoff-matrix file (TOML) -------------------------------------------------------------

namespace {

SourceLocation location_of(const std::string& source, const toml::node& node) {
  return {source, static_cast<int>(node.source().begin.line),
          static_cast<int>(node.source().begin.column)};
}

}  // namespace

PayoffMatrix parse_payoff_matrix_toml(const std::string& text, const std::string& source) {
  const toml::table root = toml_reading::parse(text, source);
  const toml::table* table = root["payoff_matrix"].as_table();
  if (table == nullptr) {
    throw UserError(SourceLocation{source, 0, 0}, "payoff_matrix",
                    "missing table (expected [payoff_matrix] with strategies and payoffs, or a "
                    "tournament's summary.json)");
  }
  toml_reading::only_keys(*table, "payoff_matrix", {"name", "strategies", "payoffs"}, source);
  PayoffMatrix matrix;
  if (const toml::node* name = table->get("name")) {
    const auto value = name->value<std::string>();
    if (!value || value->empty()) {
      throw UserError(location_of(source, *name), "payoff_matrix.name",
                      "expected the game's name (a non-empty string)");
    }
    matrix.name = *value;
  } else {
    matrix.name = std::filesystem::path(source).stem().string();
  }

  const toml::node* strategies = table->get("strategies");
  if (strategies == nullptr) {
    throw UserError(
        SourceLocation{source, 0, 0}, "payoff_matrix.strategies",
        "missing key (expected an array of strategy labels, e.g. [\"hawk\", \"dove\"])");
  }
  const toml::array* labels = strategies->as_array();
  if (labels == nullptr) {
    throw UserError(location_of(source, *strategies), "payoff_matrix.strategies",
                    "expected an array of strategy labels, e.g. [\"hawk\", \"dove\"]");
  }
  for (std::size_t i = 0; i < labels->size(); ++i) {
    const auto value = (*labels)[i].value<std::string>();
    if (!value) {
      throw UserError(location_of(source, (*labels)[i]), indexed("payoff_matrix.strategies", i),
                      "expected a label (string)");
    }
    matrix.strategies.push_back(*value);
  }
  const std::size_t n = matrix.strategies.size();

  const toml::node* payoffs = table->get("payoffs");
  if (payoffs == nullptr) {
    throw UserError(SourceLocation{source, 0, 0}, "payoff_matrix.payoffs",
                    "missing key (expected a square array: payoffs[i][j] is the payoff to "
                    "strategies[i] against strategies[j])");
  }
  const toml::array* rows = payoffs->as_array();
  if (rows == nullptr || rows->size() != n) {
    throw UserError(location_of(source, *payoffs), "payoff_matrix.payoffs",
                    "expected " + std::to_string(n) +
                        " rows, one per strategy (payoffs[i][j] is the payoff to strategies[i] "
                        "against strategies[j])");
  }
  for (std::size_t i = 0; i < n; ++i) {
    const toml::array* row = (*rows)[i].as_array();
    const std::string row_key = indexed("payoff_matrix.payoffs", i);
    if (row == nullptr || row->size() != n) {
      throw UserError(location_of(source, (*rows)[i]), row_key,
                      "expected an array of " + std::to_string(n) + " numbers (\"" +
                          matrix.strategies[i] + "\" against each strategy)");
    }
    std::vector<double> values;
    for (std::size_t j = 0; j < n; ++j) {
      const toml::node& cell = (*row)[j];
      const auto value = cell.value<double>();  // integers convert too
      if (!value || !std::isfinite(*value)) {
        throw UserError(location_of(source, cell), indexed("payoff_matrix.payoffs", i, j),
                        "expected a finite number");
      }
      values.push_back(*value);
    }
    matrix.payoff.push_back(std::move(values));
  }
  try {
    validate_payoff_matrix(matrix, source);
  } catch (const UserError& e) {
    throw UserError(location_of(source, *strategies), "payoff_matrix." + e.key(), e.message());
  }
  return matrix;
}

bool is_payoff_matrix_text(const std::string& text) {
  const std::optional<toml::table> root = toml_reading::try_parse(text);
  return root && root->get("payoff_matrix") != nullptr;
}

PayoffMatrix load_payoff_matrix(const std::string& path) {
  // The file may be a tournament's summary.json: its limit, not that of a TOML file.
  const std::string text = read_text_file(path, kMaxSummaryFileBytes);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    throw UserError(SourceLocation{path, 0, 0}, "",
                    "the file is empty (expected a tournament's summary.json or a TOML file "
                    "with [payoff_matrix])");
  }
  if (text[first] == '{') return parse_tournament_summary(text, path);
  return parse_payoff_matrix_toml(text, path);
}

}  // namespace treatysim

#include "gui/logic/tournament_view.hpp"

#include <chrono>
#include <filesystem>
#include <utility>

#include <nlohmann/json.hpp>

#include "engine/model/text_file.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/json_reading.hpp"

namespace treatysim::gui {

namespace {

using nlohmann::json;

constexpr const char* kSummaryFormat = "treatysim-tournament-summary";

// Reads summary.json's keys with errors naming the file and the full key path.
class JsonReader {
 public:
  explicit JsonReader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& message) const {
    throw UserError(SourceLocation{file_, 0, 0}, key, message);
  }
  [[noreturn]] void wrong(const std::string& key, const std::string& expected,
                          const json& got) const {
    std::string text = got.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    fail(key, "expected " + expected + ", got " + text);
  }
  // The member `key` of `parent` (full path `path`), or nullptr when absent.
  static const json* find(const json& parent, const char* key) {
    const auto it = parent.find(key);
    return it == parent.end() ? nullptr : &*it;
  }
  const json& require(const json& parent, const std::string& path, const char* key) const {
    const json* node = find(parent, key);
    if (node == nullptr) fail(path, "missing key");
    return *node;
  }
  std::string string(const json& node, const std::string& path) const {
    if (!node.is_string()) wrong(path, "a string", node);
    return node.get<std::string>();
  }
  std::optional<double> number_or_null(const json& node, const std::string& path) const {
    if (node.is_null()) return std::nullopt;
    if (!node.is_number()) wrong(path, "a number or null", node);
    return node.get<double>();
  }
  std::uint64_t count(const json& node, const std::string& path) const {
    if (!node.is_number_unsigned()) wrong(path, "a count (a whole number, 0 or more)", node);
    return node.get<std::uint64_t>();
  }
  // An optional number member: absent and null both give nullopt.
  std::optional<double> optional_number(const json& parent, const std::string& path,
                                        const char* key) const {
    const json* node = find(parent, key);
    return node == nullptr ? std::nullopt : number_or_null(*node, path + "." + key);
  }

 private:
  std::string file_;
};

std::string at(const std::string& key, std::size_t i) {
  return key + "[" + std::to_string(i) + "]";
}

PairwiseTable pairwise_from_summary(const JsonReader& reader, const json& root) {
  const json& table = reader.require(root, "payoff_matrix", "payoff_matrix");
  if (!table.is_object()) reader.wrong("payoff_matrix", "an object", table);
  PairwiseTable pairwise;
  const json& labels = reader.require(table, "payoff_matrix.competitors", "competitors");
  if (!labels.is_array()) reader.wrong("payoff_matrix.competitors", "an array of labels", labels);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    pairwise.labels.push_back(reader.string(labels[i], at("payoff_matrix.competitors", i)));
  }
  const std::size_t n = pairwise.labels.size();
  if (n == 0) reader.fail("payoff_matrix.competitors", "expected at least one competitor");
  const std::string means_key = "payoff_matrix.mean_utility";
  const json& means = reader.require(table, means_key, "mean_utility");
  if (!means.is_array() || means.size() != n) {
    reader.wrong(means_key, std::to_string(n) + " rows (one per competitor)", means);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const json& row = means[i];
    if (!row.is_array() || row.size() != n) {
      reader.wrong(at(means_key, i), std::to_string(n) + " numbers or nulls", row);
    }
    std::vector<std::optional<double>> values;
    for (std::size_t j = 0; j < n; ++j) {
      values.push_back(reader.number_or_null(row[j], at(at(means_key, i), j)));
    }
    pairwise.values.push_back(std::move(values));
  }
  if (const json* counts = JsonReader::find(table, "count")) {
    const std::string counts_key = "payoff_matrix.count";
    if (!counts->is_array() || counts->size() != n) {
      reader.wrong(counts_key, std::to_string(n) + " rows (one per competitor)", *counts);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const json& row = (*counts)[i];
      if (!row.is_array() || row.size() != n) {
        reader.wrong(at(counts_key, i), std::to_string(n) + " counts", row);
      }
      std::vector<std::uint64_t> values;
      for (std::size_t j = 0; j < n; ++j) {
        values.push_back(reader.count(row[j], at(at(counts_key, i), j)));
      }
      pairwise.counts.push_back(std::move(values));
    }
  }
  return pairwise;
}

std::vector<RankingRow> ranking_from_summary(const JsonReader& reader, const json& root) {
  const json& ranking = reader.require(root, "ranking", "ranking");
  if (!ranking.is_array()) reader.wrong("ranking", "an array", ranking);
  std::vector<RankingRow> rows;
  for (std::size_t r = 0; r < ranking.size(); ++r) {
    const std::string key = at("ranking", r);
    const json& entry = ranking[r];
    if (!entry.is_object()) reader.wrong(key, "an object", entry);
    RankingRow row;
    row.rank = static_cast<int>(r + 1);
    if (const json* rank = JsonReader::find(entry, "rank")) {
      if (!rank->is_number_unsigned()) reader.wrong(key + ".rank", "a rank (1, 2, …)", *rank);
      row.rank = rank->get<int>();
    }
    row.competitor = reader.string(reader.require(entry, key + ".competitor", "competitor"),
                                   key + ".competitor");
    if (const json* strategy = JsonReader::find(entry, "strategy")) {
      row.strategy = reader.string(*strategy, key + ".strategy");
    }
    if (const json* n = JsonReader::find(entry, "n")) row.n = reader.count(*n, key + ".n");
    row.mean = reader.number_or_null(reader.require(entry, key + ".mean_utility", "mean_utility"),
                                     key + ".mean_utility");
    row.ci_low = reader.optional_number(entry, key, "ci_low");
    row.ci_high = reader.optional_number(entry, key, "ci_high");
    row.agreement_rate = reader.optional_number(entry, key, "agreement_rate");
    row.mean_offers = reader.optional_number(entry, key, "mean_offers");
    row.mean_distance_to_nash = reader.optional_number(entry, key, "mean_distance_to_nash");
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<AdjacentRow> adjacent_from_summary(const JsonReader& reader, const json& root) {
  std::vector<AdjacentRow> rows;
  const json* tests = JsonReader::find(root, "adjacent_tests");
  if (tests == nullptr) return rows;
  if (!tests->is_array()) reader.wrong("adjacent_tests", "an array", *tests);
  for (std::size_t t = 0; t < tests->size(); ++t) {
    const std::string key = at("adjacent_tests", t);
    const json& entry = (*tests)[t];
    if (!entry.is_object()) reader.wrong(key, "an object", entry);
    AdjacentRow row;
    row.higher = reader.string(reader.require(entry, key + ".higher", "higher"), key + ".higher");
    row.lower = reader.string(reader.require(entry, key + ".lower", "lower"), key + ".lower");
    row.holm_p_value = reader.optional_number(entry, key, "holm_p_value");
    if (const json* significant = JsonReader::find(entry, "significant")) {
      if (!significant->is_boolean()) {
        reader.wrong(key + ".significant", "true or false", *significant);
      }
      row.significant = significant->get<bool>();
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

TournamentData load_summary(const std::string& file, const std::string& text) {
  const JsonReader reader(file);
  const json root = parse_json_text<json>(text, file, "not valid JSON: ");
  if (!root.is_object()) reader.wrong("", "a JSON object (a tournament summary)", root);
  const json& format = reader.require(root, "format", "format");
  if (!format.is_string() || format.get<std::string>() != kSummaryFormat) {
    reader.wrong("format", std::string("\"") + kSummaryFormat + "\"", format);
  }
  const json& version = reader.require(root, "version", "version");
  if (!version.is_number_integer() || version.get<long long>() != 1) {
    reader.wrong("version", "1 (the summary format this program reads)", version);
  }
  TournamentData data;
  data.path = file;
  if (const json* name = JsonReader::find(root, "tournament")) {
    data.name = reader.string(*name, "tournament");
  }
  if (const json* complete = JsonReader::find(root, "complete")) {
    if (!complete->is_boolean()) reader.wrong("complete", "true or false", *complete);
    data.complete = complete->get<bool>();
  }
  if (const json* negotiations = JsonReader::find(root, "negotiations")) {
    if (!negotiations->is_object()) {
      reader.wrong("negotiations", "an object {\"done\", \"total\"}", *negotiations);
    }
    data.negotiations_done = reader.count(
        reader.require(*negotiations, "negotiations.done", "done"), "negotiations.done");
    data.negotiations_total = reader.count(
        reader.require(*negotiations, "negotiations.total", "total"), "negotiations.total");
  }
  data.pairwise = pairwise_from_summary(reader, root);
  data.ranking = ranking_from_summary(reader, root);
  data.adjacent = adjacent_from_summary(reader, root);
  try {
    data.matrix = load_payoff_matrix(file);
  } catch (const UserError& e) {
    data.matrix_error = e.what();
  }
  return data;
}

TournamentData load_matrix_file(const std::string& file) {
  TournamentData data;
  data.path = file;
  PayoffMatrix matrix = load_payoff_matrix(file);
  data.name = matrix.name;
  data.complete = matrix.complete;
  data.pairwise.labels = matrix.strategies;
  for (const auto& row : matrix.payoff) {
    data.pairwise.values.emplace_back(row.begin(), row.end());
  }
  data.matrix = std::move(matrix);
  return data;
}

}  // namespace

PopulationOptions population_options(const EvolveSettings& settings) {
  PopulationOptions options;
  options.generations = settings.generations;
  options.population = settings.population;
  options.selection = settings.selection;
  options.runs = settings.runs;
  options.seed = settings.seed;
  return options;
}

std::string tournament_file_of(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return (std::filesystem::path(path) / "summary.json").string();
  }
  return path;
}

TournamentData load_tournament_data(const std::string& path) {
  const std::string file = tournament_file_of(path);
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    throw UserError(SourceLocation{file, 0, 0}, "",
                    std::filesystem::is_directory(path, error)
                        ? "no summary.json in this folder (expected the --out folder of "
                          "`treatysim tournament`)"
                        : "no such file (expected a tournament results folder, its "
                          "summary.json, or a payoff-matrix TOML file)");
  }
  // The engine's reader refuses a device, a FIFO or an oversized file at once.
  const std::string text = read_text_file(file, kMaxSummaryFileBytes);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return load_summary(file, text);
  return load_matrix_file(file);
}

TournamentView::~TournamentView() {
  if (running_.valid()) running_.wait();
}

void TournamentView::open(const std::string& path) {
  TournamentData data = load_tournament_data(path);
  data_ = std::move(data);
  population_.reset();
  evolve_error_.clear();
  queued_.reset();
  ++generation_;
  if (data_->matrix) request_evolve(settings_);
}

void TournamentView::request_evolve(const EvolveSettings& settings) {
  if (!data_ || !data_->matrix) return;
  validate_population_options(*data_->matrix, population_options(settings));
  settings_ = settings;
  if (running_.valid()) {
    queued_ = settings;
    return;
  }
  start(settings);
}

void TournamentView::start(const EvolveSettings& settings) {
  running_generation_ = generation_;
  running_ = std::async(std::launch::async,
                        [matrix = *data_->matrix, options = population_options(settings)] {
                          return evolve(matrix, options);
                        });
}

void TournamentView::finish() {
  try {
    PopulationResult result = running_.get();
    if (running_generation_ == generation_) {
      population_ = std::move(result);
      evolve_error_.clear();
    }
  } catch (const UserError& e) {
    if (running_generation_ == generation_) evolve_error_ = e.what();
  }
  if (queued_ && data_ && data_->matrix) {
    const EvolveSettings next = *queued_;
    queued_.reset();
    start(next);
  }
}

void TournamentView::poll() {
  if (running_.valid() && running_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    finish();
  }
}

void TournamentView::wait() {
  while (running_.valid()) {
    running_.wait();
    finish();
  }
}

}  // namespace treatysim::gui

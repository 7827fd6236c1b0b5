#include "engine/studies/study_file.hpp"

#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <limits>

#include <toml++/toml.h>

#include "engine/model/issue.hpp"
#include "engine/model/scenario_toml.hpp"
#include "engine/model/toml_reading.hpp"

namespace treatysim {

namespace {

constexpr std::size_t kMaxRepetitions = 100000;
constexpr int kMaxEvaluations = 100000;
constexpr int kMaxGridPoints = 1000;  // per axis

const char* const kAlgorithmNames[] = {"crs2", "isres", "bobyqa", "sbplx", "neldermead"};

// `value` rounded to `digits` significant digits.
double round_significant(double value, int digits) {
  if (value == 0.0) return 0.0;
  const double scale =
      std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::abs(value)))));
  return round_for_output(std::round(value * scale) / scale);
}

using toml_reading::type_name;

// Reads the keys of one [sweep] or [tune] table with their locations.
class Reader {
 public:
  Reader(std::string file, std::string table) : file_(std::move(file)), table_(std::move(table)) {}

  [[nodiscard]] SourceLocation where(const toml::source_region& region) const {
    return toml_reading::location(file_, region);
  }
  [[nodiscard]] std::string key(const std::string& name) const { return table_ + "." + name; }
  [[noreturn]] void fail(const toml::node& node, const std::string& key_path,
                         const std::string& message) const {
    throw UserError(where(node.source()), key_path, message);
  }

  void only_keys(const toml::table& table, const std::string& path,
                 std::initializer_list<const char*> allowed) const {
    toml_reading::only_keys(table, path, allowed, file_);
  }

  [[nodiscard]] std::string string(const toml::node& node, const std::string& key_path) const {
    const auto* s = node.as_string();
    if (s == nullptr) fail(node, key_path, "expected a string, got " + type_name(node));
    return s->get();
  }
  [[nodiscard]] double number(const toml::node& node, const std::string& key_path) const {
    if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
    if (const auto* f = node.as_floating_point()) {
      if (!std::isfinite(f->get())) fail(node, key_path, "expected a finite number");
      return f->get();
    }
    fail(node, key_path, "expected a number, got " + type_name(node));
  }
  [[nodiscard]] std::int64_t integer(const toml::node& node, const std::string& key_path,
                                     std::int64_t min, std::int64_t max) const {
    const auto* i = node.as_integer();
    if (i == nullptr) fail(node, key_path, "expected a whole number, got " + type_name(node));
    if (i->get() < min || i->get() > max) {
      fail(node, key_path,
           "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
               ", got " + std::to_string(i->get()));
    }
    return i->get();
  }
  [[nodiscard]] const toml::array& array(const toml::node& node, const std::string& key_path,
                                         bool non_empty) const {
    const auto* a = node.as_array();
    if (a == nullptr) fail(node, key_path, "expected an array, got " + type_name(node));
    if (non_empty && a->empty()) fail(node, key_path, "expected at least one element");
    return *a;
  }
  [[nodiscard]] Spec spec(const toml::node& node, const std::string& key_path) const {
    const std::string text = string(node, key_path);
    try {
      return parse_spec(text);
    } catch (const UserError& e) {
      fail(node, key_path, e.message());
    }
  }

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] const std::string& table() const noexcept { return table_; }

 private:
  std::string file_;
  std::string table_;
};

// The table `name` at the top of `root`; nothing else may stand beside it.
const toml::table& study_table(const toml::table& root, const Reader& reader) {
  const toml::node* node = root.get(reader.table());
  for (auto&& [name, value] : root) {
    if (name.str() != reader.table()) {
      throw UserError(reader.where(name.source()), std::string(name.str()),
                      "unknown key (a " + reader.table() + " file has only the [" + reader.table() +
                          "] table)");
    }
  }
  if (node == nullptr || !node->is_table()) {
    throw UserError(SourceLocation{reader.file(), 0, 0}, reader.table(),
                    "missing [" + reader.table() + "] table");
  }
  return *node->as_table();
}

// Reads the keys a sweep and a tuning file share.
StudyDef read_study(const toml::table& table, const Reader& reader) {
  StudyDef study;
  study.file = reader.file();
  study.table = reader.table();
  study.name = std::filesystem::path(reader.file()).stem().string();
  const std::filesystem::path folder = std::filesystem::path(reader.file()).parent_path();
  const toml::source_region& table_region = table.source();

  const auto required = [&](const char* name) -> const toml::node& {
    const toml::node* node = table.get(name);
    if (node == nullptr) {
      throw UserError(
          reader.where(table_region), reader.key(name),
          std::string("missing key (expected ") +
              (std::string(name) == "strategy"    ? "a strategy spec, e.g. strategy = \"boulware\")"
               : std::string(name) == "opponents" ? "an array of strategy specs, e.g. opponents = "
                                                    "[\"conceder\", \"linear\"])"
                                                  : "an array of scenario files, e.g. scenarios = "
                                                    "[\"../sta-2024.toml\"])"));
    }
    return *node;
  };

  const toml::node& strategy = required("strategy");
  study.strategy = reader.spec(strategy, reader.key("strategy"));
  study.strategy_at = reader.where(strategy.source());

  const toml::array& opponents = reader.array(required("opponents"), reader.key("opponents"), true);
  for (std::size_t i = 0; i < opponents.size(); ++i) {
    study.opponents.push_back(
        reader.spec(opponents[i], reader.key("opponents[" + std::to_string(i) + "]")));
    study.opponent_at.push_back(reader.where(opponents[i].source()));
  }
  const toml::array& scenarios = reader.array(required("scenarios"), reader.key("scenarios"), true);
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const std::string path =
        reader.string(scenarios[i], reader.key("scenarios[" + std::to_string(i) + "]"));
    const std::filesystem::path p(path);
    study.scenarios.push_back(p.is_absolute() ? path : (folder / p).lexically_normal().string());
    study.scenario_at.push_back(reader.where(scenarios[i].source()));
  }
  if (const toml::node* n = table.get("name")) study.name = reader.string(*n, reader.key("name"));
  study.roles_at = reader.where(table_region);
  if (const toml::node* n = table.get("roles")) {
    study.roles = reader.string(*n, reader.key("roles"));
    study.roles_at = reader.where(n->source());
  }
  if (const toml::node* n = table.get("repetitions")) {
    study.repetitions = static_cast<std::size_t>(reader.integer(
        *n, reader.key("repetitions"), 1, static_cast<std::int64_t>(kMaxRepetitions)));
  }
  if (const toml::node* n = table.get("seed")) {
    study.seed = static_cast<std::uint64_t>(
        reader.integer(*n, reader.key("seed"), 0, std::numeric_limits<std::int64_t>::max()));
  }
  if (const toml::node* n = table.get("metric")) {
    const std::string text = reader.string(*n, reader.key("metric"));
    const std::optional<Metric> metric = parse_metric(text);
    if (!metric) {
      reader.fail(*n, reader.key("metric"),
                  "expected one of " + metric_names() + ", got \"" + text + "\"");
    }
    study.metric = *metric;
  }
  if (const toml::node* n = table.get("deadline")) {
    study.deadline = static_cast<int>(reader.integer(*n, reader.key("deadline"), 1, 1000000));
    study.deadline_at = reader.where(n->source());
  }
  return study;
}

// The grid of one [[sweep.axes]] table.
SweepAxis read_axis(const toml::node& node, const std::string& path, const Reader& reader) {
  const auto* table = node.as_table();
  if (table == nullptr) reader.fail(node, path, "expected a table, got " + type_name(node));
  reader.only_keys(*table, path, {"parameter", "values", "from", "to", "steps", "scale"});
  SweepAxis axis;
  const toml::node* parameter = table->get("parameter");
  if (parameter == nullptr) {
    reader.fail(node, path + ".parameter",
                "missing key (expected a parameter name, e.g. parameter = \"e\")");
  }
  axis.parameter = reader.string(*parameter, path + ".parameter");
  axis.at = reader.where(parameter->source());
  const toml::node* values = table->get("values");
  const toml::node* from = table->get("from");
  const toml::node* to = table->get("to");
  const toml::node* steps = table->get("steps");
  const toml::node* scale = table->get("scale");
  if (values != nullptr) {
    for (const toml::node* other : {from, to, steps, scale}) {
      if (other != nullptr) {
        reader.fail(*other, path, "give either values = [...] or from, to and steps, not both");
      }
    }
    const toml::array& list = reader.array(*values, path + ".values", true);
    if (list.size() > static_cast<std::size_t>(kMaxGridPoints)) {
      reader.fail(*values, path + ".values",
                  "expected at most " + std::to_string(kMaxGridPoints) + " values");
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const double v = reader.number(list[i], path + ".values[" + std::to_string(i) + "]");
      for (const double seen : axis.values) {
        if (seen == v) {
          reader.fail(list[i], path + ".values[" + std::to_string(i) + "]",
                      "the value " + format_number(v) + " is already in the grid");
        }
      }
      axis.values.push_back(v);
    }
    return axis;
  }
  if (from == nullptr || to == nullptr || steps == nullptr) {
    reader.fail(node, path,
                "expected values = [...], or from, to and steps (e.g. from = 0.1, to = 2, "
                "steps = 20)");
  }
  const double lo = reader.number(*from, path + ".from");
  const double hi = reader.number(*to, path + ".to");
  const auto count = static_cast<int>(reader.integer(*steps, path + ".steps", 2, kMaxGridPoints));
  if (!(lo < hi)) reader.fail(*to, path + ".to", "expected a number greater than from");
  bool log = false;
  if (scale != nullptr) {
    const std::string text = reader.string(*scale, path + ".scale");
    if (text != "linear" && text != "log") {
      reader.fail(*scale, path + ".scale", "expected \"linear\" or \"log\", got \"" + text + "\"");
    }
    log = text == "log";
    axis.log_scale = log;
    if (log && lo <= 0.0) reader.fail(*from, path + ".from", "a log scale needs from > 0");
  }
  for (int i = 0; i < count; ++i) {
    const double t = static_cast<double>(i) / static_cast<double>(count - 1);
    double v = log ? lo * std::pow(hi / lo, t) : lo + t * (hi - lo);
    if (i == count - 1) v = hi;  // the end exactly, whatever the rounding
    // Twelve significant digits: 0.1 + 3·0.1 prints as 0.4, not 0.4000000000000001; a log
    // grid's points are rounded to three (0.0606, not 0.0605763829314).
    v = log && i > 0 && i < count - 1 ? round_significant(v, 3) : round_for_output(v);
    axis.values.push_back(v);
  }
  return axis;
}

}  // namespace

const char* tune_algorithm_name(TuneAlgorithm algorithm) noexcept {
  return kAlgorithmNames[static_cast<int>(algorithm)];
}

bool tune_algorithm_is_global(TuneAlgorithm algorithm) noexcept {
  return algorithm == TuneAlgorithm::kCrs2 || algorithm == TuneAlgorithm::kIsres;
}

std::optional<StudyKind> study_kind(const std::string& text) {
  const std::optional<toml::table> root = toml_reading::try_parse(text);
  if (!root) return std::nullopt;
  if (root->get("sweep") != nullptr && root->get("sweep")->is_table()) return StudyKind::kSweep;
  if (root->get("tune") != nullptr && root->get("tune")->is_table()) return StudyKind::kTune;
  return std::nullopt;
}

SweepDef parse_sweep(const std::string& text, const std::string& source_name) {
  const toml::table root = toml_reading::parse(text, source_name);
  const Reader reader(source_name, "sweep");
  const toml::table& table = study_table(root, reader);
  reader.only_keys(table, "sweep",
                   {"name", "strategy", "opponents", "scenarios", "roles", "repetitions", "seed",
                    "metric", "deadline", "axes"});
  SweepDef def;
  def.study = read_study(table, reader);
  const toml::node* axes = table.get("axes");
  if (axes == nullptr) {
    throw UserError(reader.where(table.source()), "sweep.axes",
                    "missing [[sweep.axes]] (one or two, each with parameter and values)");
  }
  const toml::array& list = reader.array(*axes, "sweep.axes", true);
  if (list.size() > 2)
    reader.fail(list[2], "sweep.axes",
                "expected one or two axes, got " + std::to_string(list.size()));
  for (std::size_t i = 0; i < list.size(); ++i) {
    def.axes.push_back(read_axis(list[i], "sweep.axes[" + std::to_string(i) + "]", reader));
  }
  if (def.axes.size() == 2 && def.axes[0].parameter == def.axes[1].parameter) {
    throw UserError(def.axes[1].at, "sweep.axes[1].parameter",
                    "\"" + def.axes[1].parameter + "\" is already the first axis");
  }
  return def;
}

SweepDef load_sweep_file(const std::string& path) {
  return parse_sweep(read_text_file(path), path);
}

TuneDef parse_tune(const std::string& text, const std::string& source_name) {
  const toml::table root = toml_reading::parse(text, source_name);
  const Reader reader(source_name, "tune");
  const toml::table& table = study_table(root, reader);
  reader.only_keys(
      table, "tune",
      {"name", "strategy", "opponents", "scenarios", "roles", "repetitions", "seed", "metric",
       "deadline", "parameters", "bounds", "algorithm", "evaluations", "validation_repetitions"});
  TuneDef def;
  def.study = read_study(table, reader);
  const toml::node* parameters = table.get("parameters");
  if (parameters == nullptr) {
    throw UserError(reader.where(table.source()), "tune.parameters",
                    "missing key (expected the parameters to tune, e.g. parameters = [\"e\"])");
  }
  def.parameters_at = reader.where(parameters->source());
  const toml::array& names = reader.array(*parameters, "tune.parameters", true);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string key = "tune.parameters[" + std::to_string(i) + "]";
    std::string name = reader.string(names[i], key);
    if (name.rfind("scenario.", 0) == 0) {
      reader.fail(names[i], key, "only strategy parameters can be tuned (sweep a scenario's)");
    }
    for (const std::string& seen : def.parameters) {
      if (seen == name) reader.fail(names[i], key, "\"" + name + "\" is listed twice");
    }
    def.parameters.push_back(std::move(name));
  }
  if (const toml::node* n = table.get("bounds")) {
    const auto* bounds = n->as_table();
    if (bounds == nullptr) {
      reader.fail(
          *n, "tune.bounds",
          "expected an inline table, e.g. bounds = { e = [0.05, 2] }, got " + type_name(*n));
    }
    for (auto&& [name, node] : *bounds) {
      const std::string key = "tune.bounds." + std::string(name.str());
      bool listed = false;
      for (const std::string& p : def.parameters) listed = listed || p == name.str();
      if (!listed) reader.fail(node, key, "not one of tune.parameters");
      const auto* pair = node.as_array();
      if (pair == nullptr || pair->size() != 2) {
        reader.fail(node, key, "expected [min, max], e.g. [0.05, 2]");
      }
      TuneBound bound{std::string(name.str()), reader.number((*pair)[0], key + "[0]"),
                      reader.number((*pair)[1], key + "[1]"), reader.where(node.source())};
      if (!(bound.min < bound.max)) reader.fail(node, key, "expected min < max");
      def.bounds.push_back(std::move(bound));
    }
  }
  if (const toml::node* n = table.get("algorithm")) {
    const std::string name = reader.string(*n, "tune.algorithm");
    bool found = false;
    for (int i = 0; i < 5; ++i) {
      if (name == kAlgorithmNames[i]) {
        def.algorithm = static_cast<TuneAlgorithm>(i);
        found = true;
      }
    }
    if (!found) {
      reader.fail(*n, "tune.algorithm",
                  "expected crs2, isres, bobyqa, sbplx or neldermead, got \"" + name + "\"");
    }
  }
  if (const toml::node* n = table.get("evaluations")) {
    def.evaluations = static_cast<int>(reader.integer(*n, "tune.evaluations", 2, kMaxEvaluations));
  }
  if (const toml::node* n = table.get("validation_repetitions")) {
    def.validation_repetitions = static_cast<std::size_t>(reader.integer(
        *n, "tune.validation_repetitions", 2, static_cast<std::int64_t>(kMaxRepetitions)));
  }
  return def;
}

TuneDef load_tune_file(const std::string& path) {
  return parse_tune(read_text_file(path), path);
}

std::string study_metric_label(const StudyDef& study) {
  switch (study.metric) {
    case Metric::kUtility:
      return "mean utility of " + study.strategy.name + " (discounted)";
    case Metric::kAgreementRate:
      return "agreement rate";
    case Metric::kSocialWelfare:
      return "mean social welfare (sum of utilities)";
    case Metric::kDistanceToNash:
      return "mean distance to the Nash point";
  }
  return "";
}

std::string study_description(const StudyDef& study, std::size_t max_opponents) {
  std::string opponents;
  for (std::size_t i = 0; i < study.opponents.size(); ++i) {
    if (i == max_opponents) {
      opponents += " +" + std::to_string(study.opponents.size() - i) + " more";
      break;
    }
    opponents += (i == 0 ? "" : ", ") + study.opponents[i].to_string();
  }
  std::string scenarios;
  for (const std::string& path : study.scenarios) {
    scenarios += (scenarios.empty() ? "" : ", ") + std::filesystem::path(path).stem().string();
  }
  return study.strategy.to_string() + " vs " + opponents + " · " + scenarios + " · " +
         (study.roles == "both" ? std::string("both roles") : "as " + study.roles) + " · " +
         std::to_string(study.repetitions) + " seeds per pairing";
}

}  // namespace treatysim

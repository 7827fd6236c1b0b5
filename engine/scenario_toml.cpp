#include "engine/scenario_toml.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>
#include <utility>

#include <toml++/toml.h>

#include "engine/user_error.hpp"

namespace treatysim {

namespace {

// The limits validate_scenario_def applies (scenario.cpp), checked here while the TOML value is
// still a 64-bit integer, so that a huge value gets the same message as a small one.
constexpr int kMaxDeadline = 1'000'000;
constexpr int kMaxLevels = 0xFFFF;

// [SECTION] Reading TOML with locations ----------------------------------------------------

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

// A float as TOML writes it: "10.0" rather than "10", so that "expected a whole number, got
// 10.0" shows what is wrong.
std::string toml_float_text(double value) {
  std::string text = format_number(value);
  if (text.find_first_not_of("-0123456789") == std::string::npos) text += ".0";
  return text;
}

std::string describe_value(const toml::node& node) {
  if (const auto* s = node.as_string()) return "\"" + s->get() + "\" (a string)";
  if (const auto* i = node.as_integer()) return std::to_string(i->get()) + " (an integer)";
  if (const auto* f = node.as_floating_point()) {
    return toml_float_text(f->get()) + " (a floating-point number)";
  }
  if (const auto* b = node.as_boolean()) return std::string(b->get() ? "true" : "false") + " (a boolean)";
  return type_name(node);
}

// Reads a parsed document into a ScenarioDef, remembering where every key stood, so that
// problems found later (by validate_scenario_def) can still point at a line.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[nodiscard]] SourceLocation where(const toml::source_region& region) const {
    return SourceLocation{file_, static_cast<int>(region.begin.line),
                          static_cast<int>(region.begin.column)};
  }
  [[noreturn]] void fail(const toml::source_region& region, const std::string& key,
                         const std::string& message) const {
    throw UserError(where(region), key, message);
  }
  [[noreturn]] void fail_file(const std::string& key, const std::string& message) const {
    throw UserError(SourceLocation{file_, 0, 0}, key, message);
  }

  void remember(const std::string& key, const toml::source_region& region) {
    locations_.emplace(key, where(region));
  }
  // The location of `key`, or of its nearest remembered parent.
  [[nodiscard]] SourceLocation location_of(std::string key) const {
    while (!key.empty()) {
      if (const auto it = locations_.find(key); it != locations_.end()) return it->second;
      const std::size_t cut = key.find_last_of(".[");
      if (cut == std::string::npos) break;
      key.resize(cut);
    }
    return SourceLocation{file_, 0, 0};
  }

  // Rejects keys of `table` that are not in `allowed` (typos, misplaced keys).
  void only_keys(const toml::table& table, const std::string& path,
                 std::initializer_list<const char*> allowed) const {
    for (auto&& [key, node] : table) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || key.str() == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        fail(key.source(), join(path, std::string(key.str())),
             "unknown key (expected one of: " + list + ")");
      }
    }
  }

  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  // The table header a user writes for a key path: "parties[0].values" -> "parties.values".
  static std::string header_of(const std::string& path) {
    std::string header;
    bool in_index = false;
    for (const char c : path) {
      if (c == '[') in_index = true;
      if (!in_index) header += c;
      if (c == ']') in_index = false;
    }
    return header;
  }

  const toml::table& table(const toml::table& parent, const toml::source_region& parent_region,
                           const std::string& path, const char* key) {
    const toml::node* node = parent.get(key);
    const std::string full = join(path, key);
    if (node == nullptr) fail(parent_region, full, "missing table [" + header_of(full) + "]");
    const toml::table* t = node->as_table();
    if (t == nullptr) fail(node->source(), full, "expected a table, got " + type_name(*node));
    remember(full, node->source());
    return *t;
  }

  const toml::node& node(const toml::table& parent, const toml::source_region& parent_region,
                         const std::string& path, const char* key) {
    const toml::node* n = parent.get(key);
    const std::string full = join(path, key);
    if (n == nullptr) fail(parent_region, full, "missing key '" + std::string(key) + "'");
    remember(full, n->source());
    return *n;
  }

  std::string string(const toml::table& parent, const toml::source_region& region,
                     const std::string& path, const char* key) {
    const toml::node& n = node(parent, region, path, key);
    const auto* s = n.as_string();
    if (s == nullptr) fail(n.source(), join(path, key), "expected a string, got " + describe_value(n));
    return s->get();
  }

  std::string optional_string(const toml::table& parent, const std::string& path, const char* key) {
    const toml::node* n = parent.get(key);
    if (n == nullptr) return {};
    remember(join(path, key), n->source());
    const auto* s = n->as_string();
    if (s == nullptr) fail(n->source(), join(path, key), "expected a string, got " + describe_value(*n));
    return s->get();
  }

  double number(const toml::node& n, const std::string& key) {
    remember(key, n.source());
    if (const auto* f = n.as_floating_point()) return f->get();
    if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
    fail(n.source(), key, "expected a number, got " + describe_value(n));
  }

  double number(const toml::table& parent, const toml::source_region& region,
                const std::string& path, const char* key) {
    return number(node(parent, region, path, key), join(path, key));
  }

  // A whole number in [min, max]; `what` names it in messages ("a number of offers").
  int integer(const toml::node& n, const std::string& key, const char* what, int min, int max) {
    remember(key, n.source());
    const auto* i = n.as_integer();
    if (i == nullptr) {
      fail(n.source(), key, std::string("expected ") + what + " (a whole number), got " +
                                describe_value(n));
    }
    const std::int64_t v = i->get();
    if (v < min || v > max) {
      fail(n.source(), key,
           std::string("expected ") + what + " from " + std::to_string(min) + " to " +
               std::to_string(max) + ", got " + std::to_string(v));
    }
    return static_cast<int>(v);
  }

  const toml::array& array(const toml::node& n, const std::string& key) {
    remember(key, n.source());
    const auto* a = n.as_array();
    if (a == nullptr) fail(n.source(), key, "expected an array, got " + describe_value(n));
    return *a;
  }

  const toml::table& table_of(const toml::node& n, const std::string& key) {
    remember(key, n.source());
    const auto* t = n.as_table();
    if (t == nullptr) fail(n.source(), key, "expected a table, got " + describe_value(n));
    return *t;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::map<std::string, SourceLocation> locations_;
};

std::string indexed(const std::string& base, std::size_t index) {
  return base + "[" + std::to_string(index) + "]";
}

// An id that can be written as a bare TOML key (issue ids are keys of [parties.weights] and
// [parties.values]); the same rule as validate_scenario_def's.
bool is_bare_key(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// [SECTION] Sections ----------------------------------------------------------------------

Issue read_issue(Reader& r, const toml::table& t, const toml::source_region& region,
                 const std::string& key) {
  r.only_keys(t, key, {"id", "label", "description", "options", "range"});
  Issue issue;
  issue.id = r.string(t, region, key, "id");
  issue.label = r.string(t, region, key, "label");
  issue.description = r.optional_string(t, key, "description");
  const toml::node* options = t.get("options");
  const toml::node* range = t.get("range");
  if ((options == nullptr) == (range == nullptr)) {
    r.fail(region, key,
           options ? "give either 'options' or 'range', not both"
                   : "missing 'options' (a list of {id, label, description}) or 'range' "
                     "({min, max, levels})");
  }
  if (options != nullptr) {
    const std::string okey = key + ".options";
    const toml::array& list = r.array(*options, okey);
    for (std::size_t o = 0; o < list.size(); ++o) {
      const std::string ekey = indexed(okey, o);
      const toml::table& ot = r.table_of(*list.get(o), ekey);
      r.only_keys(ot, ekey, {"id", "label", "description"});
      Option option;
      option.id = r.string(ot, list.get(o)->source(), ekey, "id");
      option.label = r.string(ot, list.get(o)->source(), ekey, "label");
      option.description = r.optional_string(ot, ekey, "description");
      issue.options.push_back(std::move(option));
    }
    return issue;
  }
  const std::string rkey = key + ".range";
  const toml::table& rt = r.table_of(*range, rkey);
  r.only_keys(rt, rkey, {"min", "max", "levels"});
  NumericRange numeric;
  numeric.min = r.number(rt, range->source(), rkey, "min");
  numeric.max = r.number(rt, range->source(), rkey, "max");
  numeric.levels = r.integer(r.node(rt, range->source(), rkey, "levels"), rkey + ".levels",
                             "a number of levels", 2, kMaxLevels);
  return Issue::make_numeric(issue.id, issue.label, issue.description, numeric);
}

// Values of one issue: a list, or {shape, direction} for a numeric issue.
std::vector<double> read_values(Reader& r, const toml::node& n, const std::string& key,
                                const Issue& issue, ValueShape& shape) {
  shape = ValueShape::kTable;
  const std::string expected_list = "a list of " + std::to_string(issue.options.size()) +
                                    " values (one per " + (issue.numeric ? "level)" : "option)");
  if (const auto* t = n.as_table()) {
    r.remember(key, n.source());
    if (!issue.numeric) {
      r.fail(n.source(), key,
             "expected " + expected_list +
                 "; a {shape, direction} table is only for numeric issues");
    }
    r.only_keys(*t, key, {"shape", "direction"});
    const std::string s = r.string(*t, n.source(), key, "shape");
    if (s != "linear") r.fail(t->get("shape")->source(), key + ".shape",
                              "expected \"linear\", got \"" + s + "\"");
    const std::string d = r.string(*t, n.source(), key, "direction");
    if (d != "increasing" && d != "decreasing") {
      r.fail(t->get("direction")->source(), key + ".direction",
             "expected \"increasing\" or \"decreasing\", got \"" + d + "\"");
    }
    const bool increasing = d == "increasing";
    shape = increasing ? ValueShape::kLinearIncreasing : ValueShape::kLinearDecreasing;
    return linear_values(issue.range.levels, increasing);
  }
  r.remember(key, n.source());
  const toml::array* list = n.as_array();
  if (list == nullptr) {
    r.fail(n.source(), key,
           "expected " + expected_list +
               (issue.numeric ? " or {shape = \"linear\", direction = \"increasing\"}" : "") +
               ", got " + describe_value(n));
  }
  std::vector<double> values;
  values.reserve(list->size());
  for (std::size_t o = 0; o < list->size(); ++o) {
    values.push_back(r.number(*list->get(o), indexed(key, o)));
  }
  return values;
}

// Per-issue numbers keyed by issue id: every issue exactly once, no unknown ids.
template <typename ReadOne>
void read_per_issue(Reader& r, const toml::table& t, const toml::source_region& region,
                    const std::string& key, const std::vector<Issue>& issues, ReadOne read_one) {
  std::string list;
  for (const Issue& issue : issues) list += (list.empty() ? "" : ", ") + issue.id;
  for (auto&& [k, v] : t) {
    bool known = false;
    for (const Issue& issue : issues) known = known || issue.id == k.str();
    if (!known) {
      r.fail(k.source(), key + "." + std::string(k.str()),
             "unknown issue id (the scenario's issues are: " + list + ")");
    }
  }
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const toml::node* n = t.get(issues[i].id);
    if (n == nullptr) {
      r.fail(region, key + "." + issues[i].id,
             "missing key '" + issues[i].id + "' (expected one entry per issue: " + list + ")");
    }
    read_one(i, *n, key + "." + issues[i].id);
  }
}

PartyDef read_party(Reader& r, const toml::table& t, const toml::source_region& region,
                    const std::string& key, const std::vector<Issue>& issues) {
  r.only_keys(t, key, {"id", "name", "reservation", "discount", "agent", "weights", "values"});
  PartyDef party;
  party.id = r.string(t, region, key, "id");
  party.name = r.string(t, region, key, "name");
  party.preferences.reservation_value = r.number(t, region, key, "reservation");
  party.preferences.discount = r.number(t, region, key, "discount");
  party.agent = r.string(t, region, key, "agent");
  Preferences& prefs = party.preferences;
  prefs.weights.assign(issues.size(), 0.0);
  prefs.values.assign(issues.size(), {});
  prefs.shapes.assign(issues.size(), ValueShape::kTable);
  const toml::table& weights = r.table(t, region, key, "weights");
  read_per_issue(r, weights, t.get("weights")->source(), key + ".weights", issues,
                 [&](std::size_t i, const toml::node& n, const std::string& k) {
                   prefs.weights[i] = r.number(n, k);
                 });
  const toml::table& values = r.table(t, region, key, "values");
  read_per_issue(r, values, t.get("values")->source(), key + ".values", issues,
                 [&](std::size_t i, const toml::node& n, const std::string& k) {
                   prefs.values[i] = read_values(r, n, k, issues[i], prefs.shapes[i]);
                 });
  return party;
}

ScenarioDef read_def(Reader& r, const toml::table& root) {
  const toml::source_region top{};
  r.only_keys(root, "", {"scenario", "protocol", "issues", "parties"});
  ScenarioDef def;
  const toml::table& scenario = r.table(root, top, "", "scenario");
  r.only_keys(scenario, "scenario", {"id", "title", "description"});
  def.id = r.string(scenario, root.get("scenario")->source(), "scenario", "id");
  def.title = r.string(scenario, root.get("scenario")->source(), "scenario", "title");
  def.description = r.optional_string(scenario, "scenario", "description");

  const toml::table& protocol = r.table(root, top, "", "protocol");
  const toml::source_region& pregion = root.get("protocol")->source();
  r.only_keys(protocol, "protocol", {"deadline", "first_mover", "information"});
  def.protocol.deadline =
      r.integer(r.node(protocol, pregion, "protocol", "deadline"), "protocol.deadline",
                "a number of offers", 1, kMaxDeadline);
  const std::string first_mover = r.string(protocol, pregion, "protocol", "first_mover");
  const std::string information = r.string(protocol, pregion, "protocol", "information");
  if (information == "private") {
    def.protocol.information = Information::kPrivate;
  } else if (information == "complete") {
    def.protocol.information = Information::kComplete;
  } else {
    r.fail(protocol.get("information")->source(), "protocol.information",
           "expected \"private\" or \"complete\", got \"" + information + "\"");
  }

  const toml::node* issues_node = root.get("issues");
  if (issues_node == nullptr) r.fail_file("issues", "missing [[issues]] (at least one issue)");
  const toml::array& issues = r.array(*issues_node, "issues");
  for (std::size_t i = 0; i < issues.size(); ++i) {
    const std::string key = indexed("issues", i);
    def.issues.push_back(read_issue(r, r.table_of(*issues.get(i), key), issues.get(i)->source(), key));
  }
  // Missing, duplicate and malformed issue ids must be reported before weights refer to them
  // (validate_scenario_def checks the same later, for defs built in code).
  if (def.issues.empty()) r.fail(issues_node->source(), "issues", "expected at least one issue");
  for (std::size_t i = 0; i < def.issues.size(); ++i) {
    if (!is_bare_key(def.issues[i].id)) {
      const std::string key = indexed("issues", i) + ".id";
      throw UserError(r.location_of(key), key,
                      "expected a non-empty id of letters, digits, '_' or '-', got \"" +
                          def.issues[i].id + "\"");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (def.issues[i].id == def.issues[j].id) {
        const std::string key = indexed("issues", i) + ".id";
        throw UserError(r.location_of(key), key, "duplicate issue id \"" + def.issues[i].id + "\"");
      }
    }
  }

  const toml::node* parties_node = root.get("parties");
  if (parties_node == nullptr) r.fail_file("parties", "missing [[parties]] (exactly two parties)");
  const toml::array& parties = r.array(*parties_node, "parties");
  if (parties.size() != kPartyCount) {
    // Point at the first party too many, or at the list when there are too few.
    const toml::node* at = parties.size() > kPartyCount ? parties.get(kPartyCount) : parties_node;
    r.fail(at->source(), "parties",
           "expected exactly two parties, got " + std::to_string(parties.size()));
  }
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    const std::string key = indexed("parties", p);
    def.parties[p] = read_party(r, r.table_of(*parties.get(p), key), parties.get(p)->source(), key,
                                def.issues);
  }
  bool found = false;
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    if (def.parties[p].id == first_mover) {
      def.protocol.first_mover = p;
      found = true;
    }
  }
  if (!found) {
    r.fail(protocol.get("first_mover")->source(), "protocol.first_mover",
           "expected a party id (\"" + def.parties[0].id + "\" or \"" + def.parties[1].id +
               "\"), got \"" + first_mover + "\"");
  }
  return def;
}

bool valid_utf8(std::string_view text, std::size_t& bad_offset) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t min = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0U) == 0xC0U) { extra = 1; min = 0x80; }
    else if ((c & 0xF0U) == 0xE0U) { extra = 2; min = 0x800; }
    else if ((c & 0xF8U) == 0xF0U) { extra = 3; min = 0x10000; }
    else { bad_offset = i; return false; }
    if (i + extra >= text.size()) { bad_offset = i; return false; }
    std::uint32_t cp = c & (0x3FU >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0U) != 0x80U) { bad_offset = i; return false; }
      cp = (cp << 6U) | (cc & 0x3FU);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { bad_offset = i; return false; }
    i += extra + 1;
  }
  return true;
}

SourceLocation offset_location(std::string_view text, std::size_t offset, const std::string& file) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; column = 1; } else { ++column; }
  }
  return SourceLocation{file, line, column};
}

// True when 1-based (line, column), columns counted in code points, is a line break or the
// end of the text.
bool at_line_end(std::string_view text, int line, int column) {
  std::size_t i = 0;
  for (int l = 1; l < line; ++l) {
    i = text.find('\n', i);
    if (i == std::string_view::npos) return false;
    ++i;
  }
  for (int c = 1; c < column; ++c) {
    if (i >= text.size() || text[i] == '\n') return false;
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) ++i;
  }
  return i >= text.size() || text[i] == '\n' || text[i] == '\r';
}

// [SECTION] Writing --------------------------------------------------------------------------

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace

std::string read_text_file(const std::string& path) {
  if (path.empty()) throw UserError("no file name given (expected the path of a file)");
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw UserError(SourceLocation{path, 0, 0}, "", "is a directory (expected a file)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(SourceLocation{path, 0, 0}, "", std::string("cannot read the file: ") + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw UserError(SourceLocation{path, 0, 0}, "", "cannot read the file: read error");
  return buffer.str();
}

Scenario parse_scenario(std::string_view text, const std::string& source_name,
                        const SpecChecker& checker) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw UserError(SourceLocation{source_name, 0, 0}, "",
                    "the file is empty (expected [scenario], [protocol], [[issues]] and [[parties]])");
  }
  std::size_t bad = 0;
  if (!valid_utf8(text, bad)) {
    throw UserError(offset_location(text, bad, source_name), "",
                    "invalid UTF-8 (scenario files must be UTF-8 text)");
  }
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const SourceLocation where{source_name, static_cast<int>(e.source().begin.line),
                               static_cast<int>(e.source().begin.column)};
    std::string message = "TOML syntax error: " + std::string(e.description());
    // toml++ reports a string left open at the end of its line as a forbidden control
    // character (the line break); say what usually causes it.
    if (message.find("control characters") != std::string::npos &&
        at_line_end(text, where.line, where.column)) {
      message += " (is a string missing its closing quote?)";
    }
    throw UserError(where, "", message);
  }
  Reader reader(source_name);
  ScenarioDef def = read_def(reader, root);
  try {
    validate_scenario_def(def);
  } catch (const UserError& e) {
    throw e.located(reader.location_of(e.key()));
  }
  Scenario scenario = Scenario::create(std::move(def));
  if (checker) {
    for (PartyIndex p = 0; p < kPartyCount; ++p) {
      const std::string key = indexed("parties", p) + ".agent";
      try {
        checker(scenario.party(p).agent, scenario, p);
      } catch (const UserError& e) {
        throw UserError(reader.location_of(key), key, e.message());
      }
    }
  }
  return scenario;
}

Scenario load_scenario_file(const std::string& path, const SpecChecker& checker) {
  const std::string text = read_text_file(path);
  return parse_scenario(text, path, checker);
}

std::string to_toml(const ScenarioDef& def) {
  std::string out;
  auto line = [&out](const std::string& key, const std::string& value) {
    out += key + " = " + value + "\n";
  };
  out += "[scenario]\n";
  line("id", quoted(def.id));
  line("title", quoted(def.title));
  line("description", quoted(def.description));
  out += "\n[protocol]\n";
  line("deadline", std::to_string(def.protocol.deadline));
  line("first_mover", quoted(def.parties[def.protocol.first_mover].id));
  line("information", def.protocol.information == Information::kComplete ? "\"complete\"" : "\"private\"");
  for (const Issue& issue : def.issues) {
    out += "\n[[issues]]\n";
    line("id", quoted(issue.id));
    line("label", quoted(issue.label));
    if (!issue.description.empty()) line("description", quoted(issue.description));
    if (issue.numeric) {
      line("range", "{ min = " + format_number(issue.range.min) + ", max = " +
                        format_number(issue.range.max) +
                        ", levels = " + std::to_string(issue.range.levels) + " }");
      continue;
    }
    out += "options = [\n";
    for (const Option& o : issue.options) {
      out += "  { id = " + quoted(o.id) + ", label = " + quoted(o.label);
      if (!o.description.empty()) out += ", description = " + quoted(o.description);
      out += " },\n";
    }
    out += "]\n";
  }
  for (const PartyDef& party : def.parties) {
    out += "\n[[parties]]\n";
    line("id", quoted(party.id));
    line("name", quoted(party.name));
    line("reservation", format_number(party.preferences.reservation_value));
    line("discount", format_number(party.preferences.discount));
    line("agent", quoted(party.agent));
    out += "\n[parties.weights]\n";
    for (std::size_t i = 0; i < def.issues.size(); ++i) {
      line(def.issues[i].id, format_number(party.preferences.weights[i]));
    }
    out += "\n[parties.values]\n";
    for (std::size_t i = 0; i < def.issues.size(); ++i) {
      const ValueShape shape =
          i < party.preferences.shapes.size() ? party.preferences.shapes[i] : ValueShape::kTable;
      if (shape != ValueShape::kTable) {
        line(def.issues[i].id, std::string("{ shape = \"linear\", direction = \"") +
                                   (shape == ValueShape::kLinearIncreasing ? "increasing" : "decreasing") +
                                   "\" }");
        continue;
      }
      std::string list = "[";
      for (std::size_t o = 0; o < party.preferences.values[i].size(); ++o) {
        if (o > 0) list += ", ";
        list += format_number(party.preferences.values[i][o]);
      }
      line(def.issues[i].id, list + "]");
    }
  }
  return out;
}

}  // namespace treatysim

#include "engine/io/genius_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "engine/model/scenario_toml.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

namespace fs = std::filesystem;

// What walk_elements does after visiting an element.
enum class Walk { kDescend, kSkipChildren, kStop };

// Visits the elements below `root` in document order (depth first) without recursion, so that a
// file nested hundreds of thousands of levels deep cannot overflow the stack. `visit(element)`
// returns whether to go into the element's children, skip them, or stop the walk.
template <class Visit>
void walk_elements(pugi::xml_node root, Visit visit) {
  pugi::xml_node node = root.first_child();
  while (node) {
    bool descend = false;
    if (node.type() == pugi::node_element) {
      const Walk next = visit(node);
      if (next == Walk::kStop) return;
      descend = next == Walk::kDescend;
    }
    if (descend && node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node != root && !node.next_sibling()) node = node.parent();
    if (node == root) return;
    node = node.next_sibling();
  }
}

// One parsed XML file, with what messages need: the path and the text (for line/column).
class XmlFile {
 public:
  // Reads and parses the file at `path`.
  explicit XmlFile(std::string path) : XmlFile(path, read_text_file(path)) {}
  // Parses `text`, the content of the file `path`.
  XmlFile(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
    const pugi::xml_parse_result result =
        doc_.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
      throw UserError(location(result.offset), "",
                      std::string("XML syntax error: ") + result.description());
    }
    root_ = find_utility_space(doc_);
    if (!root_) {
      const pugi::xml_node top = doc_.document_element();
      throw UserError(at(top), top ? "<" + std::string(top.name()) + ">" : "",
                      "expected a <utility_space> element (the root, or inside "
                      "<negotiation_template>), found none");
    }
  }

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] pugi::xml_node root() const noexcept { return root_; }
  [[nodiscard]] std::string file_name() const { return fs::path(path_).filename().string(); }
  [[nodiscard]] std::string stem() const { return fs::path(path_).stem().string(); }

  // The location of a byte offset into the file (1-based line, column in code points).
  [[nodiscard]] SourceLocation location(std::ptrdiff_t offset) const {
    int line = 1;
    int column = 1;
    const std::size_t end = offset < 0 ? 0 : static_cast<std::size_t>(offset);
    for (std::size_t i = 0; i < end && i < text_.size(); ++i) {
      const auto byte = static_cast<unsigned char>(text_[i]);
      if (byte == '\n') {
        ++line;
        column = 1;
      } else if ((byte & 0xC0U) != 0x80U) {  // not a UTF-8 continuation byte
        ++column;
      }
    }
    return SourceLocation{path_, line, column};
  }

  // The location of an element: its '<' (offset_debug gives the name, one past it).
  [[nodiscard]] SourceLocation at(pugi::xml_node node) const {
    const std::ptrdiff_t offset = node ? node.offset_debug() : -1;
    if (offset < 1) return SourceLocation{path_, 0, 0};
    return location(offset - 1);
  }

  [[noreturn]] void fail(pugi::xml_node node, const std::string& key,
                         const std::string& message) const {
    throw UserError(at(node), key, message);
  }

 private:
  static pugi::xml_node find_utility_space(const pugi::xml_node& parent) {
    pugi::xml_node found;
    walk_elements(parent, [&](pugi::xml_node element) {
      if (std::string(element.name()) != "utility_space") return Walk::kDescend;
      found = element;
      return Walk::kStop;
    });
    return found;
  }

  std::string path_;
  std::string text_;
  pugi::xml_document doc_;
  pugi::xml_node root_;
};

// The elements named `name` below `node`, in document order (depth first; not those inside a
// matching element).
std::vector<pugi::xml_node> elements(pugi::xml_node node, const char* name) {
  std::vector<pugi::xml_node> out;
  walk_elements(node, [&](pugi::xml_node element) {
    if (std::string(element.name()) != name) return Walk::kDescend;
    out.push_back(element);
    return Walk::kSkipChildren;
  });
  return out;
}

std::string in_quotes(const std::string& text) {
  return "\"" + text + "\"";
}

std::string trimmed(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// A required attribute's text.
std::string attribute(const XmlFile& file, pugi::xml_node node, const char* name,
                      const std::string& what) {
  const pugi::xml_attribute a = node.attribute(name);
  const std::string key = std::string(node.name()) + "@" + name;
  if (!a)
    file.fail(node, key, "missing attribute '" + std::string(name) + "' (expected " + what + ")");
  return a.value();
}

// A required attribute holding a finite number.
double number_attribute(const XmlFile& file, pugi::xml_node node, const char* name,
                        const std::string& what) {
  const std::string text = trimmed(attribute(file, node, name, what));
  double value = 0.0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    file.fail(node, std::string(node.name()) + "@" + name,
              "expected " + what + ", got " + in_quotes(text));
  }
  return value;
}

// A required whole-number attribute (issue and weight indices).
long long index_attribute(const XmlFile& file, pugi::xml_node node) {
  const std::string text = trimmed(attribute(file, node, "index", "a whole number"));
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    file.fail(node, std::string(node.name()) + "@index",
              "expected a whole number, got " + in_quotes(text));
  }
  return value;
}

// The value of an optional <NAME value=".."/> child (reservation, discount_factor).
std::optional<double> optional_value_element(const XmlFile& file, const char* name,
                                             const std::string& what) {
  const std::vector<pugi::xml_node> found = elements(file.root(), name);
  if (found.empty()) return std::nullopt;
  if (found.size() > 1) {
    file.fail(found[1], "<" + std::string(name) + ">",
              "expected at most one <" + std::string(name) + "> element, found " +
                  std::to_string(found.size()));
  }
  return number_attribute(file, found[0], "value", what);
}

// Checks that an issue is discrete; `what` names the issue in messages.
void require_discrete(const XmlFile& file, pugi::xml_node issue, const std::string& what) {
  pugi::xml_attribute type = issue.attribute("vtype");
  if (!type) type = issue.attribute("type");
  if (!type) return;  // no type given: the items decide
  if (std::string(type.value()) != "discrete") {
    file.fail(issue, "issue@" + std::string(type.name()),
              "issue " + what + " is " + in_quotes(type.value()) +
                  ": only discrete issues can be imported (expected " + type.name() +
                  "=\"discrete\")");
  }
}

std::string issue_what(const std::string& name, long long index) {
  return in_quotes(name) + " (index " + std::to_string(index) + ")";
}

// [SECTION] The domain ----------------------------------------------------------------------

struct DomainItem {
  std::string value;        // as the files name it
  std::string id;           // the option id: the value with '/' replaced by '_'
  std::string description;  // the domain's, when useful
};

struct DomainIssue {
  long long index = 0;
  std::string name;
  std::string description;
  std::vector<DomainItem> items;
};

std::vector<DomainIssue> read_domain(const XmlFile& file) {
  std::vector<DomainIssue> issues;
  std::set<long long> indices;
  for (const pugi::xml_node node : elements(file.root(), "issue")) {
    DomainIssue issue;
    issue.name = attribute(file, node, "name", "the issue's name");
    issue.index = index_attribute(file, node);
    const std::string what = issue_what(issue.name, issue.index);
    require_discrete(file, node, what);
    if (!indices.insert(issue.index).second) {
      file.fail(node, "issue@index",
                "issue " + in_quotes(issue.name) + " repeats index " + std::to_string(issue.index) +
                    " (expected each issue to have its own index)");
    }
    issue.description = node.attribute("description").value();
    std::set<std::string> values;
    std::set<std::string> ids;
    for (const pugi::xml_node item : node.children("item")) {
      DomainItem entry;
      entry.value = attribute(file, item, "value", "the item's value, which names it");
      if (entry.value.empty()) {
        file.fail(item, "item@value", "expected a non-empty value in issue " + what);
      }
      if (!values.insert(entry.value).second) {
        file.fail(item, "item@value",
                  "item " + in_quotes(entry.value) + " appears twice in issue " + what);
      }
      const std::string description = item.attribute("description").value();
      if (!description.empty() && description != entry.value) entry.description = description;
      entry.id = entry.value;
      for (char& c : entry.id) {
        if (c == '/') c = '_';
      }
      if (!ids.insert(entry.id).second) {
        file.fail(item, "item@value",
                  "item " + in_quotes(entry.value) + " of issue " + what + " has the option id " +
                      in_quotes(entry.id) +
                      " of an earlier item (option ids are the values with '/' replaced by '_')");
      }
      issue.items.push_back(std::move(entry));
    }
    if (issue.items.size() < 2) {
      file.fail(node, "<issue>",
                "issue " + what + " has " + std::to_string(issue.items.size()) +
                    " item(s); expected at least two <item> elements");
    }
    issues.push_back(std::move(issue));
  }
  if (issues.empty()) {
    file.fail(file.root(), "<issue>", "expected at least one <issue> element, found none");
  }
  return issues;
}

// [SECTION] A profile -----------------------------------------------------------------------

struct Profile {
  std::vector<double> weights;                         // in domain order, renormalised
  std::vector<std::vector<double>> values;             // [domain issue][domain item], normalised
  std::vector<std::vector<std::string>> descriptions;  // the profile's item descriptions
  double reservation = 0.0;
  std::optional<double> discount;
};

// Position of the domain issue with this index, or nullopt.
std::optional<std::size_t> find_index(const std::vector<DomainIssue>& domain, long long index) {
  for (std::size_t i = 0; i < domain.size(); ++i) {
    if (domain[i].index == index) return i;
  }
  return std::nullopt;
}

std::string item_list(const DomainIssue& issue) {
  std::string list;
  for (const DomainItem& item : issue.items) list += (list.empty() ? "" : ", ") + item.value;
  return list;
}

std::string index_list(const std::vector<DomainIssue>& domain) {
  std::string list;
  for (const DomainIssue& issue : domain) {
    list += (list.empty() ? "" : ", ") + std::to_string(issue.index);
  }
  return list;
}

Profile read_profile(const XmlFile& file, const XmlFile& domain_file,
                     const std::vector<DomainIssue>& domain) {
  Profile profile;
  profile.values.assign(domain.size(), {});
  profile.descriptions.assign(domain.size(), {});
  std::vector<bool> seen(domain.size(), false);
  const std::string domain_name = domain_file.file_name();

  for (const pugi::xml_node node : elements(file.root(), "issue")) {
    const std::string name = attribute(file, node, "name", "the issue's name");
    const long long index = index_attribute(file, node);
    const std::string what = issue_what(name, index);
    const std::optional<std::size_t> at = find_index(domain, index);
    if (!at) {
      file.fail(node, "issue@index",
                "issue " + what + " is not in the domain file " + domain_name +
                    " (no issue there has index " + std::to_string(index) + ")");
    }
    const DomainIssue& issue = domain[*at];
    if (name != issue.name) {
      file.fail(node, "issue@name",
                "issue index " + std::to_string(index) + " is named " + in_quotes(name) +
                    " here but " + in_quotes(issue.name) + " in the domain file " + domain_name);
    }
    if (seen[*at]) {
      file.fail(node, "issue@index", "issue " + what + " appears twice");
    }
    seen[*at] = true;
    require_discrete(file, node, what);
    std::vector<std::optional<double>> evaluations(issue.items.size());
    std::vector<std::string> descriptions(issue.items.size());
    for (const pugi::xml_node item : node.children("item")) {
      const std::string value = attribute(file, item, "value", "the item's value, which names it");
      std::size_t k = 0;
      while (k < issue.items.size() && issue.items[k].value != value) ++k;
      if (k == issue.items.size()) {
        file.fail(item, "item@value",
                  "unknown item " + in_quotes(value) + " of issue " + what + " (the domain file " +
                      domain_name + " lists: " + item_list(issue) + ")");
      }
      if (evaluations[k]) {
        file.fail(item, "item@value",
                  "item " + in_quotes(value) + " of issue " + what + " appears twice");
      }
      const double evaluation = number_attribute(file, item, "evaluation", "a non-negative number");
      if (evaluation < 0.0) {
        file.fail(item, "item@evaluation",
                  "expected a non-negative number, got " + format_number(evaluation) +
                      " for item " + in_quotes(value) + " of issue " + what);
      }
      evaluations[k] = evaluation;
      descriptions[k] = item.attribute("description").value();
    }
    double largest = 0.0;
    for (std::size_t k = 0; k < evaluations.size(); ++k) {
      if (!evaluations[k]) {
        file.fail(node, "<item>",
                  "issue " + what + " gives no evaluation for item " +
                      in_quotes(issue.items[k].value) +
                      " (expected one <item> per item of the "
                      "domain file: " +
                      item_list(issue) + ")");
      }
      largest = std::max(largest, *evaluations[k]);
    }
    std::vector<double>& values = profile.values[*at];
    for (const std::optional<double>& e : evaluations) {
      // All evaluations 0: the party does not care about this issue; every option is worth 0.
      values.push_back(largest > 0.0 ? *e / largest : 0.0);
    }
    profile.descriptions[*at] = std::move(descriptions);
  }
  for (std::size_t i = 0; i < domain.size(); ++i) {
    if (!seen[i]) {
      file.fail(file.root(), "<issue>",
                "no issue " + issue_what(domain[i].name, domain[i].index) + " (the domain file " +
                    domain_name +
                    " has it; expected the profile to "
                    "evaluate every issue)");
    }
  }

  // Weights, by issue index. A weight for an objective (not an issue) index is ignored.
  std::set<long long> objective_indices;
  for (const pugi::xml_node objective : elements(file.root(), "objective")) {
    if (objective.attribute("index")) objective_indices.insert(index_attribute(file, objective));
  }
  std::vector<std::optional<double>> weights(domain.size());
  pugi::xml_node first_weight;
  for (const pugi::xml_node node : elements(file.root(), "weight")) {
    if (!first_weight) first_weight = node;
    const long long index = index_attribute(file, node);
    const std::optional<std::size_t> at = find_index(domain, index);
    if (!at) {
      if (objective_indices.count(index) != 0) continue;
      file.fail(node, "weight@index",
                "no issue has index " + std::to_string(index) +
                    " (expected the index of an issue: " + index_list(domain) + ")");
    }
    if (weights[*at]) {
      file.fail(node, "weight@index",
                "a second weight for issue " + issue_what(domain[*at].name, index));
    }
    const double w = number_attribute(file, node, "value", "a non-negative weight");
    if (w < 0.0) {
      file.fail(node, "weight@value",
                "expected a non-negative weight, got " + format_number(w) + " for issue " +
                    issue_what(domain[*at].name, index));
    }
    weights[*at] = w;
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < domain.size(); ++i) {
    if (!weights[i]) {
      file.fail(first_weight ? first_weight : file.root(), "<weight>",
                "no weight for issue " + issue_what(domain[i].name, domain[i].index) +
                    " (expected <weight index=\"" + std::to_string(domain[i].index) +
                    "\" value=\"...\"/>)");
    }
    sum += *weights[i];
  }
  if (!(sum > 0.0)) {
    file.fail(first_weight, "<weight>", "expected weights with a positive sum, got 0");
  }
  // Renormalised to sum to 1: ANAC files miss by rounding (see the header); GENIUS does the same.
  for (const std::optional<double>& w : weights) profile.weights.push_back(*w / sum);

  if (const auto r = optional_value_element(file, "reservation", "a reservation value in [0, 1]")) {
    if (*r < 0.0 || *r > 1.0) {
      file.fail(elements(file.root(), "reservation")[0], "reservation@value",
                "expected a reservation value in [0, 1], got " + format_number(*r));
    }
    profile.reservation = *r;
  }
  profile.discount =
      optional_value_element(file, "discount_factor", "a discount factor (a number)");
  return profile;
}

// The per-offer discount δ = d^(1/(T−1)) (see the header).
double per_offer_discount(const std::optional<double>& d, int deadline) {
  if (!d || !(*d > 0.0) || *d > 1.0 || deadline <= 1) return 1.0;
  return std::pow(*d, 1.0 / static_cast<double>(deadline - 1));
}

std::string default_scenario_id(const XmlFile& domain) {
  std::string stem = domain.stem();
  for (const std::string suffix : {"_domain", "-domain", "_Domain", "-Domain"}) {
    if (stem.size() > suffix.size() && stem.ends_with(suffix)) {
      stem.resize(stem.size() - suffix.size());
      break;
    }
  }
  std::string id = sanitize_genius_id(stem);
  return id.empty() ? "genius" : id;
}

}  // namespace

void check_genius_import_options(const GeniusImportOptions& options) {
  if (options.deadline < 1 || options.deadline > kMaxDeadline) {
    throw UserError({}, "deadline",
                    "expected a number of offers from 1 to " + std::to_string(kMaxDeadline) +
                        ", got " + std::to_string(options.deadline));
  }
  for (const auto& [key, id] :
       {std::pair<const char*, const std::string&>{"party_a", options.party_a},
        {"party_b", options.party_b}}) {
    if (!is_valid_id(id)) {
      throw UserError({}, key,
                      "expected a party id of letters, digits, '_' or '-', got " + in_quotes(id));
    }
  }
  if (options.party_a == options.party_b) {
    throw UserError(
        {}, "party_b",
        "expected two different party ids, got " + in_quotes(options.party_a) + " twice");
  }
  if (!options.id.empty() && !is_valid_id(options.id)) {
    throw UserError(
        {}, "id",
        "expected a scenario id of letters, digits, '_' or '-', got " + in_quotes(options.id));
  }
  if (options.agent.empty()) throw UserError({}, "agent", "expected a strategy spec, got \"\"");
}

std::string sanitize_genius_id(const std::string& name) {
  std::string id;
  bool pending_separator = false;
  for (const char c : name) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') ||
                    lower == '_' || lower == '-';
    if (!ok) {
      pending_separator = true;
      continue;
    }
    if (pending_separator && !id.empty()) id += '_';
    pending_separator = false;
    id += lower;
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  std::size_t start = 0;
  while (start < id.size() && id[start] == '_') ++start;
  return id.substr(start);
}

namespace {

// Builds the scenario; `open(0)` gives the domain file, `open(1)` and `open(2)` the profiles,
// each opened only once the files before it have been read without error.
template <class Open>
ScenarioDef import_genius_files(const Open& open, const GeniusImportOptions& options) {
  check_genius_import_options(options);
  const std::unique_ptr<XmlFile> domain_holder = open(0);
  const XmlFile& domain_file = *domain_holder;
  const std::vector<DomainIssue> domain = read_domain(domain_file);
  const std::array<std::unique_ptr<XmlFile>, kPartyCount> profile_files{open(1), open(2)};
  const std::array<Profile, kPartyCount> profiles{
      read_profile(*profile_files[0], domain_file, domain),
      read_profile(*profile_files[1], domain_file, domain)};

  ScenarioDef def;
  def.id = options.id.empty() ? default_scenario_id(domain_file) : options.id;
  def.title = def.id + " (GENIUS)";
  def.description = "Imported from the GENIUS files " + domain_file.file_name() + ", " +
                    profile_files[0]->file_name() + " and " + profile_files[1]->file_name() + ".";
  def.protocol.deadline = options.deadline;
  def.protocol.first_mover = 0;
  def.protocol.information = Information::kPrivate;

  std::set<std::string> issue_ids;
  for (std::size_t i = 0; i < domain.size(); ++i) {
    const DomainIssue& source = domain[i];
    Issue issue;
    std::string base = sanitize_genius_id(source.name);
    if (base.empty()) base = "issue" + std::to_string(source.index);
    issue.id = base;
    for (int n = 2; !issue_ids.insert(issue.id).second; ++n)
      issue.id = base + "_" + std::to_string(n);
    issue.label = source.name;
    issue.description = source.description;
    for (std::size_t k = 0; k < source.items.size(); ++k) {
      const DomainItem& item = source.items[k];
      Option option;
      option.id = item.id;
      option.label = item.value;
      option.description = item.description;
      if (option.description.empty()) {
        const std::string& a = profiles[0].descriptions[i][k];
        const std::string& b = profiles[1].descriptions[i][k];
        if (!a.empty() && a == b && a != item.value) option.description = a;
      }
      issue.options.push_back(std::move(option));
    }
    def.issues.push_back(std::move(issue));
  }

  const std::array<std::string, kPartyCount> ids{options.party_a, options.party_b};
  for (std::size_t p = 0; p < kPartyCount; ++p) {
    PartyDef& party = def.parties[p];
    party.id = ids[p];
    party.name = profile_files[p]->stem();
    party.agent = options.agent;
    Preferences& prefs = party.preferences;
    prefs.weights = profiles[p].weights;
    prefs.values = profiles[p].values;
    prefs.shapes.assign(domain.size(), ValueShape::kTable);
    prefs.reservation_value = profiles[p].reservation;
    prefs.discount = per_offer_discount(profiles[p].discount, options.deadline);
  }
  validate_scenario_def(def);
  return def;
}

}  // namespace

ScenarioDef import_genius(const std::string& domain_path, const std::string& profile_a_path,
                          const std::string& profile_b_path, const GeniusImportOptions& options) {
  const std::array<const std::string*, 3> paths{&domain_path, &profile_a_path, &profile_b_path};
  return import_genius_files([&](std::size_t i) { return std::make_unique<XmlFile>(*paths[i]); },
                             options);
}

ScenarioDef import_genius_texts(const GeniusText& domain, const GeniusText& profile_a,
                                const GeniusText& profile_b, const GeniusImportOptions& options) {
  const std::array<const GeniusText*, 3> files{&domain, &profile_a, &profile_b};
  return import_genius_files(
      [&](std::size_t i) { return std::make_unique<XmlFile>(files[i]->path, files[i]->text); },
      options);
}

}  // namespace treatysim

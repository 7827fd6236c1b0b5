#include "engine/io/genius_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
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

// The kinds of issue GENIUS files declare (vtype, or type without vtype).
enum class IssueKind { kDiscrete, kInteger, kReal };

const char* kind_name(IssueKind kind) {
  switch (kind) {
    case IssueKind::kDiscrete:
      return "discrete";
    case IssueKind::kInteger:
      return "integer";
    case IssueKind::kReal:
      return "real";
  }
  return "discrete";
}

// The kind of an issue; `what` names the issue in messages.
IssueKind issue_kind(const XmlFile& file, pugi::xml_node issue, const std::string& what) {
  pugi::xml_attribute type = issue.attribute("vtype");
  if (!type) type = issue.attribute("type");
  if (!type) return IssueKind::kDiscrete;  // no type given: the items decide
  const std::string value = type.value();
  if (value == "discrete") return IssueKind::kDiscrete;
  if (value == "integer") return IssueKind::kInteger;
  if (value == "real") return IssueKind::kReal;
  file.fail(issue, "issue@" + std::string(type.name()),
            "issue " + what + " is " + in_quotes(value) +
                ": only discrete, integer and real issues can be imported (expected " +
                type.name() + "=\"discrete\", \"integer\" or \"real\")");
}

// Number of levels a real issue becomes (a numeric issue from lowerbound to upperbound).
constexpr int kRealLevels = 11;
// The most values an integer issue may have (one option per value).
constexpr long long kMaxIntegerValues = 0xFFFF;

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
  IssueKind kind = IssueKind::kDiscrete;
  long long lower = 0;  // integer issues: the values lower … upper, one item each
  long long upper = 0;
  double real_lower = 0.0;  // real issues: the range, kRealLevels levels
  double real_upper = 1.0;
};

// A whole-number attribute.
long long whole_attribute(const XmlFile& file, pugi::xml_node node, const char* name) {
  const std::string text = trimmed(attribute(file, node, name, "a whole number"));
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    file.fail(node, std::string(node.name()) + "@" + name,
              "expected a whole number, got " + in_quotes(text));
  }
  return value;
}

// The bounds of a real issue: lowerbound/upperbound attributes, or a <range> child with them.
std::pair<double, double> real_bounds(const XmlFile& file, pugi::xml_node node,
                                      const std::string& what) {
  pugi::xml_node holder = node;
  if (!node.attribute("lowerbound") && node.child("range")) holder = node.child("range");
  const double lower = number_attribute(file, holder, "lowerbound", "the lowest value (a number)");
  const double upper = number_attribute(file, holder, "upperbound", "the highest value (a number)");
  if (!(lower < upper)) {
    file.fail(holder, std::string(holder.name()) + "@upperbound",
              "expected upperbound above lowerbound for the real issue " + what + ", got " +
                  format_number(lower) + " to " + format_number(upper));
  }
  return {lower, upper};
}

std::vector<DomainIssue> read_domain(const XmlFile& file) {
  std::vector<DomainIssue> issues;
  std::set<long long> indices;
  for (const pugi::xml_node node : elements(file.root(), "issue")) {
    DomainIssue issue;
    issue.name = attribute(file, node, "name", "the issue's name");
    issue.index = index_attribute(file, node);
    const std::string what = issue_what(issue.name, issue.index);
    issue.kind = issue_kind(file, node, what);
    if (!indices.insert(issue.index).second) {
      file.fail(node, "issue@index",
                "issue " + in_quotes(issue.name) + " repeats index " + std::to_string(issue.index) +
                    " (expected each issue to have its own index)");
    }
    issue.description = node.attribute("description").value();
    if (issue.kind == IssueKind::kInteger) {
      issue.lower = whole_attribute(file, node, "lowerbound");
      issue.upper = whole_attribute(file, node, "upperbound");
      if (issue.upper <= issue.lower || issue.upper - issue.lower >= kMaxIntegerValues) {
        file.fail(node, "issue@upperbound",
                  "expected an integer issue with 2 to " + std::to_string(kMaxIntegerValues) +
                      " values (lowerbound < upperbound), got " + std::to_string(issue.lower) +
                      " to " + std::to_string(issue.upper) + " for issue " + what);
      }
      for (long long v = issue.lower; v <= issue.upper; ++v) {
        issue.items.push_back(DomainItem{std::to_string(v), std::to_string(v), {}});
      }
      issues.push_back(std::move(issue));
      continue;
    }
    if (issue.kind == IssueKind::kReal) {
      std::tie(issue.real_lower, issue.real_upper) = real_bounds(file, node, what);
      issues.push_back(std::move(issue));
      continue;
    }
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
  bool nonlinear = false;              // <utility_space type="nonlinear">
  std::vector<InteractionTerm> terms;  // non-linear: the hyper-rectangles
  double max_utility = 1.0;            // non-linear: the declared maxutility
};

// The value of level k of a real issue.
double real_level(const DomainIssue& issue, int k) {
  return issue.real_lower +
         (issue.real_upper - issue.real_lower) * static_cast<double>(k) / (kRealLevels - 1);
}

// An integer or real issue's values in an additive profile: its <evaluator>, clamped to [0, 1]
// as GENIUS does. Integer: offset + slope·(v − lowerbound) (no evaluator: 0, GENIUS's default).
// Real: ftype "linear" (parameter0 + parameter1·x) or "constant" (parameter0).
std::vector<double> evaluator_values(const XmlFile& file, pugi::xml_node node,
                                     const DomainIssue& issue, const std::string& what) {
  std::vector<double> values;
  const pugi::xml_node evaluator = node.child("evaluator");
  auto clamp01 = [](double v) { return std::clamp(v, 0.0, 1.0); };
  if (issue.kind == IssueKind::kInteger) {
    double slope = 0.0;
    double offset = 0.0;
    if (evaluator) {
      const std::string ftype = evaluator.attribute("ftype").value();
      if (!ftype.empty() && ftype != "linear") {
        file.fail(evaluator, "evaluator@ftype",
                  "unsupported evaluator " + in_quotes(ftype) + " for the integer issue " + what +
                      " (expected ftype=\"linear\" with slope and offset)");
      }
      slope = number_attribute(file, evaluator, "slope", "the slope (a number)");
      offset = number_attribute(file, evaluator, "offset", "the offset (a number)");
    }
    for (long long v = issue.lower; v <= issue.upper; ++v) {
      values.push_back(clamp01(offset + slope * static_cast<double>(v - issue.lower)));
    }
    return values;
  }
  if (!evaluator) {
    file.fail(node, "<evaluator>",
              "the real issue " + what +
                  " has no <evaluator> (expected ftype=\"linear\" with parameter0 and "
                  "parameter1, or ftype=\"constant\" with parameter0)");
  }
  const std::string ftype = evaluator.attribute("ftype").value();
  if (ftype != "linear" && ftype != "constant") {
    file.fail(evaluator, "evaluator@ftype",
              "unsupported evaluator " + in_quotes(ftype) + " for the real issue " + what +
                  " (expected \"linear\" or \"constant\")");
  }
  const double p0 = number_attribute(file, evaluator, "parameter0", "a number");
  const double p1 =
      ftype == "linear" ? number_attribute(file, evaluator, "parameter1", "a number") : 0.0;
  for (int k = 0; k < kRealLevels; ++k) values.push_back(clamp01(p0 + p1 * real_level(issue, k)));
  return values;
}

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

void read_weights(const XmlFile& file, const std::vector<DomainIssue>& domain, Profile& profile);
void read_hyper_rectangles(const XmlFile& file, const std::vector<DomainIssue>& domain,
                           Profile& profile);

Profile read_profile(const XmlFile& file, const XmlFile& domain_file,
                     const std::vector<DomainIssue>& domain) {
  Profile profile;
  profile.values.assign(domain.size(), {});
  profile.descriptions.assign(domain.size(), {});
  profile.nonlinear = std::string(file.root().attribute("type").value()) == "nonlinear";
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
    const IssueKind kind = issue_kind(file, node, what);
    if (kind != issue.kind) {
      pugi::xml_attribute type = node.attribute("vtype");
      if (!type) type = node.attribute("type");
      file.fail(node, "issue@" + std::string(type ? type.name() : "vtype"),
                "issue " + what + " is " + kind_name(kind) + " here but " + kind_name(issue.kind) +
                    " in the domain file " + domain_name);
    }
    if (profile.nonlinear) {
      // The hyper-rectangles carry the utility; the issues only restate the domain.
      profile.values[*at].assign(issue.kind == IssueKind::kReal ? kRealLevels : issue.items.size(),
                                 0.0);
      continue;
    }
    if (issue.kind != IssueKind::kDiscrete) {
      profile.values[*at] = evaluator_values(file, node, issue, what);
      profile.descriptions[*at].assign(profile.values[*at].size(), {});
      continue;
    }
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

  if (profile.nonlinear) {
    read_hyper_rectangles(file, domain, profile);
  } else {
    read_weights(file, domain, profile);
  }
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

void read_weights(const XmlFile& file, const std::vector<DomainIssue>& domain, Profile& profile) {
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
}

// [SECTION] Non-linear profiles: hyper-rectangles ------------------------------------------------

// A term that always applies: its `when` lists the first issue with every option.
InteractionCondition every_option(const std::vector<DomainIssue>& domain) {
  InteractionCondition condition;
  condition.issue = 0;
  const std::size_t count =
      domain[0].kind == IssueKind::kReal ? kRealLevels : domain[0].items.size();
  for (std::size_t o = 0; o < count; ++o) condition.options.push_back(static_cast<int>(o));
  return condition;
}

// The conditions of a rectangle's <INCLUDES>/<EXCLUDES> bounds (issue index, inclusive min and
// max values of an integer issue); nullopt when some bound admits no value (an empty box).
std::optional<std::vector<InteractionCondition>> rectangle_conditions(
    const XmlFile& file, const std::vector<pugi::xml_node>& bounds,
    const std::vector<DomainIssue>& domain) {
  std::map<std::size_t, std::vector<bool>> allowed;
  for (const pugi::xml_node bound : bounds) {
    const long long index = index_attribute(file, bound);
    const std::optional<std::size_t> at = find_index(domain, index);
    const std::string key = std::string(bound.name()) + "@index";
    if (!at) {
      file.fail(bound, key,
                "no issue has index " + std::to_string(index) +
                    " (expected the index of an issue: " + index_list(domain) + ")");
    }
    const DomainIssue& issue = domain[*at];
    if (issue.kind != IssueKind::kInteger) {
      file.fail(bound, key,
                "issue " + issue_what(issue.name, index) + " is " + kind_name(issue.kind) +
                    ": hyper-rectangles bound integer issues only");
    }
    const double min = number_attribute(file, bound, "min", "the lowest value in the box");
    const double max = number_attribute(file, bound, "max", "the highest value in the box");
    auto [entry, fresh] = allowed.try_emplace(*at, issue.items.size(), true);
    for (long long v = issue.lower; v <= issue.upper; ++v) {
      const auto value = static_cast<double>(v);
      if (value < min || value > max)
        entry->second[static_cast<std::size_t>(v - issue.lower)] = false;
    }
    static_cast<void>(fresh);
  }
  std::vector<InteractionCondition> conditions;
  for (const auto& [issue, mask] : allowed) {
    InteractionCondition condition;
    condition.issue = issue;
    for (std::size_t o = 0; o < mask.size(); ++o) {
      if (mask[o]) condition.options.push_back(static_cast<int>(o));
    }
    if (condition.options.empty()) return std::nullopt;
    if (condition.options.size() == mask.size()) continue;  // every value: no constraint
    conditions.push_back(std::move(condition));
  }
  return conditions;
}

// One <ufun> (and the ufuns inside it): PlainUfun with aggregation "sum" only. `weight` is the
// product of the enclosing ufuns' weights.
void read_ufun(const XmlFile& file, pugi::xml_node ufun, double weight,
               const std::vector<DomainIssue>& domain, Profile& profile, int& rectangles) {
  const std::string type = ufun.attribute("type").value();
  if (!type.empty() && type != "PlainUfun") {
    file.fail(ufun, "ufun@type",
              "unsupported ufun type " + in_quotes(type) +
                  ": only \"PlainUfun\" (a sum of hyper-rectangles) can be imported");
  }
  const std::string aggregation = ufun.attribute("aggregation").value();
  if (!aggregation.empty() && aggregation != "sum") {
    file.fail(ufun, "ufun@aggregation",
              "unsupported aggregation " + in_quotes(aggregation) +
                  ": only \"sum\" can be imported (an outcome's utility is the sum of the "
                  "rectangles that contain it)");
  }
  if (ufun.attribute("weight")) weight *= number_attribute(file, ufun, "weight", "a number");
  for (const pugi::xml_node child : ufun.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string name = child.name();
    if (name == "ufun") {
      read_ufun(file, child, weight, domain, profile, rectangles);
      continue;
    }
    if (name != "hyperRectangle") {
      file.fail(child, "<" + name + ">",
                "unsupported element <" + name +
                    "> in a ufun (expected <hyperRectangle> or <ufun> elements)");
    }
    ++rectangles;
    const std::string label = "hyper-rectangle " + std::to_string(rectangles);
    double value = number_attribute(file, child, "utility", "the rectangle's utility (a number)");
    if (child.attribute("weight")) value *= number_attribute(file, child, "weight", "a number");
    value *= weight;
    std::vector<pugi::xml_node> includes;
    std::vector<pugi::xml_node> excludes;
    for (const pugi::xml_node bound : child.children()) {
      if (bound.type() != pugi::node_element) continue;
      const std::string bound_name = bound.name();
      if (bound_name == "INCLUDES") {
        includes.push_back(bound);
      } else if (bound_name == "EXCLUDES") {
        excludes.push_back(bound);
      } else {
        file.fail(bound, "<" + bound_name + ">",
                  "unsupported element <" + bound_name +
                      "> in a hyperRectangle (expected <INCLUDES> or <EXCLUDES> bounds)");
      }
    }
    if (!includes.empty() && !excludes.empty()) {
      file.fail(excludes.front(), "<EXCLUDES>",
                "a hyperRectangle with both <INCLUDES> and <EXCLUDES> bounds is not supported "
                "(GENIUS ignores the INCLUDES then; write two rectangles)");
    }
    if (value == 0.0) continue;
    const bool exclusive = !excludes.empty();
    const auto conditions = rectangle_conditions(file, exclusive ? excludes : includes, domain);
    // INCLUDES: `value` inside the box. EXCLUDES: `value` outside it, i.e. value − value·[inside].
    if (!conditions) {
      if (exclusive) profile.terms.push_back(InteractionTerm{label, {every_option(domain)}, value});
      continue;  // an empty box: an INCLUDES rectangle never applies
    }
    if (conditions->empty()) {  // the whole space
      if (!exclusive)
        profile.terms.push_back(InteractionTerm{label, {every_option(domain)}, value});
      continue;
    }
    if (exclusive) {
      profile.terms.push_back(InteractionTerm{label + " (outside)", {every_option(domain)}, value});
      profile.terms.push_back(InteractionTerm{label + " (inside)", *conditions, -value});
    } else {
      profile.terms.push_back(InteractionTerm{label, *conditions, value});
    }
  }
}

// <utility maxutility="M"><ufun …> hyper-rectangles </ufun></utility>: the terms, divided by M.
void read_hyper_rectangles(const XmlFile& file, const std::vector<DomainIssue>& domain,
                           Profile& profile) {
  const std::vector<pugi::xml_node> utilities = elements(file.root(), "utility");
  if (utilities.size() != 1) {
    file.fail(utilities.empty() ? file.root() : utilities[1], "<utility>",
              "expected one <utility maxutility=\"...\"> element in a non-linear profile, found " +
                  std::to_string(utilities.size()));
  }
  const pugi::xml_node utility = utilities[0];
  const double max_utility =
      number_attribute(file, utility, "maxutility", "the largest utility (a positive number)");
  if (!(max_utility > 0.0)) {
    file.fail(utility, "utility@maxutility",
              "expected a positive number, got " + format_number(max_utility));
  }
  const pugi::xml_node ufun = utility.child("ufun");
  if (!ufun) file.fail(utility, "<ufun>", "expected a <ufun> element inside <utility>");
  int rectangles = 0;
  read_ufun(file, ufun, 1.0, domain, profile, rectangles);
  if (profile.terms.empty()) {
    file.fail(ufun, "<hyperRectangle>",
              "expected at least one <hyperRectangle> with a non-zero utility");
  }
  for (InteractionTerm& term : profile.terms) term.utility /= max_utility;
  profile.max_utility = max_utility;
  profile.weights.assign(domain.size(), 0.0);
}

// A non-linear profile's true range: GENIUS divides by the declared maxutility (and caps at 1);
// a declared maximum below the true one would give utilities above 1, so the terms and the
// reservation value are divided by the true maximum instead (the same outcomes stay acceptable).
void rescale_nonlinear(const XmlFile& file, Preferences& prefs, const Profile& profile,
                       std::vector<std::string>* notes) {
  const UtilityFunction utility(prefs);
  if (utility.min_utility() < -1e-9) {
    file.fail(elements(file.root(), "utility")[0], "<utility>",
              "the hyper-rectangles give some outcomes a negative utility (" +
                  format_number(utility.min_utility()) + "); expected utilities in [0, 1]");
  }
  const double top = utility.max_utility();
  if (top <= 1.0 + 1e-9) return;
  for (InteractionTerm& term : prefs.interactions) term.utility /= top;
  prefs.reservation_value /= top;
  if (notes != nullptr) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer,
                  "%s: the declared maxutility %s is below the true maximum %s (the best outcome "
                  "sums to %.6g of it): utilities are divided by the true maximum instead, and the "
                  "reservation value by the same factor (%s becomes %s)",
                  file.path().c_str(), format_number(profile.max_utility).c_str(),
                  format_number(round_for_output(top * profile.max_utility)).c_str(), top,
                  format_number(profile.reservation).c_str(),
                  format_number(prefs.reservation_value).c_str());
    notes->push_back(buffer);
  }
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
    if (source.kind == IssueKind::kReal) {
      Issue numeric =
          Issue::make_numeric(issue.id, issue.label, issue.description,
                              NumericRange{source.real_lower, source.real_upper, kRealLevels});
      def.issues.push_back(std::move(numeric));
      continue;
    }
    for (std::size_t k = 0; k < source.items.size(); ++k) {
      const DomainItem& item = source.items[k];
      Option option;
      option.id = item.id;
      option.label = item.value;
      option.description = item.description;
      if (option.description.empty() && k < profiles[0].descriptions[i].size() &&
          k < profiles[1].descriptions[i].size()) {
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
    if (profiles[p].nonlinear) {
      prefs.interactions = profiles[p].terms;
      rescale_nonlinear(*profile_files[p], prefs, profiles[p], options.notes);
    }
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

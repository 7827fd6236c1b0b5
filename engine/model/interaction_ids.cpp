#include "engine/model/interaction_ids.hpp"

#include <algorithm>
#include <utility>

#include "engine/model/user_error.hpp"

namespace treatysim {

InteractionTerm interaction_term_from_ids(const std::vector<Issue>& issues, std::string label,
                                          const InteractionWhenIds& when, double utility,
                                          const std::string& key) {
  InteractionTerm term;
  term.label = std::move(label);
  term.utility = utility;
  const std::string wkey = key + ".when";
  if (when.empty()) {
    throw UserError({}, wkey,
                    "expected at least one issue with the options the term applies to, e.g. "
                    "when = { " +
                        issues.at(0).id + " = [\"" + issues.at(0).options.at(0).id + "\"] }");
  }
  for (const auto& [issue_id, option_ids] : when) {
    const std::string ckey = wkey + "." + issue_id;
    std::size_t issue = issues.size();
    for (std::size_t i = 0; i < issues.size(); ++i) {
      if (issues[i].id == issue_id) issue = i;
    }
    if (issue == issues.size()) {
      std::string list;
      for (const Issue& each : issues) list += (list.empty() ? "" : ", ") + each.id;
      throw UserError({}, ckey, "unknown issue id (the scenario's issues are: " + list + ")");
    }
    for (const InteractionCondition& seen : term.when) {
      if (seen.issue == issue) {
        throw UserError({}, ckey, "issue '" + issue_id + "' appears twice in one `when`");
      }
    }
    if (option_ids.empty()) {
      throw UserError({}, ckey, "expected at least one option id of '" + issue_id + "'");
    }
    InteractionCondition condition;
    condition.issue = issue;
    for (const std::string& id : option_ids) {
      const int option = issues[issue].find_option(id);
      if (option < 0) {
        std::string options;
        for (const Option& o : issues[issue].options) options += " " + o.id;
        throw UserError(
            {}, ckey,
            "issue '" + issue_id + "' has no option \"" + id + "\" (options:" + options + ")");
      }
      if (std::find(condition.options.begin(), condition.options.end(), option) !=
          condition.options.end()) {
        throw UserError({}, ckey, "option \"" + id + "\" is listed twice");
      }
      condition.options.push_back(option);
    }
    std::sort(condition.options.begin(), condition.options.end());
    term.when.push_back(std::move(condition));
  }
  std::sort(term.when.begin(), term.when.end(),
            [](const InteractionCondition& a, const InteractionCondition& b) {
              return a.issue < b.issue;
            });
  return term;
}

InteractionWhenIds interaction_when_ids(const std::vector<Issue>& issues,
                                        const InteractionTerm& term) {
  InteractionWhenIds when;
  for (const InteractionCondition& condition : term.when) {
    const Issue& issue = issues.at(condition.issue);
    std::vector<std::string> ids;
    for (const int o : condition.options)
      ids.push_back(issue.options.at(static_cast<std::size_t>(o)).id);
    when.emplace_back(issue.id, std::move(ids));
  }
  return when;
}

}  // namespace treatysim

#include "engine/protocol/spec.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include "engine/model/issue.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

SpecValue SpecValue::of_number(double value) {
  SpecValue v;
  v.kind = Kind::kNumber;
  v.number = value;
  return v;
}
SpecValue SpecValue::of_string(std::string value) {
  SpecValue v;
  v.kind = Kind::kString;
  v.text = std::move(value);
  return v;
}
SpecValue SpecValue::of_spec(Spec value) {
  SpecValue v;
  v.kind = Kind::kSpec;
  v.spec.push_back(std::move(value));
  return v;
}

bool operator==(const SpecValue& a, const SpecValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case SpecValue::Kind::kNumber:
      return a.number == b.number;
    case SpecValue::Kind::kString:
      return a.text == b.text;
    case SpecValue::Kind::kSpec:
      return a.spec == b.spec;
  }
  return false;
}

std::string SpecValue::to_string() const {
  switch (kind) {
    case Kind::kNumber:
      return format_number(number);
    case Kind::kString: {
      std::string out = "\"";
      for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      return out + "\"";
    }
    case Kind::kSpec:
      return spec.front().to_string();
  }
  return {};
}

const SpecValue* Spec::find(std::string_view parameter) const noexcept {
  for (const SpecParameter& p : parameters) {
    if (p.name == parameter) return &p.value;
  }
  return nullptr;
}

std::string Spec::to_string() const {
  if (parameters.empty()) return name;
  std::string out = name + "(";
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (i > 0) out += ", ";
    out += parameters[i].name + "=" + parameters[i].value.to_string();
  }
  return out + ")";
}

namespace {

class SpecParser {
 public:
  explicit SpecParser(std::string_view text) : text_(text) {}

  Spec parse() {
    if (text_.size() > kMaxSpecLength) {
      throw UserError("agent spec of " + std::to_string(text_.size()) + " characters: at most " +
                      std::to_string(kMaxSpecLength) + " are allowed (docs/reliability.md)");
    }
    Spec spec = parse_spec();
    skip_space();
    if (pos_ != text_.size()) fail("expected the end of the spec");
    return spec;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    std::string found = pos_ < text_.size() ? "'" + std::string(1, text_[pos_]) + "'" : "the end";
    fail_at(pos_, what + ", found " + found);
  }
  [[noreturn]] void fail_at(std::size_t position, const std::string& what) const {
    throw UserError("agent spec \"" + std::string(text_) + "\": at column " +
                    std::to_string(position + 1) + ": " + what);
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool take(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::string parse_name(const char* what) {
    skip_space();
    const std::size_t start = pos_;
    if (pos_ >= text_.size() || !std::isalpha(static_cast<unsigned char>(text_[pos_]))) {
      fail(std::string("expected ") + what + " (a letter, then letters, digits or '_')");
    }
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }
  Spec parse_spec() {
    if (++depth_ > kMaxSpecDepth) {
      fail("expected at most " + std::to_string(kMaxSpecDepth) + " levels of nested specs");
    }
    Spec spec;
    spec.name = parse_name("a strategy name");
    if (!take('(') || take(')')) {
      --depth_;
      return spec;
    }
    do {
      SpecParameter parameter;
      skip_space();
      const std::size_t name_start = pos_;
      parameter.name = parse_name("a parameter name");
      for (const SpecParameter& p : spec.parameters) {
        if (p.name == parameter.name)
          fail_at(name_start, "parameter '" + parameter.name + "' given twice");
      }
      if (!take('=')) fail("expected '=' after parameter '" + parameter.name + "'");
      parameter.value = parse_value();
      spec.parameters.push_back(std::move(parameter));
    } while (take(','));
    if (!take(')')) fail("expected ',' or ')'");
    --depth_;
    return spec;
  }
  SpecValue parse_value() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a value (a number, a \"string\" or a spec)");
    const char c = text_[pos_];
    if (c == '"') return SpecValue::of_string(parse_string());
    if (std::isalpha(static_cast<unsigned char>(c))) return SpecValue::of_spec(parse_spec());
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
      return SpecValue::of_number(parse_number());
    }
    fail("expected a value (a number, a \"string\" or a spec)");
  }
  double parse_number() {
    const std::size_t start = pos_;
    // from_chars takes no '+': skip one here, but only before a digit or '.' ("+-1" is no number).
    if (text_[pos_] == '+' && pos_ + 1 < text_.size() && text_[pos_ + 1] != '-') ++pos_;
    double value = 0.0;
    const char* begin = text_.data() + pos_;
    const auto result = std::from_chars(begin, text_.data() + text_.size(), value);
    if (result.ec != std::errc() || !std::isfinite(value)) {
      pos_ = start;
      fail("expected a finite number");
    }
    pos_ = static_cast<std::size_t>(result.ptr - text_.data());
    return value;
  }
  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\') {
        ++pos_;
        if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\\')) {
          fail("expected '\\\"' or '\\\\' after a backslash");
        }
      }
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) fail("expected a closing '\"'");
    ++pos_;
    return out;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;  // specs being parsed (nesting)
};

}  // namespace

Spec parse_spec(std::string_view text) {
  return SpecParser(text).parse();
}

}  // namespace treatysim

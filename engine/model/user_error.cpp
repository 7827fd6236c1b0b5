#include "engine/model/user_error.hpp"

#include <utility>

namespace treatysim {

std::string format_user_error(const SourceLocation& location, const std::string& key,
                              const std::string& message) {
  std::string text;
  if (!location.file.empty()) {
    text += location.file;
    if (location.line > 0) {
      text += ':';
      text += std::to_string(location.line);
      if (location.column > 0) {
        text += ':';
        text += std::to_string(location.column);
      }
    }
    text += ": ";
  }
  if (!key.empty()) text += key + ": ";
  text += message;
  return text;
}

UserError::UserError(SourceLocation location, std::string key, std::string message)
    : std::runtime_error(format_user_error(location, key, message)),
      location_(std::move(location)),
      key_(std::move(key)),
      message_(std::move(message)) {}

UserError::UserError(std::string message)
    : UserError(SourceLocation{}, std::string{}, std::move(message)) {}

UserError UserError::located(const SourceLocation& where) const {
  SourceLocation merged = location_;
  if (merged.file.empty()) merged.file = where.file;
  if (merged.line == 0) {
    merged.line = where.line;
    merged.column = where.column;
  }
  return UserError(merged, key_, message_);
}

std::string UserError::message_with_location() const {
  if (location_.file.empty() && key_.empty()) return message_;
  return format_user_error(location_, key_, message_);
}

UserError UserError::with_key(std::string key) const {
  return UserError(location_, key_.empty() ? std::move(key) : key + "." + key_, message_);
}

}  // namespace treatysim

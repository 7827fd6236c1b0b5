// user_error.hpp — the error channel for bad user input (files, flags, specs).
//
// A UserError names where the problem is (file, line and column where known), which key, and
// what was expected. The CLI prints what() and exits with status 2; the GUI shows it in a dialog.
#pragma once

#include <stdexcept>
#include <string>

namespace treatysim {

// Where a user error was found. Every field is optional: an empty file or key, or a zero
// line/column, is left out of the message.
struct SourceLocation {
  std::string file;  // path as the user gave it
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
};

// A problem with user input. Message format (fields that are unknown are skipped):
//   FILE:LINE:COLUMN: KEY: MESSAGE
class UserError : public std::runtime_error {
 public:
  UserError(SourceLocation location, std::string key, std::string message);
  // An error with no location or key (e.g. a bad command-line value).
  explicit UserError(std::string message);

  [[nodiscard]] const SourceLocation& location() const noexcept { return location_; }
  [[nodiscard]] const std::string& key() const noexcept { return key_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

  // The same error with a file (and, when unknown so far, a line/column) filled in.
  [[nodiscard]] UserError located(const SourceLocation& where) const;
  // The message, with this error's own file:line:column and key in front when it has any: for
  // an error from another file (a scripted agent's script) wrapped into one about a spec, so
  // that the script's file and line are not lost.
  [[nodiscard]] std::string message_with_location() const;
  // The same error with a key prefix ("parties[0].agent" + ": " + message).
  [[nodiscard]] UserError with_key(std::string key) const;

 private:
  SourceLocation location_;
  std::string key_;
  std::string message_;
};

// Formats "FILE:LINE:COLUMN: KEY: MESSAGE", skipping unknown parts.
[[nodiscard]] std::string format_user_error(const SourceLocation& location, const std::string& key,
                                            const std::string& message);

}  // namespace treatysim

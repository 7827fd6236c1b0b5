// check.hpp — invariant checks (the second error channel of DESIGN.md).
//
// A failed check is a bug in treatysim, never a user mistake: it prints the file, line, the
// condition and a message, then aborts. User-input problems use UserError (user_error.hpp).
#pragma once

#include <string_view>

namespace treatysim::detail {

// Prints "file:line: check failed: condition — message" to stderr and aborts.
[[noreturn]] void check_failed(std::string_view file, int line, std::string_view condition,
                               std::string_view message);

}  // namespace treatysim::detail

// Always-on check: cheap conditions that guard memory safety or a documented contract.
#define TREATYSIM_CHECK(condition, message)                                                       \
  do {                                                                                            \
    if (!(condition)) ::treatysim::detail::check_failed(__FILE__, __LINE__, #condition, message); \
  } while (false)

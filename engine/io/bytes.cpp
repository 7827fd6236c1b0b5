#include "engine/io/bytes.hpp"

#include <stdexcept>

#include "engine/model/user_error.hpp"

namespace treatysim {

namespace {

enum class ExceptionKind : std::uint8_t { kNone = 0, kUserError = 1, kOther = 2 };

}  // namespace

void put_exception(ByteWriter& out, const std::exception_ptr& failure) {
  if (!failure) {
    out.put<std::uint8_t>(static_cast<std::uint8_t>(ExceptionKind::kNone));
    return;
  }
  try {
    std::rethrow_exception(failure);
  } catch (const UserError& e) {
    out.put<std::uint8_t>(static_cast<std::uint8_t>(ExceptionKind::kUserError));
    out.put_string(e.location().file);
    out.put<std::int32_t>(e.location().line);
    out.put<std::int32_t>(e.location().column);
    out.put_string(e.key());
    out.put_string(e.message());
  } catch (const std::exception& e) {
    out.put<std::uint8_t>(static_cast<std::uint8_t>(ExceptionKind::kOther));
    out.put_string(e.what());
  } catch (...) {
    out.put<std::uint8_t>(static_cast<std::uint8_t>(ExceptionKind::kOther));
    out.put_string("an unknown exception");
  }
}

std::exception_ptr get_exception(ByteReader& in) {
  const auto kind = static_cast<ExceptionKind>(in.get<std::uint8_t>());
  switch (kind) {
    case ExceptionKind::kNone:
      return nullptr;
    case ExceptionKind::kUserError: {
      SourceLocation location;
      location.file = std::string(in.get_string());
      location.line = in.get<std::int32_t>();
      location.column = in.get<std::int32_t>();
      std::string key(in.get_string());
      std::string message(in.get_string());
      return std::make_exception_ptr(UserError(location, std::move(key), std::move(message)));
    }
    case ExceptionKind::kOther:
      return std::make_exception_ptr(std::runtime_error(std::string(in.get_string())));
  }
  TREATYSIM_CHECK(false, "get_exception: an exception kind put_exception never writes");
  return nullptr;
}

}  // namespace treatysim

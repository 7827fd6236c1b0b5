// The byte codec of results between processes: every value comes back bit for bit, strings with
// any bytes, optional doubles, and exceptions (a UserError with its location and key).
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "engine/io/bytes.hpp"
#include "engine/model/user_error.hpp"

namespace treatysim {

TEST_CASE("bytes: numbers, strings and optionals come back bit for bit, in order") {
  ByteWriter out;
  out.put<std::uint64_t>(std::numeric_limits<std::uint64_t>::max());
  out.put<std::int32_t>(-7);
  out.put<bool>(true);
  out.put<double>(-0.0);
  out.put<double>(0.1 + 0.2);
  out.put<double>(std::numeric_limits<double>::denorm_min());
  out.put_string(std::string("a\0b,\"c\"\n", 8));
  out.put_string("");
  out.put_optional(std::nullopt);
  out.put_optional(2.5);
  // 8 + 4 + 1 + 3·8 + (8 + 8) + 8 + 1 + (1 + 8) bytes.
  CHECK(out.bytes().size() == 8 + 4 + 1 + 24 + 16 + 8 + 1 + 9);
  const std::string bytes = out.take();
  ByteReader in(bytes);
  CHECK(in.get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
  CHECK(in.get<std::int32_t>() == -7);
  CHECK(in.get<bool>());
  const double zero = in.get<double>();
  CHECK(zero == 0.0);
  CHECK(std::signbit(zero));
  CHECK(std::bit_cast<std::uint64_t>(in.get<double>()) == std::bit_cast<std::uint64_t>(0.1 + 0.2));
  CHECK(in.get<double>() == std::numeric_limits<double>::denorm_min());
  CHECK(in.get_string() == std::string_view("a\0b,\"c\"\n", 8));
  CHECK(in.get_string().empty());
  CHECK_FALSE(in.get_optional().has_value());
  CHECK(in.get_optional() == 2.5);
  CHECK(in.at_end());
}

TEST_CASE("bytes: exceptions travel as UserError (location and key kept) or as their message") {
  ByteWriter out;
  put_exception(out, nullptr);
  put_exception(out, std::make_exception_ptr(
                         UserError(SourceLocation{"t.toml", 3, 15}, "tournament.repetitions",
                                   "expected a number from 1 to 1000000, got 0")));
  put_exception(out, std::make_exception_ptr(std::out_of_range("vector::at")));
  put_exception(out, std::make_exception_ptr(42));
  const std::string bytes = out.take();
  ByteReader in(bytes);
  CHECK(get_exception(in) == nullptr);
  try {
    std::rethrow_exception(get_exception(in));
  } catch (const UserError& e) {
    CHECK(std::string(e.what()) ==
          "t.toml:3:15: tournament.repetitions: expected a number from 1 to 1000000, got 0");
    CHECK(e.location().line == 3);
    CHECK(e.key() == "tournament.repetitions");
  }
  CHECK_THROWS_WITH_AS(std::rethrow_exception(get_exception(in)), "vector::at", std::runtime_error);
  CHECK_THROWS_WITH_AS(std::rethrow_exception(get_exception(in)), "an unknown exception",
                       std::runtime_error);
  CHECK(in.at_end());
}

}  // namespace treatysim

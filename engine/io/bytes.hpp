// bytes.hpp — a compact binary encoding of results, for work computed in another process (an MPI
// rank) and sent back to the one that aggregates it (engine/studies/parallel_map.hpp).
//
// Numbers are written in the machine's own byte order, doubles bit for bit (so a result decoded
// on the other side is exactly the value computed); strings as a 64-bit length and the bytes.
// Both ends are the same program on the same kind of machine: this is no file format, and no
// version is written. Reading past the end, or a length that does not fit, is a broken invariant
// (the bytes come from treatysim itself, never from a user) and aborts with TREATYSIM_CHECK.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "engine/model/check.hpp"

namespace treatysim {

// Appends values to a byte string.
class ByteWriter {
 public:
  // Appends a number (an integer type, bool or double) as its bytes.
  template <typename T>
  requires std::is_arithmetic_v<T>
  void put(T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    bytes_.append(bytes, sizeof(T));
  }
  // Appends a string: its length (64 bits), then its bytes.
  void put_string(std::string_view text) {
    put<std::uint64_t>(text.size());
    bytes_.append(text);
  }
  // Appends an optional double: a presence flag, then the value when present.
  void put_optional(const std::optional<double>& value) {
    put<bool>(value.has_value());
    if (value) put<double>(*value);
  }
  // The bytes written so far.
  [[nodiscard]] const std::string& bytes() const noexcept { return bytes_; }
  // Takes the bytes out (the writer is left empty).
  [[nodiscard]] std::string take() noexcept { return std::move(bytes_); }

 private:
  std::string bytes_;
};

// Reads back, in the same order, what a ByteWriter wrote. The viewed bytes must outlive it.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) noexcept : bytes_(bytes) {}

  // Reads a number written by ByteWriter::put<T>.
  template <typename T>
  requires std::is_arithmetic_v<T>
  [[nodiscard]] T get() {
    TREATYSIM_CHECK(bytes_.size() - position_ >= sizeof(T),
                    "ByteReader: read past the end of the bytes (encoder and decoder disagree)");
    T value;
    std::memcpy(&value, bytes_.data() + position_, sizeof(T));
    position_ += sizeof(T);
    return value;
  }
  // Reads a string written by ByteWriter::put_string (a view into the bytes).
  [[nodiscard]] std::string_view get_string() {
    const auto size = get<std::uint64_t>();
    TREATYSIM_CHECK(
        size <= bytes_.size() - position_,
        "ByteReader: a string longer than the bytes left (encoder and decoder disagree)");
    const std::string_view text = bytes_.substr(position_, static_cast<std::size_t>(size));
    position_ += static_cast<std::size_t>(size);
    return text;
  }
  // Reads an optional double written by ByteWriter::put_optional.
  [[nodiscard]] std::optional<double> get_optional() {
    if (!get<bool>()) return std::nullopt;
    return get<double>();
  }
  // True when every byte has been read.
  [[nodiscard]] bool at_end() const noexcept { return position_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t position_ = 0;
};

// [SECTION] Exceptions -----------------------------------------------------------------------------

// Appends an exception, to be rethrown by another process: a UserError with its file, line,
// column, key and message; any other std::exception as its what(); anything else as "an unknown
// exception". A null pointer is written as "no exception".
void put_exception(ByteWriter& out, const std::exception_ptr& failure);
// Reads what put_exception wrote: a UserError equal to the one written, a std::runtime_error
// holding the other's what(), or a null pointer.
[[nodiscard]] std::exception_ptr get_exception(ByteReader& in);

}  // namespace treatysim

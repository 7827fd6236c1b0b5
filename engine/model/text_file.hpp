// text_file.hpp — reading the files people give the program: the one place every reader opens
// a file, and the limits that protect it (docs/reliability.md, "Limits").
//
// A path is refused at once, before anything is read, when it names something other than a
// regular file (a directory, a device such as /dev/zero or /dev/urandom, a FIFO, a socket) or a
// file larger than the limit of its kind. Real files stay far below every limit: a limit is
// there so that a wrong path or a broken file gets a clear error instead of a hang, a crash or
// all of the machine's memory. Every problem is a UserError naming the file.
//
// Limits by kind of file (the sizes of the largest real files in brackets):
//   kMaxTextFileBytes     16 MiB   scenario, tournament, sweep, tuning and payoff-matrix TOML,
//                                  GENIUS XML, scripted agents' offer lists, window scripts
//                                  (the STA scenario is 12 KB, the largest ANAC domain 0.2 MB)
//   kMaxSummaryFileBytes  128 MiB  a tournament's summary.json, also where a payoff matrix may
//                                  be one (1,000 competitors, the most a tournament may have,
//                                  write about 40 MB)
//   kMaxTraceFileBytes    512 MiB  traces (a negotiation of 1,000,000 offers, the longest
//                                  deadline, over the STA scenario's five issues: 370 MB)
//   journals and negotiations.csv are read line by line (LineReader): no size limit, lines of
//   at most kMaxCsvLineBytes, and no more rows than the tournament has negotiations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace treatysim {

inline constexpr std::uint64_t kMaxTextFileBytes = std::uint64_t{16} << 20U;
inline constexpr std::uint64_t kMaxSummaryFileBytes = std::uint64_t{128} << 20U;
inline constexpr std::uint64_t kMaxTraceFileBytes = std::uint64_t{512} << 20U;
// The longest line of a negotiations.csv (a real row is under 400 bytes).
inline constexpr std::size_t kMaxCsvLineBytes = std::size_t{64} << 10U;

// Throws a UserError naming `path` unless it names a regular file (following symbolic links) of
// at most `max_bytes` bytes; returns its size. Does not open the file, so a device or a FIFO is
// never touched.
std::uint64_t check_regular_file(const std::string& path, std::uint64_t max_bytes);

// Reads a whole file (after check_regular_file). Throws a UserError naming the file when it
// cannot: "no file name given", "cannot read the file: No such file or directory", "is a
// directory (expected a file)", "is a character device such as /dev/zero (expected a regular
// file)", "is too large: 50.0 MiB (files of this kind may be at most 16 MiB)", ...
[[nodiscard]] std::string read_text_file(const std::string& path,
                                         std::uint64_t max_bytes = kMaxTextFileBytes);

// A regular file read one line at a time, in blocks, so that its size does not matter: for
// tournament journals and negotiations.csv, which may hold millions of rows. Opening applies the
// checks of check_regular_file without the size limit.
class LineReader {
 public:
  // Opens `path`; throws UserError as read_text_file does.
  explicit LineReader(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  enum class Line {
    kWhole,         // a line and its '\n' were read (the line without it)
    kUnterminated,  // the last line of the file, without a '\n' (a file cut short)
    kTooLong,       // more than `max_bytes` bytes before the next '\n' (nothing more is read)
    kEnd,           // nothing left
  };
  // Reads the next line into `line`. Throws UserError on a read error.
  Line next(std::string& line, std::size_t max_bytes = kMaxCsvLineBytes);
  // Bytes of the file up to the end of the last whole line returned.
  [[nodiscard]] std::uint64_t whole_bytes() const noexcept { return whole_bytes_; }
  // Whether anything follows the last line returned.
  [[nodiscard]] bool at_end();
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  bool fill();  // reads the next block; false at the end of the file

  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  std::size_t position_ = 0;  // into buffer_
  std::uint64_t whole_bytes_ = 0;
  bool eof_ = false;
};

}  // namespace treatysim

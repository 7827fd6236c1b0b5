// fuzz_entry.hpp — the class API in-process, for a libFuzzer target (tests/fuzz/) and the tests.
//
// fuzz_class_api(data, size) hands one request to ClassApi::handle on a class kept for the whole
// process: a small built-in scenario, a temporary database (removed at exit), two students and a
// round under way. The input is "METHOD TARGET [AS]\nBODY", AS one of teacher, seat1, seat2 or
// none (default); anything else goes into the request as it is. Every answer must be an HTTP
// status with a JSON or page body; a crash, hang or sanitizer report is a finding.
#pragma once

#include <cstddef>
#include <cstdint>

namespace treatysim::server {

// Always returns 0 (libFuzzer's convention); aborts when an answer breaks the API's contract.
int fuzz_class_api(const std::uint8_t* data, std::size_t size);

}  // namespace treatysim::server

// fuzz_entry.hpp — the class API in-process, for a libFuzzer target (tests/fuzz/targets/class_api)
// and the tests.
//
// fuzz_class_api(data, size) plays one input against a new class: a small built-in scenario, a
// fresh database in a temporary folder (kept for the process, removed at exit; on /dev/shm when
// there is one), two students who joined and a round of students under way. So every input is
// reproducible alone. The input is up to kMaxFuzzRequests requests separated by form feeds
// ('\f'), each "METHOD TARGET [AS]\nBODY": AS one of teacher, seat1, seat2, joined (the seat of
// the last student this input made join) or none (default); "$CODE" in the target or the body
// stands for the class's join code. The clock moves one second per request (rate limits refill).
//
// Each answer must keep the API's contract: a status from 200 to 599, never 5xx but 503 (a 500
// is an exception the API did not expect); a JSON answer parses; and a refused request (4xx)
// changes nothing: the class (students, rounds, negotiations and their events, as the teacher,
// every student, the results and the database see them) is the same before and after it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace treatysim::server {

// The most requests one input plays (the rest are ignored).
inline constexpr int kMaxFuzzRequests = 16;

// Always returns 0 (libFuzzer's convention); aborts when an answer breaks the API's contract.
int fuzz_class_api(const std::uint8_t* data, std::size_t size);

// fuzz_class_store(data, size): a class database changed behind the program's back, read as
// `treatysim class-export` and a restarted `treatysim class` read it. A new class (two students,
// a round, an offer) is stored, then the input runs as SQL on the file (statements that read and
// change rows only: no ATTACH, PRAGMA, schema change or VACUUM; at most a million steps); the
// file is then opened, loaded, its scenario parsed and the class rebuilt by re-running every
// negotiation, and exported. Every problem must be a UserError (the CLI's status 2).
int fuzz_class_store(const std::uint8_t* data, std::size_t size);

}  // namespace treatysim::server

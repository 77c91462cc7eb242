#pragma once
// Where the test fixtures live (tests/fixtures, set by the build as LATENTLENS_FIXTURES_DIR).

#include <string>

namespace ll {

inline const std::string kFixtures = LATENTLENS_FIXTURES_DIR;

}  // namespace ll

#pragma once
// A scratch folder for the running test, under the system's temporary folder and named after the
// process and the test, so parallel test processes never share one. Emptied before it is handed out.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace ll::testing {

/// <tmp>/<prefix>-<pid>-<test name>, empty.
inline std::filesystem::path freshTestDir(const std::string& prefix) {
  const auto dir = std::filesystem::temp_directory_path() /
                   (prefix + "-" + std::to_string(::getpid()) + "-" +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace ll::testing

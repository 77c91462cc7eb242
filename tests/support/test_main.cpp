// The main of the test binaries: the process computes as the CLI and the GUI do (subnormals
// flushed to zero, see core/util/denormals.h) before GoogleTest starts.
#include <gtest/gtest.h>

#include "core/util/denormals.h"

int main(int argc, char** argv) {
  ll::flushDenormalsToZero();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}

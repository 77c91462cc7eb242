#pragma once
// Subnormal floats (|x| < 1.2e-38) are handled by a microcode assist on x86: an operation that
// meets one takes ~100 cycles instead of ~1. Trained networks drift into them (ReLU towers with
// shrinking weights, L2-decayed rows of rarely seen ids), and an mlp epoch that took 0.5 s took
// 17 s once they appeared. Flushing them to zero changes results only below 1.2e-38.
//
// flushDenormalsToZero() sets the calling thread's MXCSR flags FTZ (results that would be
// subnormal become 0) and DAZ (subnormal inputs read as 0). Threads started afterwards inherit
// the setting (POSIX: a new thread copies its creator's floating-point environment). The CLI, the
// GUI and the test and benchmark mains call it first; ThreadPool workers call it themselves, so a
// pool made by any thread computes the same way. A no-op on other architectures.

namespace ll {

void flushDenormalsToZero();
/// Whether the calling thread flushes subnormals (false where flushing is not supported).
bool denormalsFlushedToZero();

}  // namespace ll

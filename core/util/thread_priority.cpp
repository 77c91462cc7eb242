#include "core/util/thread_priority.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ll {

namespace {
constexpr int kBackgroundNice = 10;  // CFS weight 110 against the interface's 1024
}

void lowerThisThreadPriority() {
#if defined(__linux__)
  // On Linux a thread id addresses one thread: the process's other threads keep their priority.
  const auto thread = static_cast<id_t>(syscall(SYS_gettid));
  const int current = getpriority(PRIO_PROCESS, thread);
  if (current < kBackgroundNice) (void)setpriority(PRIO_PROCESS, thread, kBackgroundNice);
#endif
}

}  // namespace ll

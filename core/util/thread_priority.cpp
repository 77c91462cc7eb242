#include "core/util/thread_priority.h"

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ll {

void lowerThisThreadPriority(int nice) {
#if defined(__linux__)
  // On Linux a thread id addresses one thread: the process's other threads keep their priority.
  const auto thread = static_cast<id_t>(syscall(SYS_gettid));
  if (getpriority(PRIO_PROCESS, thread) < nice) (void)setpriority(PRIO_PROCESS, thread, nice);
#else
  (void)nice;
#endif
}

}  // namespace ll

#include "gui/platform/allocator.hpp"

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace treatysim::gui {

void retain_freed_heap_memory() {
#if defined(__GLIBC__)
  // M_TRIM_THRESHOLD: free memory at the top of the heap is returned only above this size.
  // M_TOP_PAD: each time the heap grows, grow it by this much extra, so a frame that needs a
  // little more than the last one does not page-fault its way up either.
  mallopt(M_TRIM_THRESHOLD, kRetainedBytes);
  mallopt(M_TOP_PAD, 16 * 1024 * 1024);
#endif
}

}  // namespace treatysim::gui

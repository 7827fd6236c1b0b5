#pragma once

namespace treatysim::gui {

// Keeps freed heap memory in the process instead of handing it back to the kernel after every
// frame. Mesa's software rasteriser (llvmpipe, what Xvfb and machines without a GPU driver
// use) allocates its per-frame scene buffers from the heap; with glibc's default trim threshold
// the top of the heap was returned to the kernel when a frame ended and page-faulted back in by
// the next one: 18% of the window's CPU time went to page faults, and the 2,000-offer bench frame
// took 32-36 ms instead of 16-18 ms. Holds at most kRetainedBytes of freed memory. A no-op on C
// libraries other than glibc, and under AddressSanitizer (its allocator ignores mallopt).
// Call once, first thing in main().
void retain_freed_heap_memory();

inline constexpr int kRetainedBytes = 128 * 1024 * 1024;

}  // namespace treatysim::gui

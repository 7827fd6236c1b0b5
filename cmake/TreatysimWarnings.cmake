# One strong warning set, applied to our own targets only (third-party headers are
# included as SYSTEM by their imported targets, so they stay quiet).
function(treatysim_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual)
  # GCC 12 reports false -Wrestrict positives inside libstdc++ for `"literal" + std::string`
  # at -O2 (GCC bug 105651, fixed in GCC 13), and false -Wmaybe-uninitialized positives for
  # std::optional members copied after inlining (GCC bugs 80635, 105562); neither finds
  # anything real in our code, and the sanitizer build checks uninitialised reads at run time.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict -Wno-maybe-uninitialized)
  endif()
  if(TREATYSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

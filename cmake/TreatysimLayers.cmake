# The layers of treatysim and the rule between them: a folder may include only from itself and
# from the folders it links (directly or through them). Each layer is one static library; the
# rule is checked by the build itself: before a layer compiles, cmake/check_includes.cmake reads
# every `#include "…"` of its sources and headers and fails the build, naming the file and line,
# when one reaches into a folder the layer does not link.
#
#   treatysim_layer(<folder> [USES <layer>...] [LINKS <target>...] [PRIVATE <target>...])
#
# <folder> is relative to the source tree (engine/model, agents); the library is named
# treatysim_<last part> (treatysim_model, treatysim_agents). USES names other layers by folder:
# they are linked PUBLIC and their folders become includable. LINKS and PRIVATE are third-party
# targets, linked PUBLIC and PRIVATE.
set(TREATYSIM_CHECK_INCLUDES ${CMAKE_CURRENT_LIST_DIR}/check_includes.cmake)

function(treatysim_layer folder)
  cmake_parse_arguments(ARG "" "" "USES;LINKS;PRIVATE" ${ARGN})
  get_filename_component(name ${folder} NAME)
  set(target treatysim_${name})
  set(dir ${PROJECT_SOURCE_DIR}/${folder})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${dir}/*.hpp)
  add_library(${target} STATIC ${sources} ${headers})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})

  # The folders this layer may include: its own and, transitively, those of the layers it uses.
  set(allowed ${folder})
  foreach(used ${ARG_USES})
    get_property(used_allowed GLOBAL PROPERTY TREATYSIM_LAYER_ALLOWED_${used})
    if(NOT used_allowed)
      message(FATAL_ERROR "treatysim_layer(${folder}): layer ${used} must be declared first")
    endif()
    list(APPEND allowed ${used_allowed})
    get_filename_component(used_name ${used} NAME)
    target_link_libraries(${target} PUBLIC treatysim_${used_name})
  endforeach()
  list(REMOVE_DUPLICATES allowed)
  set_property(GLOBAL PROPERTY TREATYSIM_LAYER_ALLOWED_${folder} "${allowed}")
  target_link_libraries(${target} PUBLIC ${ARG_LINKS} PRIVATE ${ARG_PRIVATE})
  treatysim_set_warnings(${target})

  set(stamp_dir ${CMAKE_BINARY_DIR}/include-checks)
  set(list_file ${stamp_dir}/${name}.files)
  set(stamp ${stamp_dir}/${name}.stamp)
  string(REPLACE ";" "\n" file_lines "${sources};${headers}")
  file(WRITE ${list_file} "${file_lines}\n")
  string(REPLACE ";" "," allowed_csv "${allowed}")
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DLAYER=${folder} -DALLOWED=${allowed_csv} -DROOT=${PROJECT_SOURCE_DIR}
            -DLIST=${list_file} -DSTAMP=${stamp} -P ${TREATYSIM_CHECK_INCLUDES}
    DEPENDS ${sources} ${headers} ${list_file} ${TREATYSIM_CHECK_INCLUDES}
    COMMENT "Checking that ${folder} includes only the layers it links"
    VERBATIM)
  add_custom_target(${target}_includes DEPENDS ${stamp})
  add_dependencies(${target} ${target}_includes)
endfunction()

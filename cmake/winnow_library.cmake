# winnow_library(): how every winnow library is declared, so each folder's CMakeLists.txt lists only its sources and links.
#
#   winnow_library(NAME SOURCES src/a.cc ... [PRIVATE_LINK target ...])
#
# makes the static library winnow_NAME with the alias winnow::NAME, whose
# include/ is public and src/ private, linked publicly to winnow::common.
function(winnow_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PRIVATE_LINK" ${ARGN})
  add_library(winnow_${name} STATIC ${ARG_SOURCES})
  add_library(winnow::${name} ALIAS winnow_${name})
  target_include_directories(winnow_${name}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(winnow_${name} PUBLIC winnow::common PRIVATE ${ARG_PRIVATE_LINK})
endfunction()

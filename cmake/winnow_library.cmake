# winnow_library(): how every winnow library is declared, so each folder's CMakeLists.txt lists only its sources and links.
#
#   winnow_library(NAME SOURCES src/a.cc ... [PRIVATE_LINK target ...])
#
# makes the static library winnow_NAME with the alias winnow::NAME (the same
# name find_package(winnow) gives), whose include/ is public and src/
# private, linked publicly to winnow::common, and installed with its headers.
include(GNUInstallDirs)

function(winnow_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PRIVATE_LINK" ${ARGN})
  add_library(winnow_${name} STATIC ${ARG_SOURCES})
  add_library(winnow::${name} ALIAS winnow_${name})
  set_target_properties(winnow_${name} PROPERTIES EXPORT_NAME ${name})
  target_include_directories(winnow_${name}
    PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(winnow_${name} PUBLIC winnow::common PRIVATE ${ARG_PRIVATE_LINK})
  if(WINNOW_INSTALL)
    install(TARGETS winnow_${name} EXPORT winnowTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  endif()
endfunction()

# What `cmake --install` and `cpack -G DEB` put on a machine: the libraries' CMake package (winnowConfig.cmake with its
# version file), winnow.pc, and the Debian package's settings. The binary, man page and completion are installed by cli/.
include(CMakePackageConfigHelpers)

set(WINNOW_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/winnow)
install(EXPORT winnowTargets NAMESPACE winnow:: DESTINATION ${WINNOW_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/winnowConfig.cmake.in
  ${PROJECT_BINARY_DIR}/winnowConfig.cmake INSTALL_DESTINATION ${WINNOW_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/winnowConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/winnowConfig.cmake ${PROJECT_BINARY_DIR}/winnowConfigVersion.cmake
  DESTINATION ${WINNOW_CMAKE_DIR})

# The .pc file finds its prefix from where it lies, so `cmake --install --prefix DIR` and the .deb both work.
file(RELATIVE_PATH WINNOW_PC_UP "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${PROJECT_SOURCE_DIR}/cmake/winnow.pc.in ${PROJECT_BINARY_DIR}/winnow.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/winnow.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# cpack -G DEB: the runtime libraries come from dpkg-shlibdeps; man-db so that `man winnow` works.
set(CPACK_PACKAGE_NAME winnow)
set(CPACK_PACKAGE_VENDOR "winnow")
set(CPACK_PACKAGE_CONTACT "winnow developers <dev@winnow.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "keeps the article and throws away the rest, and keeps every version of it")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS man-db)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)

# `cmake --install build --prefix P` and CPack (docs/Driver.md, "Install").
# The installed tree:
#
#   bin/                      mochi-go, mochi-go-opt, mochi-go-translate,
#                             mochi-go-check, mochi-go-mod
#   libexec/mochi-go/         mochi-go-ingest (the Go helper the driver runs;
#                             found from the driver's own path)
#   lib/                      libmochi-go-c.a (+ the project archives it
#                             needs), libmochi-go-c.so
#   lib/pkgconfig/            mochi-go-c.pc, mochi-go-c-shared.pc
#   lib/cmake/MochiGo/        find_package(MochiGo): MochiGo::mochi-go-c,
#                             MochiGo::mochi-go-c-shared
#   include/                  mochi-go-c/Driver.h, the C++ headers
#   share/doc/mochi-go/       README.md and docs/
#
# Nothing installed names the build tree: the .pc files and the CMake
# package locate the prefix from their own directory, the tools find their
# helper from their own path, and the executables' RPATHs name only
# $ORIGIN/../lib and the system's LLVM.

set(MOCHIGO_INSTALL_FILES ${CMAKE_BINARY_DIR}/install-files)

install(TARGETS mochi-go mochi-go-opt mochi-go-translate mochi-go-check
                mochi-go-mod
        RUNTIME DESTINATION bin COMPONENT mochi-go)
install(PROGRAMS ${CMAKE_BINARY_DIR}/bin/mochi-go-ingest
        DESTINATION libexec/mochi-go COMPONENT mochi-go)

# What links the shared LLVM/MLIR (outside the loader's default path)
# keeps an RPATH to it, and nothing of the build tree.
set_target_properties(mochi-go mochi-go-opt mochi-go-translate
                      MochiGoCAPIShared PROPERTIES
  INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS MochiGoCAPI MochiGoCAPIShared
        ARCHIVE DESTINATION lib COMPONENT mochi-go
        LIBRARY DESTINATION lib COMPONENT mochi-go)
install(FILES ${MOCHIGO_INSTALL_FILES}/pkgconfig/mochi-go-c.pc
              ${MOCHIGO_INSTALL_FILES}/pkgconfig/mochi-go-c-shared.pc
        DESTINATION lib/pkgconfig COMPONENT mochi-go)

include(CMakePackageConfigHelpers)
file(WRITE ${MOCHIGO_INSTALL_FILES}/cmake/MochiGoConfig.cmake
"# find_package(MochiGo): the C API of mochi-go as imported targets.
#   MochiGo::mochi-go-c         static (libmochi-go-c.a and what it needs)
#   MochiGo::mochi-go-c-shared  shared (libmochi-go-c.so)
#   MochiGo_INGEST              the Go helper the driver runs
#   MochiGo_EXECUTABLE          the mochi-go command
include(\"\${CMAKE_CURRENT_LIST_DIR}/MochiGoTargets.cmake\")
set(MochiGo_INGEST \"\${_MOCHIGO_PREFIX}/libexec/mochi-go/mochi-go-ingest\")
set(MochiGo_EXECUTABLE \"\${_MOCHIGO_PREFIX}/bin/mochi-go\")
set(MochiGo_FOUND TRUE)
")
write_basic_package_version_file(
  ${MOCHIGO_INSTALL_FILES}/cmake/MochiGoConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${MOCHIGO_INSTALL_FILES}/cmake/MochiGoConfig.cmake
              ${MOCHIGO_INSTALL_FILES}/cmake/MochiGoConfigVersion.cmake
              ${MOCHIGO_INSTALL_FILES}/cmake/MochiGoTargets.cmake
        DESTINATION lib/cmake/MochiGo COMPONENT mochi-go)

# Headers: the C API and the C++ headers, with the ones generated from ODS.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/
        DESTINATION include COMPONENT mochi-go
        FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/
        DESTINATION include COMPONENT mochi-go
        FILES_MATCHING PATTERN "*.inc"
        PATTERN "GitDescribe.inc" EXCLUDE
        PATTERN "CMakeFiles" EXCLUDE)

install(FILES ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION share/doc/mochi-go COMPONENT mochi-go)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
        DESTINATION share/doc/mochi-go COMPONENT mochi-go)

# CPack: `cpack -G DEB` and `cpack -G TGZ` in the build directory.
set(CPACK_PACKAGE_NAME mochi-go)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "mochi-go")
set(CPACK_PACKAGE_CONTACT "mochi-go developers <mochi-go@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Go modules for Mochi programs: fetch, verify, bind and build")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_PACKAGE_FILE_NAME
    "mochi-go-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries the tools link (LLVM, MLIR, curl, OpenSSL, fmt,
# yaml-cpp), found by dpkg-shlibdeps; and the go command a sync runs.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "golang-go (>= 2:1.23~) | golang-1.23-go")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "pkg-config")
include(CPack)

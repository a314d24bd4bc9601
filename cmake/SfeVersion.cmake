# The version numbers, from one place: project(VERSION) is the release (semantic versioning), and
# SFE_ABI_VERSION the ABI of both doors, raised only when sfe.h, EvidencePlugin or HostServices, or
# the meaning of an operation's JSON, change incompatibly. From them CMake writes sfe/Version.h
# (which sfe_libversion(), the CLI's --version and the manifest report) and the package's version.
# CHANGELOG.md must have a section for this release as its newest; configuring fails otherwise, so
# a release cannot be built whose changelog says something else (tests/package checks the rest).
set(SFE_ABI_VERSION 1)
set(SFE_VERSION ${PROJECT_VERSION})
math(EXPR SFE_VERSION_NUMBER
     "${PROJECT_VERSION_MAJOR} * 1000000 + ${PROJECT_VERSION_MINOR} * 1000 + ${PROJECT_VERSION_PATCH}")

set(SFE_GENERATED_INCLUDE_DIR ${PROJECT_BINARY_DIR}/generated/include)
configure_file(${PROJECT_SOURCE_DIR}/plugin/include/sfe/Version.h.in
               ${SFE_GENERATED_INCLUDE_DIR}/sfe/Version.h @ONLY)
# Every target that includes sfe.h or the door's headers finds the generated Version.h beside them.
include_directories(${SFE_GENERATED_INCLUDE_DIR})

# The newest release in CHANGELOG.md: its first "## [X.Y.Z]" heading ("## [Unreleased]" is allowed
# above it while work goes on; the release's own heading must match project(VERSION)).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/CHANGELOG.md)
file(STRINGS ${PROJECT_SOURCE_DIR}/CHANGELOG.md SFE_CHANGELOG_RELEASES REGEX "^## \\[[0-9]+\\.[0-9]+\\.[0-9]+\\]")
list(GET SFE_CHANGELOG_RELEASES 0 SFE_CHANGELOG_NEWEST)
if(NOT SFE_CHANGELOG_NEWEST MATCHES "^## \\[([0-9.]+)\\]")
  message(FATAL_ERROR "CHANGELOG.md: no release heading \"## [X.Y.Z] - DATE\" found")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "CHANGELOG.md: its newest release is ${CMAKE_MATCH_1}, but project(VERSION) in "
                      "CMakeLists.txt is ${PROJECT_VERSION}; add a section \"## [${PROJECT_VERSION}] - DATE\"")
endif()

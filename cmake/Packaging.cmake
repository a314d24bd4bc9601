# The Debian package and the source tarball (CPack): `cmake --build build --target package` writes
# build/sfia-evidence_VERSION_ARCH.deb and build/sfia-evidence-VERSION-Source.tar.gz
# (`--target package_source` writes the tarball alone). Files go where Debian puts them
# (GNUInstallDirs with the prefix /usr, CMakeLists.txt):
#   /usr/bin/sfia-evidence                       the CLI (host/CMakeLists.txt)
#   /usr/lib/<multiarch>/sfia-evidence/          the plugin module and its manifest (plugin/CMakeLists.txt)
#   /usr/lib/<multiarch>/pkgconfig, .../cmake/   sfia-evidence.pc and find_package(SfiaEvidence)
#   /usr/include/sfe.h, /usr/include/sfe/        the C door and the C++ door's headers
#   /usr/share/sfia-evidence/                    schemas, definitions, the xAPI Profile, examples
#   /usr/share/man/man1/sfia-evidence.1.gz       from `sfia-evidence --help` and `--version` (help2man)
#   /usr/share/doc/sfia-evidence/                README, changelogs, copyright (SFIA's terms)
#   /lib/systemd/system/sfia-evidence-sync.service   the background sender, disabled by default
#   /etc/sfia-evidence/sync.properties           its configuration (a conffile; 0640, group sfia-evidence)
# tests/package checks the package (lintian) and installs it on a fresh Debian 12 root.

set(SFE_PACKAGING_DIR ${PROJECT_SOURCE_DIR}/packaging)
set(SFE_PACKAGE_STAGE ${PROJECT_BINARY_DIR}/packaging)
set(SFE_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/sfia-evidence)
set(SFE_DATA_DIR ${CMAKE_INSTALL_DATADIR}/sfia-evidence)
set(SFE_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/sfia-evidence)
set(SFE_CONFIG_DIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/sfia-evidence)
set(SFE_SERVICE_USER sfia-evidence)
get_target_property(SFE_PLUGIN_OUTPUT_NAME sfe_plugin OUTPUT_NAME)
set(SFE_PLUGIN_LIBRARY_FILE "${SFE_PLUGIN_OUTPUT_NAME}${CMAKE_SHARED_MODULE_SUFFIX}")

# --- What hosts build against -------------------------------------------------------------------------
set(SFE_PC_LIBS "")
if(CMAKE_DL_LIBS)
  set(SFE_PC_LIBS "-l${CMAKE_DL_LIBS}")
endif()
configure_file(${SFE_PACKAGING_DIR}/sfia-evidence.pc.in ${SFE_PACKAGE_STAGE}/sfia-evidence.pc @ONLY)
install(FILES ${SFE_PACKAGE_STAGE}/sfia-evidence.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

include(CMakePackageConfigHelpers)
set(SFE_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/SfiaEvidence)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/SfiaEvidenceConfig.cmake.in
                              ${SFE_PACKAGE_STAGE}/SfiaEvidenceConfig.cmake
                              INSTALL_DESTINATION ${SFE_CMAKE_INSTALL_DIR}
                              PATH_VARS CMAKE_INSTALL_INCLUDEDIR SFE_PLUGIN_INSTALL_DIR)
# 0.x: a minor release may break hosts (semantic versioning), so only the same X.Y is compatible.
write_basic_package_version_file(${SFE_PACKAGE_STAGE}/SfiaEvidenceConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${SFE_PACKAGE_STAGE}/SfiaEvidenceConfig.cmake ${SFE_PACKAGE_STAGE}/SfiaEvidenceConfigVersion.cmake
        DESTINATION ${SFE_CMAKE_INSTALL_DIR})

# --- Shared data: the examples (definitions and schemas: CMakeLists.txt; the xAPI Profile: xapi/) -------
install(FILES ${PROJECT_SOURCE_DIR}/examples/activities.tsv ${PROJECT_SOURCE_DIR}/examples/lms-events.jsonl
        DESTINATION ${SFE_DATA_DIR}/examples)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/examples/main-job.sh DESTINATION ${SFE_DATA_DIR}/examples)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/php-host DESTINATION ${SFE_DATA_DIR}/examples)

# --- The man page, from the CLI's own help ------------------------------------------------------------
find_program(SFE_HELP2MAN help2man)
find_program(SFE_GZIP gzip)
set(SFE_MAN_PAGE ${SFE_PACKAGE_STAGE}/sfia-evidence.1.gz)
if(SFE_SANITIZE OR SFE_FUZZ)
  # Sanitizer builds are for tests, never packaged; their CLI need not run at build time.
elseif(SFE_HELP2MAN AND SFE_GZIP)
  # help2man runs the built CLI (--help, --version: neither loads the plugin). gzip -n: no time
  # stamp, so the page is the same from build to build.
  add_custom_command(OUTPUT ${SFE_MAN_PAGE}
    COMMAND ${SFE_HELP2MAN} --no-info --no-discard-stderr --section 1
            --name "record and verify SFIA skill evidence through the sfia-evidence plugin"
            --include ${SFE_PACKAGING_DIR}/sfia-evidence.h2m
            --output ${SFE_PACKAGE_STAGE}/sfia-evidence.1 $<TARGET_FILE:sfia-evidence>
    COMMAND ${SFE_GZIP} -9nf ${SFE_PACKAGE_STAGE}/sfia-evidence.1
    DEPENDS sfia-evidence ${SFE_PACKAGING_DIR}/sfia-evidence.h2m
    COMMENT "Writing the man page sfia-evidence(1) with help2man"
    VERBATIM)
  add_custom_target(sfe_man_page ALL DEPENDS ${SFE_MAN_PAGE})
  install(FILES ${SFE_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man or gzip not found: the package will have no man page, which lintian and "
                  "tests/package refuse (bash packaging/install-deps.sh installs them)")
endif()

# --- Documentation: README, the changelogs, the copyright -----------------------------------------------
# The Debian changelog (changelog.gz of a native package) is made from CHANGELOG.md, one entry per
# release, so the two cannot disagree; CHANGELOG.md itself ships too.
set(SFE_PACKAGE_MAINTAINER "sfia-evidence maintainers <maintainers@sfia-evidence.invalid>")
add_custom_command(OUTPUT ${SFE_PACKAGE_STAGE}/changelog.gz ${SFE_PACKAGE_STAGE}/CHANGELOG.md.gz
                          ${SFE_PACKAGE_STAGE}/README.md.gz
  COMMAND ${CMAKE_COMMAND} -DCHANGELOG=${PROJECT_SOURCE_DIR}/CHANGELOG.md -DPACKAGE=sfia-evidence
          "-DMAINTAINER=${SFE_PACKAGE_MAINTAINER}" -DOUTPUT=${SFE_PACKAGE_STAGE}/changelog
          -P ${PROJECT_SOURCE_DIR}/cmake/SfeDebianChangelog.cmake
  COMMAND ${SFE_GZIP} -9nf ${SFE_PACKAGE_STAGE}/changelog
  COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${PROJECT_SOURCE_DIR}/README.md
          ${SFE_PACKAGE_STAGE}
  COMMAND ${SFE_GZIP} -9nf ${SFE_PACKAGE_STAGE}/CHANGELOG.md ${SFE_PACKAGE_STAGE}/README.md
  DEPENDS ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${PROJECT_SOURCE_DIR}/README.md
          ${PROJECT_SOURCE_DIR}/cmake/SfeDebianChangelog.cmake
  COMMENT "Writing the package's changelogs and README"
  VERBATIM)
add_custom_target(sfe_package_docs ALL DEPENDS ${SFE_PACKAGE_STAGE}/changelog.gz)
# What lintian reports and we accept, each with its reason.
install(FILES ${SFE_PACKAGING_DIR}/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME sfia-evidence)
install(FILES ${SFE_PACKAGE_STAGE}/changelog.gz ${SFE_PACKAGE_STAGE}/CHANGELOG.md.gz
              ${SFE_PACKAGE_STAGE}/README.md.gz ${SFE_PACKAGING_DIR}/copyright
        DESTINATION ${SFE_DOC_DIR})

# --- The background sender: a systemd unit, its configuration, its user -----------------------------------
configure_file(${SFE_PACKAGING_DIR}/sfia-evidence-sync.service.in ${SFE_PACKAGE_STAGE}/sfia-evidence-sync.service @ONLY)
# Debian 12 keeps units in /lib/systemd/system (lintian: systemd-service-file-outside-lib).
install(FILES ${SFE_PACKAGE_STAGE}/sfia-evidence-sync.service DESTINATION /lib/systemd/system)
# It holds the LRS password: root may write it, only the service's group (its user alone) may read it.
install(FILES ${SFE_PACKAGING_DIR}/sync.properties DESTINATION ${SFE_CONFIG_DIR}
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
foreach(script postinst prerm postrm conffiles)
  configure_file(${SFE_PACKAGING_DIR}/debian/${script}.in ${SFE_PACKAGE_STAGE}/debian/${script} @ONLY)
endforeach()

# --- CPack ---------------------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME sfia-evidence)
set(CPACK_PACKAGE_VENDOR "sfia-evidence")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${SFE_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "SFIA skill evidence plugin for learning-management systems")
# Lines under 80 columns and an empty line between paragraphs (lintian: extended-description-line-too-long).
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
  "sfia-evidence is a plugin that an HR or learning-management platform (LMS)"
  "loads as a shared library to turn an SFIA skill into tracked, auditable"
  "evidence: admins import skill definitions and map learning activities to"
  "levels; the LMS reports events that become evidence records and xAPI"
  "statements, delivered exactly once to a Learning Record Store; learners see"
  "their progress; auditors verify the evidence through a signed hash chain."
  ""
  "This package holds the plugin and its manifest, the sfia-evidence"
  "command-line host, the C and C++ headers with a pkg-config file and a CMake"
  "package for hosts, and the sfia-evidence-sync service (disabled by"
  "default). It ships the SFIA 9 skill CSMG in German; SFIA is (c) SFIA"
  "Foundation.")
set(CPACK_GENERATOR DEB)
# The package installs under /usr (CPack's default for DEB): the CLI must have been built for it,
# since it compiles in where the manifest is installed.
if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  message(WARNING "CMAKE_INSTALL_PREFIX is ${CMAKE_INSTALL_PREFIX}: the Debian package wants /usr "
                  "(configure a fresh build folder, or with -DCMAKE_INSTALL_PREFIX=/usr)")
endif()
set(CPACK_STRIP_FILES ON)               # debug info stays in the build; lintian: unstripped-binary
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # sfia-evidence_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://sfia-online.org")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends from the libraries the CLI and the plugin link
# adduser: postinst creates the service's system user.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
# Hosts build against the headers with these (the C++ door needs Poco's headers).
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pkg-config, libpoco-dev")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${SFE_PACKAGE_STAGE}/debian/postinst ${SFE_PACKAGE_STAGE}/debian/prerm
                                       ${SFE_PACKAGE_STAGE}/debian/postrm ${SFE_PACKAGE_STAGE}/debian/conffiles)
# The installed tree is Debian's: no /usr, /usr/lib... directories owned by this package alone.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                                WORLD_READ WORLD_EXECUTE)

set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME "sfia-evidence-${PROJECT_VERSION}-Source")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/Testing/" "/__pycache__/" "\\\\.pyc$" "/node_modules/" "~$")

# `--target package` writes the source tarball too, as the README says: after the .deb, cpack runs
# this script, which makes the tarball from CPackSourceConfig.cmake (`--target package_source`
# alone). The source configuration carries the same script; it does nothing there.
set(SFE_SOURCE_TOO ${CMAKE_BINARY_DIR}/sfe-package-source-too.cmake)
file(WRITE ${SFE_SOURCE_TOO}
     "if(NOT CPACK_GENERATOR STREQUAL \"DEB\")\n  return()\nendif()\n"
     "execute_process(COMMAND \"${CMAKE_CPACK_COMMAND}\" --config \"${CMAKE_BINARY_DIR}/CPackSourceConfig.cmake\"\n"
     "                WORKING_DIRECTORY \"${CMAKE_BINARY_DIR}\" RESULT_VARIABLE rc)\n"
     "if(rc)\n  message(FATAL_ERROR \"the source tarball: cpack --config CPackSourceConfig.cmake failed (\${rc})\")\nendif()\n")
set(CPACK_POST_BUILD_SCRIPTS ${SFE_SOURCE_TOO})

include(CPack)


# sfe-bench-pull: `pull` (statements read from Learning Locker's statement service and taken in as
# evidence) against a plain paged GET of the same statements in the same run. See README-pull.md.
# Also builds LrsBaseline.cpp, which bench/ingest uses for Learning Locker's POST rate.
# Included from bench/CMakeLists.txt.
add_executable(sfe-bench-pull ${CMAKE_CURRENT_LIST_DIR}/pull.cpp ${CMAKE_CURRENT_LIST_DIR}/LrsBaseline.cpp)
target_include_directories(sfe-bench-pull PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(sfe-bench-pull PRIVATE sfe_core)
target_compile_definitions(sfe-bench-pull PRIVATE SFE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                                   SFE_BUILD_TYPE="${CMAKE_BUILD_TYPE}")
sfe_warnings(sfe-bench-pull)

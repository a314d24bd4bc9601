# sfe-bench-progress: the latency of a learner's progress over 1M evidence records of 100k
# learners, against the plain indexed SQL query reading the same rows through raw sqlite3.
# See README-progress.md. Included from bench/CMakeLists.txt.
add_executable(sfe-bench-progress ${CMAKE_CURRENT_LIST_DIR}/progress.cpp ${CMAKE_CURRENT_LIST_DIR}/EventMix.cpp
                                  ${CMAKE_CURRENT_LIST_DIR}/ProgressPopulation.cpp
                                  ${CMAKE_CURRENT_LIST_DIR}/ProgressBaseline.cpp)
target_include_directories(sfe-bench-progress PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(sfe-bench-progress PRIVATE sfe_core SQLite::SQLite3)
target_compile_definitions(sfe-bench-progress PRIVATE SFE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                                       SFE_BUILD_TYPE="${CMAKE_BUILD_TYPE}")
sfe_warnings(sfe-bench-progress)

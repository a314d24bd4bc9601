# sfe-bench-drain: the outbox delivered to a fresh test LRS by the plugin's sender, against a minimal
# node client (drain-baseline.js) posting the same batches to another fresh LRS. See README-drain.md.
# Included from bench/CMakeLists.txt.
add_executable(sfe-bench-drain ${CMAKE_CURRENT_LIST_DIR}/drain.cpp ${CMAKE_CURRENT_LIST_DIR}/EventMix.cpp)
target_include_directories(sfe-bench-drain PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(sfe-bench-drain PRIVATE sfe_core SQLite::SQLite3)
target_compile_definitions(sfe-bench-drain PRIVATE SFE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                                    SFE_BUILD_TYPE="${CMAKE_BUILD_TYPE}")
sfe_warnings(sfe-bench-drain)

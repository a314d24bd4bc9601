# sfe_embed(TARGET target FILE path SYMBOL name)
# Compiles the file's bytes into the target as `extern const char name[]; extern const std::size_t name_size;`
# so the plugin carries its schemas and never has to find them on disk at run time.
function(sfe_embed)
  cmake_parse_arguments(E "" "TARGET;FILE;SYMBOL;NAMESPACE" "" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded/${E_SYMBOL}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${E_FILE} -DOUT=${out} -DSYMBOL=${E_SYMBOL} -DNS=${E_NAMESPACE}
            -P ${PROJECT_SOURCE_DIR}/cmake/SfeEmbedRun.cmake
    DEPENDS ${E_FILE} ${PROJECT_SOURCE_DIR}/cmake/SfeEmbedRun.cmake
    COMMENT "Embedding ${E_FILE}")
  target_sources(${E_TARGET} PRIVATE ${out})
endfunction()

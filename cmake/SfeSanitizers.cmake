# Sanitizer and fuzzer builds (.ci/hardening builds them; tests/fuzz/README.md says how to run them).
#
#   -DSFE_SANITIZE=address,undefined   ASan + UBSan on every target; a UBSan finding aborts (no recovery),
#                                      so it fails the test that met it
#   -DSFE_SANITIZE=thread              TSan on every target
#   -DSFE_FUZZ=ON                      (clang only) libFuzzer coverage on every target and the fuzz
#                                      targets of tests/fuzz; combine with SFE_SANITIZE=address,undefined
#
# Sets SFE_SANITIZER_RUNTIME to the shared sanitizer runtime: a host that is not built with the
# sanitizer (python, php) must LD_PRELOAD it before it can load the plugin (tests/CMakeLists.txt).
# With clang, ASan is linked as a shared library (-shared-libasan, as gcc does by default), so our
# executables and a preloaded interpreter use one and the same runtime: a child process of such an
# interpreter inherits LD_PRELOAD, and a second, static copy of the runtime would refuse to start.

set(SFE_SANITIZE "" CACHE STRING "Sanitizers for every target: address,undefined or thread (empty: none)")
option(SFE_FUZZ "Build the libFuzzer targets of tests/fuzz (clang only)" OFF)
set(SFE_SANITIZER_RUNTIME "")

if(SFE_SANITIZE)
  string(REPLACE "," ";" sfe_sanitizers "${SFE_SANITIZE}")
  foreach(s IN LISTS sfe_sanitizers)
    if(NOT s MATCHES "^(address|undefined|thread)$")
      message(FATAL_ERROR "SFE_SANITIZE: unknown sanitizer '${s}' (address, undefined, thread)")
    endif()
  endforeach()
  if("thread" IN_LIST sfe_sanitizers AND "address" IN_LIST sfe_sanitizers)
    message(FATAL_ERROR "SFE_SANITIZE: thread and address cannot be combined; build them separately")
  endif()

  add_compile_options(-fsanitize=${SFE_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${SFE_SANITIZE})
  if("undefined" IN_LIST sfe_sanitizers)
    add_compile_options(-fno-sanitize-recover=all)
  endif()
  # The defines let code and tests know (e.g. to skip timing assertions); nothing depends on them yet.
  add_compile_definitions(SFE_SANITIZE="${SFE_SANITIZE}")

  if("address" IN_LIST sfe_sanitizers)
    set(sfe_runtime_gcc libasan.so)
    set(sfe_runtime_clang libclang_rt.asan-x86_64.so)
  elseif("thread" IN_LIST sfe_sanitizers)
    set(sfe_runtime_gcc libtsan.so)
    set(sfe_runtime_clang libclang_rt.tsan-x86_64.so)
  else()
    set(sfe_runtime_gcc libubsan.so)
    set(sfe_runtime_clang libclang_rt.ubsan_standalone-x86_64.so)
  endif()
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(sfe_runtime_name ${sfe_runtime_clang})
  else()
    set(sfe_runtime_name ${sfe_runtime_gcc})
  endif()
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${sfe_runtime_name}
                  OUTPUT_VARIABLE SFE_SANITIZER_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT IS_ABSOLUTE "${SFE_SANITIZER_RUNTIME}" OR NOT EXISTS "${SFE_SANITIZER_RUNTIME}")
    message(FATAL_ERROR "SFE_SANITIZE=${SFE_SANITIZE}: the compiler has no ${sfe_runtime_name} "
                        "(for clang-14: apt-get install libclang-rt-14-dev)")
  endif()
  # gcc links its sanitizer runtimes as shared libraries already; clang only when told, and then
  # our binaries must find the runtime, which lives outside the loader's path.
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    get_filename_component(sfe_runtime_dir ${SFE_SANITIZER_RUNTIME} DIRECTORY)
    add_link_options(-shared-libsan -Wl,-rpath,${sfe_runtime_dir})
  endif()
  message(STATUS "Sanitizers: ${SFE_SANITIZE} (runtime ${SFE_SANITIZER_RUNTIME})")
endif()

if(SFE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SFE_FUZZ needs clang (libFuzzer): configure with -DCMAKE_C_COMPILER=clang-14 "
                        "-DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  # Coverage for libFuzzer in every library; the fuzz targets themselves link with -fsanitize=fuzzer.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

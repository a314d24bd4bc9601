# Warnings on for our own targets; the build must stay clean of them.
function(sfe_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Woverloaded-virtual -Wnull-dereference
                                           -Wimplicit-fallthrough)
endfunction()

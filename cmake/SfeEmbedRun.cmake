# Script half of sfe_embed(): writes IN as a byte array into OUT.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE ${OUT} "// Generated from ${IN} by SfeEmbedRun.cmake; do not edit.\n#include <cstddef>\nnamespace ${NS} {\nextern const char ${SYMBOL}[] = {${bytes} '\\0'};\nextern const std::size_t ${SYMBOL}_size = ${size};\n}\n")

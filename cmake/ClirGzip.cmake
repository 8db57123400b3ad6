# cmake -P script: gzip-compresses one file (-DCLIR_GZIP_INPUT=<file> -DCLIR_GZIP_OUTPUT=<file.gz>).
# Used for the WebAssembly engine that `clir run` embeds in report.html: the page decompresses it
# with the browser's own DecompressionStream, which makes the page about 3 MB smaller.
cmake_minimum_required(VERSION 3.25)
if(NOT CLIR_GZIP_INPUT OR NOT CLIR_GZIP_OUTPUT)
  message(FATAL_ERROR "ClirGzip.cmake needs -DCLIR_GZIP_INPUT and -DCLIR_GZIP_OUTPUT")
endif()
file(ARCHIVE_CREATE OUTPUT "${CLIR_GZIP_OUTPUT}" PATHS "${CLIR_GZIP_INPUT}" FORMAT raw COMPRESSION GZip
     COMPRESSION_LEVEL 9)

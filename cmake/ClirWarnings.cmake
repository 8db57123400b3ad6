# Warnings for clir's own targets. CI turns them into errors (CLIR_WERROR=ON).
function(clir_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
      # Options structs are filled with designated initializers that name only the members a
      # caller changes; GCC 12 warns about every member left to its default, so this is off.
      -Wno-missing-field-initializers)
    if(CLIR_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
    # Built for the host CPU (the bench preset's -march=native), GCC 12 reports false
    # maybe-uninitialized warnings inside Eigen's AVX-512 reductions (avx512fintrin.h). Only
    # there is that warning off; the release and dev builds, which CI uses, keep it.
    string(TOUPPER "${CMAKE_BUILD_TYPE}" _clir_config)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_clir_config}}" MATCHES "-march=native")
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
    if(CLIR_SANITIZE)
      target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
      target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
  endif()
endfunction()

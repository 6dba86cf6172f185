# CMake package configuration of libjeton, for find_package(jeton).
#
# Installed as <prefix>/lib/cmake/jeton/jetonConfig.cmake (scripts/c-tests.sh
# --install PREFIX does it), it finds the header and the libraries relative
# to its own location, so the installed tree can be moved.
#
#   find_package(jeton 0.1 REQUIRED)
#   target_link_libraries(server PRIVATE jeton::jeton)
#
# Targets:
#   jeton::shared  libjeton.so, when installed
#   jeton::static  libjeton.a, when installed, with the system libraries the
#                  Rust standard library needs
#   jeton::jeton   jeton::shared if installed (or if JETON_USE_STATIC is not
#                  set to ON), otherwise jeton::static
get_filename_component(_jeton_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(jeton_INCLUDE_DIR "${_jeton_prefix}/include")

if(NOT EXISTS "${jeton_INCLUDE_DIR}/jeton.h")
  set(jeton_FOUND FALSE)
  set(jeton_NOT_FOUND_MESSAGE "jeton.h not found under ${jeton_INCLUDE_DIR}")
  return()
endif()

if(EXISTS "${_jeton_prefix}/lib/libjeton.so" AND NOT TARGET jeton::shared)
  add_library(jeton::shared SHARED IMPORTED)
  set_target_properties(jeton::shared PROPERTIES
    IMPORTED_LOCATION "${_jeton_prefix}/lib/libjeton.so"
    INTERFACE_INCLUDE_DIRECTORIES "${jeton_INCLUDE_DIR}")
endif()

if(EXISTS "${_jeton_prefix}/lib/libjeton.a" AND NOT TARGET jeton::static)
  include(CMakeFindDependencyMacro)
  set(THREADS_PREFER_PTHREAD_FLAG ON)
  find_dependency(Threads)
  add_library(jeton::static STATIC IMPORTED)
  set_target_properties(jeton::static PROPERTIES
    IMPORTED_LOCATION "${_jeton_prefix}/lib/libjeton.a"
    INTERFACE_INCLUDE_DIRECTORIES "${jeton_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS};m")
endif()

if(NOT TARGET jeton::jeton)
  add_library(jeton::jeton INTERFACE IMPORTED)
  if(TARGET jeton::shared AND NOT JETON_USE_STATIC)
    set_target_properties(jeton::jeton PROPERTIES INTERFACE_LINK_LIBRARIES jeton::shared)
  elseif(TARGET jeton::static)
    set_target_properties(jeton::jeton PROPERTIES INTERFACE_LINK_LIBRARIES jeton::static)
  else()
    set(jeton_FOUND FALSE)
    set(jeton_NOT_FOUND_MESSAGE "neither libjeton.so nor libjeton.a under ${_jeton_prefix}/lib")
    return()
  endif()
endif()

set(jeton_FOUND TRUE)
unset(_jeton_prefix)

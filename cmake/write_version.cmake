# Writes version.cc with the commit of the source tree at build time (run by the spinefe_version
# target on every build), so the version line, run records and mesh/baseline cache keys name the
# commit the binary was built from, not the one CMake was configured at. "-dirty" marks a tree
# with uncommitted changes to tracked files. configure_file rewrites the file only when its
# content changes, so an unchanged commit recompiles nothing.
execute_process(COMMAND git -C ${SOURCE_DIR} rev-parse --short HEAD
  OUTPUT_VARIABLE SPINEFE_GIT_HASH OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT SPINEFE_GIT_HASH)
  set(SPINEFE_GIT_HASH "unknown")
else()
  execute_process(COMMAND git -C ${SOURCE_DIR} status --porcelain --untracked-files=no
    OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(changes)
    string(APPEND SPINEFE_GIT_HASH "-dirty")
  endif()
endif()
configure_file(${INPUT} ${OUTPUT} @ONLY)

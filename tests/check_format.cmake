# Fails if any tracked C++ source differs from its clang-format output (.clang-format at the root).
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
  ${SOURCE_DIR}/app/*.cc ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/core/*.cc ${SOURCE_DIR}/core/*.h
  ${SOURCE_DIR}/meshing/*.cc ${SOURCE_DIR}/meshing/*.h ${SOURCE_DIR}/materials/*.cc
  ${SOURCE_DIR}/materials/*.h ${SOURCE_DIR}/solver/*.cc ${SOURCE_DIR}/solver/*.h
  ${SOURCE_DIR}/mechanics/*.cc ${SOURCE_DIR}/mechanics/*.h ${SOURCE_DIR}/postprocess/*.cc
  ${SOURCE_DIR}/postprocess/*.h ${SOURCE_DIR}/study/*.cc ${SOURCE_DIR}/study/*.h ${SOURCE_DIR}/tests/*.cc
  ${SOURCE_DIR}/tests/*.h ${SOURCE_DIR}/bench/*.cc)
set(unformatted "")
foreach(source ${sources})
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${source}
                  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
  if(NOT status EQUAL 0)
    list(APPEND unformatted ${source})
  endif()
endforeach()
if(unformatted)
  message(FATAL_ERROR "not clang-formatted (run clang-format -i):\n${unformatted}")
endif()
list(LENGTH sources n)
message(STATUS "${n} files clang-formatted")

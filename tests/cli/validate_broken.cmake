# Breaks a copy of the mini tree and checks that `faro content validate`
# exits 1 and prints "path:line: message".
file(REMOVE_RECURSE ${WORK})
file(COPY ${SRC}/ DESTINATION ${WORK}/src)
file(READ ${WORK}/src/services/test.yaml yaml)
string(REPLACE "\"+19155550102\"" "\"555-0102\"" yaml "${yaml}")
file(WRITE ${WORK}/src/services/test.yaml "${yaml}")
execute_process(COMMAND ${FARO} content validate ${WORK}/src RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "expected exit 1, got ${rc}: ${err}")
endif()
if(NOT err MATCHES "services/test.yaml:[0-9]+: phone '555-0102' is not E.164")
  message(FATAL_ERROR "unexpected output: ${err}")
endif()
# A failed build writes nothing.
execute_process(COMMAND ${FARO} content build ${WORK}/src --out ${WORK}/out.db RESULT_VARIABLE rc2 ERROR_QUIET OUTPUT_QUIET)
if(NOT rc2 EQUAL 1 OR EXISTS ${WORK}/out.db)
  message(FATAL_ERROR "a failed build must exit 1 and write nothing (rc ${rc2})")
endif()

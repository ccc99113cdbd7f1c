# `faro-kiosk --coverage` as users run it: the demo content has no character
# without a glyph (exit 0); a tree with a private-use character reports it
# with where it occurs (exit 1); bad usage exits 2.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/demo-kiosk)
execute_process(COMMAND ${FARO} content build ${DEMO} --out ${WORK}/demo-kiosk/content.db
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the demo failed: ${err}")
endif()
execute_process(COMMAND ${KIOSK} --coverage --kiosk ${WORK}/demo-kiosk
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "" OR NOT err MATCHES "0 without a glyph")
  message(FATAL_ERROR "demo coverage (exit ${rc}):\n${out}\n${err}")
endif()
message(STATUS "${err}")

# A tree whose K'iche' article contains U+E000 (private use: no font has it).
file(COPY ${MINI}/ DESTINATION ${WORK}/broken)
string(ASCII 238 128 128 pua)  # U+E000 in UTF-8
file(APPEND ${WORK}/broken/articles/consulate/quc.md "\nK’iche’ ${pua} tzij.\n")
execute_process(COMMAND ${FARO} content build ${WORK}/broken --out ${WORK}/broken.db
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the broken tree failed: ${err}")
endif()
execute_process(COMMAND ${KIOSK} --coverage --db ${WORK}/broken.db
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT out MATCHES "U\\+E000 '.*' .*1 time, in: article consulate body \\[quc\\]")
  message(FATAL_ERROR "a missing glyph must be reported (exit ${rc}):\n${out}\n${err}")
endif()

execute_process(COMMAND ${KIOSK} --coverage --db ${WORK}/missing.db RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "missing.db")
  message(FATAL_ERROR "a missing database must fail with its name (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${KIOSK} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "usage")
  message(FATAL_ERROR "no arguments must print usage and exit 2 (exit ${rc}): ${err}")
endif()

# Staff mode's golden images: a kiosk directory (keys, `faro kiosk init`,
# the demo content as its release, one staff account) and
# golden/staff.script played with --golden against docs/screenshots.
# To accept a new rendering, look at WORK/*.png, then copy them over
# docs/screenshots/.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ARGV} failed (exit ${rc}): ${out}${err}")
  endif()
endfunction()
run(${FARO} keys init ${WORK}/keys)
run(${FARO} kiosk init ${WORK}/kiosk --root ${WORK}/keys/roots/1.root.json --center el-paso-sample)
run(${FARO} content build ${DEMO} --out ${WORK}/kiosk/content.db)
file(WRITE ${WORK}/pin "4821\n")
execute_process(COMMAND ${FARO} staff add ${WORK}/kiosk --id maria --name "María López"
                INPUT_FILE ${WORK}/pin RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "faro staff add failed (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x1024x24"
                        ${KIOSK} --kiosk ${WORK}/kiosk --size 1024x640 --time 1795626000 --content-date 2026-11-20
                        --script ${SCRIPT} --golden ${GOLDEN} --tolerance 40 --max-diff 0.00002
                WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the staff script failed or differs from ${GOLDEN} (exit ${rc}): ${err}")
endif()

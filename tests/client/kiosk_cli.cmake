# faro-kiosk as operators and scripts run it (under xvfb-run for the
# screenshot): --kiosk DIR reads DIR/content.db; errors name what is wrong;
# bad usage exits 2; a missing UI string or an unknown screen exits 1.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/kiosk)
execute_process(COMMAND ${FARO} content build ${DEMO} --out ${WORK}/kiosk/content.db
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the demo failed: ${err}")
endif()

# --kiosk DIR, a config file, and a screenshot.
file(WRITE ${WORK}/kiosk.toml "[kiosk]\ndir = \"${WORK}/kiosk\"\ncentre = \"santo-domingo-sample\"\nsize = \"800x600\"\n")
execute_process(COMMAND ${XVFB_RUN} -a ${KIOSK} --config ${WORK}/kiosk.toml --lang ht --screen emergency
                        --screenshot ${WORK}/ht-emergency.png
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${WORK}/ht-emergency.png)
  message(FATAL_ERROR "--config + --kiosk screenshot failed (exit ${rc}): ${err}")
endif()
file(READ ${WORK}/ht-emergency.png head LIMIT 24 HEX)
# PNG signature, then IHDR with width 800 (0x320) and height 600 (0x258).
if(NOT head MATCHES "^89504e470d0a1a0a0000000d494844520000032000000258")
  message(FATAL_ERROR "the screenshot is not an 800x600 PNG: ${head}")
endif()

execute_process(COMMAND ${KIOSK} --kiosk ${WORK}/nowhere --screen home --screenshot ${WORK}/x.png
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "nowhere/content.db")
  message(FATAL_ERROR "a missing kiosk directory must fail with its path (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${KIOSK} --kiosk ${WORK}/kiosk --screen nowhere --screenshot ${WORK}/x.png
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "unknown screen 'nowhere'")
  message(FATAL_ERROR "an unknown screen must fail and say so (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${KIOSK} --kiosk ${WORK}/kiosk --centre atlantis --screenshot ${WORK}/x.png
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "atlantis")
  message(FATAL_ERROR "an unknown centre must fail and say so (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${KIOSK} --kiosk ${WORK}/kiosk --size 10x10 RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "usage")
  message(FATAL_ERROR "a bad --size must print usage and exit 2 (exit ${rc}): ${err}")
endif()
file(WRITE ${WORK}/bad.toml "[kiosk]\nidle_timout = 5\n")
execute_process(COMMAND ${KIOSK} --config ${WORK}/bad.toml RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "bad.toml:2")
  message(FATAL_ERROR "a bad config file must name file and line (exit ${rc}): ${err}")
endif()

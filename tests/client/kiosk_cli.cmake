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

# --script: a visitor's tour through several screens, with screenshots.
file(WRITE ${WORK}/tour.script [=[
# home, a warning and its what-to-do, the directory, a service, a QR code, the idle dialog
tap lang.en
screenshot shots/home.png
tap home.safety
tap warning.signs-of-trafficking
expect article.get_help
screenshot shots/warning.png
tap nav.home
tap home.services
screenshot shots/directory.png
screen service:sd-legal-aid
tap service.phone.0
expect qr.close
screenshot shots/qr.png
tap qr.close
wait 95
expect idle.continue
screenshot shots/idle.png
tap idle.continue
lang es
tap nav.home
tap home.search
type abogado
key Backspace
screenshot shots/search-es.png
]=])
file(MAKE_DIRECTORY ${WORK}/shots)
execute_process(COMMAND ${XVFB_RUN} -a ${KIOSK} --kiosk ${WORK}/kiosk --centre santo-domingo-sample --size 800x600
                        --script ${WORK}/tour.script
                WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--script tour failed (exit ${rc}): ${err}")
endif()
foreach(shot home warning directory qr idle search-es)
  if(NOT EXISTS ${WORK}/shots/${shot}.png)
    message(FATAL_ERROR "--script did not write shots/${shot}.png")
  endif()
  file(READ ${WORK}/shots/${shot}.png head LIMIT 24 HEX)
  if(NOT head MATCHES "^89504e470d0a1a0a0000000d494844520000032000000258")
    message(FATAL_ERROR "shots/${shot}.png is not an 800x600 PNG: ${head}")
  endif()
endforeach()

# A widget that is not on the screen: FILE:LINE, what is missing, ids that are there; exit 1.
file(WRITE ${WORK}/bad.script "# bad\ntap lang.es\n\ntap home.nowhere\nscreenshot shots/never.png\n")
execute_process(COMMAND ${XVFB_RUN} -a ${KIOSK} --kiosk ${WORK}/kiosk --script ${WORK}/bad.script
                WORKING_DIRECTORY ${WORK} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "bad.script:4: no widget 'home.nowhere' on screen 'home'" OR
   NOT err MATCHES "home.rights" OR EXISTS ${WORK}/shots/never.png)
  message(FATAL_ERROR "a script tapping a missing widget must fail at FILE:LINE and list ids (exit ${rc}): ${err}")
endif()
# An unknown step fails before anything is drawn (no display needed).
file(WRITE ${WORK}/typo.script "tap lang.es\nclick home.rights\n")
execute_process(COMMAND ${KIOSK} --kiosk ${WORK}/kiosk --script ${WORK}/typo.script
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 1 OR NOT err MATCHES "typo.script:2: unknown step 'click'")
  message(FATAL_ERROR "an unknown script step must name FILE:LINE (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${KIOSK} --kiosk ${WORK}/kiosk --script ${WORK}/tour.script --screenshot x.png
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "--script takes its screenshots from the script, not --screenshot")
  message(FATAL_ERROR "--script with --screenshot must be a usage error (exit ${rc}): ${err}")
endif()

# bench_kiosk: the kiosk's figures (docs/kiosk.md#benchmark): start-up to the
# first frame, CPU per frame scrolling 20,000 services, resident memory.
if(TARGET faro_kiosk_app)
  add_executable(bench_kiosk ${CMAKE_CURRENT_SOURCE_DIR}/bench_kiosk.cpp)
  target_link_libraries(bench_kiosk PRIVATE faro_kiosk_app faro_content)
  # The real program's peak memory is measured by running it (with a display).
  target_compile_definitions(bench_kiosk PRIVATE FARO_KIOSK_EXE="$<TARGET_FILE:faro-kiosk>")
  add_dependencies(bench_kiosk faro-kiosk)
endif()

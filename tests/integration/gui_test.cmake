# Driver for the GUI tests registered in gui.cmake (cmake -P, so each test is one command with
# several checks). Inputs: MODE (screenshot | demo | no_display | arguments), APP, and for
# screenshot and demo PNG_CHECK, XVFB_RUN, WORK_DIR.

function(expect_exit code expected what)
  if(NOT code STREQUAL expected)
    message(FATAL_ERROR "${what}: exit code ${code}, expected ${expected}")
  endif()
endfunction()

if(MODE STREQUAL "screenshot")
  file(REMOVE_RECURSE ${WORK_DIR})
  file(MAKE_DIRECTORY ${WORK_DIR})
  set(png ${WORK_DIR}/data-panel.png)
  # Keep the test away from the user's cache and settings.
  set(ENV{XDG_CACHE_HOME} ${WORK_DIR}/cache)
  set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --frames 60 --screenshot ${png}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens under xvfb-run")
  if(NOT EXISTS ${png})
    message(FATAL_ERROR "no screenshot at ${png}")
  endif()
  if(EXISTS ${png}.tmp)
    message(FATAL_ERROR "temporary file ${png}.tmp left behind")
  endif()
  if(err MATCHES "could not load")
    message(FATAL_ERROR "the synthetic data set did not load")
  endif()
  # The Data panel's first-use place: left 46 % of the window, below the menu bar.
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.02 0.08 0.44 0.90 20
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check")

elseif(MODE STREQUAL "demo")
  file(REMOVE_RECURSE ${WORK_DIR})
  file(MAKE_DIRECTORY ${WORK_DIR})
  set(png ${WORK_DIR}/cockpit.png)
  set(ENV{XDG_CACHE_HOME} ${WORK_DIR}/cache)
  set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --demo --frames 300 --screenshot ${png}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 270)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens --demo under xvfb-run")
  if(NOT EXISTS ${png})
    message(FATAL_ERROR "no screenshot at ${png}")
  endif()
  if(EXISTS ${png}.tmp)
    message(FATAL_ERROR "temporary file ${png}.tmp left behind")
  endif()
  # The app reports the run it shot: "latentlens: training #1 tensor z=8 · …, N epochs done".
  if(NOT out MATCHES "training #1 tensor z=8[^\n]*, ([0-9]+) epochs done")
    message(FATAL_ERROR "the demo did not report a tensor z=8 run")
  endif()
  if(CMAKE_MATCH_1 LESS 5)
    message(FATAL_ERROR "the demo shot after ${CMAKE_MATCH_1} epochs; expected at least 5")
  endif()
  # Scripted runs keep nothing: no settings or run list in the data directory.
  if(EXISTS ${WORK_DIR}/data/latentlens/runs.json OR EXISTS ${WORK_DIR}/data/latentlens/settings.json)
    message(FATAL_ERROR "a scripted run wrote runs.json or settings.json")
  endif()
  # The Curves panel's first-use place: the right 60 % of the window, below the menu bar.
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.43 0.10 0.98 0.92 40
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the Curves area")

elseif(MODE STREQUAL "no_display")
  unset(ENV{DISPLAY})
  unset(ENV{WAYLAND_DISPLAY})
  execute_process(COMMAND ${APP} --frames 1 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
  expect_exit("${rc}" 1 "latentlens without DISPLAY")
  set(expected "latentlens: no display (DISPLAY is not set); run under xvfb-run -a, or use latentlens-cli\n")
  if(NOT err STREQUAL expected)
    message(FATAL_ERROR "stderr was:\n${err}\nexpected exactly one line:\n${expected}")
  endif()

elseif(MODE STREQUAL "arguments")
  foreach(bad "--frames;abc" "--frames;0" "--width;10" "--bogus" "--data")
    execute_process(COMMAND ${APP} ${bad} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 30)
    expect_exit("${rc}" 2 "latentlens ${bad}")
    if(NOT err MATCHES "^latentlens: .*\\(see --help\\)\n$")
      message(FATAL_ERROR "latentlens ${bad}: expected a one-line usage error, got:\n${err}")
    endif()
  endforeach()
  execute_process(COMMAND ${APP} --help RESULT_VARIABLE rc OUTPUT_VARIABLE out TIMEOUT 30)
  expect_exit("${rc}" 0 "latentlens --help")
  if(NOT out MATCHES "--screenshot FILE" OR NOT out MATCHES "--frames N")
    message(FATAL_ERROR "--help does not describe --screenshot and --frames:\n${out}")
  endif()
  execute_process(COMMAND ${APP} --version RESULT_VARIABLE rc OUTPUT_VARIABLE out TIMEOUT 30)
  expect_exit("${rc}" 0 "latentlens --version")
  if(NOT out MATCHES "^latentlens [0-9]+\\.[0-9]+\\.[0-9]+")
    message(FATAL_ERROR "unexpected --version output: ${out}")
  endif()

else()
  message(FATAL_ERROR "gui_test.cmake: unknown MODE '${MODE}'")
endif()

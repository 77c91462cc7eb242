# GUI end-to-end tests, included from tests/integration/CMakeLists.txt:
#   gui_screenshot   the app renders 60 frames under Xvfb and saves a PNG; png_check then asserts
#                    its exact size, many colours, and a non-uniform Data panel area
#   gui_demo         --demo trains tensor z=8 while rendering 300 frames; the run must reach 5
#                    epochs and png_check asserts a non-uniform Curves area (live curves)
#   gui_open_dialog  --open-dialog shows File → Open… over the fixtures folder; png_check asserts
#                    a non-uniform listing area (entries, data set marks); then --open-factors
#                    previews a Spark ALS folder the test writes, png_check asserts the preview
#   gui_explore      --demo --view explore: after 5 epochs the demo selects a film, runs k-means
#                    and folds in a user; the app reports each, png_check asserts a non-uniform
#                    Projection area (our point shaders drew the cloud); no temporary file is
#                    needed to hand the live model to the cluster profiles; then --view compare
#                    trains mf at three z, and the app reports the Compare panel's lists and
#                    cluster favourites across the runs; --view select ends the tour on a lasso
#                    selection and the app reports its films and summary; --view trust lays the
#                    films out by UMAP and reports its trust beside PCA's; --view tsne, axes,
#                    views, spread and replay report a finished t-SNE, custom axes, a restored saved
#                    view, bfm's posterior spread (wider for rare films) and a replay with the path,
#                    its frames exported as PNGs
#   gui_experiments  --demo --view experiments: a small Table I-shaped sweep runs in the background;
#                    the app reports its rows and runs, png_check asserts a non-uniform table area;
#                    then --view experiments-fig3 runs a small Fig. 3 (an MLP learning a dot
#                    product) and png_check asserts a non-uniform figure area
#   gui_tune         --demo --view tune: the Training panel's Tune runs 54 configurations of mf;
#                    the app reports the best, png_check asserts a non-uniform table area
#   gui_bad_data     --demo on data that cannot load ends at once and names the problem
#   gui_no_display   without DISPLAY the app exits 1 with one line pointing to xvfb-run / the CLI
#   gui_arguments    bad arguments exit 2; --help and --version exit 0
if(TARGET latentlens)
  add_executable(png_check ${CMAKE_CURRENT_LIST_DIR}/png_check.cpp)
  target_link_libraries(png_check PRIVATE latentlens::stb latentlens_warnings)

  find_program(LATENTLENS_XVFB_RUN xvfb-run)
  if(LATENTLENS_XVFB_RUN)
    add_test(NAME gui_screenshot
      COMMAND ${CMAKE_COMMAND}
        -DMODE=screenshot
        -DAPP=$<TARGET_FILE:latentlens>
        -DPNG_CHECK=$<TARGET_FILE:png_check>
        -DXVFB_RUN=${LATENTLENS_XVFB_RUN}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/gui_screenshot
        -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
    set_tests_properties(gui_screenshot PROPERTIES TIMEOUT 180 LABELS "gui")
    add_test(NAME gui_demo
      COMMAND ${CMAKE_COMMAND}
        -DMODE=demo
        -DAPP=$<TARGET_FILE:latentlens>
        -DPNG_CHECK=$<TARGET_FILE:png_check>
        -DXVFB_RUN=${LATENTLENS_XVFB_RUN}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/gui_demo
        -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
    set_tests_properties(gui_demo PROPERTIES TIMEOUT 300 LABELS "gui")
    add_test(NAME gui_explore
      COMMAND ${CMAKE_COMMAND}
        -DMODE=explore
        -DAPP=$<TARGET_FILE:latentlens>
        -DPNG_CHECK=$<TARGET_FILE:png_check>
        -DXVFB_RUN=${LATENTLENS_XVFB_RUN}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/gui_explore
        -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
    set_tests_properties(gui_explore PROPERTIES TIMEOUT 420 LABELS "gui")
    add_test(NAME gui_tune
      COMMAND ${CMAKE_COMMAND}
        -DMODE=tune
        -DAPP=$<TARGET_FILE:latentlens>
        -DPNG_CHECK=$<TARGET_FILE:png_check>
        -DXVFB_RUN=${LATENTLENS_XVFB_RUN}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/gui_tune
        -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
    set_tests_properties(gui_tune PROPERTIES TIMEOUT 300 LABELS "gui")
    add_test(NAME gui_experiments
      COMMAND ${CMAKE_COMMAND}
        -DMODE=experiments
        -DAPP=$<TARGET_FILE:latentlens>
        -DPNG_CHECK=$<TARGET_FILE:png_check>
        -DXVFB_RUN=${LATENTLENS_XVFB_RUN}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/gui_experiments
        -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
    set_tests_properties(gui_experiments PROPERTIES TIMEOUT 300 LABELS "gui")
    add_test(NAME gui_open_dialog
      COMMAND ${CMAKE_COMMAND}
        -DMODE=open_dialog
        -DAPP=$<TARGET_FILE:latentlens>
        -DPNG_CHECK=$<TARGET_FILE:png_check>
        -DXVFB_RUN=${LATENTLENS_XVFB_RUN}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/gui_open_dialog
        -DFIXTURES_DIR=${PROJECT_SOURCE_DIR}/tests/fixtures
        -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
    set_tests_properties(gui_open_dialog PROPERTIES TIMEOUT 180 LABELS "gui")
    add_test(NAME gui_bad_data
      COMMAND ${CMAKE_COMMAND}
        -DMODE=bad_data
        -DAPP=$<TARGET_FILE:latentlens>
        -DXVFB_RUN=${LATENTLENS_XVFB_RUN}
        -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/gui_bad_data
        -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
    set_tests_properties(gui_bad_data PROPERTIES TIMEOUT 60 LABELS "gui")
  else()
    message(STATUS "xvfb-run not found: skipping the GUI screenshot tests (scripts/bootstrap installs xvfb)")
  endif()

  add_test(NAME gui_no_display
    COMMAND ${CMAKE_COMMAND} -DMODE=no_display -DAPP=$<TARGET_FILE:latentlens>
      -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
  add_test(NAME gui_arguments
    COMMAND ${CMAKE_COMMAND} -DMODE=arguments -DAPP=$<TARGET_FILE:latentlens>
      -P ${CMAKE_CURRENT_LIST_DIR}/gui_test.cmake)
  set_tests_properties(gui_no_display gui_arguments PROPERTIES TIMEOUT 60 LABELS "gui")
endif()

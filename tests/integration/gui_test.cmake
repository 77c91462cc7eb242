# Driver for the GUI tests registered in gui.cmake (cmake -P, so each test is one command with
# several checks). Inputs: MODE (screenshot | demo | explore | experiments | tune | open_dialog | no_display |
# arguments), APP, and for
# screenshot, demo, explore, experiments, tune and open_dialog PNG_CHECK, XVFB_RUN, WORK_DIR (open_dialog also FIXTURES_DIR).

function(expect_exit code expected what)
  if(NOT code STREQUAL expected)
    message(FATAL_ERROR "${what}: exit code ${code}, expected ${expected}")
  endif()
endfunction()

# Runs `latentlens --demo --view VIEW` to a screenshot at PNG under xvfb-run, expects exit 0, and
# sets OUT_VAR to what the app printed.
function(run_demo_view view png out_var)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --demo --view ${view} --frames 60 --screenshot ${png}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 270)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens --demo --view ${view} under xvfb-run")
  set(${out_var} "${out}" PARENT_SCOPE)
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

elseif(MODE STREQUAL "open_dialog")
  file(REMOVE_RECURSE ${WORK_DIR})
  file(MAKE_DIRECTORY ${WORK_DIR})
  set(png ${WORK_DIR}/open-dialog.png)
  set(ENV{XDG_CACHE_HOME} ${WORK_DIR}/cache)
  set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
  # The dialog starts in the working directory: the fixtures, with data set folders to mark.
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --open-dialog --frames 30 --screenshot ${png}
    WORKING_DIRECTORY ${FIXTURES_DIR}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens --open-dialog under xvfb-run")
  if(NOT EXISTS ${png})
    message(FATAL_ERROR "no screenshot at ${png}")
  endif()
  # Scripted runs keep nothing, the recent list included.
  if(EXISTS ${WORK_DIR}/data/latentlens/recent.json OR EXISTS ${WORK_DIR}/data/latentlens/view.json)
    message(FATAL_ERROR "a scripted run wrote recent.json or view.json")
  endif()
  # The dialog's listing: centred, right of the Built in / Recent column.
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.36 0.20 0.85 0.48 20
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the Open dialog's listing")
  # File → Open factors… previews a Spark ALS folder (JSON lines) against the ml-100k fixture:
  # its 4 users and 8 movies, rank 2 (no metadata/: it is optional); the preview lines sit under the path field.
  set(als ${WORK_DIR}/als)
  file(WRITE ${als}/userFactors/part-00000.json
    "{\"id\":1,\"features\":[0.5,1.0]}\n{\"id\":2,\"features\":[1.5,-0.5]}\n{\"id\":3,\"features\":[0.1,0.2]}\n{\"id\":4,\"features\":[-1.0,0.3]}\n")
  set(items "")
  foreach(movie 1 2 3 4 5 6 8 9)
    string(APPEND items "{\"id\":${movie},\"features\":[0.${movie},-0.${movie}]}\n")
  endforeach()
  file(WRITE ${als}/itemFactors/part-00000.json "${items}")
  set(png ${WORK_DIR}/open-factors.png)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --data ${FIXTURES_DIR}/ml-100k --open-factors ${als} --frames 30 --screenshot ${png}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 150)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens --open-factors under xvfb-run")
  if(NOT out MATCHES "factors preview: spark-als: 4 user rows and 8 movie rows of dimension 2")
    message(FATAL_ERROR "the Open factors preview did not describe the folder")
  endif()
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.26 0.56 0.74 0.62 10
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the Open factors preview")

elseif(MODE STREQUAL "explore")
  file(REMOVE_RECURSE ${WORK_DIR})
  file(MAKE_DIRECTORY ${WORK_DIR})
  set(png ${WORK_DIR}/explore.png)
  set(ENV{XDG_CACHE_HOME} ${WORK_DIR}/cache)
  set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
  # The cluster profiles need the live model: the run hands it over in memory. TMPDIR names a
  # file, so any detour through a temporary file fails (even as root) and the profiles go missing.
  set(no_temp_dir ${WORK_DIR}/not-a-folder)
  file(WRITE ${no_temp_dir} "")
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" env TMPDIR=${no_temp_dir} ${APP} --demo --view explore --frames 120 --screenshot ${png}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 270)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens --demo --view explore under xvfb-run")
  if(NOT EXISTS ${png})
    message(FATAL_ERROR "no screenshot at ${png}")
  endif()
  # The app reports what the Explore panels showed: "latentlens: explore: 1682 points, film …,
  # 20 clusters (profiles), fold-in of 5 ratings → 10 films".
  if(NOT out MATCHES "explore: ([0-9]+) points, film [^\n]+, ([0-9]+) clusters \\(profiles\\), fold-in of 5 ratings")
    message(FATAL_ERROR "the demo did not walk through projection, neighbours, clusters and fold-in")
  endif()
  if(CMAKE_MATCH_1 LESS 1000 OR NOT CMAKE_MATCH_2 EQUAL 20)
    message(FATAL_ERROR "expected every movie drawn and k = 20, got ${CMAKE_MATCH_1} points, ${CMAKE_MATCH_2} clusters")
  endif()
  # The Projection panel's first-use place: the left 56 % of the window, top 64 %, below its toolbar.
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.03 0.17 0.53 0.58 30
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the Projection area")

  # --view select: the tour ends on a scripted lasso over the comet's middle, isolated, and the
  # Selection panel's summary of the films inside it.
  set(png ${WORK_DIR}/select.png)
  run_demo_view(select ${png} out)
  if(NOT out MATCHES "selection: ([0-9]+) films \\(isolated\\), mean rating [0-9.]+, ([0-9]+) genres over-represented")
    message(FATAL_ERROR "the app did not report the lasso's selection and its summary")
  endif()
  if(CMAKE_MATCH_1 LESS 20 OR CMAKE_MATCH_1 GREATER 1600)
    message(FATAL_ERROR "the lasso over the middle of the comet selected ${CMAKE_MATCH_1} of 1682 films")
  endif()

  # --view trust: PCA's trust, then UMAP drawn epoch by epoch to its end, then its trust: the
  # status line compares the two layouts (UMAP keeps more of each film's neighbours).
  set(png ${WORK_DIR}/trust.png)
  run_demo_view(trust ${png} out)
  if(NOT out MATCHES "layout: UMAP of 1682 films at epoch ([0-9]+) of ([0-9]+) \\(shown\\); trust@10: PCA 2D ([0-9.]+) · UMAP ([0-9.]+)")
    message(FATAL_ERROR "the app did not report the UMAP layout and the trust of both layouts")
  endif()
  if(NOT CMAKE_MATCH_1 EQUAL CMAKE_MATCH_2 OR CMAKE_MATCH_4 LESS CMAKE_MATCH_3)
    message(FATAL_ERROR "UMAP stopped at epoch ${CMAKE_MATCH_1} of ${CMAKE_MATCH_2}, or kept fewer neighbours (${CMAKE_MATCH_4}) than PCA (${CMAKE_MATCH_3})")
  endif()

  # --view tsne: t-SNE drawn as it forms, to its last iteration; --view replay: the run's epochs
  # aligned on the live axes, shown half-way with the picked film's path so far.
  run_demo_view(tsne ${WORK_DIR}/tsne.png out)
  if(NOT out MATCHES "layout: t-SNE of 1682 films at epoch ([0-9]+) of ([0-9]+) \\(shown\\)" OR NOT CMAKE_MATCH_1 EQUAL CMAKE_MATCH_2)
    message(FATAL_ERROR "the app did not report a finished t-SNE layout")
  endif()
  run_demo_view(axes ${WORK_DIR}/axes.png out)
  if(NOT out MATCHES "layout: axes of 1682 films at epoch 1 of 1 \\(shown\\)")
    message(FATAL_ERROR "the app did not report the custom axes layout")
  endif()
  # --view views: the UMAP with a picked film and its neighbours saved, the comet shown, the view
  # restored: its layout as saved (nothing recomputed) and its selection back.
  run_demo_view(views ${WORK_DIR}/views.png out)
  if(NOT out MATCHES "views: 1 saved; shown: UMAP with 11 selected, no layout computing")
    message(FATAL_ERROR "the app did not report the restored view")
  endif()
  # --view spread: bfm past its burn-in, each film's posterior spread on the PCA axes; the rarely
  # rated films (the comet's tail) are the uncertain ones.
  run_demo_view(spread ${WORK_DIR}/spread.png out)
  if(NOT out MATCHES "spread along PC1: median ([0-9.]+) for films with < 100 ratings, ([0-9.]+) with ≥ 100")
    message(FATAL_ERROR "the app did not report the films' posterior spread")
  endif()
  if(NOT CMAKE_MATCH_1 GREATER CMAKE_MATCH_2)
    message(FATAL_ERROR "rarely rated films are not the more uncertain: ${CMAKE_MATCH_1} against ${CMAKE_MATCH_2}")
  endif()
  run_demo_view(replay ${WORK_DIR}/replay.png out)
  if(NOT out MATCHES "replay: ([0-9]+) frames \\(epochs 0 to ([0-9]+)\\), showing epoch [0-9]+, the picked film's path through ([0-9]+) of them")
    message(FATAL_ERROR "the app did not report the replay")
  endif()
  if(CMAKE_MATCH_1 LESS 3 OR CMAKE_MATCH_3 LESS 2)
    message(FATAL_ERROR "a replay of ${CMAKE_MATCH_1} frames with a path of ${CMAKE_MATCH_3} points")
  endif()
  # Every frame exported as a PNG beside the screenshot, and each a real picture.
  set(replay_frames ${CMAKE_MATCH_1})
  file(GLOB exported ${WORK_DIR}/replay-frames/epoch-*.png)
  list(LENGTH exported exported_count)
  if(NOT out MATCHES "replay export: ${replay_frames} frames → " OR NOT exported_count EQUAL replay_frames)
    message(FATAL_ERROR "the replay's ${replay_frames} frames were not exported (${exported_count} PNGs found)")
  endif()
  # A frame is the projection's region (its size follows the panel): a drawn cloud, legend and
  # labels compress far worse than an empty picture of that size.
  foreach(png IN LISTS exported)
    file(SIZE ${png} bytes)
    if(bytes LESS 8000)
      message(FATAL_ERROR "the exported frame ${png} is ${bytes} bytes: nothing drawn?")
    endif()
  endforeach()

  # --view compare: mf at z = 3, 10 and 64, their neighbour lists of the most rated film side by
  # side, and the largest cluster's favourites under each.
  set(png ${WORK_DIR}/compare.png)
  run_demo_view(compare ${png} out)
  if(NOT out MATCHES "compare: 3 runs, film [^\n]+, lists of 10, [0-9]+ in every list; cluster [0-9]+ across 3 runs")
    message(FATAL_ERROR "the app did not report the Compare panel's lists and cluster")
  endif()
  # The Compare panel's first-use place: the right half of the window.
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.46 0.08 0.98 0.60 20
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the Compare area")

elseif(MODE STREQUAL "experiments")
  file(REMOVE_RECURSE ${WORK_DIR})
  file(MAKE_DIRECTORY ${WORK_DIR})
  set(png ${WORK_DIR}/experiments.png)
  set(ENV{XDG_CACHE_HOME} ${WORK_DIR}/cache)
  set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --demo --view experiments --frames 60 --screenshot ${png}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 270)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens --demo --view experiments under xvfb-run")
  if(NOT EXISTS ${png})
    message(FATAL_ERROR "no screenshot at ${png}")
  endif()
  # The demo grid: user-bias and linear once, mf, add and tensor at z = 2, 4, 8, 16; 3 folds each.
  if(NOT out MATCHES "experiments: ([0-9]+) rows, ([0-9]+) runs")
    message(FATAL_ERROR "the app did not report the Experiments panel's results")
  endif()
  if(NOT CMAKE_MATCH_1 EQUAL 14 OR NOT CMAKE_MATCH_2 EQUAL 42)
    message(FATAL_ERROR "expected 14 rows from 42 runs, got ${CMAKE_MATCH_1} rows from ${CMAKE_MATCH_2} runs")
  endif()
  # Every row faces the best one, which is an mf row by far (the factor model beats the rest).
  if(NOT out MATCHES "best mf z=[0-9]+ on rmse, [0-9]+ rows not distinguishable from it")
    message(FATAL_ERROR "the app did not report the rows' comparison with the best row")
  endif()
  # The results table under the form, and the two figures under it.
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.02 0.30 0.98 0.56 30
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the results table")
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.04 0.68 0.49 0.92 20
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the PDC figure")
  # --view experiments-fig3: Rendle et al. 2020 Fig. 3 (an MLP learning a dot product); the demo's
  # small run is d = 4, 8 × h = d/2, d, 2d × M = 100…800, one repeat of 10 epochs.
  set(png ${WORK_DIR}/fig3.png)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --demo --view experiments-fig3 --frames 30 --screenshot ${png}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 200)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens --demo --view experiments-fig3 under xvfb-run")
  if(NOT out MATCHES "experiments: fig3, 24 points")
    message(FATAL_ERROR "the app did not report fig3's 24 points (2 d × 3 h × 4 M)")
  endif()
  # The figure: the lower half of the window.
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.04 0.60 0.96 0.92 20
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the fig3 figure")

elseif(MODE STREQUAL "tune")
  # --demo --view tune: the Training panel's Tune runs two brackets of mf in the background; the
  # screenshot waits for it and shows the table, scrolled into view.
  file(REMOVE_RECURSE ${WORK_DIR})
  file(MAKE_DIRECTORY ${WORK_DIR})
  set(png ${WORK_DIR}/tune.png)
  set(ENV{XDG_CACHE_HOME} ${WORK_DIR}/cache)
  set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
  execute_process(
    COMMAND ${XVFB_RUN} -a -s "-screen 0 1600x1000x24" ${APP} --demo --view tune --frames 60 --screenshot ${png}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 270)
  message("${out}${err}")
  expect_exit("${rc}" 0 "latentlens --demo --view tune under xvfb-run")
  if(NOT out MATCHES "tune: 54 configurations, best trial [0-9]+ \\(sgd lr [0-9.e-]+ λ [0-9.e-]+ batch 1 z [0-9]+\\), validation RMSE 0\\.[0-9]+")
    message(FATAL_ERROR "the app did not report the tune's 54 configurations and its best")
  endif()
  # The table in the Training panel (left column, lower part).
  execute_process(
    COMMAND ${PNG_CHECK} ${png} 1280 800 50 0.02 0.62 0.38 0.94 20
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  expect_exit("${rc}" 0 "png_check of the tune table")

elseif(MODE STREQUAL "bad_data")
  # A scripted demo on data that cannot load ends promptly (no waiting for epochs that never
  # come) and says why.
  file(REMOVE_RECURSE ${WORK_DIR})
  file(MAKE_DIRECTORY ${WORK_DIR}/cache)
  set(ENV{XDG_CACHE_HOME} ${WORK_DIR}/cache)
  set(ENV{XDG_DATA_HOME} ${WORK_DIR}/data)
  execute_process(
    COMMAND ${XVFB_RUN} -a ${APP} --data synthetic:users=100,movies=50,ratings=30 --view explore --demo --frames 30
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 50)
  expect_exit("${rc}" 0 "latentlens --demo on bad data")
  if(NOT err MATCHES "could not load synthetic:users=100,movies=50,ratings=30: .*expected at least 20 ratings per user")
    message(FATAL_ERROR "stderr was:\n${err}\nexpected the load error")
  endif()

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
  foreach(bad "--frames;abc" "--frames;0" "--width;10" "--bogus" "--data" "--view;nowhere" "--ui-scale;9" "--ui-scale;x")
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

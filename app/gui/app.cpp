#include "app/gui/app.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <glad/gl.h>

#include <imgui.h>

#include <chrono>
#include <cstdio>

#include "app/gui/render/screenshot.h"
#include "app/gui/widgets/app_identity.h"
#include "app/gui/widgets/keyboard_help.h"
#include "app/gui/widgets/status_bar.h"
#include "core/experiment/experiment_presets.h"

namespace ll::gui {
namespace {

using Clock = std::chrono::steady_clock;

double millisecondsBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

constexpr double kIdleWaitSeconds = 0.5;      // idle: wake at least this often (clock, status)
constexpr double kFramePeriodSeconds = 1.0 / 60.0;  // cap for animated frames where vsync is absent
constexpr double kScriptedLoadTimeoutSeconds = 600.0;  // scripted runs shoot anyway after this
constexpr int kSettleFrames = 3;              // auto-sized windows need two frames to lay out
constexpr double kTrainingFramePeriodSeconds = 1.0 / 30.0;  // while training: enough for a progress bar
constexpr double kDemoTimeoutSeconds = 180.0;  // scripted demo runs shoot anyway after this

std::string windowTitleFor(const DatasetState& state) {
  if (state.phase == DatasetState::Phase::Ready) return "LatentLens — " + state.dataset->source;
  if (state.phase == DatasetState::Phase::Failed) return "LatentLens — could not load " + state.spec;
  return "LatentLens";
}

}  // namespace

App::App(Window& window, AppConfig config)
    : window_(window),
      config_(std::move(config)),
      scale_(window.contentScale()),
      imgui_(window, config_.iniPath),
      loader_([this](const DatasetState& state) {
        // Worker thread: no GLFW window calls here; hand the title to the UI thread and wake it.
        queue_.post([this, title = windowTitleFor(state)] { window_.setTitle(title); });
        glfwPostEmptyEvent();
      }),
      settings_(loadTrainingSettings(dataFile(config_.dataDirectory, "settings.json"))),
      runs_(dataFile(config_.dataDirectory, "runs.json")),
      explore_(makeGlPointCloudRenderer(),
               [this](TrainingSession::ModelHandOver done) {
                 return training_.requestModel(
                     [done = std::move(done)](std::shared_ptr<const Model> model, size_t epochs, std::string error) {
                       done(std::move(model), epochs, std::move(error));  // any thread: it only stores the copy
                       glfwPostEmptyEvent();
                     });
               }),
      demo_(config_.demo, config_.layout, config_.spin,
            config_.screenshotPath.empty() ? std::string() : std::filesystem::path(config_.screenshotPath).parent_path().string(),
            config_.demoRun) {
  applyDarkTheme(scale_);
  fonts_ = loadFonts(scale_);
  notice_ = runs_.load();
  demo_.chooseModel(settings_);  // the user's saved settings are left as they were (see ~App)
  explore_.state().spinCamera = config_.spin;
  explore_.state().views = SavedViews(dataFile(config_.dataDirectory, "views"));
  explore_.state().options.threeD = config_.layout == "explore-3d";
  if (config_.layout == "explore" || config_.layout == "explore-3d" || config_.layout == "compare" || config_.layout == "select" ||
      config_.layout == "umap" || config_.layout == "tsne" || config_.layout == "axes" || config_.layout == "views" || config_.layout == "spread" || config_.layout == "trust" || config_.layout == "replay") {
    layout_ = LayoutKind::Explore;
  }
  if (config_.layout == "compare") explore_.showCompare();
  if (config_.layout == "experiments" || config_.layout == "experiments-fig3" || !config_.resultsPath.empty()) {
    layout_ = LayoutKind::Experiments;
  }
  if (config_.layout == "experiments-fig3") experiments_.state().applyPreset(std::string(kDotProductLearningPreset));
  if (!config_.resultsPath.empty()) {
    experiments_.state().filePath = config_.resultsPath;
    experiments_.state().load();
  }
  frame_.settings = &settings_;
  frame_.runs = &runs_;
  frame_.training = &training_.view();
  frame_.fonts = &fonts_;
  frame_.commands = this;
  frame_.scale = scale_;
  frame_.explore = &explore_.state();
  frame_.runModels = &runModels_;
  frame_.experiments = &experiments_.state();
  frame_.tune = &tune_;
  setUpDataSide();
  openDataset(config_.dataSpec);
}

App::~App() {
  if (!config_.demo) saveTrainingSettings(dataFile(config_.dataDirectory, "settings.json"), settings_);
  if (std::optional<RunRecord> cut = training_.stopAndWait()) {
    runs_.add(std::move(*cut));  // saves, ticks included
  } else {
    runs_.save();  // ticks changed since the last add or delete
  }
}

std::filesystem::path App::dataFile(const std::string& directory, const char* name) {
  return directory.empty() ? std::filesystem::path() : std::filesystem::path(directory) / name;
}

Layout& App::activeLayout() {
  switch (layout_) {
    case LayoutKind::Explore: return explore_;
    case LayoutKind::Experiments: return experiments_;
    case LayoutKind::Cockpit: break;
  }
  return cockpit_;
}

int App::run() {
  const auto runStart = Clock::now();
  for (int frameIndex = 0; !window_.shouldClose(); ++frameIndex) {
    waitForEvents();
    const auto frameStart = Clock::now();
    lastFrameStart_ = frameStart;
    queue_.drain();
    loadNewestState();
    if (!scripted() && window_.minimised()) continue;
    const auto stateDone = Clock::now();
    buildUi();
    const auto uiDone = Clock::now();
    renderFrame();
    savePendingPngs();
    const auto renderDone = Clock::now();

    const double runSeconds = std::chrono::duration<double>(Clock::now() - runStart).count();
    const bool last = scripted() && isLastScriptedFrame(frameIndex, runSeconds);
    std::string screenshotError;
    if (last && !config_.screenshotPath.empty()) {
      const FramebufferSize size = window_.framebufferSize();
      screenshotError = saveBackBufferPng(config_.screenshotPath, size.width, size.height);
    }
    const auto swapStart = Clock::now();
    window_.swapBuffers();
    const auto swapDone = Clock::now();
    if (frameIndex == 0) {
      frames_.firstFrameMs = millisecondsBetween(frameStart, swapDone);
    } else if (!last) {
      FrameReport::Activity activity;
      activity.training = training_.view().active();
      activity.layout = explore_.state().layouts.running();
      frames_.record(frameIndex, activity,
                     {frameIndex, millisecondsBetween(frameStart, swapDone), millisecondsBetween(frameStart, stateDone),
                      millisecondsBetween(stateDone, uiDone), millisecondsBetween(uiDone, renderDone),
                      millisecondsBetween(swapStart, swapDone)});
    }
    if (last) return finishScriptedRun(frameIndex + 1, runSeconds, screenshotError);
  }
  return 0;
}

int App::finishScriptedRun(int frames, double runSeconds, const std::string& screenshotError) {
  const FramebufferSize size = window_.framebufferSize();
  frames_.print(frames, size.width, size.height);
  if (const TrainingView& run = training_.view(); run.snapshot) {
    std::printf("latentlens: training %s, %zu epochs done\n", run.name.c_str(), run.snapshot->history.epochs.size());
  }
  if (const std::shared_ptr<const TuneResult> tuned = tune_.table(); tuned && tuned->best) {
    const TrialRecord& best = tuned->trials[*tuned->best];
    std::printf("latentlens: tune: %zu configurations, best trial %d (%s), %s %.4f\n", tuned->trials.size(), best.id + 1,
                describeSettings(best.settings).c_str(), tuned->scoreName.c_str(), *best.score());
  }
  activeLayout().report();
  if (frame_.dataset->phase == DatasetState::Phase::Failed) {
    std::fprintf(stderr, "latentlens: could not load %s: %s\n", frame_.dataset->spec.c_str(), frame_.dataset->error.c_str());
  } else if (frame_.dataset->phase == DatasetState::Phase::Loading) {
    std::fprintf(stderr, "latentlens: the data set was still loading after %.0f s\n", runSeconds);
  }
  if (config_.screenshotPath.empty()) return 0;
  if (!screenshotError.empty()) {
    std::fprintf(stderr, "latentlens: screenshot failed: %s\n", screenshotError.c_str());
    return 1;
  }
  std::printf("latentlens: screenshot saved to %s\n", config_.screenshotPath.c_str());
  return 0;
}

void App::waitForEvents() {
  // Scripted runs never sleep: they should finish as fast as the renderer allows.
  if (scripted()) {
    glfwPollEvents();
    return;
  }
  if (window_.minimised()) {
    glfwWaitEventsTimeout(kIdleWaitSeconds);
    return;
  }
  if (needsContinuousFrames() || busyFramesLeft_ > 0) {
    if (busyFramesLeft_ > 0) --busyFramesLeft_;
    // Pace animated frames to ~60 Hz where vsync does not (Xvfb, some drivers), ~30 Hz while
    // only a training run animates (its cores are better spent training); input still wakes
    // the wait early.
    const bool onlyTraining = training_.view().active() && busyFramesLeft_ == 0 &&
                              frame_.dataset->phase != DatasetState::Phase::Loading;
    const double period = onlyTraining ? kTrainingFramePeriodSeconds : kFramePeriodSeconds;
    const double remaining = period - millisecondsBetween(lastFrameStart_, Clock::now()) / 1000.0;
    if (remaining > 0.001) {
      glfwWaitEventsTimeout(remaining);
    } else {
      glfwPollEvents();
    }
    return;
  }
  const auto start = Clock::now();
  glfwWaitEventsTimeout(kIdleWaitSeconds);
  // Woken before the timeout means input arrived: draw a few more frames so hover highlights,
  // popups and auto-sized windows settle without waiting for the next event.
  if (millisecondsBetween(start, Clock::now()) < kIdleWaitSeconds * 1000.0 * 0.9) busyFramesLeft_ = kSettleFrames;
}

void App::loadNewestState() {
  frame_.dataset = loader_.latest();
  frame_.loadProgress = loader_.progress();
  frame_.loadedModel = modelFiles_.loadedModel();
  if (std::string notice = modelFiles_.takeNotice(); !notice.empty()) notice_ = std::move(notice);
  recordOpenedDataset();
  settledFrames_ = frame_.dataset->phase == DatasetState::Phase::Loading ? 0 : settledFrames_ + 1;
  refreshTraining();
  tune_.refresh();
  cockpit_.refresh(frame_);
  explore_.refresh(frame_);
  experiments_.refresh(frame_);
  demo_.advance(frame_, *this, explore_.state(), experiments_.state());
  frame_.trainingError = trainingError_;
}

bool App::needsContinuousFrames() const {
  // The spinner and progress bars animate while a load or a run is under way.
  return (frame_.dataset && frame_.dataset->phase == DatasetState::Phase::Loading) || training_.view().active() ||
         modelFiles_.busy() || explore_.busy() || experiments_.busy() || tune_.running();
}

bool App::isLastScriptedFrame(int frameIndex, double runSeconds) const {
  if (frameIndex + 1 < config_.frames) return false;
  if (demo_.pending(frame_, experiments_.state()) && runSeconds < kDemoTimeoutSeconds) return false;
  return settledFrames_ >= kSettleFrames || runSeconds > kScriptedLoadTimeoutSeconds;
}

void App::buildUi() {
  imgui_.newFrame(scripted());
  handleShortcuts();
  buildMenuBar();

  // The work area is computed here rather than read from the viewport, because ImGui applies the
  // menu bar's offset only from the next frame, and first-use panel placement happens on frame 1.
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float menuHeight = ImGui::GetFrameHeight();
  const float statusHeight = widgets::statusBarHeight(scale_);
  frame_.workPos = ImVec2(viewport->Pos.x, viewport->Pos.y + menuHeight);
  frame_.workSize = ImVec2(viewport->Size.x, viewport->Size.y - menuHeight - statusHeight);

  if (layout_ == LayoutKind::Cockpit) widgets::backdropMark(frame_.workPos, frame_.workSize, fonts_, scale_);
  for (auto& panel : activeLayout().panels()) panel->draw(frame_);
  widgets::statusBar({frame_.dataset.get(), frame_.loadProgress.elapsedSeconds, notice_, frames_.all.smoothedMs,
                      window_.glRenderer()},
                     scale_);
  widgets::aboutPopup(aboutRequested_, fonts_, {window_.glVersion(), window_.glRenderer()}, scale_);
  modelFiles_.draw(training_, *frame_.dataset, scale_);
  widgets::keyboardHelp(keyboardHelpRequested_, scale_);
  if (std::optional<OpenRequest> request = openDialog_.draw(frame_, recent_.entries())) {
    openDataset(request->spec, request->filter);
  }
}

void App::handleShortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  // 1.86 keys are GLFW key codes (the named ImGuiKey API arrived in 1.87).
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) window_.requestClose();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_1, false)) layout_ = LayoutKind::Cockpit;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_2, false)) layout_ = LayoutKind::Explore;
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_3, false)) layout_ = LayoutKind::Experiments;
  if (ImGui::IsKeyPressed(GLFW_KEY_F1, false)) keyboardHelpRequested_ = true;
  // A dialog already open keeps the keyboard.
  const bool popupOpen = ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false) && !popupOpen) showOpenDatasetDialog();
  handleTrainingShortcuts();
}

void App::buildMenuBar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open…", "Ctrl+O")) openDialog_.open(recent_.entries());
    ImGui::Separator();
    modelFiles_.buildMenuItems(training_.view());
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) window_.requestClose();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    buildLayoutMenuItems();
    for (auto& panel : activeLayout().panels()) {
      ImGui::MenuItem(panel->title().c_str(), nullptr, panel->visibleFlag());
    }
    ImGui::Separator();
    buildUiScaleMenu();
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard", "F1")) keyboardHelpRequested_ = true;
    if (ImGui::MenuItem("About LatentLens")) aboutRequested_ = true;
    ImGui::EndMenu();
  }
  buildLayoutSwitch();
  ImGui::EndMainMenuBar();
}

void App::buildLayoutMenuItems() {
  if (ImGui::MenuItem("Cockpit", "Ctrl+1", layout_ == LayoutKind::Cockpit)) layout_ = LayoutKind::Cockpit;
  if (ImGui::MenuItem("Explore", "Ctrl+2", layout_ == LayoutKind::Explore)) layout_ = LayoutKind::Explore;
  if (ImGui::MenuItem("Experiments", "Ctrl+3", layout_ == LayoutKind::Experiments)) layout_ = LayoutKind::Experiments;
  ImGui::Separator();
}

void App::buildLayoutSwitch() {
  // Three tabs in the menu bar: the layout in use is lit.
  ImGui::TextDisabled("|");
  if (ImGui::MenuItem("Cockpit", nullptr, layout_ == LayoutKind::Cockpit)) layout_ = LayoutKind::Cockpit;
  if (ImGui::MenuItem("Explore", nullptr, layout_ == LayoutKind::Explore)) layout_ = LayoutKind::Explore;
  if (ImGui::MenuItem("Experiments", nullptr, layout_ == LayoutKind::Experiments)) layout_ = LayoutKind::Experiments;
}

void App::renderFrame() {
  explore_.state().drawScene();  // into its own texture, before ImGui draws the panel that shows it
  const FramebufferSize size = window_.framebufferSize();
  glViewport(0, 0, size.width, size.height);
  glClearColor(palette::kClear.x, palette::kClear.y, palette::kClear.z, palette::kClear.w);
  glClear(GL_COLOR_BUFFER_BIT);
  imgui_.render();
}

}  // namespace ll::gui

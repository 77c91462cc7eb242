#include "app/gui/app.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <glad/gl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "app/gui/panels/curves_panel.h"
#include "app/gui/panels/data_panel.h"
#include "app/gui/panels/training_panel.h"
#include "app/gui/render/screenshot.h"

namespace ll::gui {
namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

constexpr double kIdleWaitSeconds = 0.5;      // idle: wake at least this often (clock, status)
constexpr double kFramePeriodSeconds = 1.0 / 60.0;  // cap for animated frames where vsync is absent
constexpr double kScriptedLoadTimeoutSeconds = 600.0;  // scripted runs shoot anyway after this
constexpr int kSettleFrames = 3;              // auto-sized windows need two frames to lay out
constexpr double kTrainingFramePeriodSeconds = 1.0 / 30.0;  // while training: enough for a progress bar
constexpr double kDemoTimeoutSeconds = 180.0;  // scripted demo runs shoot anyway after this

// First-use layout, as fractions of the work area (fits 1280×800): Data over Training on the
// left, Curves on the right.
constexpr float kLeftColumn = 0.40f;
constexpr float kDataHeight = 0.38f;

std::string windowTitleFor(const DatasetState& state) {
  if (state.phase == DatasetState::Phase::Ready) return "LatentLens — " + state.dataset->source;
  if (state.phase == DatasetState::Phase::Failed) return "LatentLens — could not load " + state.spec;
  return "LatentLens";
}

}  // namespace

void FrameStats::record(double ms) {
  ++frames;
  totalMs += ms;
  // Smoothed over ~30 frames so the status bar is readable, not flickering.
  smoothedMs = frames == 1 ? ms : smoothedMs + (ms - smoothedMs) / 30.0;
  samplesMs.push_back(ms);
}

double FrameStats::quantileMs(double q) const {
  if (samplesMs.empty()) return 0.0;
  std::vector<double> sorted = samplesMs;
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  const size_t k = std::clamp<size_t>(rank, 1, sorted.size()) - 1;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
  return sorted[k];
}

std::string FrameStats::summary() const {
  char text[160];
  std::snprintf(text, sizeof text, "%d frames: mean %.1f, median %.1f, p99 %.1f, max %.1f ms", frames, meanMs(),
                quantileMs(0.5), quantileMs(0.99), quantileMs(1.0));
  return text;
}

std::string SlowestFrame::summary() const {
  if (index < 0) return {};
  char text[160];
  std::snprintf(text, sizeof text, "frame %d: %.1f ms (state %.1f, UI %.1f, render %.1f, swap %.1f ms)", index, totalMs,
                stateMs, uiMs, renderMs, swapMs);
  return text;
}

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
      runs_(dataFile(config_.dataDirectory, "runs.json")) {
  applyDarkTheme(scale_);
  fonts_ = loadFonts(scale_);
  panels_.push_back(std::make_unique<DataPanel>(PanelPlacement{0.0f, 0.0f, kLeftColumn, kDataHeight, 400.0f}));
  panels_.push_back(
      std::make_unique<TrainingPanel>(PanelPlacement{0.0f, kDataHeight, kLeftColumn, 1.0f - kDataHeight, 400.0f}));
  panels_.push_back(std::make_unique<CurvesPanel>(PanelPlacement{kLeftColumn, 0.0f, 1.0f - kLeftColumn, 1.0f, 0.0f}));
  notice_ = runs_.load();
  if (config_.demo) {
    // The demo shows the paper's best model on both kinds of item input; the user's saved
    // settings are left as they were (see ~App).
    settings_.model = ModelKind::Tensor;
    settings_.dim = 8;
    settings_.itemInput = ItemInput::Both;
    settings_.epochs = 40;
    settings_.split.clear();
  }
  frame_.settings = &settings_;
  frame_.runs = &runs_;
  frame_.training = &training_.view();
  frame_.fonts = &fonts_;
  frame_.commands = this;
  frame_.scale = scale_;
  setUpDataSide();
  setUpExplore();
  setUpExperiments();
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
    if (frameIndex == 0) {
      firstFrameMs_ = millisecondsSince(frameStart);  // startup: shaders, the font atlas, first uploads
      if (!last) continue;
    }
    if (!last) {
      const double ms = millisecondsSince(frameStart);
      stats_.record(ms);
      if (training_.view().active()) trainingStats_.record(ms);
      if (ms > slowest_.totalMs) {
        const auto between = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
        slowest_ = {frameIndex, ms, between(frameStart, stateDone), between(stateDone, uiDone), between(uiDone, renderDone),
                    millisecondsSince(swapStart)};
      }
      continue;
    }

    const FramebufferSize size = window_.framebufferSize();
    std::printf("latentlens: %d frames at %d×%d, %.1f ms/frame (mean)\n", frameIndex + 1, size.width,
                size.height, stats_.meanMs());
    std::printf("latentlens: first frame %.1f ms (startup, not counted); frame times, all %s\n", firstFrameMs_,
                stats_.summary().c_str());
    if (trainingStats_.frames > 0) std::printf("latentlens: frame times, training %s\n", trainingStats_.summary().c_str());
    if (slowest_.index >= 0) std::printf("latentlens: slowest %s\n", slowest_.summary().c_str());
    if (const TrainingView& run = training_.view(); run.snapshot) {
      std::printf("latentlens: training %s, %zu epochs done\n", run.name.c_str(), run.snapshot->history.epochs.size());
    }
    reportExplore();
    reportExperiments();
    if (frame_.dataset->phase == DatasetState::Phase::Failed) {
      std::fprintf(stderr, "latentlens: could not load %s: %s\n", frame_.dataset->spec.c_str(),
                   frame_.dataset->error.c_str());
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
    const double remaining = period - millisecondsSince(lastFrameStart_) / 1000.0;
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
  if (millisecondsSince(start) < kIdleWaitSeconds * 1000.0 * 0.9) busyFramesLeft_ = kSettleFrames;
}

void App::loadNewestState() {
  frame_.dataset = loader_.latest();
  frame_.loadProgress = loader_.progress();
  recordOpenedDataset();
  settledFrames_ = frame_.dataset->phase == DatasetState::Phase::Loading ? 0 : settledFrames_ + 1;
  refreshTraining();
  refreshExplore();
  refreshExperiments();
}

bool App::needsContinuousFrames() const {
  // The spinner and progress bars animate while a load or a run is under way.
  return (frame_.dataset && frame_.dataset->phase == DatasetState::Phase::Loading) || training_.view().active() ||
         modelFiles_.busy || explore_.busy() || experiments_.running();
}

bool App::isLastScriptedFrame(int frameIndex, double runSeconds) const {
  if (frameIndex + 1 < config_.frames) return false;
  if (demoNeedsMoreEpochs() && runSeconds < kDemoTimeoutSeconds) return false;
  if (demoTourPending() && runSeconds < kDemoTimeoutSeconds) return false;
  if (demoSweepPending() && runSeconds < kDemoTimeoutSeconds) return false;
  return settledFrames_ >= kSettleFrames || runSeconds > kScriptedLoadTimeoutSeconds;
}

void App::renderFrame() {
  explore_.drawScene();  // into its own texture, before ImGui draws the panel that shows it
  const FramebufferSize size = window_.framebufferSize();
  glViewport(0, 0, size.width, size.height);
  glClearColor(palette::kClear.x, palette::kClear.y, palette::kClear.z, palette::kClear.w);
  glClear(GL_COLOR_BUFFER_BIT);
  imgui_.render();
}

}  // namespace ll::gui

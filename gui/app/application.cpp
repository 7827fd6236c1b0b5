#include "gui/app/application.hpp"

#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Window/Event.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <utility>

#include <imgui.h>

#include "agents/registry.hpp"
#include "engine/model/user_error.hpp"
#include "engine/protocol/spec.hpp"
#include "gui/app/app_context.hpp"
#include "gui/app/overlays.hpp"
#include "gui/app/panel_dispatch.hpp"
#include "gui/app/script.hpp"
#include "gui/app/script_runner.hpp"
#include "gui/app/theme.hpp"
#include "gui/app/top_bar.hpp"
#include "gui/logic/frame_stats.hpp"
#include "gui/logic/lifecycle_view.hpp"
#include "gui/logic/scenario_editor.hpp"
#include "gui/logic/tournament_view.hpp"
#include "gui/panels/narration_bar.hpp"
#include "gui/platform/sfml_platform.hpp"
#include "gui/platform/shortcuts.hpp"

namespace treatysim::gui {

namespace {

using Clock = std::chrono::steady_clock;

constexpr float kPanelInset = 3.0f;      // half the gap between panels
constexpr double kFixedStep = 1.0 / 60;  // dt of non-interactive runs (deterministic pictures)
std::string timestamped_screenshot_name() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::ostringstream name;
  name << "treatysim-" << std::put_time(&local, "%Y%m%d-%H%M%S") << ".png";
  return name.str();
}

class Application {
 public:
  explicit Application(const AppOptions& options);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  int run();

 private:
  [[nodiscard]] bool interactive() const noexcept {
    return options_.frames == 0 && options_.bench_frames == 0 && options_.script_path.empty();
  }
  void create_window();
  void load_initial_state();
  void prepare_bench_state();
  void frame(double dt_seconds);
  void handle_event(const sf::Event& event);
  void handle_shortcut(platform::Shortcut shortcut);
  void apply_presentation();
  void set_mode(Mode mode);
  void sync_models();
  void draw_ui();
  [[nodiscard]] LayoutInput layout_input() const;
  void draw_top_bar(const Layout& layout);
  void draw_panels(const Layout& layout);
  void handle_splitters(const Layout& layout);
  void report_error(const std::string& message);
  void request_screenshot(const std::string& path);

  AppOptions options_;
  sf::RenderWindow window_;
  std::unique_ptr<platform::SfmlPlatform> platform_;
  const agents::Registry& registry_;
  Session session_;
  std::unique_ptr<Lifecycle> lifecycle_;
  std::unique_ptr<ScenarioEditor> editor_;
  std::string editor_source_;  // the scenario file the editor started from
  TournamentView tournament_;  // the tournament view's results and population dynamics
  AppContext ctx_;
  PanelSet wired_ = 0;

  bool presenter_wanted_ = false;
  bool presentation_applied_ = false;
  bool fullscreen_ = false;
  bool fullscreen_wanted_ = false;
  bool help_open_ = false;
  bool quit_ = false;
  int exit_status_ = 0;
  std::map<std::pair<Mode, bool>, Splits> splits_;
  std::optional<SplitId> dragging_;
  std::deque<std::string> errors_;
  std::vector<std::string> screenshots_;
  std::string status_;  // a short notice in the top bar (screenshot saved, …)
  double status_left_ = 0.0;

  std::unique_ptr<ScriptRunner> script_;
};

Application::Application(const AppOptions& options)
    : options_(options),
      registry_(agents::builtin_registry()),
      session_(registry_),
      ctx_{.session = session_} {
  presenter_wanted_ = options.presenter;
  wired_ = wired_panels();
  ctx_.scenario_files = find_scenario_files();
  ctx_.report_error = [this](const std::string& message) { report_error(message); };
  ctx_.request_screenshot = [this](const std::string& path) { request_screenshot(path); };
  ctx_.tournament = &tournament_;
}

Application::~Application() {
  if (platform_) platform_->close();  // cursors freed after the window closes (X11)
}

void Application::create_window() {
  sf::ContextSettings settings;
  const auto style = fullscreen_ ? sf::Style::Fullscreen : sf::Style::Default;
  const sf::VideoMode mode = fullscreen_ ? sf::VideoMode::getDesktopMode()
                                         : sf::VideoMode(options_.width, options_.height);
  window_.create(mode, "treatysim", style, settings);
  window_.setFramerateLimit(interactive() ? 60 : 0);
  window_.setKeyRepeatEnabled(true);
}

void Application::report_error(const std::string& message) {
  std::cerr << "error dialog: " << message << "\n";
  errors_.push_back(message);
  help_open_ = false;
}

void Application::request_screenshot(const std::string& path) {
  screenshots_.push_back(path);
}

void Application::load_initial_state() {
  if (options_.seed) session_.set_seed(*options_.seed);
  bool loaded = false;
  try {
    session_.load_scenario_file(options_.scenario_path);
    loaded = true;
  } catch (const UserError& error) {
    report_error(error.what());
  }
  if (!loaded && !options_.fallback_scenario_path.empty() &&
      options_.fallback_scenario_path != options_.scenario_path) {
    try {
      session_.load_scenario_file(options_.fallback_scenario_path);
    } catch (const UserError& error) {
      report_error(error.what());
    }
  }
  if (options_.seed) session_.set_seed(*options_.seed);
  if (!options_.replay_path.empty()) {
    try {
      session_.load_trace_file(options_.replay_path);
      ctx_.mode = Mode::kReplay;
    } catch (const UserError& error) {
      report_error(error.what());
    }
  }
  if (!options_.tournament_path.empty()) {
    try {
      tournament_.open(options_.tournament_path);
      if (!interactive()) tournament_.wait();  // the first frames show the population dynamics
    } catch (const UserError& error) {
      report_error(error.what());
    }
    ctx_.mode = Mode::kTournament;  // also on error: the view's path field opens another
  }
  if (options_.mode) ctx_.mode = *options_.mode;
  if ((wired_ & panel_bit(key_panel(ctx_.mode))) == 0) ctx_.mode = Mode::kSimulate;
  if (!options_.estimate_party.empty() && session_.has_scenario()) {
    const PartyIndex party = session_.scenario().find_party(options_.estimate_party);
    if (party == kPartyCount) {
      report_error("--estimate: \"" + options_.estimate_party + "\" is not a party of " +
                   session_.scenario_label() + " (expected \"" + session_.scenario().party(0).id +
                   "\" or \"" + session_.scenario().party(1).id + "\")");
    } else {
      ctx_.shown_estimate = party;
      ctx_.show_accuracy = true;
    }
  }
  if (session_.has_scenario()) std::cerr << "scenario: " << session_.scenario_label() << "\n";
}

// The benchmark's busy state: the scenario with a long deadline and two random negotiators
// that never accept, stepped until `bench_offers` offers are on record, plus the treaty's life.
void Application::prepare_bench_state() {
  if (!session_.has_scenario()) return;
  const Spec never_accepts = parse_spec("random(accept=0)");
  session_.set_spec(0, never_accepts);
  session_.set_spec(1, never_accepts);
  session_.set_deadline(options_.bench_offers);
  while (static_cast<int>(session_.offers().size()) < options_.bench_offers && session_.step()) {
  }
  session_.set_playing(false);
}

void Application::set_mode(Mode mode) {
  if (mode == ctx_.mode) return;
  if (ctx_.mode == Mode::kPlay && session_.human()) session_.set_human(std::nullopt);
  if (ctx_.mode == Mode::kReplay && session_.replaying()) session_.leave_replay();
  ctx_.mode = mode;
}

void Application::handle_shortcut(platform::Shortcut shortcut) {
  using platform::Shortcut;
  if (!errors_.empty() && shortcut != Shortcut::kClose) return;  // the dialog has the keys
  try {
    switch (shortcut) {
      case Shortcut::kPlayPause:
        session_.set_playing(!session_.playing());
        break;
      case Shortcut::kStep:
        session_.set_playing(false);
        (void)session_.step();
        break;
      case Shortcut::kStepBack:
        session_.set_playing(false);
        session_.step_back();
        break;
      case Shortcut::kReset:
        session_.reset();
        break;
      case Shortcut::kFullscreen:
        fullscreen_wanted_ = !fullscreen_;
        break;
      case Shortcut::kPresenter:
        presenter_wanted_ = !presenter_wanted_;
        break;
      case Shortcut::kScreenshot:
        request_screenshot(timestamped_screenshot_name());
        break;
      case Shortcut::kHelp:
        help_open_ = !help_open_;
        break;
      case Shortcut::kClose:
        help_open_ = false;
        break;
    }
  } catch (const UserError& error) {
    report_error(error.what());
  }
}

void Application::handle_event(const sf::Event& event) {
  if (event.type == sf::Event::Closed) {
    quit_ = true;
    return;
  }
  platform_->process_event(event);
  const bool typing = ImGui::GetIO().WantTextInput;
  if (const auto shortcut = platform::shortcut_for(event, typing)) handle_shortcut(*shortcut);
}

// Fonts, theme and scale follow presenter mode; changed only between frames.
void Application::apply_presentation() {
  if (presentation_applied_ && presenter_wanted_ == ctx_.presenter) return;
  ctx_.presenter = presenter_wanted_;
  const platform::FontSet& fonts = platform_->rebuild_fonts(platform::font_sizes(ctx_.presenter));
  if (fonts.fallback) std::cerr << "warning: " << fonts.warning << "\n";
  ctx_.fonts = Fonts{fonts.body, fonts.small, fonts.heading, fonts.bold};
  const platform::FontSizes normal = platform::font_sizes(false);
  ctx_.ui_scale = platform::font_sizes(ctx_.presenter).body / normal.body;
  apply_theme(ImGui::GetStyle(), ctx_.presenter, ctx_.ui_scale);
  presentation_applied_ = true;
}

// Keeps GC's models on the session's scenario: the timeline follows it; the editor starts over
// when another scenario file is opened.
void Application::sync_models() {
  if (!session_.has_scenario()) return;
  if (!lifecycle_) {
    lifecycle_ = std::make_unique<Lifecycle>(registry_);
    ctx_.lifecycle = lifecycle_.get();
  }
  (void)lifecycle_->sync(session_.scenario());
  const std::string& path = session_.scenario_path();
  if (!editor_) {
    editor_ = std::make_unique<ScenarioEditor>(session_.scenario());
    editor_source_ = path;
    ctx_.editor = editor_.get();
  } else if (!path.empty() && path != editor_source_) {
    editor_->reset(session_.scenario());
    editor_source_ = path;
  }
}

LayoutInput Application::layout_input() const {
  LayoutInput input;
  input.mode = ctx_.mode;
  input.presenter = ctx_.presenter;
  const sf::Vector2u size = window_.getSize();
  input.width = static_cast<float>(size.x);
  input.height = static_cast<float>(size.y);
  input.top_bar_height = gui::top_bar_height(ctx_, wired_, input.width);
  input.text_height = ctx_.fonts.body != nullptr ? ctx_.fonts.body->FontSize : 15.0f;
  input.ui_scale = ctx_.ui_scale;
  // The narration strip grows to a third line for a long sentence (its content is as wide as the
  // window less the insets, the window padding and the border).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float narration_width =
      input.width - 2.0f * kPanelInset - 2.0f * (style.WindowPadding.x + style.WindowBorderSize);
  input.narration_lines = static_cast<int>(narration_lines(ctx_, narration_width).lines.size());
  const auto found = splits_.find({ctx_.mode, ctx_.presenter});
  input.splits = found != splits_.end() ? found->second : default_splits(ctx_.mode, ctx_.presenter);
  input.available = wired_;
  // Presenter mode leaves out a timeline with nothing to show (a scenario without a treaty).
  if (ctx_.presenter && (lifecycle_ == nullptr || !lifecycle_->available())) {
    input.available &= ~panel_bit(PanelId::kTimeline);
  }
  return input;
}

void Application::draw_top_bar(const Layout& layout) {
  const std::string status = status_left_ > 0.0 ? status_ : std::string();
  const TopBarRequest request = gui::draw_top_bar(layout.top_bar, ctx_, wired_, status);
  if (request.mode) set_mode(*request.mode);
  if (request.toggle_presenter) presenter_wanted_ = !presenter_wanted_;
  if (request.toggle_help) help_open_ = !help_open_;
}

void Application::draw_panels(const Layout& layout) {
  const ImGuiWindowFlags base = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                ImGuiWindowFlags_NoBringToFrontOnFocus;
  for (const PanelPlacement& placement : layout.panels) {
    const Rect& r = placement.rect;
    ImGui::SetNextWindowPos(ImVec2(r.x + kPanelInset, r.y + kPanelInset));
    ImGui::SetNextWindowSize(ImVec2(std::max(1.0f, r.width - 2.0f * kPanelInset),
                                    std::max(1.0f, r.height - 2.0f * kPanelInset)));
    // Strips and the timeline (which draws its title beside its controls) have no title bar.
    const bool strip = placement.id == PanelId::kNarration || placement.id == PanelId::kReplayBar ||
                       placement.id == PanelId::kTimeline;
    ImGuiWindowFlags flags = base;
    if (strip) flags |= ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar;
    std::string title(panel_title(placement.id));
    const std::string dash = " \xE2\x80\x94 ";
    if (placement.id == PanelId::kOutcomeSpace) {
      // What the plot shows depends on whose values may be shown; the window's ID stays put.
      title = title.substr(0, title.find(dash)) + dash +
              std::string(outcome_space_subtitle(visible_values(ctx_)));
    }
    if (ctx_.presenter) title = title.substr(0, title.find(dash));  // the part before " — "
    if (placement.id == PanelId::kOutcomeSpace) title += "###outcome-space";
    // The rounds panel may show the opponent models' accuracy instead (the window keeps its id).
    if (placement.id == PanelId::kUtilities && ctx_.show_accuracy && session_.has_scenario() &&
        (session_.has_model(0) || session_.has_model(1))) {
      title = "Opponent models' accuracy over rounds###" + title;
    }
    // The title bar takes the heading font: it is pushed around Begin/End (a font pushed
    // before Begin must be popped after End, each draw list keeps its own texture stack).
    ImGui::PushFont(ctx_.fonts.heading);
    if (ImGui::Begin(title.c_str(), nullptr, flags)) {
      ImGui::PushFont(ctx_.fonts.body);
      if (panel_needs_scenario(placement.id) && !session_.has_scenario()) {
        ImGui::TextDisabled("No scenario is open: pick one in the controls.");
      } else {
        draw_panel(placement.id, ctx_);
      }
      ImGui::PopFont();
    }
    ImGui::End();
    ImGui::PopFont();
  }
}

// Splitters live in the gaps between panels: drag them to resize the columns and rows.
void Application::handle_splitters(const Layout& layout) {
  ImGuiIO& io = ImGui::GetIO();
  const LayoutInput input = layout_input();
  if (dragging_) {
    if (!io.MouseDown[0]) {
      dragging_.reset();
    } else {
      const bool vertical = *dragging_ != SplitId::kBottom;
      const float delta = vertical ? io.MouseDelta.x : io.MouseDelta.y;
      if (delta != 0.0f)
        splits_[{ctx_.mode, ctx_.presenter}] = drag_split(input, *dragging_, delta);
      ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    }
    return;
  }
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AnyWindow) || ImGui::IsAnyItemActive()) return;
  for (const Splitter& splitter : layout.splitters) {
    if (!splitter.rect.contains(io.MousePos.x, io.MousePos.y)) continue;
    ImGui::SetMouseCursor(splitter.vertical ? ImGuiMouseCursor_ResizeEW
                                            : ImGuiMouseCursor_ResizeNS);
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    draw->AddRectFilled(ImVec2(splitter.rect.x, splitter.rect.y),
                        ImVec2(splitter.rect.right(), splitter.rect.bottom()),
                        ImGui::GetColorU32(ImGuiCol_SeparatorHovered));
    if (io.MouseClicked[0]) dragging_ = splitter.split;
    break;
  }
}

void Application::draw_ui() {
  const Layout layout = compute_layout(layout_input());
  draw_top_bar(layout);
  draw_panels(layout);
  handle_splitters(layout);
  draw_error_dialog(errors_, ctx_);
  draw_help_overlay(help_open_, !errors_.empty(), ctx_);
}

void Application::frame(double dt_seconds) {
  if (fullscreen_wanted_ != fullscreen_) {
    fullscreen_ = fullscreen_wanted_;
    platform_->close();
    platform_.reset();
    create_window();
    platform_ = std::make_unique<platform::SfmlPlatform>(window_);
    presentation_applied_ = false;
  }
  apply_presentation();
  try {
    session_.update(dt_seconds);
    sync_models();
  } catch (const UserError& error) {
    session_.set_playing(false);
    report_error(error.what());
  }
  if (status_left_ > 0.0) status_left_ -= dt_seconds;

  platform_->new_frame(static_cast<float>(dt_seconds));
  if (script_) script_->after_new_frame();
  ctx_.hovered_outcome.reset();
  draw_ui();
  const ClearColor clear = clear_color(ctx_.presenter);
  window_.clear(sf::Color(clear.r, clear.g, clear.b));
  platform_->render();
  for (const std::string& path : screenshots_) {
    if (platform_->save_screenshot(path)) {
      std::cerr << "screenshot: " << path << "\n";
      status_ = "saved " + path;
      status_left_ = 3.0;
    } else {
      report_error("cannot write the screenshot " + path);
      exit_status_ = 1;
    }
  }
  screenshots_.clear();
  window_.display();
}

int Application::run() {
  create_window();
  platform_ = std::make_unique<platform::SfmlPlatform>(window_);
  apply_presentation();
  load_initial_state();
  if (!options_.script_path.empty()) {
    try {
      script_ =
          std::make_unique<ScriptRunner>(load_script(options_.script_path), options_.script_path);
    } catch (const UserError& error) {
      std::cerr << "treatysim-gui: error: " << error.what() << "\n";
      return 2;
    }
  }
  if (options_.bench_frames > 0) {
    try {
      prepare_bench_state();
      sync_models();
    } catch (const UserError& error) {
      std::cerr << "treatysim-gui: error: " << error.what() << "\n";
      return 2;
    }
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(options_.bench_frames));
    auto last = Clock::now();
    const std::clock_t cpu_start = std::clock();
    for (int i = 0; i < options_.bench_frames; ++i) {
      sf::Event event{};
      while (window_.pollEvent(event)) handle_event(event);
      frame(kFixedStep);
      const auto now = Clock::now();
      times.push_back(std::chrono::duration<double, std::milli>(now - last).count());
      last = now;
    }
    const FrameStats stats = frame_stats(times);
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC /
                          static_cast<double>(options_.bench_frames);
    std::cout << std::fixed << std::setprecision(2) << "bench: " << stats.frames << " frames of "
              << (session_.has_scenario() ? session_.scenario_label() : "no scenario") << " with "
              << session_.offers().size() << " offers"
              << (lifecycle_ && lifecycle_->available() ? " and the treaty timeline" : "") << ", "
              << window_.getSize().x << "x" << window_.getSize().y << ": mean " << stats.mean_ms
              << " ms, p95 " << stats.p95_ms << " ms, max " << stats.max_ms << " ms (process CPU "
              << cpu_ms << " ms per frame)\n";
    return exit_status_;
  }

  if (options_.frames > 0 && options_.script_path.empty() && session_.has_scenario()) {
    // A busy picture: play about 60% of the deadline's offers (and answers) over the frames.
    const double steps = 2.0 * 0.6 * session_.deadline();
    session_.set_speed(steps / (options_.frames * kFixedStep));
    session_.set_playing(true);
  }
  int frames_done = 0;
  auto last = Clock::now();
  while (!quit_ && window_.isOpen()) {
    sf::Event event{};
    while (window_.pollEvent(event)) handle_event(event);
    if (script_) {
      const bool running =
          script_->before_frame([this](const sf::Event& scripted) { handle_event(scripted); },
                                [this](const std::string& path) { request_screenshot(path); });
      if (!script_->error().empty()) {
        std::cerr << "script: " << script_->error() << "\n";
        exit_status_ = 3;
        quit_ = true;
        break;
      }
      if (!running && options_.frames == 0) quit_ = true;
    }
    const bool last_frame = options_.frames > 0 && frames_done + 1 >= options_.frames;
    if (last_frame && !options_.screenshot_path.empty()) {
      request_screenshot(options_.screenshot_path);
    }
    const auto now = Clock::now();
    const double dt =
        interactive() ? std::chrono::duration<double>(now - last).count() : kFixedStep;
    last = now;
    frame(dt);
    ++frames_done;
    if (last_frame) quit_ = true;
  }
  if (!options_.save_trace_path.empty()) {
    try {
      session_.save_trace(options_.save_trace_path);
      std::cerr << "trace: " << options_.save_trace_path << "\n";
    } catch (const UserError& error) {
      std::cerr << "treatysim-gui: error: " << error.what() << "\n";
      return 1;
    }
  }
  return exit_status_;
}

}  // namespace

int run_application(const AppOptions& options) {
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0') {
    std::cerr << "treatysim-gui: no display (DISPLAY is not set): run it on a desktop, under "
                 "xvfb-run, or use `treatysim simulate` in a terminal\n";
    return 2;
  }
  Application application(options);
  return application.run();
}

std::string resolve_path(const std::string& path) {
  std::error_code error;
  if (path.empty() || std::filesystem::exists(path, error)) return path;
  const std::filesystem::path in_source = std::filesystem::path(TREATYSIM_GUI_SOURCE_DIR) / path;
  if (std::filesystem::path(path).is_relative() && std::filesystem::exists(in_source, error)) {
    return in_source.string();
  }
  return path;
}

std::vector<std::string> find_scenario_files() {
  std::error_code error;
  std::filesystem::path dir = "configs";
  if (!std::filesystem::is_directory(dir, error)) {
    dir = std::filesystem::path(TREATYSIM_GUI_SOURCE_DIR) / "configs";
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file(error) && entry.path().extension() == ".toml") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<Mode> mode_from_name(const std::string& name) noexcept {
  if (name == "simulate") return Mode::kSimulate;
  if (name == "play") return Mode::kPlay;
  if (name == "edit") return Mode::kEdit;
  if (name == "replay") return Mode::kReplay;
  if (name == "tournament") return Mode::kTournament;
  return std::nullopt;
}

}  // namespace treatysim::gui

// The engine's entry points for JavaScript (embind), compiled to WebAssembly by the `wasm`
// preset (docs/web.md). The interface is the scenario TOML on purpose: the scenario reader is the
// library's own, so the browser needs no list of options of its own and every mistake is reported
// exactly as `clir validate` reports it.
//
// Input files (the scenario itself, an applications CSV, a reference CSV) live in the module's
// in-memory file system only for the duration of one call, at the paths the CLI would read, so
// that run.json (which names the files and their SHA-1) is byte for byte what `clir run` writes.

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include <clir/clir.hpp>
#include <clir/io/json.hpp>
#include <clir/pipeline/community_card.hpp>
#include <clir/pipeline/outputs.hpp>
#include <clir/pipeline/scenario_catalog.hpp>

namespace {

namespace fs = std::filesystem;

// Removes the files one call placed, whatever way the call ends: a later call must never read
// an input left by an earlier one.
class CallFiles {
 public:
  CallFiles() = default;
  CallFiles(const CallFiles&) = delete;
  CallFiles& operator=(const CallFiles&) = delete;
  ~CallFiles() {
    std::error_code ignored;
    for (const auto& path : written_) fs::remove(path, ignored);
  }

  void write(const fs::path& path, const std::string& content) {
    if (path.empty()) throw clir::InputError("an input file needs a non-empty name");
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) throw clir::InputError("cannot place the input file in the module's memory", {.file = path.string()});
    written_.push_back(path);
  }

 private:
  std::vector<fs::path> written_;
};

struct Outcome {
  std::string text;        // run.json on success
  std::string error_name;  // empty on success
  std::string error_message;
};

template <class Body>
Outcome guarded(Body&& body) {
  Outcome outcome;
  try {
    outcome.text = body();
  } catch (const clir::InputError& e) {
    outcome = {{}, "InputError", e.what()};
  } catch (const clir::ConfigError& e) {
    outcome = {{}, "ConfigError", e.what()};
  } catch (const clir::Infeasible& e) {
    outcome = {{}, "Infeasible", e.what()};
  } catch (const clir::LimitReached& e) {
    outcome = {{}, "LimitReached", e.what()};
  } catch (const std::exception& e) {
    outcome = {{}, "Error", e.what()};
  }
  return outcome;
}

// C++ exceptions reach JavaScript as bare pointers; callers get an Error whose name is the clir
// exception type (InputError, ConfigError, Infeasible, LimitReached) and whose message is the library's.
std::string result_or_throw(Outcome outcome) {
  if (outcome.error_name.empty()) return std::move(outcome.text);
  emscripten::val error = emscripten::val::global("Error").new_(emscripten::val(outcome.error_message));
  error.set("name", emscripten::val(outcome.error_name));
  outcome = {};  // freed here: throwing into JavaScript skips this frame's destructors
  error.throw_();
}

std::string run_json_text(const clir::RunResult& result) { return clir::format_json(clir::run_json(result)); }

// Places the scenario and its inputs as run_scenario() does and runs it.
clir::RunResult run_placed(CallFiles& files, const std::string& scenario_toml, const std::string& scenario_path,
                           const emscripten::val& inputs, const clir::RunOptions& options = {}) {
  const fs::path path = scenario_path.empty() ? fs::path("scenario.toml") : fs::path(scenario_path);
  files.write(path, scenario_toml);
  if (!inputs.isUndefined() && !inputs.isNull()) {
    const auto names = emscripten::vecFromJSArray<std::string>(emscripten::val::global("Object").call<emscripten::val>("keys", inputs));
    for (const auto& name : names) {
      const emscripten::val content = inputs[name];
      if (!content.isString()) {
        throw clir::InputError("the content of an input file must be a string", {.file = name});
      }
      const fs::path input(name);
      files.write(input.is_absolute() ? input : path.parent_path() / input, content.as<std::string>());
    }
  }
  return clir::run(clir::load_scenario(path), options);
}

// run(scenarioToml, scenarioPath, inputs): what `clir run <scenarioPath>` writes as run.json when
// the file holds scenarioToml. `inputs` maps the names of the files the scenario reads (as the
// scenario writes them, relative to its folder) to their text. scenarioPath "" = "scenario.toml".
std::string run_scenario(const std::string& scenario_toml, const std::string& scenario_path, emscripten::val inputs) {
  return result_or_throw(guarded([&] {
    CallFiles files;
    return run_json_text(run_placed(files, scenario_toml, scenario_path, inputs));
  }));
}

// runDetailed(scenarioToml, scenarioPath, inputs): what the interactive report shows after a
// change, as JSON: {"run": run.json, "applicants": [...], "map_svg": map.svg}. The applicants
// are the rows of scores.csv's ranking (ranked_applicants) as objects keyed by its header.
std::string run_detailed(const std::string& scenario_toml, const std::string& scenario_path, emscripten::val inputs) {
  return result_or_throw(guarded([&] {
    CallFiles files;
    return clir::rerun_answer_json(run_placed(files, scenario_toml, scenario_path, inputs));
  }));
}

// runRobustness(scenarioToml, scenarioPath, inputs, onProgress): the scenario's robustness
// analysis (its weight draws), for the report's Web Worker: onProgress(done, total) now and then,
// and as JSON {"draws": n, "selection_probability": {code: p}} over the eligible (p > 0 only).
std::string run_robustness(const std::string& scenario_toml, const std::string& scenario_path, emscripten::val inputs,
                           emscripten::val on_progress) {
  return result_or_throw(guarded([&] {
    CallFiles files;
    clir::RunOptions options;
    options.last_stage = clir::RunStage::robustness;
    if (on_progress.typeOf().as<std::string>() == "function") {
      options.robustness_progress = [&on_progress](std::size_t done, std::size_t total) {
        on_progress(static_cast<double>(done), static_cast<double>(total));
      };
    }
    const clir::RunResult result = run_placed(files, scenario_toml, scenario_path, inputs, options);
    nlohmann::json out;
    nlohmann::json probability = nlohmann::json::object();
    if (result.robustness) {
      out["draws"] = result.scenario.robustness->draws;
      for (std::size_t sr = 0; sr < result.scores.ids.size(); ++sr) {
        const double p = result.robustness->selection_probability(static_cast<Eigen::Index>(sr));
        if (p > 0) probability[result.scores.ids[sr]] = p;
      }
    } else {
      out["draws"] = 0;
    }
    out["selection_probability"] = std::move(probability);
    return out.dump();
  }));
}

// communityCard(scenarioToml, scenarioPath, inputs, code): the card of one applicant after the
// scenario's selection (clir::community_card(), as `clir explain --code CODE --json` prints it):
// its values, rank, contributions against the cut-off, the score gap and the nearest weighting
// that selects it (GLPK, in the module), checked by rerunning the selection.
std::string community_card(const std::string& scenario_toml, const std::string& scenario_path, emscripten::val inputs,
                           const std::string& code) {
  return result_or_throw(guarded([&] {
    CallFiles files;
    const clir::RunResult result =
        run_placed(files, scenario_toml, scenario_path, inputs, {.last_stage = clir::RunStage::selection});
    return clir::community_card_json(clir::community_card(result, code)).dump();
  }));
}

// The scenario keys as JSON (clir::scenario_field_catalog()): what the page builds its controls from.
std::string field_catalog() { return clir::scenario_field_catalog().dump(); }

// editScenario(toml, changesJson, name): the scenario text with the changes applied
// (clir::edit_scenario_toml()); what the page runs and exports.
std::string edit_scenario(const std::string& scenario_toml, const std::string& changes_json, const std::string& name) {
  return result_or_throw(guarded([&] {
    nlohmann::json changes;
    try {
      changes = nlohmann::json::parse(changes_json);
    } catch (const nlohmann::json::parse_error& e) {
      throw clir::InputError(std::string("the changes are not valid JSON: ") + e.what());
    }
    return clir::edit_scenario_toml(scenario_toml, changes, name.empty() ? std::string("scenario.toml") : name);
  }));
}

// What `clir run` (no scenario file) writes as run.json.
std::string run_builtin() {
  return result_or_throw(guarded([] { return run_json_text(clir::run(clir::builtin_clir2024_scenario())); }));
}

// Checks a scenario as `clir validate` does; returns the scenario as resolved (JSON, every key
// as docs/scenario.md names it) or throws the first mistake with its line and column.
std::string validate_scenario(const std::string& scenario_toml, const std::string& scenario_path) {
  return result_or_throw(guarded([&] {
    const std::string name = scenario_path.empty() ? std::string("scenario.toml") : scenario_path;
    return clir::format_json(clir::scenario_to_json(clir::parse_scenario(scenario_toml, name)));
  }));
}

std::string builtin_scenario_text() { return std::string(clir::builtin_clir2024_scenario_text()); }

std::string version() { return CLIR_VERSION_STRING; }

}  // namespace

EMSCRIPTEN_BINDINGS(clir) {
  emscripten::function("run", &run_scenario);
  emscripten::function("runDetailed", &run_detailed);
  emscripten::function("runRobustness", &run_robustness);
  emscripten::function("communityCard", &community_card);
  emscripten::function("fieldCatalog", &field_catalog);
  emscripten::function("editScenario", &edit_scenario);
  emscripten::function("runBuiltin", &run_builtin);
  emscripten::function("validateScenario", &validate_scenario);
  emscripten::function("builtinScenario", &builtin_scenario_text);
  emscripten::function("version", &version);
}

// libFuzzer target: the scenario edits of report.html's what-if controls
// (clir::edit_scenario_toml): a scenario's TOML text and a JSON object of changes, separated by
// a NUL byte in the input. The edit must succeed or throw clir::Error, and what it returns must
// be TOML that the scenario reader parses (it may then refuse a value, with clir::Error).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "clir/core/error.hpp"
#include "clir/pipeline/scenario.hpp"
#include "clir/pipeline/scenario_catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto cut = input.find('\0');
  if (cut == std::string_view::npos) return 0;
  const std::string_view toml = input.substr(0, cut), changes_text = input.substr(cut + 1);
  const nlohmann::json changes = nlohmann::json::parse(changes_text, nullptr, /*allow_exceptions=*/false);
  if (changes.is_discarded()) return 0;
  std::string edited;
  try {
    edited = clir::edit_scenario_toml(toml, changes, "fuzz.toml");
  } catch (const clir::Error&) {
    return 0;
  }
  try {
    (void)clir::parse_scenario(edited, "edited.toml");
  } catch (const clir::InputError& e) {
    // The edit wrote text that is not TOML: a bug in the writer, not in the input.
    if (std::string_view(e.what()).find("invalid TOML") != std::string_view::npos) __builtin_trap();
  } catch (const clir::Error&) {
  }
  return 0;
}

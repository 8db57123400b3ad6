// libFuzzer target: the scenario loader must either load or throw clir::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "clir/core/error.hpp"
#include "clir/pipeline/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)clir::parse_scenario(text, "fuzz.toml");
  } catch (const clir::Error&) {
  }
  return 0;
}

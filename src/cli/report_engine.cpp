#include "report_engine.hpp"

#include <string>

namespace clir::cli {

#ifdef CLIR_CLI_REPORT_ENGINE
namespace {
std::string joined(const detail::EmbeddedFile& file) {
  std::string text;
  text.reserve(file.size);
  for (std::size_t n = 0; n < file.chunk_count; ++n) text.append(file.chunks[n]);
  return text;
}
}  // namespace
#endif

ReportEngine report_engine() {
#ifdef CLIR_CLI_REPORT_ENGINE
  // Joined once: the embedded text is split into literals below the compilers' limits.
  static const std::string script = joined(detail::report_engine_files()[0]);
  static const std::string wasm = joined(detail::report_engine_files()[1]);
  return {script, wasm};
#else
  return {};
#endif
}

}  // namespace clir::cli

#pragma once
// Internal: the "What if" section of the interactive report.html (docs/report.md) and the
// script that drives it (whatif_script.cpp).

#include <string_view>

#include "clir/pipeline/html_report.hpp"
#include "clir/pipeline/run.hpp"
#include "clir/report/html.hpp"

namespace clir::detail {

/// Adds the "whatif" section after @p document's first section, and, when the run can be rerun
/// in the page, the engine @p engine, the page's data and its script.
void add_whatif(HtmlDocument& document, const RunResult& result, const ReportEngine& engine);

/// The script of the "What if" section (plain JavaScript, no modules).
extern const std::string_view kWhatIfScript;

}  // namespace clir::detail

// clir::community_card: one applicant's figures after a run, against the cut-off, and the
// nearest weighting that selects it.
#include "clir/pipeline/community_card.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "clir/core/error.hpp"
#include "clir/core/suggest.hpp"
#include "clir/io/format.hpp"
#include "clir/scoring/normalize.hpp"
#include "json_fields.hpp"
#include "stages.hpp"

namespace clir {
namespace {

std::optional<std::size_t> index_of(const std::vector<std::string>& ids, std::string_view id) {
  const auto it = std::find(ids.begin(), ids.end(), id);
  if (it == ids.end()) return std::nullopt;
  return static_cast<std::size_t>(it - ids.begin());
}

// Characters of UTF-8 text (bytes that do not continue a sequence).
std::size_t text_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U;
  }));
}

// Columns padded to their widest cell, two spaces apart; the first left-aligned, the rest right.
void render_table(std::ostream& out, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  const auto measure = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size() && c < width.size(); ++c) width[c] = std::max(width[c], text_width(cells[c]));
  };
  measure(header);
  for (const auto& r : rows) measure(r);
  const auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size() && c < width.size(); ++c) {
      const std::string pad(width[c] - text_width(cells[c]), ' ');
      out << (c == 0 ? "" : "  ") << (c == 0 ? cells[c] + pad : pad + cells[c]);
    }
    out << '\n';
  };
  line(header);
  for (const auto& r : rows) line(r);
}

}  // namespace

CommunityCard community_card(const RunResult& r, std::string_view code, const CommunityCardOptions& options) {
  const Table& table = r.pool.table;
  const auto row = table.find_row(code);
  if (!row) {
    std::string message = "'" + std::string(code) + "' is not an applicant of this run (" + std::to_string(table.rows()) +
                          " applicants)";
    if (const auto near = closest_match(code, table.ids()); !near.empty()) message += "; did you mean " + near + "?";
    throw InputError(message, {.key = "code"});
  }
  if (r.selection.explanations.size() != table.rows()) {
    throw ConfigError("last_stage", "a community's card needs a run up to the selection at least");
  }
  const Community& community = r.pool.communities[*row];
  const Explanation& why = r.selection.explanations[*row];
  CommunityCard card;
  card.code = community.code;
  card.name_uk = community.name_uk;
  card.oblast_uk = community.oblast_uk;
  card.eligible = r.eligibility.eligible[*row];
  card.excluded_by = r.eligibility.reason(*row);
  card.rank = why.rank;
  card.score = why.score;
  card.selected = why.selected;
  card.status = why.status;
  card.explanation = why.text;
  card.count = r.scenario.selection.count;
  card.method = r.scenario.scoring.method;
  card.eligible_count = r.eligibility.eligible_rows.size();

  // The cut-off: the selected community with the lowest rank.
  std::optional<std::size_t> cutoff_row;
  for (std::size_t s : r.selection.selected_rows) {
    const auto& e = r.selection.explanations[s];
    if (!cutoff_row || e.rank.value_or(0) > r.selection.explanations[*cutoff_row].rank.value_or(0)) cutoff_row = s;
  }
  if (cutoff_row) {
    const auto& e = r.selection.explanations[*cutoff_row];
    card.cutoff_code = r.pool.communities[*cutoff_row].code;
    card.cutoff_name_uk = r.pool.communities[*cutoff_row].name_uk;
    card.cutoff_rank = e.rank.value_or(0);
    card.cutoff_score = e.score.value_or(0.0);
    if (card.score) card.score_gap = card.cutoff_score - *card.score;
  }

  const bool staged = detail::runs_in_stages(r.scenario);
  const bool scored = !staged && r.scores.ids.size() == r.eligibility.eligible_rows.size() && !r.scores.ids.empty();
  for (std::size_t j = 0; j < r.criteria.size(); ++j) {
    const Criterion& c = r.criteria[j];
    CardCriterion cc;
    cc.criterion = c.label();
    cc.column = c.column;
    cc.direction = c.direction;
    if (scored && j < static_cast<std::size_t>(r.scores.weights.size())) cc.weight = r.scores.weights(static_cast<Eigen::Index>(j));
    cc.value = table.get(*row, c.column);
    if (cutoff_row) cc.cutoff_value = table.get(*cutoff_row, c.column);
    card.criteria.push_back(std::move(cc));
  }
  if (!scored) {
    card.nearest_note = staged ? "the scenario selects in stages or with discretionary points; the card shows the "
                                 "first stage's values only and no nearest weighting"
                               : "the run has no scores";
    return card;
  }

  const Table eligible = table.select_rows(r.eligibility.eligible_rows);
  const PreparedScoring prepared(build_decision_matrix(eligible, r.criteria), r.scenario.scoring);
  card.additive = prepared.is_linear();
  const Eigen::MatrixXd normalized = normalize_oriented(prepared.matrix(), Normalization::min_max, CostFlip::one_minus);
  const auto at = index_of(r.scores.ids, card.code);
  const auto cutoff_at = cutoff_row ? index_of(r.scores.ids, card.cutoff_code) : std::nullopt;
  for (std::size_t j = 0; j < card.criteria.size(); ++j) {
    auto& cc = card.criteria[j];
    const auto col = static_cast<Eigen::Index>(j);
    const auto put = [&](std::size_t i, std::optional<double>& norm, std::optional<double>& contribution) {
      norm = normalized(static_cast<Eigen::Index>(i), col);
      if (card.additive) contribution = cc.weight * prepared.linear_terms()(static_cast<Eigen::Index>(i), col);
    };
    if (at) put(*at, cc.normalized, cc.contribution);
    if (cutoff_at) put(*cutoff_at, cc.cutoff_normalized, cc.cutoff_contribution);
  }

  if (!at) {
    card.nearest_note = "not eligible: " + card.excluded_by;
    return card;
  }
  if (!options.nearest_weights) {
    card.nearest_note = "not asked for";
    return card;
  }
  const QuotaSelector selector(table, r.eligibility.eligible_rows, r.scenario.selection);
  card.nearest = nearest_selecting_weights(prepared, r.scores.weights, *at, card.count, &selector, options.nearest);
  if (card.nearest->weights.size() == card.criteria.size() && card.nearest->status != NearestWeightsStatus::already_selected) {
    for (std::size_t j = 0; j < card.criteria.size(); ++j) card.criteria[j].nearest_weight = card.nearest->weights[j];
  }
  return card;
}

nlohmann::json community_card_json(const CommunityCard& card) {
  nlohmann::json j = detail::fields_to_json(card, detail::AbsentOptional::null);
  // The nested structs' absent values as null too, so that every card has every key.
  nlohmann::json criteria = nlohmann::json::array();
  for (const auto& c : card.criteria) criteria.push_back(detail::fields_to_json(c, detail::AbsentOptional::null));
  j["criteria"] = std::move(criteria);
  return j;
}

std::string community_card_text(const CommunityCard& card) {
  std::ostringstream out;
  const auto number = [](std::optional<double> v, int decimals) {
    return v ? format_fixed(*v, decimals) : std::string("–");
  };
  out << card.name_uk << " (" << card.code << "), " << card.oblast_uk << '\n';
  if (!card.eligible) {
    out << "Not eligible: " << card.excluded_by << '\n';
  } else {
    out << "Rank " << card.rank.value_or(0) << " of " << card.eligible_count << " eligible, score "
        << number(card.score, 4) << " (" << to_string(card.method) << "); "
        << (card.selected ? "selected" : "not selected") << " (" << card.count << " selected)\n";
  }
  out << card.explanation << '\n';
  if (!card.cutoff_code.empty()) {
    out << "Cut-off (last selected): " << card.cutoff_name_uk << " (" << card.cutoff_code << "), rank "
        << card.cutoff_rank << ", score " << format_fixed(card.cutoff_score, 4);
    if (card.score_gap) out << "; score gap " << format_fixed(*card.score_gap, 4);
    out << '\n';
  }
  out << '\n';
  std::vector<std::string> header = {"criterion", "direction", "weight", "value", "normalized"};
  if (card.additive) header.emplace_back("contribution");
  header.insert(header.end(), {"cut-off value", "cut-off normalized"});
  if (card.additive) header.emplace_back("cut-off contribution");
  std::vector<std::vector<std::string>> rows;
  const bool nearest = card.nearest && card.nearest->found && card.nearest->status == NearestWeightsStatus::found;
  if (nearest) header.emplace_back("nearest weight");
  for (const auto& c : card.criteria) {
    std::vector<std::string> cells = {c.criterion, std::string(to_string(c.direction)), format_fixed(c.weight, 4),
                                      c.value ? format_number(*c.value) : "–", number(c.normalized, 3)};
    if (card.additive) cells.push_back(number(c.contribution, 4));
    cells.push_back(c.cutoff_value ? format_number(*c.cutoff_value) : "–");
    cells.push_back(number(c.cutoff_normalized, 3));
    if (card.additive) cells.push_back(number(c.cutoff_contribution, 4));
    if (nearest) cells.push_back(number(c.nearest_weight, 4));
    rows.push_back(std::move(cells));
  }
  render_table(out, header, rows);
  if (!card.additive && card.eligible) {
    out << "(the " << to_string(card.method) << " score is not a sum of per-criterion contributions)\n";
  }
  out << '\n';
  if (card.nearest) {
    out << "What it would take: " << to_string(card.nearest->status) << ": " << card.nearest->reason << '\n';
  } else if (!card.nearest_note.empty()) {
    out << "What it would take: " << card.nearest_note << '\n';
  }
  return out.str();
}

}  // namespace clir

#pragma once
/// @file
/// @brief Names to hromada codes: communities as programmes publish them ("Баришівка",
/// "Холмська", "Blznyukivska", "Savenetska") resolved against the built-in hromadas and the
/// KATOTTG codifier's settlements, with a score and the alternatives. Nothing is guessed: an
/// ambiguous or unknown name is reported with its candidates. Matching rules: docs/resolve.md.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clir/core/enum_names.hpp"
#include "clir/core/error.hpp"
#include "clir/io/csv.hpp"

namespace clir {

/// What a name matched: a hromada's own name, or a settlement (its hromada is the answer).
enum class NameKind { hromada, settlement };

template <>
struct EnumTraits<NameKind> {
  static constexpr std::string_view what = "name kind";
  static constexpr std::array<EnumName<NameKind>, 2> names{{
      {NameKind::hromada, "hromada", "the name of a hromada"},
      {NameKind::settlement, "settlement", "the name of a settlement; its hromada is the answer"},
  }};
};

/// One name to resolve.
struct NameQuery {
  std::string name;  ///< hromada or settlement name, Ukrainian or Latin, any case and suffix
  /// Optional oblast or raion ("Київська", "Kharkiv oblast", "Бучанський район", "Buchanskyi");
  /// empty: all of Ukraine. A hint that names no oblast or raion is an error, not ignored.
  std::string hint;
};

/// How names are matched. The defaults are the ones documented and tested.
struct ResolveOptions {
  /// A candidate scoring below this is not a match (scores are in [0, 1]; 1 = same name after
  /// normalisation). Must be in (0, 1].
  double min_score = 0.75;
  /// The best hromada must lead the next different hromada by at least this much, else the
  /// name is ambiguous. Must be in [0, 1).
  double ambiguity_margin = 0.05;
  /// Alternatives are the other hromadas scoring at least the best minus this (and at least
  /// min_score). In [ambiguity_margin, 1].
  double alternative_window = 0.15;
  /// Subtracted from a settlement that is not its hromada's administrative centre: a
  /// programme that names a community by a settlement names its centre. In [0, 1).
  double non_centre_penalty = 0.1;
  /// At most this many alternatives (or candidates of an unresolved name) are kept.
  std::size_t max_alternatives = 5;
  /// Also match settlement names (else hromada names only).
  bool match_settlements = true;
};

/// One hromada a name may mean.
struct NameCandidate {
  std::string code;             ///< KATOTTG code of the hromada
  std::string hromada_name;     ///< the hromada's short name, e.g. "Баришівська"
  std::string oblast;           ///< its oblast, e.g. "Київська"
  std::string matched_name;     ///< the name that matched (the hromada's or the settlement's)
  NameKind kind = NameKind::hromada;
  std::string settlement_code;  ///< KATOTTG code of the matched settlement; empty for a hromada
  bool centre = false;          ///< the matched settlement is the hromada's administrative centre
  double score = 0.0;           ///< similarity in [0, 1] after the non-centre penalty
};

/// The outcome for one name.
enum class ResolveStatus {
  resolved,   ///< one hromada scores at least min_score and leads the next by the margin
  ambiguous,  ///< several hromadas score at least min_score within the margin of the best
  unknown,    ///< no hromada scores at least min_score
};

template <>
struct EnumTraits<ResolveStatus> {
  static constexpr std::string_view what = "resolution status";
  static constexpr std::array<EnumName<ResolveStatus>, 3> names{{
      {ResolveStatus::resolved, "resolved", "one hromada scores at least min_score and leads by the margin"},
      {ResolveStatus::ambiguous, "ambiguous", "several hromadas score at least min_score within the margin"},
      {ResolveStatus::unknown, "unknown", "no hromada scores at least min_score"},
  }};
};

/// How one name was resolved.
struct NameResolution {
  NameQuery query;
  ResolveStatus status = ResolveStatus::unknown;
  /// The match when resolved; for an ambiguous or unknown name, the best candidate found (its
  /// code is then not an answer). Empty code when nothing came close.
  NameCandidate match;
  /// Resolved: the next hromadas within alternative_window of the best (and at least
  /// min_score), at most max_alternatives. Ambiguous: every other hromada within the margin of
  /// the best. Unknown: the nearest
  /// names (score at least 0.5). Best first.
  /// Ties are ordered by code.
  std::vector<NameCandidate> alternatives;

  bool resolved() const noexcept { return status == ResolveStatus::resolved; }
  /// One line: "'Баришівка' → UA32060010000086043 Баришівська (Київська), settlement
  /// 'Баришівка', score 1.00" or why it is not resolved, listing the candidates with codes.
  std::string describe() const;
};

/// Resolves each name (in order) against the built-in data. Ambiguous and unknown names are
/// returned with their status, never guessed. Throws clir::ConfigError for options out of range
/// and clir::InputError (key "hint") for a hint that names no oblast or raion, or several.
/// Deterministic; thread-safe.
std::vector<NameResolution> resolve_communities(std::span<const NameQuery> queries,
                                                const ResolveOptions& options = {});

/// One name; see resolve_communities().
NameResolution resolve_community(std::string_view name, std::string_view hint = {},
                                 const ResolveOptions& options = {});

/// The resolved codes, in order. Throws clir::InputError listing every name that is not
/// resolved with its candidates; @p where (file, key) is put in the error, and @p lines (when
/// not empty, one per resolution) gives each name's line in that file.
std::vector<std::string> resolved_codes(std::span<const NameResolution> resolutions,
                                        const SourceLocation& where = {},
                                        std::span<const std::size_t> lines = {});

/// A CSV file that names its communities, with the codes they resolved to.
struct NamedRows {
  /// The file's rows with a code column appended (after the file's own columns, so that the
  /// column numbers of error messages stay those of the file).
  CsvDocument document;
  std::vector<NameResolution> resolutions;  ///< one per row, in order
};

/// For a file (reference grouping, applications) that names communities instead of coding them:
/// when @p doc has no column @p code_column but a `name` column, resolves each row's name, with
/// the row's `oblast`, `raion` or `hint` cell (the first of these columns present) as its hint,
/// and returns the rows with @p code_column appended. std::nullopt when @p doc has @p
/// code_column (nothing to resolve). Throws clir::InputError (file, line, column `name`) listing
/// every name that is ambiguous or unknown, or for an empty name; a name resolved to a hromada
/// that another row already names is an error too (each hromada once).
std::optional<NamedRows> resolve_named_rows(const CsvDocument& doc, std::string_view code_column = "code",
                                            const ResolveOptions& options = {});

}  // namespace clir

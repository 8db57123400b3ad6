#pragma once
/// @file
/// @brief Internal: minimum-cost assignment (Hungarian algorithm with potentials, O(r²·c)).

#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

namespace clir::detail {

/// Assigns each of @p rows rows a distinct column of @p cols (rows <= cols) so that the sum of
/// @p cost[r * cols + c] over the assignment is minimal. Returns the column of each row.
///
/// Shortest augmenting paths with row and column potentials (Kuhn 1955, Munkres 1957, in the
/// O(n³) form of Edmonds–Karp / Tomizawa): row r is added by a Dijkstra-like search over reduced
/// costs cost − u_row − v_col, which stay >= 0 on the explored columns, then the matching is
/// flipped along the path found. The scan order (rows ascending, the first column of smallest
/// reduced cost) makes the result deterministic. @p T is an integer or floating type; integers
/// give exact optima.
template <class T>
std::vector<std::size_t> min_cost_assignment(const std::vector<T>& cost, std::size_t rows, std::size_t cols) {
  if (rows > cols) throw std::invalid_argument("min_cost_assignment: more rows than columns");
  if (cost.size() != rows * cols) throw std::invalid_argument("min_cost_assignment: cost has the wrong size");
  const T unreachable = std::numeric_limits<T>::max();
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  // Column index 0 is a virtual column holding the row being inserted; real columns are 1..cols.
  std::vector<T> row_potential(rows + 1, T(0)), col_potential(cols + 1, T(0));
  std::vector<std::size_t> row_of_col(cols + 1, none);  // matched row (0-based) per column
  std::vector<std::size_t> previous_col(cols + 1, 0);   // the path back to the virtual column
  std::vector<T> slack(cols + 1);
  std::vector<char> visited(cols + 1);

  for (std::size_t r = 0; r < rows; ++r) {
    row_of_col[0] = r;
    std::size_t col = 0;
    std::fill(slack.begin(), slack.end(), unreachable);
    std::fill(visited.begin(), visited.end(), char{0});
    do {
      visited[col] = 1;
      const std::size_t row = row_of_col[col];
      T step = unreachable;
      std::size_t next = 0;
      for (std::size_t c = 1; c <= cols; ++c) {
        if (visited[c]) continue;
        const T reduced = cost[row * cols + (c - 1)] - row_potential[row + 1] - col_potential[c];
        if (reduced < slack[c]) {
          slack[c] = reduced;
          previous_col[c] = col;
        }
        if (slack[c] < step) {
          step = slack[c];
          next = c;
        }
      }
      for (std::size_t c = 0; c <= cols; ++c) {
        if (visited[c]) {
          row_potential[row_of_col[c] + 1] += step;
          col_potential[c] -= step;
        } else {
          slack[c] -= step;
        }
      }
      col = next;
    } while (row_of_col[col] != none);
    // Flip the alternating path ending at the free column just reached.
    while (col != 0) {
      const std::size_t back = previous_col[col];
      row_of_col[col] = row_of_col[back];
      col = back;
    }
  }
  std::vector<std::size_t> col_of_row(rows, none);
  for (std::size_t c = 1; c <= cols; ++c) {
    if (row_of_col[c] != none) col_of_row[row_of_col[c]] = c - 1;
  }
  return col_of_row;
}

}  // namespace clir::detail

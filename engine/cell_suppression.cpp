#include "engine/cell_suppression.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace engine {
namespace {

// Row reduction modulo the Mersenne prime 2^61 - 1: exact integer arithmetic
// without a rational type.  The relations have coefficients +1/-1, so a
// rank over the rationals differs from the rank modulo this prime only if
// some minor is a multiple of it, which these small tables cannot reach.
constexpr std::uint64_t kPrime = (std::uint64_t{1} << 61) - 1;

std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
  __extension__ using u128 = unsigned __int128;  // GCC and Clang; -Wpedantic asks for the marker
  const u128 p = static_cast<u128>(a) * b;
  std::uint64_t r = static_cast<std::uint64_t>(p & kPrime) + static_cast<std::uint64_t>(p >> 61);
  return r >= kPrime ? r - kPrime : r;
}
std::uint64_t sub(std::uint64_t a, std::uint64_t b) { return a >= b ? a - b : a + kPrime - b; }
std::uint64_t inverse(std::uint64_t a) {  // Fermat: a^(p-2)
  std::uint64_t result = 1, e = kPrime - 2;
  while (e) {
    if (e & 1) result = mul(result, a);
    a = mul(a, a);
    e >>= 1;
  }
  return result;
}

std::vector<std::size_t> cells_of(const CellRelation& r) {
  std::vector<std::size_t> cells = r.parts;
  cells.push_back(r.total);
  return cells;
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

// Derivable unknowns of one independent block: reduced row echelon form of
// the relations restricted to the unknowns; an unknown is determined when it
// leads a row with no free unknown in it.
void derivable_in_block(const std::vector<std::vector<std::pair<std::size_t, std::uint64_t>>>& rows,
                        const std::vector<std::size_t>& unknowns, std::vector<std::size_t>& out) {
  const std::size_t n = unknowns.size();
  std::vector<std::vector<std::uint64_t>> m;
  m.reserve(rows.size());
  for (const auto& sparse : rows) {
    std::vector<std::uint64_t> dense(n, 0);
    for (const auto& [col, coeff] : sparse) dense[col] = (dense[col] + coeff) % kPrime;
    m.push_back(std::move(dense));
  }
  std::vector<std::size_t> pivot_col;
  std::size_t rank = 0;
  for (std::size_t col = 0; col < n && rank < m.size(); ++col) {
    std::size_t pivot = rank;
    while (pivot < m.size() && m[pivot][col] == 0) ++pivot;
    if (pivot == m.size()) continue;
    std::swap(m[pivot], m[rank]);
    const std::uint64_t inv = inverse(m[rank][col]);
    for (std::uint64_t& v : m[rank]) v = mul(v, inv);
    for (std::size_t r = 0; r < m.size(); ++r) {
      if (r == rank || m[r][col] == 0) continue;
      const std::uint64_t factor = m[r][col];
      for (std::size_t c = col; c < n; ++c)
        if (m[rank][c]) m[r][c] = sub(m[r][c], mul(factor, m[rank][c]));
    }
    pivot_col.push_back(col);
    ++rank;
  }
  std::vector<bool> is_pivot(n, false);
  for (std::size_t c : pivot_col) is_pivot[c] = true;
  for (std::size_t r = 0; r < rank; ++r) {
    bool alone = true;
    for (std::size_t c = 0; c < n && alone; ++c) alone = is_pivot[c] || m[r][c] == 0;
    if (alone) out.push_back(unknowns[pivot_col[r]]);
  }
}

// Breadth-first over relations from `cell` through withheld cells: the
// complement of the first relation that has one (`cells` if none has).
template <class Complement>
std::size_t nearest_complement(std::size_t cell, const std::vector<CellRelation>& relations,
                               const std::vector<std::vector<std::size_t>>& relations_of,
                               const std::vector<bool>& suppressed, const Complement& complement_in) {
  const std::size_t cells = suppressed.size();
  std::vector<bool> visited_cell(cells, false), visited_relation(relations.size(), false);
  std::vector<std::size_t> frontier{cell};
  visited_cell[cell] = true;
  while (!frontier.empty()) {
    // Within one distance, the relation with the fewest withheld cells.
    std::size_t best = cells, fewest = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> next;
    for (std::size_t c : frontier)
      for (std::size_t r : relations_of[c]) {
        if (visited_relation[r]) continue;
        visited_relation[r] = true;
        std::size_t unknown = 0;
        for (std::size_t x : cells_of(relations[r])) {
          unknown += suppressed[x];
          if (suppressed[x] && !visited_cell[x]) visited_cell[x] = true, next.push_back(x);
        }
        const std::size_t candidate = complement_in(relations[r]);
        if (candidate != cells && unknown < fewest) best = candidate, fewest = unknown;
      }
    if (best != cells) return best;
    frontier = std::move(next);
  }
  return cells;
}

}  // namespace

std::vector<std::size_t> derivable_cells(const std::vector<CellRelation>& relations, const std::vector<bool>& suppressed) {
  const std::size_t cells = suppressed.size();
  UnionFind blocks(cells);
  for (const CellRelation& r : relations) {
    std::size_t first = cells;
    for (std::size_t c : cells_of(r)) {
      if (!suppressed[c]) continue;
      if (first == cells) first = c;
      else blocks.join(first, c);
    }
  }
  // Unknowns and relations per block, with block-local column numbers.
  std::vector<std::size_t> column(cells, 0);
  std::vector<std::vector<std::size_t>> unknowns(cells);
  for (std::size_t c = 0; c < cells; ++c)
    if (suppressed[c]) {
      std::vector<std::size_t>& block = unknowns[blocks.find(c)];
      column[c] = block.size();
      block.push_back(c);
    }
  std::vector<std::vector<std::vector<std::pair<std::size_t, std::uint64_t>>>> rows(cells);
  for (const CellRelation& r : relations) {
    std::vector<std::pair<std::size_t, std::uint64_t>> row;
    std::size_t block = cells;
    for (std::size_t c : r.parts)
      if (suppressed[c]) row.emplace_back(column[c], 1), block = blocks.find(c);
    if (suppressed[r.total]) row.emplace_back(column[r.total], kPrime - 1), block = blocks.find(r.total);
    if (!row.empty()) rows[block].push_back(std::move(row));
  }
  std::vector<std::size_t> out;
  for (std::size_t b = 0; b < cells; ++b)
    if (!unknowns[b].empty()) derivable_in_block(rows[b], unknowns[b], out);
  std::sort(out.begin(), out.end());
  return out;
}

CellSuppression suppress_small_cells(const std::vector<std::int64_t>& values, const std::vector<CellRelation>& relations,
                                     std::int64_t min_count, const std::vector<bool>& fixed) {
  std::vector<CellState> states(values.size(), CellState::Open);
  for (std::size_t c = 0; c < values.size(); ++c)
    if (fixed[c]) states[c] = CellState::Fixed;
  return suppress_small_cells(values, relations, min_count, states);
}

CellSuppression suppress_small_cells(const std::vector<std::int64_t>& values, const std::vector<CellRelation>& relations,
                                     std::int64_t min_count, const std::vector<CellState>& states) {
  const std::size_t cells = values.size();
  auto small = [&](std::size_t c) { return values[c] >= 1 && values[c] < min_count; };
  CellSuppression out;
  out.suppressed.assign(cells, false);
  std::vector<bool> open(cells, false);
  for (std::size_t c = 0; c < cells; ++c) {
    open[c] = states[c] == CellState::Open;
    out.suppressed[c] = states[c] == CellState::Withheld || states[c] == CellState::Unprinted || (open[c] && small(c));
    out.primary += open[c] && small(c);
  }
  // An unprinted cell that is not small may be worked out: nothing to protect.
  auto needs_protection = [&](std::size_t c) { return out.suppressed[c] && (states[c] != CellState::Unprinted || small(c)); };

  std::vector<std::vector<std::size_t>> relations_of(cells);
  for (std::size_t r = 0; r < relations.size(); ++r)
    for (std::size_t c : cells_of(relations[r])) relations_of[c].push_back(r);

  // A zero that is a part of a relation whose published total is used up by
  // its published parts stays zero when withheld: it protects nothing.
  auto pinned_zero = [&](std::size_t c) {
    if (values[c] != 0) return false;
    for (std::size_t r : relations_of[c]) {
      const CellRelation& rel = relations[r];
      if (rel.total == c || out.suppressed[rel.total]) continue;
      std::int64_t room = values[rel.total];
      for (std::size_t p : rel.parts)
        if (p != c && !out.suppressed[p]) room -= values[p];
      if (room == 0) return true;
    }
    return false;
  };
  // The cheapest cell to withhold alongside the others of a relation: the
  // smallest non-zero published one.  Zeros only as a last resort: a
  // withheld zero is often pinned by non-negativity (nothing is below it)
  // and then gives itself away.
  auto smallest_in = [&](const CellRelation& r, bool zeros) {
    std::size_t best = cells;
    for (std::size_t c : cells_of(r))
      if (!out.suppressed[c] && open[c] && (values[c] > 0 || (zeros && !pinned_zero(c))) &&
          (best == cells || values[c] < values[best]))
        best = c;
    return best;
  };
  auto positive_in = [&](const CellRelation& r) { return smallest_in(r, false); };
  auto any_in = [&](const CellRelation& r) { return smallest_in(r, true); };
  auto withhold = [&](std::size_t c) {
    out.suppressed[c] = true;
    ++out.complementary;
  };

  std::vector<bool> given_up(cells, false);
  for (;;) {
    // Cheap pass: no relation may leave exactly one cell withheld.
    bool changed = true;
    while (changed) {
      changed = false;
      for (const CellRelation& r : relations) {
        std::size_t unknown = 0, last = cells;
        for (std::size_t c : cells_of(r))
          if (out.suppressed[c]) ++unknown, last = c;
        if (unknown != 1 || given_up[last] || !needs_protection(last)) continue;
        const std::size_t c = positive_in(r);
        if (c == cells) continue;  // the exact pass below decides
        withhold(c);
        changed = true;
      }
    }
    // Exact pass: chains of relations can still pin a cell down.  Widen the
    // nearest relation of the chain (breadth-first from the cell through
    // withheld cells) that still has a cell to withhold.
    bool added = false;
    for (std::size_t cell : derivable_cells(relations, out.suppressed)) {
      if (given_up[cell] || !needs_protection(cell)) continue;
      std::size_t best = nearest_complement(cell, relations, relations_of, out.suppressed, positive_in);
      if (best == cells) best = nearest_complement(cell, relations, relations_of, out.suppressed, any_in);
      if (best == cells) {
        given_up[cell] = true;
        out.unprotectable.push_back(cell);
        continue;
      }
      withhold(best);
      added = true;
      break;  // one at a time: each addition can protect several cells
    }
    if (!added) break;
  }
  return out;
}

}  // namespace engine

// Uses an installed clir through find_package(clir) and prints a checkable line.
#include <clir/clir.hpp>
#include <iostream>

int main() {
  // The installed library carries the built-in data and the whole pipeline.
  const clir::Community& mena = clir::find_hromada("UA74020030000069340");
  if (mena.name_uk != "Менська" || clir::builtin_hromadas().communities.size() != 1469) return 1;
  clir::Table table({"UA32060010000086043", "UA32140070000012102"});
  table.add_numeric("population", Eigen::Vector2d(29000.0, 11000.0), "persons");
  try {
    (void)table.numeric("area");
  } catch (const clir::InputError& e) {
    std::cout << "rows=" << table.rows() << " error-key=" << e.where().key << '\n';
    return 0;
  }
  return 1;
}

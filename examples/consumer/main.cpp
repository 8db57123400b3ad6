// Uses an installed clir through find_package(clir) and prints a checkable line.
#include <clir/core/error.hpp>
#include <clir/core/table.hpp>
#include <iostream>

int main() {
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

# Reference values for tests/cluster/kmedoids_test.cpp, from R's cluster package.
# Run: Rscript tests/cluster/r_reference.R   (R 4.2, r-cran-cluster 2.1.4 produced the numbers
# copied into the test). The point sets are integer formulas so that both sides compute the
# same doubles: points_formula(n)[i] = ((37 i mod 101) / 10, (59 i mod 97) / 10), i = 0..n-1,
# Euclidean distances; grid(w, h) = integer grid, Manhattan distances (many exact ties).
suppressMessages(library(cluster))
points_formula <- function(n) { i <- 0:(n - 1); cbind((37 * i) %% 101 / 10, (59 * i) %% 97 / 10) }
grid <- function(w, h) { g <- expand.grid(x = 0:(w - 1), y = 0:(h - 1)); as.matrix(g) }
show <- function(name, fit, n) {
  cat(name, "\n  medoids (0-based, sorted):", sort(fit$id.med - 1), "\n")
  cat("  loss:", sprintf("%.17g", fit$objective[["swap"]] * n), "\n")
  cat("  clustering:", fit$clustering - 1, "\n")
}
d30 <- dist(points_formula(30))
show("A: pam(points_formula(30), k = 3)", pam(d30, 3), 30)
d40 <- dist(points_formula(40))
show("B: pam(points_formula(40), k = 5)", pam(d40, 5), 40)
show("B1: pam(points_formula(40), k = 5, variant = 'f_3')", pam(d40, 5, variant = "f_3"), 40)
show("B2: pam(points_formula(40), k = 5, medoids = 1:5, variant = 'faster')", pam(d40, 5, medoids = 1:5, variant = "faster"), 40)
show("B3: pam(points_formula(40), k = 5, medoids = 1:5)", pam(d40, 5, medoids = 1:5), 40)
dg <- dist(grid(6, 5), method = "manhattan")
show("C: pam(grid(6, 5) manhattan, k = 4)", pam(dg, 4), 30)
show("C1: pam(grid(6, 5) manhattan, k = 4, medoids = c(1, 2, 3, 4), variant = 'faster')", pam(dg, 4, medoids = 1:4, variant = "faster"), 30)
show("D: pam(points_formula(30), k = 1)", pam(d30, 1), 30)
d200 <- dist(points_formula(200))
show("E: pam(points_formula(200), k = 10)", pam(d200, 10), 200)
show("E1: pam(points_formula(200), k = 10, medoids = 1:10, variant = 'faster')", pam(d200, 10, medoids = 1:10, variant = "faster"), 200)

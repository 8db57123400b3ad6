# Reference values for tests/distance/needs_test.cpp (R 4.2, cluster 2.1.4).
# Run: Rscript tests/distance/r_reference.R
suppressMessages(library(cluster))
x <- data.frame(pop = c(12, 40, NA, 7, 25, 18), dmg = c(0.5, 0.1, 0.9, 0.3, NA, 0.7),
                const = c(3, 3, 3, 3, 3, 3),
                type = factor(c("city", "village", "village", NA, "settlement", "city")))
options(digits = 17)
cat("euclidean, dist(scale(x[, c('pop', 'dmg', 'const')])) (const gives NaN and is left out):\n")
print(as.vector(dist(scale(x[, c("pop", "dmg", "const")]))))
cat("gower, daisy(x[, c('pop', 'dmg', 'type')], metric = 'gower'):\n")
print(as.vector(daisy(x[, c("pop", "dmg", "type")], metric = "gower")))
cat("gower with weights c(1, 2, 0.5):\n")
print(as.vector(daisy(x[, c("pop", "dmg", "type")], metric = "gower", weights = c(1, 2, 0.5))))
cat("gower with the constant column:\n")
print(as.vector(daisy(x[, c("pop", "dmg", "const", "type")], metric = "gower")))
cat("euclidean without row e (the one sharing no column with c), dist(scale(x[-5, c('pop', 'dmg')])):\n")
print(as.vector(dist(scale(x[-5, c("pop", "dmg")]))))
cat("euclidean of the complete rows a, b, d, f weighted (1, 4): dist(scale(cbind(pop, 2 * dmg))) :\n")
y <- scale(x[c(1, 2, 4, 6), c("pop", "dmg")]); y[, 2] <- 2 * y[, 2]
print(as.vector(dist(y)))

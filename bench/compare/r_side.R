# The R side of the side-by-side harness (bench/compare/run.py): reads the inputs that
# clir_compare generated and times one call of cluster::pam, cluster::clara or spdep::skater,
# exactly as a user would make it. Prints one JSON object on stdout.
#
# Usage: Rscript r_side.R ALGORITHM DIR K [key=value ...]
#   ALGORITHM  pam       cluster::pam(d, k)                      (BUILD + original SWAP)
#              f3        cluster::pam(d, k, pamonce = 3)         (BUILD + FastPAM1 SWAP)
#              f5        cluster::pam(d, k, pamonce = 5)         (BUILD + FastPAM1 with several
#                                                                 swaps per pass and shortcuts)
#              faster    cluster::pam(d, k, variant = "faster", medoids = init)   (FasterPAM)
#              clara     cluster::clara(x, k, samples, sampsize)
#              skater    spdep: nbcosts -> nb2listw -> mstree -> skater(ncuts = K - 1)
#   keys       repeat=N           timed calls in this process (the result of the last is kept)
#              labels_out=FILE    write the labels (0-based int32) there
#              cluster_only=1     pam variants: time pam(..., cluster.only = TRUE) (no silhouette
#                                 information), then make one untimed full call for the checks
#              samples=S sampsize=J   clara
#              rprof=FILE         profile the timed calls with Rprof into FILE
#              skater_method=euclidean|ssd   spdep's default criterion (sum of distances to the
#                                 group mean) or a function giving the sum of squared deviations
# File formats: see clir_compare.cpp.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 3) stop("usage: Rscript r_side.R ALGORITHM DIR K [key=value ...]")
algorithm <- args[[1]]
dir <- args[[2]]
k <- as.integer(args[[3]])
opts <- list(`repeat` = "1", labels_out = "", rprof = "", cluster_only = "0", samples = "5", sampsize = "",
             skater_method = "euclidean")
for (kv in args[-(1:3)]) {
  parts <- strsplit(kv, "=", fixed = TRUE)[[1]]
  opts[[parts[[1]]]] <- paste(parts[-1], collapse = "=")
}
repeats <- as.integer(opts[["repeat"]])

read_f64 <- function(path) {
  size <- file.size(path)
  con <- file(path, "rb")
  on.exit(close(con))
  readBin(con, "double", n = size / 8, size = 8, endian = "little")
}
read_i32 <- function(path) {
  size <- file.size(path)
  con <- file(path, "rb")
  on.exit(close(con))
  readBin(con, "integer", n = size / 4, size = 4, endian = "little")
}
write_labels <- function(labels) {
  if (nzchar(opts$labels_out)) {
    con <- file(opts$labels_out, "wb")
    writeBin(as.integer(labels) - 1L, con, size = 4, endian = "little")
    close(con)
  }
}
json_num <- function(x) paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]")

# Times f() `repeats` times: wall clock (elapsed) and this process's CPU time (user + system).
# With rprof=FILE the calls run under R's sampling profiler (for run.py --profile).
timed <- function(f) {
  if (nzchar(opts$rprof)) {
    Rprof(opts$rprof, interval = 0.02)
    on.exit(Rprof(NULL))
  }
  wall <- numeric(repeats)
  cpu <- numeric(repeats)
  result <- NULL
  for (r in seq_len(repeats)) {
    t0 <- proc.time()
    result <- f()
    t1 <- proc.time()
    wall[r] <- t1[["elapsed"]] - t0[["elapsed"]]
    cpu[r] <- (t1[["user.self"]] - t0[["user.self"]]) + (t1[["sys.self"]] - t0[["sys.self"]])
  }
  list(result = result, wall = wall, cpu = cpu)
}

peak_rss_kib <- function() {
  status <- tryCatch(readLines("/proc/self/status"), error = function(e) character())
  line <- grep("^VmHWM:", status, value = TRUE)
  if (length(line) == 0) return(-1)
  as.numeric(gsub("[^0-9]", "", line))
}

t_read <- proc.time()[["elapsed"]]
if (algorithm %in% c("pam", "f3", "f5", "faster")) {
  suppressPackageStartupMessages(library(cluster))
  v <- read_f64(file.path(dir, "dist.f64"))
  n <- as.integer(round((1 + sqrt(1 + 8 * length(v))) / 2))
  d <- structure(v, Size = n, Diag = FALSE, Upper = FALSE, method = "euclidean", class = "dist")
  rm(v)
  init <- if (algorithm == "faster") scan(file.path(dir, "init.txt"), quiet = TRUE) + 1L else NULL
  read_s <- proc.time()[["elapsed"]] - t_read
  call_pam <- function(cluster.only) {
    switch(algorithm,
           pam = pam(d, k, cluster.only = cluster.only),
           f3 = pam(d, k, pamonce = 3, cluster.only = cluster.only),
           f5 = pam(d, k, pamonce = 5, cluster.only = cluster.only),
           faster = pam(d, k, variant = "faster", medoids = init, cluster.only = cluster.only))
  }
  cluster_only <- opts$cluster_only == "1"
  t <- timed(function() call_pam(cluster_only))
  fit <- if (cluster_only) call_pam(FALSE) else t$result
  write_labels(fit$clustering)
  # pam's objective is the mean dissimilarity; the loss both sides compare is the sum.
  cat(sprintf(paste0('{"side":"R","algorithm":"%s","n":%d,"k":%d,"cluster_only":%s,"wall_s":%s,',
                     '"cpu_s":%s,"read_s":%.6f,"loss":%.17g,"build_loss":%.17g,"medoids":[%s],',
                     '"peak_rss_kib":%.0f}\n'),
              algorithm, n, k, tolower(cluster_only), json_num(t$wall), json_num(t$cpu), read_s,
              fit$objective[["swap"]] * n, fit$objective[["build"]] * n,
              paste(fit$id.med - 1L, collapse = ","), peak_rss_kib()))
} else if (algorithm == "clara") {
  suppressPackageStartupMessages(library(cluster))
  pts <- read_f64(file.path(dir, "points.f64"))
  meta_dim <- as.integer(opts$dim)
  x <- matrix(pts, ncol = meta_dim, byrow = TRUE)
  n <- nrow(x)
  samples <- as.integer(opts$samples)
  sampsize <- if (nzchar(opts$sampsize)) as.integer(opts$sampsize) else min(n, 40L + 2L * k)
  read_s <- proc.time()[["elapsed"]] - t_read
  t <- timed(function() clara(x, k, samples = samples, sampsize = sampsize, medoids.x = FALSE,
                              keep.data = FALSE))
  fit <- t$result
  write_labels(fit$clustering)
  # Loss over all n points: sum of the Euclidean distance to the assigned medoid.
  med <- x[fit$i.med[fit$clustering], , drop = FALSE]
  loss <- sum(sqrt(rowSums((x - med)^2)))
  cat(sprintf(paste0('{"side":"R","algorithm":"clara","n":%d,"k":%d,"samples":%d,"sampsize":%d,',
                     '"wall_s":%s,"cpu_s":%s,"read_s":%.6f,"loss":%.17g,"medoids":[%s],',
                     '"peak_rss_kib":%.0f}\n'),
              n, k, samples, sampsize, json_num(t$wall), json_num(t$cpu), read_s, loss,
              paste(fit$i.med - 1L, collapse = ","), peak_rss_kib()))
} else if (algorithm == "skater") {
  suppressPackageStartupMessages(library(spdep))
  coords <- matrix(read_f64(file.path(dir, "coords.f64")), ncol = 2, byrow = TRUE)
  n <- nrow(coords)
  a <- read_f64(file.path(dir, "attrs.f64"))
  attrs <- matrix(a, nrow = n, byrow = TRUE)
  e <- matrix(read_i32(file.path(dir, "edges.i32")), ncol = 2, byrow = TRUE) + 1L
  # The neighbour list of exactly the exported (symmetric) graph.
  from <- c(e[, 1], e[, 2])
  to <- c(e[, 2], e[, 1])
  nb <- lapply(split(to, factor(from, levels = seq_len(n))), function(v) sort(as.integer(v)))
  names(nb) <- NULL
  attr(nb, "region.id") <- as.character(seq_len(n))
  attr(nb, "sym") <- TRUE
  class(nb) <- "nb"
  method <- if (opts$skater_method == "ssd") {
    function(data, id) {
      x <- data[id, , drop = FALSE]
      sum(sweep(x, 2, colMeans(x))^2)
    }
  } else {
    "euclidean"
  }
  read_s <- proc.time()[["elapsed"]] - t_read
  skater_wall <- numeric(repeats)
  call_no <- 0L
  t <- timed(function() {
    call_no <<- call_no + 1L
    costs <- nbcosts(nb, attrs)
    lw <- nb2listw(nb, costs, style = "B")
    tree <- mstree(lw, ini = 1)
    s0 <- proc.time()[["elapsed"]]
    res <- skater(tree[, 1:2], attrs, ncuts = k - 1, method = method)
    skater_wall[[call_no]] <<- proc.time()[["elapsed"]] - s0
    res
  })
  write_labels(t$result$groups)
  cat(sprintf(paste0('{"side":"R","algorithm":"skater","n":%d,"k":%d,"skater_method":"%s",',
                     '"wall_s":%s,"cpu_s":%s,"skater_only_wall_s":%s,"read_s":%.6f,',
                     '"groups":%d,"edges":%d,"peak_rss_kib":%.0f}\n'),
              n, k, opts$skater_method, json_num(t$wall), json_num(t$cpu), json_num(skater_wall),
              read_s, length(unique(t$result$groups)), nrow(e), peak_rss_kib()))
} else {
  stop("unknown algorithm ", algorithm)
}

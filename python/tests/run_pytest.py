#!/usr/bin/env python3
"""Runs the pytest suite for CTest: pytest's own output as it goes, then its summary line once
more at the very end and in SUMMARY_FILE, so that scripts/test can show it in the CI log.

    run_pytest.py SUMMARY_FILE TEST_DIR [pytest arguments]
"""
import subprocess
import sys


def main() -> int:
    summary_file, test_dir, *extra = sys.argv[1:]
    cmd = [sys.executable, "-m", "pytest", "-v", "-p", "no:cacheprovider", test_dir, *extra]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sys.stdout.write(proc.stdout)
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    summary = lines[-1] if lines else "pytest printed nothing"
    with open(summary_file, "w", encoding="utf-8") as f:
        f.write(summary + "\n")
    print(f"pytest summary: {summary}")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark behind ``make bench``: a synthetic installation built with set-based
SQL, served by gunicorn with production settings, measured against floors taken
in the same run (docs/performance.md)."""

"""annex_i."""

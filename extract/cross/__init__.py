"""cross."""

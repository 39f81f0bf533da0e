"""The workspace's own records: import batches (and their rows)."""

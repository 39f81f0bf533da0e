"""The workspace's forms, one module per page family."""

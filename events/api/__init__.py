"""The REST API of leadership events: each list scoped to the events the user manages, attends or judges."""

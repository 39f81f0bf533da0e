"""Every change to a project, its milestones, updates and budget: pages, API, admin and commands call these."""

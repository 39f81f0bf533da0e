"""The participant's pages: dashboard, project design, milestones, budget, updates and evidence."""
